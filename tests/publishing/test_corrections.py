"""Corrections made visible: a temporary git repository holds an imported issue, a later
commit corrects one article; the build lists that correction (date, commit link) on the page,
dates the PDF, the cite box, RIS and the sitemap by it. The project's own history is never
touched."""

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import rispy

from tests.conftest import ARCHIVE, build_site
from tests.html_tools import read
from tests.publishing.conftest import pdf_text, squeeze

REPO_URL = "https://github.com/example/journal"
ARTICLE = "2026/01/zhang-san.md"
UNTOUCHED = "2026/01/li-si.md"
REVERTED = "2025/06/zhang-san.md"


def git(repo, *args, date="2026-01-20T10:00:00+08:00"):
    env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, GIT_AUTHOR_NAME="编辑",
               GIT_COMMITTER_NAME="编辑", GIT_AUTHOR_EMAIL="e@example.org", GIT_COMMITTER_EMAIL="e@example.org")
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    repo = tmp_path_factory.mktemp("repo")
    shutil.copytree(ARCHIVE, repo / "docs")
    for label, folder in (("2026-01", "2026/01"), ("2025-06", "2025/06")):
        pages = {p.relative_to(repo / "docs").as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                 for p in sorted((repo / "docs" / folder).glob("*.md"))}
        (repo / "sources" / label).mkdir(parents=True)
        (repo / "sources" / label / "imported.yaml").write_text(
            "pages:\n" + "".join(f"  {k}: {v}\n" for k, v in pages.items()), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Import the issues")
    page = repo / "docs" / ARTICLE
    page.write_text(page.read_text(encoding="utf-8").replace("最后一段。", "最后一段（已更正）。"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "更正结语中的错字", date="2026-02-01T09:30:00+08:00")
    fix = git(repo, "rev-parse", "HEAD")
    other = repo / "docs" / REVERTED
    original = other.read_text(encoding="utf-8")
    other.write_text(original.replace("最后一段。", "误改。"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "A change", date="2026-02-02T09:00:00+08:00")
    other.write_text(original, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Revert the change", date="2026-02-03T09:00:00+08:00")
    result = build_site(repo / "docs", repo / "site", JOURNAL_PDF_CACHE="", REPO_URL=REPO_URL)
    if result.returncode:
        pytest.fail(result.stderr)
    return repo / "site", fix


def html_of(site, src_uri):
    return site / src_uri[: -len(".md")] / "index.html"


def test_the_corrected_article_lists_its_correction_with_date_and_commit_link(corrected):
    site, fix = corrected
    doc = read(html_of(site, ARTICLE))
    [section] = doc.texts("online-corrections")
    assert "网络版更正" in section and "Online corrections" in section
    assert "2026-02-01" in section and "更正结语中的错字" in section
    assert f"{REPO_URL}/commit/{fix}" in [a["href"] for a in doc.find_all("a") if "href" in a]
    assert "网络版更正于 2026-02-01" in doc.text
    assert "本版日期 2026-02-01（含网络版更正 1 处）" in doc.text
    assert "最后一段（已更正）。" in doc.text


def test_untouched_and_reverted_articles_list_no_corrections(corrected):
    site, _ = corrected
    for src_uri in (UNTOUCHED, REVERTED):
        doc = read(html_of(site, src_uri))
        assert doc.texts("online-corrections") == [] and "网络版更正于" not in doc.text, src_uri
        assert "（与印刷版同文）" in doc.text


def test_pdf_ris_json_ld_and_sitemap_carry_the_version_date(corrected):
    site, _ = corrected
    text = pdf_text(site / "2026" / "01" / "zhang-san.pdf")
    assert "本版日期 2026-02-01（含网络版更正 1 处）" in text and "更正结语中的错字" in text
    assert squeeze("最后一段（已更正）。") in squeeze(text)
    [record] = rispy.loads((site / "2026" / "01" / "zhang-san.ris").read_text(encoding="utf-8"))
    assert record["notes"] == ["网络版更正于 2026-02-01"]
    assert "note = {网络版更正于 2026-02-01}" in (site / "2026" / "01" / "zhang-san.bib").read_text(encoding="utf-8")
    assert '"dateModified": "2026-02-01T09:30:00+08:00"' in html_of(site, ARTICLE).read_text(encoding="utf-8")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    lastmod = dict(re.findall(r"<loc>[^<]*?/(\d{4}/\d{2}/[^/<]+)/</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))
    assert lastmod["2026/01/zhang-san"] == "2026-02-01"  # the correction
    assert lastmod["2026/01/li-si"] == "2026-01-20"  # the import commit
    assert lastmod["2025/06/zhang-san"] == "2026-02-03"  # last changed, even if back as imported
