"""The offline bundles: the site as zips that work from file:// with no network.

`python -m journal.bundle` (make bundle) writes into dist/ one zip for the whole archive and one
per issue (the home page, that issue, the indexes), named after what they hold:

    guoji-wenti-yanjiu-archive-offline.zip
    guoji-wenti-yanjiu-2026-02-offline.zip

Material's offline plugin does most of it (no directory URLs); with it on, the zh-search
plugin writes the search index as one script, search/offline-index.js, instead of Pagefind's
index, whose fetches cannot work from file:// (src/journal/search/DESIGN.md). The shim the
offline plugin adds from a CDN for a search worker is left out by overrides/main.html (the
journal's search runs none). Before zipping, every page and style sheet is read (HTML with a
parser) for anything that would load from another host. Each zip is written to a temporary
name and renamed at the end.

The project is the folder of the `mkdocs.yml` found from the working directory upwards (as
`mkdocs` itself is run), never this file's location: installed without `-e`, or with one venv
shared by two checkouts, `make bundle` bundles the checkout it is run in, into its dist/. A
symbolic link anywhere under docs/ stops the bundle naming it: the zip would carry whatever the
link points at (another checkout's page, a file outside the project).

Every zip holds one folder named after it (guoji-wenti-yanjiu-2026-02-offline/index.html …), so
unzipping never spills pages into the folder it is done in.

No zip carries a PDF twice. An issue's PDF is its cover followed by its articles' PDFs, page for
page, and every article's PDF is numbered with its pages in the issue (an offprint): so every
zip keeps the articles' PDFs and leaves out the issues' (its build runs with
JOURNAL_ISSUE_PDF=false, so no page links one). Printed in order, an issue zip's PDFs are the
issue; the issue PDF itself stays on the website.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from . import catalog
from .diagnostics import Diagnostic

CONFIG = "mkdocs.yml"
# Pages that only make sense on a web server: absolute site_url links, server error page.
SERVER_ONLY = ["404.html", "sitemap.xml", "sitemap.xml.gz"]
PREFIX = "guoji-wenti-yanjiu"
# Attributes by which an element makes the browser fetch something.
FETCHING = {"src", "srcset", "poster", "data", "background", "formaction", "action"}
FETCHING_LINKS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "manifest", "import"}
CSS_URL = re.compile(r"""(?:url\(\s*|@import\s+)["']?\s*([^"')\s]+)""", re.I)


def zip_name(label):
    return f"{PREFIX}-{label}-offline.zip"


def find_project(start=None):
    """(project folder, mkdocs.yml) from the working directory or its nearest ancestor holding
    mkdocs.yml; a Diagnostic if none does."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG).is_file():
            return folder, folder / CONFIG
    raise Diagnostic(here, None, f"expected a {CONFIG} here or in a parent folder (run make bundle in the project)")


def docs_dir_of(config_file):
    """The docs folder mkdocs.yml names (its !ENV tags read as MkDocs reads them)."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as f:
        config = yaml_load(f) or {}
    return (Path(config_file).parent / str(config.get("docs_dir") or "docs")).resolve()


def refuse_links(docs):
    """A Diagnostic naming the first symbolic link under `docs` (walked without following any)."""
    for folder, dirs, files in os.walk(docs, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if path.is_symlink():
                raise Diagnostic(path, None, "expected a file or folder, found a symbolic link (the bundle never follows links under docs/; copy the file in)")


def bundles(docs):
    """[(label, [issue folders])]: the whole archive first, then each issue."""
    issues = catalog.read_catalog(catalog.pages_on_disk(docs))
    if not issues:
        raise Diagnostic(docs, None, "no issue folder (docs/YYYY/NN/index.md) to bundle")
    folders = [catalog.issue_dir_of(issue.src_uri) for issue in issues]
    return [("archive", folders)] + [(folder.replace("/", "-"), [folder]) for folder in folders]


def docs_with(docs, folders, target):
    """A copy of `docs` without the issue folders that are not in `folders`."""
    refuse_links(docs)
    shutil.copytree(docs, target, symlinks=True)  # links were refused above; none is followed
    for issue in catalog.read_catalog(catalog.pages_on_disk(target)):
        folder = catalog.issue_dir_of(issue.src_uri)
        if folder not in folders:
            shutil.rmtree(target / folder)
    return target


def build_offline_site(docs, target, config_file=None):
    """The offline build of `docs` into `target`, with the project's mkdocs.yml, without the
    issues' PDFs (see above)."""
    root, config_file = (Path(config_file).parent, Path(config_file)) if config_file else find_project()
    env = dict(os.environ, OFFLINE="true", NO_MKDOCS_2_WARNING="1", DOCS_DIR=str(docs),
               JOURNAL_ISSUE_PDF="false")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config_file), "--site-dir", str(target)],
        cwd=root, env=env, check=True,
    )


