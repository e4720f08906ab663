"""W3C clreq typography: the CJK serif on body, headings and abstract; one spacing rule
between Chinese and Latin/digits (no literal spaces; CSS text-autospace sets the gap);
no space after a note marker; the four text defects of 2026/2 gone from the pages."""

import re
from pathlib import Path

from tests.conftest import ROOT
from tests.reading.conftest import ARTICLE

HAN = "\u3400-\u9fff"
PAGES = sorted((ROOT / "docs" / "2026" / "02").glob("*.md"))


def body_of(path):
    """An article's Markdown body and notes (front matter left out)."""
    text = Path(path).read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else text


def test_no_literal_space_between_han_and_latin_or_digits_in_the_text():
    for path in PAGES:
        found = re.findall(rf".{{4}}(?:[{HAN}] +\*?[A-Za-z0-9]|[A-Za-z0-9%]\*? +[{HAN}]).{{4}}", body_of(path))
        assert not found, f"{path.name}: {found[:5]}"


def test_no_space_after_a_note_marker_in_chinese_text():
    for path in PAGES:
        found = re.findall(rf"[{HAN}，。；：、”）]\[\^\d+\] ", body_of(path))
        assert not found, f"{path.name}: {found[:5]}"


def test_the_four_text_defects_of_2026_2_are_gone():
    text = "".join(body_of(p) for p in PAGES)
    assert "\\$" not in text and "$1.5 Trillion" in text and "$200" in text  # Markdown escape rule
    assert "‘Grand Strategy’，”" not in text and "‘Grand Strategy’,”" in text  # punctuation rule
    assert not re.search(rf"[{HAN}],\s*<?https?://", text)  # comma before a URL in a Chinese note
    assert "”(the Blob)" not in text and "“建制派”（the Blob）通过" in text  # parentheses rule
    assert not re.search(rf"[{HAN}“”]\([A-Za-z][^()]*\)[{HAN}，。]", text)


def test_the_built_page_shows_no_backslash_before_a_dollar(reading_site):
    html = (reading_site / "2026" / "02" / "wang-fan" / "index.html").read_text(encoding="utf-8")
    assert "\\$" not in html and "$1.5 Trillion" in html


def font(page, selector, prop="fontFamily"):
    return page.evaluate("([s, p]) => getComputedStyle(document.querySelector(s))[p]", [selector, prop])


def test_the_cjk_serif_is_applied_to_body_headings_and_abstract(desktop, reading_server):
    desktop.goto(reading_server + ARTICLE)
    for selector in (".article-body p", ".article-body h2", "h1.article-title", ".article-abstracts .tabbed-block p"):
        family = font(desktop, selector)
        assert family.startswith('"Songti SC"') and "Noto Serif CJK SC" in family, (selector, family)
    assert font(desktop, ".article-abstracts .tabbed-block p", "textAlign") == "justify"
    # The interface: the CJK sans, not -apple-system/Helvetica/Arial first.
    for selector in ("body", ".md-nav__link"):
        family = font(desktop, selector)
        assert family.startswith('"PingFang SC"') and "Noto Sans CJK SC" in family and "Arial" not in family, family


def test_autospace_and_punctuation_trim_are_asked_for(desktop, reading_server):
    desktop.goto(reading_server + ARTICLE)
    supported = desktop.evaluate("() => CSS.supports('text-autospace: normal')")
    if supported:
        assert font(desktop, ".article-body p", "textAutospace") == "normal"
        # The gap is set by the browser: '2025年' is wider than '2025' + '年' measured apart.
        widths = desktop.evaluate("""() => {
            const p = document.querySelector('.article-body p'), s = document.createElement('span');
            p.appendChild(s);
            const w = t => { s.textContent = t; return s.getBoundingClientRect().width; };
            const r = [w('2025年'), w('2025') + w('年')]; s.remove(); return r; }""")
        assert widths[0] > widths[1] + 1, widths
    if desktop.evaluate("() => CSS.supports('text-spacing-trim: normal')"):
        assert font(desktop, ".article-body p", "textSpacingTrim") == "normal"


def test_no_whole_character_gap_across_a_note_marker_between_marks(desktop, reading_server):
    """秩序；⁴“离岸平衡”: the ； before note 4 is set half-width (punctuation.py + journal.css), so
    the gap between the two marks is half a character, as text-spacing-trim makes it for a pair."""
    desktop.goto(reading_server + ARTICLE)
    mark = desktop.locator('sup[id="fnref:4"]').evaluate("""sup => {
        const s = sup.previousElementSibling, em = parseFloat(getComputedStyle(s).fontSize);
        return [s.className, s.textContent, s.getBoundingClientRect().width / em]; }""")
    assert mark[:2] == ["punct-half", "；"]
    assert mark[2] <= 0.55, mark
