"""Next-issue sources for the importer tests, written the way the PDF-to-Markdown dump writes.

One template (the 2026-02 source's habits: `# title`, `□ byline`, 〔labels〕, `## headings`
with noisy levels, `<sup>[n]</sup>` references, `---` then `[n] note` at each page foot,
paragraphs cut by page breaks, `# Table of Contents`, `# Abstracts`), filled with one small
article per case. `CASES` says what each fixture folder under tests/fixtures/ holds; the
committed tests/fixtures/cases/<case>/issue.md are `python -m tests.importer.next_issue` output,
and test_fixtures.py checks they still are, so a change of the template is seen in review.
"""

import io
import struct
import sys
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "cases"

DEFAULT_BODY = """\
## 一、问题的提出

近年来，国际格局加速演变，这一议题引起学界的广泛关注。<sup>[1]</sup>本文尝试从三个层面加以分析，并在此基础上

---

[1] 参见张明：《国际秩序的变迁》，世界知识出版社2024年版，第12页。

提出若干政策建议。<sup>[1]</sup>

## 二、结语

总之，相关问题仍需进一步研究。

[1] 李华：《全球治理新论》，《国际问题研究》2025年第1期，第5页。
"""


@dataclass
class Art:
    """One article of a fixture issue; every field has a plausible default."""

    title: str = "全球治理变革的新趋势"
    title_line: str = ""  # the '# …' line as the dump prints it; default: '# ' + title
    between: str = ""  # lines between the title and the byline (a subtitle on its own line)
    contents: str = ""  # the contents entry after the page; default: title and names
    column: str = "国际政治"
    byline: str = "张明"
    names_en: str = "ZHANG Ming"
    bios: str = "〔作者简介〕 张明，中国国际问题研究院研究员"
    labels: str = ""  # more 〔labels〕 (〔译者简介〕, 〔书 目〕), after the bios
    abstract: str = "〔提 要〕 本文分析全球治理变革的新趋势及其影响。"
    keywords: str = "〔关键词〕 全球治理、国际秩序、中国外交"
    first_page: int = 1
    pages: int = 10
    before_body: str = ""  # a funding note printed under the labels
    body: str = DEFAULT_BODY
    title_en: str = "New Trends in the Reform of Global Governance"
    abstract_en: str = "This article analyzes new trends in the reform of global governance and their impact."
    editor: str = "赵编辑"


def names_of(art):
    return " ".join(art.byline.split())


def source(articles, year=2026, number=3, total=233):
    """The whole issue's source text for these articles."""
    out = ["", "# 國際問題研究", "", f"{year} 年第 {number} 期（总第 {total} 期） 双月刊 {year} 年 5 月 15 日出版", ""]
    column = None
    for art in articles:
        if art.column != column:
            out += [f"## ■ {art.column}", "", "---", ""]
            column = art.column
        entry = art.contents or f"{art.title} {names_of(art)}"
        out += [f"- {art.first_page} {entry}"]
        out += [""]
    out += ["# Table of Contents", ""]
    for art in articles:
        out += [f"{art.title_en} *{art.names_en}*", ""]
    out += ["Abstracts", ""]
    for art in articles:
        out += [art.title_line or f"# {art.title}", ""]
        if art.between:
            out += [art.between, ""]
        out += [f"□ {art.byline}", ""]
        for block in (art.abstract, art.keywords, art.bios, art.labels):
            if block:
                out += [block, ""]
        out += ["〔中图分类号〕 D815", "", "〔文献标识码〕 A", "",
                f"〔文章编号〕 0452 8832 ({year}) {number} 期 {art.first_page:04d}-{art.pages}", ""]
        if art.before_body:
            out += [art.before_body, ""]
        out += [art.body.rstrip("\n"), "", f"【责任编辑：{art.editor}】", ""]
    out += ["# Abstracts", ""]
    for art in articles:
        if art.abstract_en:
            out += [f"## **{art.title_en}**", "", art.names_en, "", art.abstract_en, ""]
    return "\n".join(out)


def png(width=2, height=2, rgb=(200, 30, 30)):
    """A small valid PNG, made here so no binary blob needs reviewing."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def jpeg():
    """A small valid JPEG (Pillow, already a dependency of the PDF galleys)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (20, 90, 160)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


TABLE_BODY = """\
## 一、中巴经贸关系的现状

双边贸易稳步增长，具体数据见表1。<sup>[1]</sup>

表1 2015—2025年中巴贸易额（亿美元）

<table><tr><td rowspan="2">年份</td><td colspan="2">贸易额</td></tr><tr><td>出口</td><td>进口</td></tr><tr><td>2015</td><td>164.5</td><td>&lt;24.7</td></tr><tr><td>2025</td><td>231.8 & more</td><td><sup>a</sup>—</td></tr></table>

注：a 数据暂缺。

资料来源：中国海关总署《统计月报》。

---

[1] 参见中国海关总署网站。
"""

