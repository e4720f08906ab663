"""The allow-list's blocks as a reader gets them: a table, a figure, lists and a quote on a
built page (the frozen archive plus one article holding them), in Chromium at a phone's and a
desktop's width, light and dark; and a long table in the PDF galley's styles."""

import shutil
import struct
import zlib

import pytest

from bench import browser as browser_helper
from tests.conftest import ARCHIVE, ROOT, build_site, docs_with_assets

ARTICLE = "2026/01/li-si.md"
YEARS = range(2015, 2026)
BODY = """
正文第一段，表1列出了贸易额，图1以柱状图表示其变化[^1]。

<table id="table-1">
<caption>表1　2015—2025年中巴贸易额（亿美元）</caption>
<thead>
<tr><th scope="col" rowspan="2">项目</th><th scope="col" colspan="11">年份</th></tr>
<tr>{years}</tr>
</thead>
<tbody>
<tr><th scope="row">出口</th>{cells}</tr>
<tr><th scope="row">进口<sup>a</sup></th>{cells}</tr>
</tbody>
</table>

注：a 含转口贸易。

资料来源：作者根据中国海关总署数据整理。

- 贸易规模持续扩大[^1]；
- 贸易结构以中国出口为主。

<figure id="figure-1" markdown="span">
![图1　2015—2025年中巴贸易额](li-si-figure-1.png)
<figcaption>图1　2015—2025年中巴贸易额<br>资料来源：作者根据中国海关总署数据制作。</figcaption>
</figure>

1. 确定研究对象；
2. 收集数据。

> 只有坚持和平共处五项原则，才能在复杂多变的国际环境中维护国家利益。
>
> 第二段引文。

[^1]: 中国海关总署统计数据。
""".format(years="".join(f'<th scope="col">{year}</th>' for year in YEARS),
           cells="".join(f"<td>{100 + year % 7 * 11.5:.1f}</td>" for year in YEARS))


def png(width, height):
    """A real PNG (stripes), written without an imaging library."""
    stripe = lambda x: bytes((140, 30, 30)) if (x // 40) % 2 else bytes((250, 250, 250))  # noqa: E731
    rows = (b"\x00" + b"".join(stripe(x) for x in range(width))) * height
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))  # noqa: E731
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def blocks_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("blocks")
    docs = docs_with_assets(ARCHIVE, work / "docs")
    page = docs / ARTICLE
    page.write_text(page.read_text(encoding="utf-8").replace("\n正文只有一段。\n", BODY), encoding="utf-8")
    (docs / "2026/01/li-si-figure-1.png").write_bytes(png(1200, 400))
    result = build_site(docs, work / "site")
    if result.returncode:
        pytest.fail(f"the page with a table, a figure, lists and a quote did not build:\n{result.stderr}")
    base_url, httpd = browser_helper.serve(work / "site")
    yield work / "site", base_url.rstrip("/") + "/2026/01/li-si/"
    httpd.shutdown()


def test_the_blocks_are_on_the_page(blocks_site):
    html = (blocks_site[0] / "2026/01/li-si/index.html").read_text(encoding="utf-8")
    for piece in ('<table id="table-1">', "<caption>表1　2015—2025年中巴贸易额（亿美元）</caption>", '<th scope="row">出口</th>',
                  '<figure id="figure-1">', '<img alt="图1　2015—2025年中巴贸易额" src="../li-si-figure-1.png"',
                  "<figcaption>图1", "<blockquote>", "<ol>", "<ul>"):
        assert piece in html, piece
    assert (blocks_site[0] / "2026/01/li-si-figure-1.png").exists()


LAYOUT = """() => {
  const wrap = document.querySelector('.md-typeset__scrollwrap');
  const table = document.querySelector('#table-1');
  const caption = table.querySelector('caption').getBoundingClientRect();
  const head = table.querySelector('thead').getBoundingClientRect();
  const img = document.querySelector('figure img').getBoundingClientRect();
  const figcaption = document.querySelector('figcaption').getBoundingClientRect();
  const body = document.querySelector('.article-body').getBoundingClientRect();
  const quote = getComputedStyle(document.querySelector('.article-body blockquote'));
  return {page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth,
          wrapped: wrap !== null && wrap.contains(table), wrapScroll: wrap.scrollWidth, wrapWidth: wrap.clientWidth,
          wrapOverflow: getComputedStyle(wrap).overflowX, captionAbove: caption.bottom <= head.top + 1,
          captionWidth: caption.width, imgWidth: img.width, bodyWidth: body.width, captionBelow: figcaption.top >= img.bottom,
          figcaptionStyle: getComputedStyle(document.querySelector('figcaption')).fontStyle,
          quoteColor: quote.color, text: getComputedStyle(document.querySelector('.article-body > p')).color,
          scheme: document.body.getAttribute('data-md-color-scheme')};
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_wide_table_scrolls_in_its_own_box(browser, blocks_site, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN", color_scheme=scheme)
    page = context.new_page()
    page.goto(blocks_site[1])
    page.wait_for_selector(".md-typeset__scrollwrap #table-1")
    layout = page.evaluate(LAYOUT)
    shots = ROOT / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.locator("#table-1").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"blocks-{width}-{scheme}.png"))
    context.close()
    assert layout["scheme"] == ("slate" if scheme == "dark" else "default")
    assert layout["page"] == layout["viewport"], "the page scrolls sideways"
    assert layout["wrapped"] and layout["wrapOverflow"] == "auto"
    if width == 390:
        assert layout["wrapScroll"] > layout["wrapWidth"], "the wide table should scroll inside its box"
        assert layout["captionWidth"] <= width, "the caption runs off the screen"
    assert layout["captionAbove"] and layout["captionBelow"]
    assert layout["imgWidth"] <= layout["bodyWidth"] + 0.5
    assert layout["figcaptionStyle"] == "normal"  # no slanted CJK
    assert layout["quoteColor"] == layout["text"]  # the quote in full-strength text, light and dark


def test_a_long_table_in_the_galley_repeats_its_header(tmp_path):
    """The galley's styles (overrides/pdf/galley.css): the header rows on every page the table
    runs onto, no row split across two pages, the caption with the table."""
    from weasyprint import CSS, HTML
    from weasyprint.formatting_structure import boxes

    rows = "".join(f'<tr><th scope="row">{year}</th><td>{year * 3.1:.1f}<br>第二行</td></tr>' for year in range(1900, 2030))
    html = (f'<div class="body"><p>正文。</p><table id="table-1"><caption>表1　很长的表</caption><thead><tr><th scope="col">年份</th>'
            f'<th scope="col">数值</th></tr></thead><tbody>{rows}</tbody></table></div>')
    document = HTML(string=html).render(stylesheets=[CSS(filename=str(ROOT / "overrides" / "pdf" / "galley.css"))])
    assert len(document.pages) >= 3

    def texts(box):
        if isinstance(box, boxes.TextBox):
            yield box.text
        for child in getattr(box, "children", ()):
            yield from texts(child)

    pages = [list(texts(page._page_box)) for page in document.pages]
    for number, page in enumerate(pages):
        assert "年份" in page and "数值" in page, f"page {number + 1} has no header row"
    # Each row on one page only, none split: a row's year and its second line on the same page.
    for page in pages:
        years = [text for text in page if text.isdigit() and len(text) == 4]
        assert page.count("第二行") == len(years), page
    assert pages[0].index("表1　很长的表") < pages[0].index("年份")
