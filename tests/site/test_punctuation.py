"""journal.site.punctuation: a closing mark before a note marker that an opening mark follows
is set half-width; nothing else changes."""

import markdown
import pytest


def render(text):
    return markdown.markdown(text, extensions=["footnotes", "journal.site.punctuation"])


def body(html):
    return html.split('<div class="footnote">')[0]


@pytest.mark.parametrize("text, expected", [
    ("秩序；[^4]“离岸平衡”\n\n[^4]: 注。", '秩序<span class="punct-half">；</span><sup id="fnref:4">'),
    ("结束。[^1]《报告》\n\n[^1]: 注。", '结束<span class="punct-half">。</span><sup id="fnref:1">'),
    ("*强调*，[^1]（括号）\n\n[^1]: 注。", '</em><span class="punct-half">，</span><sup id="fnref:1">'),
])
def test_the_closing_mark_between_is_half_width(text, expected):
    assert expected in body(render(text))


@pytest.mark.parametrize("text", [
    "介入。[^5]政学两界\n\n[^5]: 注。",        # a character follows: the full stop keeps its width
    "秩序[^4]“离岸平衡”\n\n[^4]: 注。",         # no mark before the marker
    "秩序；“离岸平衡”\n\n",                    # no marker: the browser compresses the pair itself
    "秩序；[^4] “离岸\n\n[^4]: 注。",           # a space between (the importer removes those)
])
def test_nothing_else_changes(text):
    assert "punct-half" not in render(text)


def test_the_text_is_unchanged():
    html = render("秩序；[^4]“离岸平衡”派\n\n[^4]: 注。")
    plain = markdown.markdown("秩序；[^4]“离岸平衡”派\n\n[^4]: 注。", extensions=["footnotes"])
    strip = lambda h: h.replace('<span class="punct-half">', "").replace("</span>", "")  # noqa: E731
    assert strip(html) == plain
