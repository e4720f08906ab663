"""What a `mkdocs serve --dirty` rebuild (make serve) may leave as the last build wrote it.

MkDocs rebuilds a page on --dirty when its source is newer than its output, and always rebuilds
a generated page (it has no source). The journal generates some 60 pages at 50 issues (the
archive, the keyword and author indexes, the English contents of every issue, each year's
issues, About): their content is made from the front matter of every page, data/journal.yaml
and mkdocs.yml, never from an article's body. So when none of those changed since the last
build into the same site folder, this process's last build wrote exactly what a new one would:
they are marked unchanged, and MkDocs leaves them. When any front matter changed, they are
rebuilt, and so are the home page and the issues' contents pages, which show other pages' front
matter (MkDocs alone would leave them stale).

Only --dirty builds consult this (MkDocs reads File.is_modified only then): `make build` and a
plain `mkdocs serve` rebuild everything as before.
"""

import hashlib
import os
from pathlib import Path

from .. import catalog

# site folder -> the fingerprint of the last build into it, in this process
_last = {}
# What `remember` made for the last build, and for this one.
_made_before, _made_now = {}, {}


def fingerprint(config, pages, data_file):
    """A digest of everything the generated pages are made of: every page's front matter
    ({src_uri: front matter}, as catalog.pages_on_disk reads it), the journal's data file,
    mkdocs.yml, the site's address and the templates in overrides/ (their times and sizes)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr(sorted(pages.items(), key=lambda item: item[0])).encode("utf-8", "surrogatepass"))
    for path in (data_file, config.config_file_path):
        try:
            with open(path, "rb") as f:
                digest.update(f.read())
        except (OSError, TypeError):
            digest.update(b"-")
        digest.update(b"\0")
    digest.update(str(config.site_url).encode())
    # The project's templates (a change to one shows on the next save, even without --watch-theme).
    custom_dir = config.theme.custom_dir
    for path in sorted(Path(custom_dir).rglob("*")) if custom_dir else ():
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\0".encode("utf-8", "surrogatepass"))
    return digest.digest()


def mark(files, config, generated, print_of_front_matter, fingerprint):
    """On a rebuild into the same site folder: `generated` (src_uris of the generated pages)
    unchanged when `fingerprint` is the last build's and their output is there; else the pages
    in `print_of_front_matter` rebuilt too."""
    global _made_before, _made_now
    _made_before, _made_now = _made_now, {}
    same = _last.get(config.site_dir) == fingerprint
    _last[config.site_dir] = fingerprint
    for src_uri in generated if same else print_of_front_matter:
        file = files.get_file_from_path(src_uri)
        if file is None:
            continue
        if same and os.path.isfile(file.abs_dest_path):
            file.is_modified = _unchanged
        elif not same:
            file.is_modified = _changed


def remember(make, *args):
    """make(*args), or what it gave the last build for the same arguments (hashable: the
    frozen model and plain values), e.g. an article's RIS file. Only the last build's values
    are kept (`mark` starts the next build)."""
    key = (make, *args)
    value = _made_before.get(key)
    if value is None:
        value = make(*args)
    _made_now[key] = value
    return value


def _unchanged():
    return False


def _changed():
    return True


def front_matter_pages(issues):
    """The written pages that print other pages' front matter: the home page and each issue's
    contents page."""
    return [catalog.HOME] + [issue.src_uri for issue in issues]