FIGURE_BODY = """\
## 一、中巴经贸关系的现状

双边贸易稳步增长，趋势见图1。<sup>[1]</sup>

![](images/3f2a9c81d0.jpg)

图1 2015—2025年中巴贸易额

资料来源：作者根据中国海关总署数据制作。

---

[1] 参见中国海关总署网站。
"""

LIST_BODY = """\
## 一、合作的三个领域

中巴合作主要集中在以下领域：<sup>[1]</sup>

- 基础设施建设<sup>[2]</sup>
- 能源合作
- 人文交流

具体措施包括：

1. 扩大贸易规模
2. 深化金融合作

---

[1] 参见《中巴联合声明》。

[2] 参见中巴经济走廊网站。
"""

QUOTE_BODY = """\
## 一、理念的提出

习近平主席指出：

> 这个世界，各国相互联系、相互依存的程度空前加深。<sup>[1]</sup>
>
> 人类生活在同一个地球村里。

这一论述具有深远意义。

---

[1] 《习近平谈治国理政》，外文出版社2014年版，第272页。
"""

HEADINGS_BODY = """\
## 一、理论框架

第一节正文。<sup>[1]</sup>

### （一）概念界定

概念正文。

# 1. 核心概念

核心概念正文。

## （1）狭义的理解

狭义正文。

#### （2）广义的理解

广义正文。

## （二）分析路径

路径正文。

## 二、案例分析

案例正文。

### 三、结论

结论正文。

---

[1] 参见王明：《理论与方法》，北京大学出版社2020年版，第3页。
"""

CONTINUED_NOTE_BODY = """\
## 一、问题的提出

第一页正文。<sup>[1]</sup>这一段在页末被截断，

---

[1] 这是一条很长的注释，它在第一页的页脚开始，

下一页的正文继续。<sup>[1]</sup>

---

在下一页的页脚继续并在此结束。

[1] 第二页的注释。
"""

FUNDING_BODY_PAGE = """\
近年来，国际格局加速演变。<sup>[1]</sup>

---

\\* 本文是国家社会科学基金重大项目“全球治理研究”（项目编号：23ZDA001）的阶段性成果。

[1] 参见张明：《国际秩序的变迁》，世界知识出版社2024年版，第12页。

## 一、结语

总之，相关问题仍需进一步研究。
"""

SECOND = Art(title="中国与东南亚国家关系的新进展", byline="李华", names_en="LI Hua",
             bios="〔作者简介〕 李华，外交学院教授", first_page=11, pages=8, column="中国外交",
             title_en="New Progress in China-Southeast Asia Relations", editor="钱编辑")

