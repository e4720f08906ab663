"""checks/files.py: every file under docs/ has its place; the pages of an issue agree."""

import os

import pytest

from tests.checks.helpers import ARTICLE, edit, line_of, only_problem, problems

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


# --- the kinds of file ---------------------------------------------------------------------

@pytest.mark.parametrize("rel, content", [
    ("2026/02/figure-1.png", PNG),
    ("2026/02/photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 8),
    ("2026/02/chart.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 "),
    ("2026/02/anim.gif", b"GIF89a" + b"\x00" * 6),
])
def test_files_that_belong(docs, rel, content):
    (docs / rel).parent.mkdir(parents=True, exist_ok=True)
    (docs / rel).write_bytes(content)
    assert problems(docs) == []


@pytest.mark.parametrize("rel, says", [
    ("evil.html", "a .html file has no place here (.html and .svg files can carry script): under docs/ belong only"),
    ("2026/02/figure.svg", "a .svg file has no place here (.html and .svg files can carry script)"),
    ("2026/02/article.ris", "a .ris file has no place here"),
    ("2026/02/notes.txt", "a .txt file has no place here"),
    ("2026/02/FIGURE.PNG", "a .PNG file has no place here"),
    (".DS_Store", "a file without extension file has no place here"),
    ("assets/logo.png", "a picture belongs in the folder of the issue whose article shows it"),
    ("assets/extra.html", "a .html file has no place here (.html and .svg files can carry script)"),
    # docs/ holds content only: the site's styles and scripts are in overrides/ (issue 18).
    ("extra.js", "expected content only under docs/: a .js file changes how every page looks or runs; "
                 "put it in overrides/assets/javascripts/"),
    ("assets/javascripts/extra.js", "expected content only under docs/: a .js file"),
    ("assets/stylesheets/journal.css", "expected content only under docs/: a .css file changes how every page looks or runs; "
                                       "put it in overrides/assets/stylesheets/"),
    ("2026/02/module.mjs", "expected content only under docs/: a .mjs file"),
    ("logo.png", "a picture belongs in the folder of the issue whose article shows it"),
])
def test_files_that_do_not(docs, rel, says):
    (docs / rel).parent.mkdir(parents=True, exist_ok=True)
    (docs / rel).write_bytes(PNG if rel.endswith(".png") else b"<script>alert(1)</script>")
    assert only_problem(docs).startswith(f"docs/{rel}:1: {says}")


def test_a_picture_is_what_its_name_says(docs):
    (docs / "2026/02/figure.png").write_bytes(b"<html><script>alert(1)</script>")
    assert only_problem(docs) == "docs/2026/02/figure.png:1: the file is not a PNG picture, whatever its name says"


def test_pictures_are_bounded(docs):
    (docs / "2026/02/figure.png").write_bytes(PNG + b"\x00" * (5 * 1024 * 1024))
    assert only_problem(docs).startswith("docs/2026/02/figure.png:1: the picture is 5,242,904 bytes; at most 5,242,880")


def test_symbolic_links_are_reported_not_followed(docs, tmp_path):
    (tmp_path / "secret.md").write_text("---\ntitle: x\n---\n\n秘密\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.md", docs / "2026/02/secret.md")
    os.symlink(tmp_path, docs / "2026/02/elsewhere")
    assert problems(docs) == [
        "docs/2026/02/elsewhere:1: symbolic link to a folder: not allowed under docs/ (it could publish files from elsewhere); "
        "put the files themselves here",
        "docs/2026/02/secret.md:1: symbolic link: not allowed under docs/ (it could publish a file from elsewhere); "
        "put the file itself here",
    ]


def test_a_named_pipe_is_not_opened(docs):
    os.mkfifo(docs / "2026/02/pipe.md")
    assert only_problem(docs).startswith("docs/2026/02/pipe.md:1: not a regular file")


# --- pages and the navigation --------------------------------------------------------------

def test_page_outside_the_navigation(docs):
    (docs / "extra.md").write_text("---\ntitle: 额外\n---\n\n正文。\n", encoding="utf-8")
    assert only_problem(docs) == ("docs/extra.md:1: this page would be outside the navigation: the site's pages are "
                                  "docs/index.md, the issues' docs/YYYY/NN/index.md and their articles docs/YYYY/NN/<name>.md")


def test_the_home_page_is_there(docs):
    (docs / "index.md").unlink()
    assert only_problem(docs) == "docs/index.md:1: the home page is missing: the navigation starts with it"


def test_generated_page_names_are_not_pages(docs):
    (docs / "keywords.md").write_text("---\ntitle: 关键词\n---\n", encoding="utf-8")
    assert only_problem(docs).startswith("docs/keywords.md:1: this page would be outside the navigation")


def test_two_sources_for_one_address(docs):
    (docs / "2026/02/article").mkdir()
    (docs / "2026/02/article/index.md").write_text("---\ntitle: 又一个\n---\n", encoding="utf-8")
    assert only_problem(docs) == ("docs/2026/02/article/index.md:1: two sources for one address: this page and "
                                  "docs/2026/02/article.md would both be /2026/02/article/")


def test_pages_below_an_issue_folder(docs):
    (docs / "2026/02/extra").mkdir()
    (docs / "2026/02/extra/page.md").write_text("正文。\n", encoding="utf-8")
    assert only_problem(docs).startswith("docs/2026/02/extra/page.md:1: pages of an issue are .md files directly in its folder docs/2026/02/")


def test_readme_is_another_index(docs):
    (docs / "README.md").write_text("正文。\n", encoding="utf-8")
    (docs / "2026/02/README.md").write_text("正文。\n", encoding="utf-8")
    found = problems(docs)
    assert found[0] == "docs/2026/02/README.md:1: an article's file name is lower-case letters, digits and hyphens, like wu-xinbo.md " \
                       "(MkDocs reads README.md as index.md, and addresses are case-sensitive)"
    assert found[-1] == "docs/README.md:1: two sources for one address: this page and docs/index.md would both be /"


def test_an_issue_folder_without_its_contents_page(docs):
    (docs / "2026/02/index.md").unlink()
    edit(docs, "[本期目录](index.md)", "本期目录")
    found = problems(docs)
    assert f"{ARTICLE}:1: the issue folder docs/2026/02/ has no contents page index.md, so this article would be in no navigation" in found


# --- the pages of an issue together --------------------------------------------------------

def test_overlapping_pages(docs):
    edit(docs, "first_page: 49", "first_page: 40", page="2026/02/other.md")
    line = line_of(docs, "first_page", page="2026/02/other.md")
    assert only_problem(docs) == (f"docs/2026/02/other.md:{line}: pages 40–60 overlap pages 35–48 of docs/2026/02/article.md: "
                                  "the articles of one issue do not share a printed page")


def test_issue_number_of_another_folder(docs):
    edit(docs, "  number: 2\n", "  number: 3\n")
    assert only_problem(docs) == (f"{ARTICLE}:{line_of(docs, '  number:')}: issue.number is 3, but the page is in docs/2026/02/: "
                                  "write number: 2, or move the page to its issue's folder")


def test_issue_year_of_the_contents_page(docs):
    edit(docs, "  year: 2026\n", "  year: 2025\n", page="2026/02/index.md")
    assert only_problem(docs).startswith("docs/2026/02/index.md:6: issue.year is 2025, but the page is in docs/2026/02/")


def test_article_issue_differs_from_its_contents_page(docs):
    edit(docs, "  total: 232\n", "  total: 233\n")
    assert only_problem(docs) == (f"{ARTICLE}:{line_of(docs, 'total:')}: issue.total is 233 here but 232 on the contents page "
                                  "docs/2026/02/index.md: every page of an issue gives the same issue fields")
