"""A tiny synthetic issue source, shaped like sources/2026-02/issue.md, for the importer tests.

Two articles in two columns. Article 1 has a paragraph cut by a page break with a note block
in between, a second page whose notes have no '---' rule, spaced CJK in its title, byline and
bio. Article 2 carries a funding note (the '*' in its title) and two authors with wrapped bios.
The English abstract of article 1 is cut at 'Asia-' / 'Pacific'.

Tests change one thing with `replace_once` and check what the importer makes of it.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_SOURCE = ROOT / "sources" / "2026-02" / "issue.md"
REAL_CORRECTIONS = ROOT / "sources" / "2026-02" / "corrections.yaml"

TINY_ISSUE = """\

# 國際問題研究

2026 年第 2 期（总第 232 期） 双月刊 2026 年 3 月 15 日出版

## ■ 测试栏目

---

- 1 第一篇文章：测试 张三

## ■ 另一栏目

---

- 5 第二篇文章 李四 王五

# Table of Contents

The First Article: A Test *ZHANG San*

The Second Article  
*LI Si & WANG Wu*

Abstracts

# 第一篇文章： 测试

□ 张 三

〔提 要〕 本文是第一篇文章的提要。

〔关键词〕 测试、文章

〔作者简介〕 张 三，测试大学教授

〔中图分类号〕 D820

〔文献标识码〕 A

〔文章编号〕 0452 8832 (2026) 2 期 0001-4

## 一、引言

第一页的正文提到一个注释。<sup>[1]</sup>这一段在页末被截断，核心

---

[1] 第一条注释，2018 年版，第 12 页。

理念在下一页继续。<sup>[1]</sup>

### （一）小节

第二段。<sup>[2]</sup>

[1] 第二页的第一条注释。

[2] 第二页的第二条注释。

## 二、结语

最后一段。

【责任编辑：赵编辑】

# 第二篇文章<sup>\\*</sup>

□ 李四 王五

〔提 要〕 本文是第二篇文章的提要。

〔关键词〕 甲；乙

〔作者简介〕 李四，某研究院研究员

王五，某大学博士研究生

〔中图分类号〕 D822

〔文献标识码〕 A

〔文章编号〕0452 8832 (2026) 2 期 0005-4

\\* 本文是某基金项目的成果。

正文只有一段。

【责任编辑：钱编辑】

# Abstracts

## **The First Article: A Test**

ZHANG San

This abstract is cut at the Asia-

Pacific page break and goes on.

## **The Second Article**

LI Si & WANG Wu

The second abstract.
"""


def replace_once(text, old, new):
    """Replace a fragment that must occur exactly once, so a fixture cannot silently go stale."""
    assert text.count(old) == 1, f"fixture fragment occurs {text.count(old)} times: {old!r}"
    return text.replace(old, new)


def write_issue(folder, text=TINY_ISSUE, corrections=None, name="issue.md"):
    """Write a source (and optionally its corrections.yaml) into folder; return the source path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if corrections is not None:
        (folder / "corrections.yaml").write_text(corrections, encoding="utf-8")
    return path


def line_of(text, fragment):
    """1-based number of the (single) line of text that contains fragment."""
    hits = [n for n, line in enumerate(text.split("\n"), start=1) if fragment in line]
    assert len(hits) == 1, f"{fragment!r} is on lines {hits}"
    return hits[0]
