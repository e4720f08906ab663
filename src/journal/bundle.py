"""The offline bundle: the whole site as a zip that works from file:// with no network.

Material's offline plugin does most of it (no directory URLs, a search index loaded by a
script tag). What it leaves to fetch from other hosts is filled in here: the iframe-worker
shim that runs the search worker under file:// comes from the npm package installed by
`npm ci`, not from a CDN. The zip is written to a temporary name and renamed at the end.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_TARGET = Path("assets/javascripts/iframe-worker/shim.js")
# Pages that only make sense on a web server: absolute site_url links, server error page.
SERVER_ONLY = ["404.html", "sitemap.xml", "sitemap.xml.gz"]
REMOTE_ASSET = re.compile(r"""<(?:script|img|iframe)\b[^>]*\ssrc=["']?(?:https?:)?//|<link\b[^>]*rel=["']?stylesheet[^>]*href=["']?(?:https?:)?//""", re.I)


def bundle_name(docs):
    """Named after the newest issue: guoji-wenti-yanjiu-2026-02-offline.zip."""
    issues = sorted(p.parent.relative_to(docs) for p in docs.glob("*/*/index.md"))
    if not issues:
        raise SystemExit(f"error: {docs}: no issue folder (docs/YYYY/NN/index.md) to name the bundle after")
    year, number = issues[-1].parts
    return f"guoji-wenti-yanjiu-{year}-{number}-offline.zip"


def build_offline_site(target):
    env = dict(os.environ, OFFLINE="true", NO_MKDOCS_2_WARNING="1")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(target)],
        cwd=ROOT, env=env, check=True,
    )


def add_shim(site):
    if not SHIM.exists():
        raise SystemExit(f"error: {SHIM.relative_to(ROOT)} is missing; run `npm ci` (make bundle does)")
    (site / SHIM_TARGET).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM, site / SHIM_TARGET)
    shutil.copyfile(SHIM.parent.parent / "LICENSE", site / SHIM_TARGET.parent / "LICENSE")


def check_no_remote_assets(site):
    """Fail rather than ship a page that would fetch something from another host."""
    bad = [str(p.relative_to(site)) for p in site.rglob("*.html") if REMOTE_ASSET.search(p.read_text(encoding="utf-8"))]
    if bad:
        raise SystemExit("error: pages in the bundle load assets from another host: " + ", ".join(bad))


def zip_site(site, zip_path):
    temporary = zip_path.with_name(zip_path.name + ".tmp")
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                # A fixed timestamp keeps the zip the same for the same site.
                info = zipfile.ZipInfo(path.relative_to(site).as_posix(), date_time=(2026, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    os.replace(temporary, zip_path)


def main(argv=None):
    dist = ROOT / "dist"
    dist.mkdir(exist_ok=True)
    zip_path = dist / bundle_name(ROOT / "docs")
    with tempfile.TemporaryDirectory(prefix="offline-", dir=ROOT / "dist") as work:
        site = Path(work) / "site"
        build_offline_site(site)
        add_shim(site)
        for name in SERVER_ONLY:
            (site / name).unlink(missing_ok=True)
        check_no_remote_assets(site)
        zip_site(site, zip_path)
    print(f"wrote {zip_path.relative_to(ROOT)} ({zip_path.stat().st_size / 1024 / 1024:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
