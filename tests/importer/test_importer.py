"""The whole importer: the real issue source, bad input, and the command line with its protections.

Real-source tests read sources/2026-02/ but never write there: the command-line tests copy the
source into tmp_path, so the manifest (imported.yaml, written beside the source) and the pages
(--docs) stay inside tmp_path.
"""

import re
import shutil
from collections import Counter

import pytest
import yaml

from journal.__main__ import main
from journal.diagnostics import Diagnostic
from journal.importer.pipeline import convert, import_issue
from journal.importer.render import render_issue

from tests.importer.importer_fixtures import REAL_CORRECTIONS, REAL_SOURCE, TINY_ISSUE, line_of, replace_once, write_issue

FOOTNOTE_COUNTS = [17, 36, 20, 67, 35, 60, 83]
PAGES = [(1, 11), (12, 34), (35, 48), (49, 74), (75, 94), (95, 112), (113, 136)]
CJK_SPACE = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")
DEBRIS = ["<sup", "</", "data-bbox", "\\_", "<div", "&lt;", "&gt;"]
LABEL_LINE = re.compile(r"^(〔\s*(提\s*要|关\s*键\s*词|作者简介|中图分类号|文献标识码|文章编号)|【责任编辑|\\?\*\s+本文)")
SENTENCE_FINAL = "。！？!?….:：；;"
CLOSING = "”’\"'）)》】"


def split_page(text):
    match = re.fullmatch(r"---\n(.*?\n)---\n(.*)", text, re.S)
    assert match, "page does not start with a YAML front matter block"
    return yaml.safe_load(match[1]), match[2]


def body_blocks(text):
    """The Markdown blocks of a page's body, without the footnote definitions."""
    _, body = split_page(text)
    return [b for b in body.strip("\n").split("\n\n") if not re.match(r"\[\^\d+\]:", b)]


def real_text():
    return REAL_SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def real():
    issue, warnings = convert(REAL_SOURCE)
    pages = render_issue(issue)
    article_pages = [pages[f"2026/02/{a.slug}.md"] for a in issue.articles]
    return issue, warnings, pages, article_pages


# --- the real source -----------------------------------------------------------------------

def test_real_source_has_seven_articles_and_no_warnings(real):
    issue, warnings, pages, _ = real
    assert len(issue.articles) == 7
    assert warnings == []
    assert len(pages) == 8 and "2026/02/index.md" in pages
    assert (issue.year, issue.number, issue.total, issue.published) == (2026, 2, 232, "2026-03-15")


def test_real_footnote_counts_and_numbering(real):
    issue = real[0]
    assert [len(a.footnotes) for a in issue.articles] == FOOTNOTE_COUNTS
    assert sum(len(a.footnotes) for a in issue.articles) == 318
    for article in issue.articles:
        assert [n.number for n in article.footnotes] == list(range(1, len(article.footnotes) + 1))
        assert all(n.text.strip() for n in article.footnotes)


def test_real_every_reference_has_exactly_one_definition_and_vice_versa(real):
    issue, _, _, article_pages = real
    for article, page in zip(issue.articles, article_pages):
        definitions = re.findall(r"^\[\^(\d+)\]:", page, re.M)
        references = re.findall(r"\[\^(\d+)\](?!:)", page)
        assert set(Counter(definitions).values()) == {1}, article.slug
        assert Counter(references) == Counter(definitions), article.slug
        # In reading order, the references count up 1, 2, 3, ...
        assert [int(r) for r in references] == list(range(1, len(references) + 1)), article.slug


def test_real_pages_and_the_contents_list(real):
    issue, _, pages, _ = real
    assert [(a.first_page, a.last_page) for a in issue.articles] == PAGES
    assert [a.first_page for a in issue.articles] == [e.page for e in issue.contents]
    # The contents page is front matter only; the site lists the articles from their own pages.
    contents = yaml.safe_load(pages["2026/02/index.md"].split("---\n")[1])
    assert contents["issue"]["number"] == 2 and pages["2026/02/index.md"].endswith("---\n\n")