CASES = {
    # good sources: each must become its golden pages
    "table": [Art(body=TABLE_BODY)],
    "figure": [Art(body=FIGURE_BODY)],
    "lists": [Art(body=LIST_BODY)],
    "quote": [Art(body=QUOTE_BODY)],
    "headings": [Art(body=HEADINGS_BODY)],
    "three-authors": [Art(byline="白佳玉 王 怡 张 晨", names_en="BAI Jiayu, WANG Yi & ZHANG Chen",
                          bios="〔作者简介〕 白佳玉，南开大学法学院教授、博士生导师\n\n王 怡，南开大学法学院博士研究生\n\n"
                               "张 晨，南开大学法学院硕士研究生")],
    "foreign-coauthor": [Art(byline="刘洋 穆罕默德·阿西夫", names_en="LIU Yang and Muhammad ASIF",
                             bios="〔作者简介〕 刘洋，四川大学南亚研究所副研究员\n\n"
                                  "穆罕默德·阿西夫，巴基斯坦伊斯兰堡战略研究所研究员")],
    "translated": [Art(byline="〔俄〕伊万·彼得罗夫 著 刘洋 译", names_en="Ivan PETROV, LIU Yang",
                       bios="〔作者简介〕 伊万·彼得罗夫，俄罗斯科学院世界经济与国际关系研究所研究员",
                       labels="〔译者简介〕 刘洋，四川大学南亚研究所副研究员")],
    "wrapped-bio": [Art(byline="王 帆 温盈晖", names_en="WANG Fan & WEN Yinghui",
                        bios="〔作者简介〕王 帆，外交学院教授、博士生导师，中国国际问题研究院特聘\n\n研究员，"
                             "北京大学国际战略研究院兼职\n\n研究员\n\n温盈晖，外交学院国际关系研究所博士研究生")],
    "book-review": [Art(column="书评", title="大国政治的逻辑", byline="吴凡", names_en="WU Fan",
                        bios="〔作者简介〕 吴凡，四川大学南亚研究所助理研究员",
                        labels="〔书 目〕 《大国政治的悲剧》，〔美〕约翰·米尔斯海默著，上海人民出版社2021年版，共468页。",
                        abstract="", keywords="", abstract_en="", title_en="The Logic of Great Power Politics",
                        body="米尔斯海默的这部著作影响深远。<sup>[1]</sup>\n\n---\n\n[1] 该书英文版出版于2001年。\n")],
    "research-note": [Art(column="学术动态", title="“全球治理与中国”学术研讨会综述", byline="陈静", names_en="CHEN Jing",
                          bios="〔作者简介〕 陈静，中国国际问题研究院助理研究员", abstract="", keywords="",
                          abstract_en="", title_en="A Summary of the Symposium on Global Governance and China",
                          body="2026年3月，研讨会在北京举行。\n\n与会学者围绕三个议题展开讨论。\n")],
    "wrapped-contents": [Art(title="百年未有之大变局下的全球南方国家合作：历史演进、现实挑战与未来路径",
                             contents="百年未有之大变局下的全球南方国家合作：历史演进、\n现实挑战与未来路径 张明",
                             title_en="Cooperation among Global South Countries under Profound Changes")],
    "latin-title": [Art(title="生成式 AI 与国际安全治理", title_line="# 生成式 AI 与国际 安全治理",
                        title_en="Generative AI and International Security Governance")],
    "subtitle-dash": [Art(title="从周边到全球——中国外交布局的演进", contents="从周边到全球——中国外交布局的演进 张明",
                          title_en="From the Neighborhood to the World: The Evolution of China's Diplomatic Layout")],
    "subtitle-line": [Art(title="从周边到全球", between="——中国外交布局的演进", contents="从周边到全球 张明",
                          title_en="From the Neighborhood to the World: The Evolution of China's Diplomatic Layout")],
    "continued-note": [Art(body=CONTINUED_NOTE_BODY)],
    "continued-note-no-rule": [Art(body=CONTINUED_NOTE_BODY.replace("---\n\n在下一页", "在下一页"))],
    "funding-under-rule": [Art(title_line="# 全球治理变革的新趋势<sup>\\*</sup>", body=FUNDING_BODY_PAGE)],
    "two-articles": [Art(), SECOND],
    # defects: each must be refused at its line, naming its article, with nothing written
    "defect-missing-abstract-en": [Art(), replace(SECOND, abstract_en="")],
    "defect-missing-picture": [Art(body=FIGURE_BODY.replace("3f2a9c81d0.jpg", "missing0001.jpg"))],
    "defect-ocr-misread": [Art(), replace(SECOND, body="中国与东盟国家当 he 国资产受损时加强协调。\n")],
}
PICTURES = {"figure": {"3f2a9c81d0.jpg": jpeg}, "defect-missing-picture": {}}

# The next issue tests/test_next_issue.py imports beside the live docs: a table, a figure, a
# list and three authors, in two articles (tests/fixtures/next-issue/).
NEXT_ISSUE = [
    Art(byline="白佳玉 王 怡 张 晨", names_en="BAI Jiayu, WANG Yi & ZHANG Chen",
        title="中巴经贸合作的新进展", title_en="New Progress in China-Pakistan Economic and Trade Cooperation",
        bios="〔作者简介〕 白佳玉，南开大学法学院教授、博士生导师\n\n王 怡，南开大学法学院博士研究生\n\n"
             "张 晨，南开大学法学院硕士研究生",
        body=TABLE_BODY + "\n" + LIST_BODY.replace("## 一、", "## 二、")),
    replace(SECOND, title="中巴贸易的结构变化", title_en="Structural Change in China-Pakistan Trade", body=FIGURE_BODY),
]
NEXT_ISSUE_PICTURES = {"3f2a9c81d0.jpg": jpeg}
NEXT_ISSUE_FOLDER = ROOT / "tests" / "fixtures" / "next-issue"


def write_next_issue(folder=NEXT_ISSUE_FOLDER):
    folder = Path(folder)
    (folder / "images").mkdir(parents=True, exist_ok=True)
    (folder / "issue.md").write_text(source(NEXT_ISSUE), encoding="utf-8")
    for picture, make in NEXT_ISSUE_PICTURES.items():
        (folder / "images" / picture).write_bytes(make())
    return folder / "issue.md"


def write_case(name, folder=None):
    """Write the case's issue.md (and images/) into folder (default tests/fixtures/<name>)."""
    folder = Path(folder or FIXTURES / name)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "issue.md").write_text(source(CASES[name]), encoding="utf-8")
    for picture, make in PICTURES.get(name, {}).items():
        (folder / "images").mkdir(exist_ok=True)
        (folder / "images" / picture).write_bytes(make())
    return folder / "issue.md"


if __name__ == "__main__":
    for case in sys.argv[1:] or CASES:
        print(write_case(case))
    if not sys.argv[1:]:
        print(write_next_issue())
