"""The package works installed, not only from its checkout (issue 18, item 6).

It finds the project from the working directory and mkdocs.yml (config_file_path, docs_dir),
never from where its own files are: the package is installed non-editably (pip --target, from a
copy of the source) and builds a small project in another folder, with that install first on
sys.path and an audit hook recording every file and folder opened. Nothing of the source tree
may be opened (the virtual environment, which lives in the checkout, is the only exception: it
holds MkDocs and Material).
"""

import json
import os
import shutil
import subprocess
import sys
import textwrap

from tests.conftest import ROOT
from tests.site.test_plugin_boundary import make_project

RUNNER = textwrap.dedent("""
    import json, os, sys

    target, source, report = sys.argv[1:4]
    environment = {os.path.abspath(sys.prefix) + os.sep, os.path.realpath(sys.prefix) + os.sep}
    # The checkout's editable install puts its src/ on sys.path (a .pth file): out, as on a
    # machine where the package was only ever installed; the installed copy first.
    sys.path[:] = [target] + [p for p in sys.path if not (os.path.abspath(p) + os.sep).startswith(source + os.sep)
                              or any((os.path.abspath(p) + os.sep).startswith(env) for env in environment)]
    opened = []

    def audit(event, args):
        # Only string work here: a hook that opened files would call itself.
        if event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.path.abspath(os.fsdecode(args[0]))
            if path.startswith(source + os.sep) and not any(path.startswith(env) for env in environment):
                opened.append(path)

    sys.addaudithook(audit)
    import journal
    from mkdocs.__main__ import cli

    try:
        cli(["build", "--strict", "--quiet"], standalone_mode=False)
        status = 0
    except SystemExit as exit:
        status = exit.code
    with open(report, "w", encoding="utf-8") as file:
        json.dump({"journal": journal.__file__, "status": status, "opened": sorted(set(opened))}, file)
""")


def copy_of_the_source(folder):
    """What `pip install .` reads: pyproject.toml and src/ (no build/ or egg-info in the checkout)."""
    folder.mkdir()
    shutil.copy(ROOT / "pyproject.toml", folder / "pyproject.toml")
    shutil.copytree(ROOT / "src", folder / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return folder


def test_installed_without_e_it_builds_a_project_elsewhere(tmp_path):
    source = copy_of_the_source(tmp_path / "source")
    target = tmp_path / "installed"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                              "--no-index", "--target", str(target), str(source)],
                             capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr
    assert (target / "journal" / "search" / "templates" / "partials" / "header.html").is_file()  # package data shipped
    assert (target / "journal" / "schema" / "files.allow-list.yaml").is_file()

    project = make_project(tmp_path / "project")
    runner, report = tmp_path / "runner.py", tmp_path / "report.json"
    runner.write_text(RUNNER, encoding="utf-8")
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("DOCS_DIR", "JOURNAL_", "OFFLINE", "PYTHON"))}
    environment.update(NO_MKDOCS_2_WARNING="1", JOURNAL_PDF="false", JOURNAL_SEARCH="true",
                       JOURNAL_CACHE_DIR=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, "-I", str(runner), str(target), str(ROOT), str(report)], cwd=project,
                            env=environment, capture_output=True, text=True, timeout=900)
    assert report.is_file(), result.stdout + result.stderr
    found = json.loads(report.read_text(encoding="utf-8"))
    assert found["status"] == 0, result.stdout + result.stderr
    assert found["journal"].startswith(str(target) + os.sep)  # the installed copy, not src/
    assert found["opened"] == [], "read from the source tree: " + ", ".join(found["opened"][:10])
    site = project / "site"
    html = (site / "2026" / "02" / "article" / "index.html").read_text(encoding="utf-8")
    assert 'class="md-search journal-search"' in html  # zh-search's header partial, from the installed package
    assert "assets/stylesheets/journal.css" in html and (site / "assets" / "stylesheets" / "journal.css").is_file()
    assert (site / "search" / "index" / "index.json").is_file()
    assert (site / "archive" / "index.html").is_file() and any(site.rglob("*.jats.xml"))