def test_real_metadata_is_complete(real):
    issue = real[0]
    for article in issue.articles:
        for field in ("abstract", "abstract_en", "clc", "editor", "column", "title_en", "title", "slug"):
            assert getattr(article, field).strip(), (article.slug, field)
        assert article.document_code == "A"
        assert article.keywords and all(k.strip() for k in article.keywords), article.slug
        assert article.authors
        for author in article.authors:
            assert author.name and author.name_en and author.bio, (article.slug, author)
    assert [a.slug for a in issue.articles] == [
        "yang-jiemian", "zhang-chaozhe", "wu-xinbo", "wang-fan", "du-lan", "bai-jiayu", "xu-haina"]


def test_real_titles_and_names_have_no_spaces_between_cjk(real):
    issue = real[0]
    for article, entry in zip(issue.articles, issue.contents):
        assert not CJK_SPACE.search(article.title)
        assert entry.text == " ".join([article.title] + [a.name for a in article.authors])
        assert not any(CJK_SPACE.search(a.name) for a in article.authors)
    assert "吴 凡" in real_text()
    assert [a.name for a in issue.articles[1].authors] == ["张超哲", "吴凡"]


def test_real_funding_notes_for_the_starred_titles(real):
    issue = real[0]
    lines = real_text().split("\n")
    starred = [a.line for a in issue.articles if "<sup>\\*</sup>" in lines[a.line - 1]]
    with_funding = [a.line for a in issue.articles if a.funding]
    assert with_funding == starred
    assert [i for i, a in enumerate(issue.articles, start=1) if a.funding] == [2, 3, 6]
    for article in issue.articles:
        assert not article.funding.startswith(("*", "\\"))


def test_real_pages_have_no_debris(real):
    issue, _, _, article_pages = real
    for article, page in zip(issue.articles, article_pages):
        for debris in DEBRIS:
            assert debris not in page, (article.slug, debris)
        _, body = split_page(page)
        stray = [line for line in body.split("\n") if LABEL_LINE.match(line.strip())]
        assert stray == [], article.slug


def test_real_no_cut_paragraph_left(real):
    issue, _, _, article_pages = real
    for article, page in zip(issue.articles, article_pages):
        blocks = body_blocks(page)
        for block, following in zip(blocks, blocks[1:]):
            if block.startswith("#") or following.startswith("#"):
                continue
            end = re.sub(r"(\[\^\d+\])+$", "", block).rstrip().rstrip(CLOSING)
            assert end and end[-1] in SENTENCE_FINAL, (article.slug, block[-60:], following[:30])


def test_real_headings_follow_their_numbering(real):
    issue, _, _, article_pages = real
    for article, page in zip(issue.articles, article_pages):
        headings = re.findall(r"^(#+) (.+) \{#([^}]+)\}$", page, re.M)
        assert headings, article.slug
        anchors = [anchor for _, _, anchor in headings]
        assert len(set(anchors)) == len(anchors) and all(anchors)
        for hashes, text, _ in headings:
            if re.match(r"[一二三四五六七八九十]+、|结语$", text):
                assert len(hashes) == 2, text
            elif text.startswith("（"):
                assert len(hashes) == 3, text
            else:
                assert re.match(r"\d+\. ", text) and len(hashes) == 4, text


def test_real_english_abstracts_keep_asia_pacific_whole(real):
    abstracts = [a.abstract_en for a in real[0].articles]
    assert any("Asia-Pacific" in text for text in abstracts)
    assert not any(re.search(r"Asia-\s+Pacific", text) for text in abstracts)
    assert "Asia-\n\nPacific" in real_text() or "Asia-\nPacific" in real_text() or re.search(r"Asia-\s*\n", real_text())


def test_real_porter_note_is_restored_after_the_gao_note(real):
    wang_fan = real[0].articles[3]
    assert wang_fan.slug == "wang-fan"
    texts = [n.text for n in wang_fan.footnotes]
    porter = [i for i, t in enumerate(texts) if "pp.15-16" in t and t.startswith("Patrick Porter")]
    assert len(porter) == 1
    assert porter[0] > 0 and "gao-23-106966" in texts[porter[0] - 1]
    assert "Patrick Porter" not in texts[porter[0] - 1]


def test_real_corrections_are_applied(real):
    issue, _, pages, _ = real
    everything = "".join(pages.values())
    assert "经济发展的立场" in everything and "经济发 展" not in everything
    assert "（psychological inoculation）机制" in everything


