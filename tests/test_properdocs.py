"""The builder's future: ProperDocs (a maintained fork of MkDocs 1.6, which runs MkDocs plugins
through their entry points) builds the very same site from the same mkdocs.yml. MkDocs 2.0
pre-releases have no plugins at all, and Material caps mkdocs<2: when MkDocs 1.6 must go, the
switch is `properdocs build` in the Makefile."""

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(Path(site).rglob("*")) if p.is_file()}


def without_generator(data):
    """Pages name their builder in <meta name="generator">; nothing else may differ."""
    return b"\n".join(line for line in data.split(b"\n") if b'name="generator"' not in line)


def test_properdocs_builds_the_same_site(site, tmp_path):
    # A cache folder of its own: the comparison is with nothing a build kept.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", JOURNAL_CACHE_DIR=str(tmp_path / "cache"))
    # `python -m`, not the venv's script: a copied venv's scripts name another checkout's python.
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "--quiet", "-f", "mkdocs.yml", "--site-dir", str(tmp_path / "site")],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    ours, theirs = files(site), files(tmp_path / "site")
    assert sorted(ours) == sorted(theirs)  # the search index too: its files are named by their content
    differing = [name for name in sorted(ours) if without_generator(ours[name]) != without_generator(theirs[name])]
    assert differing == []
    assert any(b"ProperDocs" in data for data in theirs.values())