def is_remote(url):
    return bool(re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", url, re.I)) or url.strip().lower().startswith(("http:", "https:"))


class RemoteLoads(HTMLParser):
    """Collects the URLs on another host that a page would load (not links a reader follows)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            value = value or ""
            if name in FETCHING or (name == "href" and tag == "link" and FETCHING_LINKS & set((attrs.get("rel") or "").lower().split())):
                urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
                self.found += [f"<{tag} {name}={url}>" for url in urls if is_remote(url)]
            if name == "style":
                self.found += [f"<{tag} style=url({url})>" for url in CSS_URL.findall(value) if is_remote(url)]

    def handle_data(self, data):
        if self.lasttag == "style":
            self.found += [f"<style> url({url})" for url in CSS_URL.findall(data) if is_remote(url)]


def remote_loads(site):
    """{file: [what it would load from another host]} over every page and style sheet."""
    found = {}
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            parser = RemoteLoads()
            parser.feed(path.read_text(encoding="utf-8"))
            hits = parser.found
        elif path.suffix == ".css":
            hits = [f"url({url})" for url in CSS_URL.findall(path.read_text(encoding="utf-8")) if is_remote(url)]
        else:
            continue
        if hits:
            found[path.relative_to(site).as_posix()] = hits
    return found


def top_folder(zip_path):
    """The one folder a zip holds: its own name without .zip."""
    return Path(zip_path).name.removesuffix(".zip")


def zip_site(site, zip_path):
    temporary = zip_path.with_name(zip_path.name + ".tmp")
    top = top_folder(zip_path)
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                # A fixed timestamp keeps the zip the same for the same site.
                info = zipfile.ZipInfo(f"{top}/{path.relative_to(site).as_posix()}", date_time=(2026, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    os.replace(temporary, zip_path)


def make_bundle(docs, folders, zip_path, work, config_file=None):
    """One zip of the issues `folders` of `docs`, the articles' PDFs without the issues' (see above)."""
    site = work / "site"
    build_offline_site(docs_with(docs, folders, work / "docs"), site, config_file)
    for name in SERVER_ONLY:
        (site / name).unlink(missing_ok=True)
    remote = remote_loads(site)
    if remote:
        raise SystemExit("error: the bundle would load from another host:\n" + "\n".join(
            f"  {path}: {', '.join(hits)}" for path, hits in remote.items()))
    zip_site(site, zip_path)


def main(argv=None):
    try:
        root, config_file = find_project()
        docs, dist = docs_dir_of(config_file), root / "dist"
        refuse_links(docs)
        plan = bundles(docs)
    except Diagnostic as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    dist.mkdir(exist_ok=True)
    for label, folders in plan:
        zip_path = dist / zip_name(label)
        with tempfile.TemporaryDirectory(prefix="offline-", dir=dist) as work:
            make_bundle(docs, folders, zip_path, Path(work), config_file)
        print(f"wrote {zip_path.relative_to(root)} ({zip_path.stat().st_size / 1024 / 1024:.1f} MiB)")
    wanted = {zip_name(label) for label, _ in plan}
    for stale in dist.glob(zip_name("*")):  # bundles of issues no longer in docs/
        if stale.name not in wanted:
            stale.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