def test_real_front_matter_round_trips(real):
    issue, _, _, article_pages = real
    for article, page in zip(issue.articles, article_pages):
        data, _ = split_page(page)
        assert data["title"] == article.title and data["title_en"] == article.title_en
        assert data["column"] == article.column
        assert data["authors"] == [{"name": a.name, "name_en": a.name_en, "bio": a.bio} for a in article.authors]
        assert data["abstract"] == article.abstract and data["abstract_en"] == article.abstract_en
        assert data["keywords"] == article.keywords
        assert (data["first_page"], data["last_page"]) == (article.first_page, article.last_page)
        assert data["clc"] == article.clc and data["document_code"] == "A"
        assert data["article_number"] == article.article_number
        assert data.get("funding", "") == article.funding
        assert data["editor"] == article.editor
        assert data["issue"]["published"] == "2026-03-15" and data["issue"]["issn"] == "0452-8832"


def test_real_allow_list_silences_the_spaced_headline(tmp_path):
    headline = "防范化解重大风险 保持经济持续健康发展"  # a cited headline, in a footnote
    corrections = yaml.safe_load(REAL_CORRECTIONS.read_text(encoding="utf-8"))
    allowed = [entry["text"] for entry in corrections["allow"]]
    corrections["allow"] = [e for e in corrections["allow"] if e["text"] != headline]
    path = tmp_path / "corrections.yaml"
    path.write_text(yaml.safe_dump(corrections, allow_unicode=True), encoding="utf-8")
    _, warnings = convert(REAL_SOURCE, path)
    assert headline in allowed
    assert len(warnings) == 1
    source, line, message = warnings[0].path, warnings[0].line, warnings[0].message
    assert source == str(REAL_SOURCE)
    assert "space" in message and "风险 保持" in message
    assert headline in real_text().split("\n")[line - 1]


def test_real_bom_and_crlf_give_the_same_pages(tmp_path, real):
    data = b"\xef\xbb\xbf" + real_text().replace("\n", "\r\n").encode("utf-8")
    (tmp_path / "issue.md").write_bytes(data)
    issue, warnings = convert(tmp_path / "issue.md", REAL_CORRECTIONS)
    assert warnings == []
    assert render_issue(issue) == real[2]


# --- bad input through convert() -----------------------------------------------------------

def convert_error(tmp_path, text, corrections=None):
    path = write_issue(tmp_path, text, corrections)
    with pytest.raises(Diagnostic) as err:
        convert(path)
    assert err.value.path in (str(path), str(tmp_path / "corrections.yaml"))
    return err.value


def test_tiny_issue_converts_cleanly(tmp_path):
    issue, warnings = convert(write_issue(tmp_path))
    assert warnings == []
    first, second = issue.articles
    assert [n.number for n in first.footnotes] == [1, 2, 3]
    assert "核心理念" in first.body[1].text
    assert first.abstract_en == "This abstract is cut at the Asia-Pacific page break and goes on."
    assert second.funding == "本文是某基金项目的成果。" and second.editor == "钱编辑"


def test_real_truncated_source(tmp_path):
    lines = real_text().split("\n")
    # Inside the body of the last article, after every corrected place, on a line of text.
    cut = next(n for n in range(2030, 2051) if lines[n - 1].strip())
    assert line_of(real_text(), "inoculation) 机制") < cut < line_of(real_text(), "【责任编辑：吴劭杰】")
    error = convert_error(tmp_path, "\n".join(lines[:cut]) + "\n", REAL_CORRECTIONS.read_text(encoding="utf-8"))
    assert error.line == cut
    assert "truncated" in error.message and "# Abstracts" in error.message


def test_real_truncated_in_an_early_article_without_corrections(tmp_path):
    lines = real_text().split("\n")
    error = convert_error(tmp_path, "\n".join(lines[:600]))
    assert error.line == max(n for n, t in enumerate(lines[:600], start=1) if t.strip())
    assert "truncated" in error.message


def test_real_abstract_count_differs(tmp_path):
    text = real_text()
    text = text[: text.index("## **Terrorism Risks")]
    error = convert_error(tmp_path, text, REAL_CORRECTIONS.read_text(encoding="utf-8"))
    assert "no English abstract for '人工智能时代的恐怖主义风险与治理路径'" in error.message
    assert error.line == line_of(text, "# Abstracts")


