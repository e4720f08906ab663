"""The notes and source under a table or figure are marked for the stylesheets; other
paragraphs that happen to start the same way are not."""

import markdown

SOURCE = """正文。

<table id="table-1">
<caption>表1　贸易额</caption>
<tbody>
<tr><th scope="row">2025</th><td>1</td></tr>
</tbody>
</table>

注：单位为亿美元。

资料来源：作者整理。

注：正文里的一段话，不在表下。

<figure id="figure-1" markdown="span">
![图1　走势](a-figure-1.png)
<figcaption>图1　走势</figcaption>
</figure>

资料来源：图的来源。
"""


def render(text):
    md = markdown.Markdown(extensions=["footnotes", "md_in_html", "journal.site.block_notes"])
    return md.convert(text)


def test_the_lines_under_a_table_or_figure_are_block_notes():
    html = render(SOURCE)
    assert '<p class="block-note">注：单位为亿美元。</p>' in html
    assert '<p class="block-note">资料来源：作者整理。</p>' in html
    assert '<p class="block-note">资料来源：图的来源。</p>' in html


def test_a_paragraph_elsewhere_stays_a_paragraph():
    html = render(SOURCE.replace("资料来源：作者整理。\n\n", "一段正文。\n\n"))
    assert "<p>注：正文里的一段话，不在表下。</p>" in html
    assert "<p>一段正文。</p>" in html
    assert render("注：文章开头。\n") == "<p>注：文章开头。</p>"
