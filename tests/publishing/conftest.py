"""Fixtures for what the journal-publishing plugin makes: the frozen two-issue archive built
with real PDF galleys (no cache: WeasyPrint runs), and helpers that read PDFs the way a
reader's tools do (poppler's pdftotext, pdffonts, pdfinfo)."""

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ARCHIVE, build_site, docs_with_assets


@pytest.fixture(scope="session")
def site(site):
    """The live build (site/, made by `make build`); JOURNAL_TEST_SITE names another build of
    docs/ (a helper's temporary one)."""
    override = os.environ.get("JOURNAL_TEST_SITE")
    return Path(override) if override else site


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """The frozen archive built with the PDFs rendered for real (the cache off)."""
    work = tmp_path_factory.mktemp("published")
    docs = docs_with_assets(ARCHIVE, work / "docs")
    result = build_site(docs, work / "site", JOURNAL_PDF_CACHE="")
    if result.returncode:
        pytest.fail(f"the fixture archive did not build:\n{result.stderr}")
    return work / "site"


def run(*command):
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdf_text(path):
    """The text in the order it was laid out (-raw): plain pdftotext sorts a note's
    superscript call by its position and may set it a few characters off."""
    return run("pdftotext", "-raw", "-enc", "UTF-8", str(path), "-")


def pdf_info(path):
    """pdfinfo's fields as a dict."""
    info = {}
    for line in run("pdfinfo", "-enc", "UTF-8", str(path)).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_fonts(path):
    """[(name, type, embedded, subset, unicode)] from pdffonts."""
    rows = run("pdffonts", str(path)).splitlines()[2:]
    fonts = []
    for row in rows:
        parts = row.split()
        # name, type words..., encoding, emb, sub, uni, object, id
        fonts.append((parts[0], " ".join(parts[1:-6]), parts[-5] == "yes", parts[-4] == "yes", parts[-3] == "yes"))
    return fonts


def squeeze(text):
    """Text compared without white space or hyphens (line ends break both differently)."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def page_fill(path, bottom_margin_mm=18):
    """For each page, how far down its lowest line of text reaches (0–1 of the page height),
    not counting the bottom margin (where a page number stands)."""
    out = run("pdftotext", "-bbox", str(path), "-")
    fills = []
    for _, height, body in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        height = float(height)
        ys = [float(y) for y in re.findall(r'yMax="([\d.]+)"', body)]
        inside = [y for y in ys if y < height - bottom_margin_mm * 72 / 25.4]
        fills.append(max(inside, default=0) / height)
    return fills