def test_real_title_differs_from_contents(tmp_path):
    text = replace_once(real_text(), "- 35 特朗普归来与中美博弈的新阶段", "- 35 特朗普归来与中美博弈的新局面")
    error = convert_error(tmp_path, text, REAL_CORRECTIONS.read_text(encoding="utf-8"))
    assert error.line == line_of(text, "# 特朗普归来")
    assert "特朗普归来与中美博弈的新局面" in error.message


def test_real_article_without_abstract_label(tmp_path):
    text = real_text()
    label = line_of(text, "〔提 要〕 作为习近平外交思想的核心理念")
    lines = text.split("\n")
    del lines[label - 1]
    error = convert_error(tmp_path, "\n".join(lines), REAL_CORRECTIONS.read_text(encoding="utf-8"))
    assert error.line == line_of(text, "# 人类命运共同体的理念深化") and "〔提 要〕" in error.message


def test_real_note_without_reference(tmp_path):
    lines = real_text().split("\n")
    number = line_of(real_text(), "[4] 《江泽民文选》第二卷")
    lines[number:number] = ["", "[5] 一条没有引用的注。"]
    error = convert_error(tmp_path, "\n".join(lines), REAL_CORRECTIONS.read_text(encoding="utf-8"))
    assert error.line == number + 2
    assert "[5]" in error.message and "not referenced" in error.message


def test_tiny_reference_without_note(tmp_path):
    text = replace_once(TINY_ISSUE, "[2] 第二页的第二条注释。\n", "")
    error = convert_error(tmp_path, text)
    assert error.line == line_of(text, "第二段。<sup>[2]</sup>")
    assert "[2]" in error.message


def test_tiny_article_without_article_number(tmp_path):
    error = convert_error(tmp_path, replace_once(TINY_ISSUE, "〔文章编号〕0452 8832 (2026) 2 期 0005-4\n", ""))
    assert error.line == line_of(TINY_ISSUE, "# 第二篇文章")
    assert "〔文章编号〕" in error.message


def test_tiny_gbk_source(tmp_path):
    path = tmp_path / "issue.md"
    path.write_bytes(TINY_ISSUE.encode("gbk"))
    with pytest.raises(Diagnostic) as err:
        convert(path)
    assert err.value.line == 2  # '# 國際問題研究', the first line that is not ASCII
    assert "UTF-8" in err.value.message and "GBK" in err.value.message


def test_tiny_bom_and_crlf_give_the_same_pages(tmp_path):
    plain = write_issue(tmp_path / "plain")
    windows = tmp_path / "windows" / "issue.md"
    windows.parent.mkdir()
    windows.write_bytes(b"\xef\xbb\xbf" + TINY_ISSUE.replace("\n", "\r\n").encode("utf-8"))
    assert render_issue(convert(windows)[0]) == render_issue(convert(plain)[0])


def test_tiny_stale_correction_names_corrections_yaml(tmp_path):
    corrections = "corrections:\n- find: 不存在的文字\n  replace: x\n  reason: stale\n"
    error = convert_error(tmp_path, TINY_ISSUE, corrections)
    assert error.path == str(tmp_path / "corrections.yaml")
    assert error.line == 2 and "0 times" in error.message


# --- the command line ----------------------------------------------------------------------

def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def real_copy(tmp_path):
    """The real source and its corrections, copied where the manifest may be written."""
    folder = tmp_path / "src"
    folder.mkdir()
    shutil.copy(REAL_SOURCE, folder / "issue.md")
    shutil.copy(REAL_CORRECTIONS, folder / "corrections.yaml")
    (folder / "issue.md").chmod(0o644)
    return folder / "issue.md"


