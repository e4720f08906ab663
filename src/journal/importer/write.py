"""Write pages under docs/ all or nothing, and never over a page someone edited.

Once imported, the pages are the canonical text that readers correct through pull requests.
A manifest beside the source records the hash of each page as the importer wrote it; a page
whose hash no longer matches was edited since, and a second import refuses to overwrite it
unless forced.
"""

import hashlib
import os
from pathlib import Path

import yaml


class EditedPagesError(Exception):
    def __init__(self, pages):
        self.pages = pages
        names = "\n  ".join(str(p) for p in pages)
        super().__init__(
            f"these pages were edited after the last import and would be overwritten:\n  {names}\n"
            "keep the edits (do nothing), or re-import with --force to replace them"
        )


def digest(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_manifest(path):
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data.get("pages", {})


def edited_pages(pages, docs, manifest):
    """Pages on disk that differ from both this import and what the last import wrote."""
    edited = []
    for name, text in pages.items():
        target = docs / name
        if not target.exists():
            continue
        current = target.read_text(encoding="utf-8")
        if current != text and manifest.get(name) != digest(current):
            edited.append(target)
    return edited


def write_pages(pages, docs, manifest_path, force=False):
    docs, manifest_path = Path(docs), Path(manifest_path)
    edited = edited_pages(pages, docs, read_manifest(manifest_path))
    if edited and not force:
        raise EditedPagesError(edited)
    files = {docs / name: text for name, text in pages.items()}
    files[manifest_path] = "# Written by `python -m build_tools import`: the pages as imported.\n" + yaml.dump(
        {"pages": {name: digest(text) for name, text in sorted(pages.items())}}, sort_keys=True
    )
    _replace_all(files)


def _replace_all(files):
    """Stage every file next to its target, then rename them in: a failure while staging
    leaves every target as it was."""
    staged = []
    try:
        for target, text in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            temporary.write_text(text, encoding="utf-8", newline="\n")
            staged.append((temporary, target))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in staged:
        os.replace(temporary, target)