def run(capsys, *argv):
    code = main(["import", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_imports_the_real_issue(tmp_path, real_copy, capsys, real):
    docs = tmp_path / "docs"
    code, out, err = run(capsys, real_copy, "--docs", docs)
    assert code == 0, err
    assert "wrote 8 pages" in out and "0 warnings" in out
    assert err == ""
    assert snapshot(docs) == {name: text.encode("utf-8") for name, text in real[2].items()}
    assert (real_copy.parent / "imported.yaml").exists()
    assert list(tmp_path.rglob("*.tmp")) == []


def test_cli_importing_twice_is_byte_identical(tmp_path, real_copy, capsys):
    docs = tmp_path / "docs"
    assert run(capsys, real_copy, "--docs", docs)[0] == 0
    first = snapshot(docs), (real_copy.parent / "imported.yaml").read_bytes()
    assert run(capsys, real_copy, "--docs", docs)[0] == 0
    assert (snapshot(docs), (real_copy.parent / "imported.yaml").read_bytes()) == first


BROKEN = {  # name: (how to break the source, what the message must say)
    "truncated": (lambda text: text[: text.index("【责任编辑：吴劭杰】")], "expected a '# Abstracts' section"),
    "note removed": (lambda text: replace_once(text, "[4] 《江泽民文选》第二卷，人民出版社2006年版，第286页。", ""),
                     "has no note [4]"),
    "no abstract label": (lambda text: replace_once(text, "〔提 要〕 作为习近平外交思想的核心理念", "作为习近平外交思想的核心理念"),
                          "unexpected text before 〔提 要〕"),
    "title differs": (lambda text: replace_once(text, "- 75 中国与东南亚国家对话机制创新", "- 75 中国与东南亚国家对话机制创建"),
                      "differs from the contents entry"),
    "one abstract less": (lambda text: text[: text.index("## **Terrorism Risks")], "no English abstract for '人工智能时代的恐怖主义风险与治理路径'"),
    "gbk": (None, "expected a UTF-8 file"),
    # Hostile or broken sources: refused before anything is written.
    "50 MB appended": (lambda text: text + "\n\n" + ("filler " * 1000 + "\n") * 7500, "goes on past 10 MiB here"),
    "text after the last abstract": (lambda text: text + "\n\nA paragraph appended after the abstracts.\n",
                                     "expected the source to end with the last English abstract"),
    "escape sequence": (lambda text: replace_once(text, "〔提 要〕 作为习近平", "〔提 要〕 作为\x1b[8m习近平"), "U+001B"),
    "NUL": (lambda text: replace_once(text, "〔提 要〕 作为习近平", "〔提 要〕 作为\x00习近平"), "U+0000"),
    "bidi override": (lambda text: replace_once(text, "\nYANG Jiemian\n", "\nYANG \u202eJiemian\n"), "U+202E RIGHT-TO-LEFT OVERRIDE"),
    "zero-width space": (lambda text: replace_once(text, "〔提 要〕 作为习近平", "〔提 要〕 作为习\u200b近平"), "U+200B ZERO WIDTH SPACE"),
}


@pytest.mark.parametrize("broken", sorted(BROKEN))
def test_cli_bad_input_exits_non_zero_names_file_and_line_and_changes_nothing(tmp_path, real_copy, capsys, broken):
    docs = tmp_path / "docs"
    assert run(capsys, real_copy, "--docs", docs)[0] == 0
    before = snapshot(docs), (real_copy.parent / "imported.yaml").read_bytes()
    text = real_copy.read_text(encoding="utf-8")
    breaker, expected = BROKEN[broken]
    if breaker is None:
        real_copy.write_bytes(text.encode("gbk", errors="replace"))
    else:
        real_copy.write_text(breaker(text), encoding="utf-8")
    code, out, err = run(capsys, real_copy, "--docs", docs)
    assert code != 0
    assert out == ""
    assert err.startswith("error: ")
    assert re.search(rf"{re.escape(str(real_copy))}:\d+: ", err), err
    assert expected in err
    assert (snapshot(docs), (real_copy.parent / "imported.yaml").read_bytes()) == before
    assert list(tmp_path.rglob("*.tmp")) == []


def test_real_text_after_the_last_abstract_is_refused_at_its_line(tmp_path):
    text = real_text() + "\n\nfiller filler filler\n"
    error = convert_error(tmp_path, text, REAL_CORRECTIONS.read_text(encoding="utf-8"))
    assert error.line == line_of(text, "filler filler") and "after the last abstract" in error.message


def test_real_invisible_character_is_refused_at_its_line_and_column(tmp_path):
    text = replace_once(real_text(), "〔提 要〕 作为习近平", "〔提 要〕 作为\u2066习近平")
    error = convert_error(tmp_path, text, REAL_CORRECTIONS.read_text(encoding="utf-8"))
    assert error.line == line_of(text, "〔提 要〕 作为") and "column 9" in error.message


def test_real_page_past_the_limit_names_its_article(tmp_path, real):
    # A run-on last abstract is no trailing paragraph, but it makes a page past 1 MiB.
    text = real_text() + " and on" * 160_000
    path = write_issue(tmp_path / "src", text, REAL_CORRECTIONS.read_text(encoding="utf-8"))
    with pytest.raises(Diagnostic) as err:
        import_issue(path, tmp_path / "docs")
    assert err.value.line == real[0].articles[-1].line  # the title of the last article (xu-haina)
    assert "1.1 MiB; expected at most 1 MiB" in err.value.message
    assert not (tmp_path / "docs").exists() and not (tmp_path / "src" / "imported.yaml").exists()


def test_tiny_article_body_past_the_limit(tmp_path):
    text = replace_once(TINY_ISSUE, "正文只有一段。", "正文只有一段。" + "很长的正文。" * 60_000)
    with pytest.raises(Diagnostic) as err:
        import_issue(write_issue(tmp_path, text), tmp_path / "docs")
    assert err.value.line == line_of(text, "# 第二篇文章") and "expected at most 1 MiB" in err.value.message


def test_cli_missing_source(tmp_path, capsys):
    missing = tmp_path / "nowhere" / "issue.md"
    code, out, err = run(capsys, missing, "--docs", tmp_path / "docs")
    assert code == 1
    assert str(missing) in err and "not found" in err
    assert not (tmp_path / "docs").exists()


def test_cli_gbk_source_names_line_and_encoding(tmp_path, capsys):
    path = tmp_path / "issue.md"
    path.write_bytes(TINY_ISSUE.encode("gbk"))
    code, _, err = run(capsys, path, "--docs", tmp_path / "docs")
    assert code == 1
    assert f"{path}:2:" in err and "UTF-8" in err and "GBK" in err


def test_cli_stale_correction_names_corrections_yaml_and_its_line(tmp_path, capsys):
    corrections = "# header\ncorrections:\n- find: 不存在的文字\n  replace: x\n  reason: stale\n"
    path = write_issue(tmp_path, TINY_ISSUE, corrections)
    code, _, err = run(capsys, path, "--docs", tmp_path / "docs")
    assert code == 1
    assert f"{tmp_path / 'corrections.yaml'}:3:" in err and "exactly once" in err


def test_cli_corrections_option(tmp_path, capsys):
    elsewhere = tmp_path / "fixes.yaml"
    elsewhere.write_text("corrections:\n- find: 正文只有一段。\n  replace: 正文已改正。\n  reason: test\n", encoding="utf-8")
    path = write_issue(tmp_path / "src")
    code, _, err = run(capsys, path, "--docs", tmp_path / "docs", "--corrections", elsewhere)
    assert code == 0, err
    assert "正文已改正。" in (tmp_path / "docs/2026/02/li-si.md").read_text(encoding="utf-8")


def test_cli_edited_page_is_refused_named_and_kept_until_forced(tmp_path, real_copy, capsys):
    docs = tmp_path / "docs"
    assert run(capsys, real_copy, "--docs", docs)[0] == 0
    page = docs / "2026/02/du-lan.md"
    imported = page.read_bytes()
    edited = imported.replace("对话机制".encode("utf-8"), "对话机制（修订）".encode("utf-8"), 1)
    assert edited != imported
    page.write_bytes(edited)
    others = {k: v for k, v in snapshot(docs).items() if k != "2026/02/du-lan.md"}

    code, out, err = run(capsys, real_copy, "--docs", docs)
    assert code == 1
    assert err.startswith(f"error: {page}: edited since the last import;") and "--force" in err
    assert err.endswith(f"nothing was written under {docs}/\n")
    assert "wu-xinbo" not in err  # only the edited page is named
    assert page.read_bytes() == edited
    assert {k: v for k, v in snapshot(docs).items() if k != "2026/02/du-lan.md"} == others

    code, out, err = run(capsys, real_copy, "--docs", docs, "--force")
    assert code == 0, err
    assert page.read_bytes() == imported
    assert list(tmp_path.rglob("*.tmp")) == []


def test_cli_prints_warnings_with_file_and_line(tmp_path, capsys):
    text = replace_once(TINY_ISSUE, "正文只有一段。", "正文只有 一段。")
    path = write_issue(tmp_path, text)
    code, out, err = run(capsys, path, "--docs", tmp_path / "docs")
    assert code == 0
    assert f"{path}:{line_of(text, '正文只有 一段')}: warning: " in err
    assert "(1 warnings)" in out
