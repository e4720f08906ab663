"""Split the issue's source into its parts: masthead, both contents lists, articles, abstracts.

This step only finds things and checks they fit together (count, order, pages, names); the
text itself is repaired later (footnotes.py, repair.py).
"""

import re
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from .model import Article, Author, ContentsEntry, Issue, Line
from .repair import ends_sentence

MASTHEAD = re.compile(
    r"(?P<year>\d{4})\s*年第\s*(?P<number>\d+)\s*期（总第\s*(?P<total>\d+)\s*期）\s*(?P<frequency>\S+)?\s*"
    r"(?P<pyear>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日出版"
)
COLUMN = re.compile(r"^#+\s*■\s*(?P<name>.+?)\s*$")
CONTENTS_ITEM = re.compile(r"^-\s+(?P<page>\d+)\s+(?P<title>\S+)\s+(?P<authors>.+?)\s*$")
LABEL = re.compile(r"^〔(?P<label>[^〕]+)〕\s*(?P<value>.*)$")
ARTICLE_NUMBER = re.compile(
    r"^(?P<issn1>\d{4})[\s-]*(?P<issn2>\d{3}[\dX])\s*\((?P<year>\d{4})\)\s*(?P<issue>\d+)\s*期\s*"
    r"(?P<first>\d{4})-(?P<count>\d+)$"
)
SPACES = re.compile(r"\s+")
REQUIRED_LABELS = {
    "提要": "〔提 要〕",
    "关键词": "〔关键词〕",
    "作者简介": "〔作者简介〕",
    "中图分类号": "〔中图分类号〕",
    "文献标识码": "〔文献标识码〕",
    "文章编号": "〔文章编号〕",
}


def squeeze(text):
    """Drop every space: layout put spaces inside CJK titles and names (吴 凡)."""
    return SPACES.sub("", text)


def plain_title(text):
    return re.sub(r"<sup>\\?\*</sup>|\\\*$", "", text.lstrip("# ")).strip()


def parse_issue(lines, path):
    parts = _split(lines, path)
    issue = _parse_masthead(parts["masthead"], path)
    issue.contents = _parse_contents(parts["masthead"], path)
    english = _parse_english_contents(parts["english"], path)
    issue.articles = [_parse_article(block, path) for block in parts["articles"]]
    abstracts = _parse_abstracts(parts["abstracts"], path)
    _match(issue, english, abstracts, path, parts["abstracts_line"])
    return issue


def _nonblank(lines):
    return [line for line in lines if line.text.strip()]


def _split(lines, path):
    """Cut the source at the English contents, each article start and the Abstracts section."""
    toc = next((i for i, l in enumerate(lines) if l.text.strip() == "# Table of Contents"), None)
    if toc is None:
        raise Diagnostic(path, None, "no '# Table of Contents' line; expected the English contents after the Chinese one")
    abstracts = next((i for i, l in enumerate(lines) if l.text.strip() == "# Abstracts"), None)
    starts = [i for i in range(toc, abstracts if abstracts is not None else len(lines)) if _is_article_start(lines, i)]
    if not starts:
        raise Diagnostic(path, lines[toc].number, "no article found; expected '# title' followed by '□ authors'")
    if abstracts is None:
        last = _nonblank(lines)[-1]
        raise Diagnostic(
            path, last.number,
            "the source ends inside the last article; expected a '# Abstracts' section "
            "after the articles (is the file truncated?)",
        )
    bounds = starts + [abstracts]
    return {
        "masthead": lines[:toc],
        "english": lines[toc + 1:starts[0]],
        "articles": [lines[a:b] for a, b in zip(bounds, bounds[1:])],
        "abstracts": lines[abstracts + 1:],
        "abstracts_line": lines[abstracts].number,
    }


def _is_article_start(lines, i):
    if not re.match(r"^#\s+\S", lines[i].text):
        return False
    following = next((l.text for l in lines[i + 1:] if l.text.strip()), "")
    return following.startswith("□")


def _parse_masthead(lines, path):
    for line in lines:
        match = MASTHEAD.search(line.text)
        if match:
            return Issue(
                source=str(path),
                journal=next((plain_title(l.text) for l in lines if l.text.startswith("# ")), ""),
                year=int(match["year"]),
                number=int(match["number"]),
                total=int(match["total"]),
                published=f"{match['pyear']}-{int(match['month']):02d}-{int(match['day']):02d}",
                frequency=match["frequency"] or "",
            )
    raise Diagnostic(path, 1, "no masthead line; expected e.g. '2026 年第 2 期（总第 232 期） 双月刊 2026 年 3 月 15 日出版'")


def _parse_contents(lines, path):
    entries, column = [], ""
    for line in lines:
        heading = COLUMN.match(line.text)
        if heading:
            column = heading["name"]
            continue
        item = CONTENTS_ITEM.match(line.text)
        if item:
            if not column:
                raise Diagnostic(path, line.number, "contents item before any '■ column' heading")
            entries.append(ContentsEntry(column, int(item["page"]), item["title"], item["authors"].split(), line.number))
    if not entries:
        raise Diagnostic(path, None, "no contents list; expected lines like '- 35 title author'")
    return entries


def _paragraphs(lines):
    """Group lines into blank-separated paragraphs: [(first line number, [texts])]."""
    groups, current = [], []
    for line in lines + [Line(0, "")]:
        if line.text.strip():
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    return groups


def _parse_english_contents(lines, path):
    entries = []
    for group in _paragraphs(lines):
        text = " ".join(l.text.strip() for l in group)
        if text == "Abstracts":
            break
        match = re.match(r"^(?P<title>.+?)\s*\*(?P<authors>[^*]+)\*$", text)
        if not match:
            raise Diagnostic(path, group[0].number, "English contents entry without '*AUTHORS*' at its end")
        entries.append((group[0].number, SPACES.sub(" ", match["title"]), match["authors"].split(" & ")))
    return entries


def _parse_article(lines, path):
    title_line = lines[0]
    article = Article(title=plain_title(title_line.text), line=title_line.number)
    has_funding_mark = "<sup>\\*</sup>" in title_line.text or "<sup>*</sup>" in title_line.text
    byline = next(l for l in lines[1:] if l.text.strip())
    article.authors = [Author(name) for name in byline.text.lstrip("□").split()]
    number_at = next((i for i, l in enumerate(lines) if _label(l.text) == "文章编号"), None)
    if number_at is None:
        raise Diagnostic(path, title_line.number, f"article '{article.title}' has no 〔文章编号〕; expected it before the body")
    labels = _collect_labels(lines[: number_at + 1], article, path)
    for key, printed in REQUIRED_LABELS.items():
        if key not in labels:
            raise Diagnostic(path, title_line.number, f"article '{article.title}' has no {printed}; expected it before the body")
    article.abstract = labels["提要"][0]
    article.keywords = [k.strip() for k in re.split(r"[、；;]", labels["关键词"][0]) if k.strip()]
    article.clc = labels["中图分类号"][0]
    article.document_code = labels["文献标识码"][0]
    _read_article_number(article, labels["文章编号"], path)
    article.authors = _read_bios(article, labels["作者简介"], byline, path)
    article.body_lines = lines[number_at + 1:]
    article.has_funding_mark = has_funding_mark
    return article


def _label(text):
    match = LABEL.match(text.strip())
    return squeeze(match["label"]) if match else None


def _collect_labels(lines, article, path):
    """Map each 〔label〕 to (its text, its line); lines without a label continue the previous one."""
    labels, current = {}, None
    for line in lines:
        text = line.text.strip()
        if not text or text.startswith("□") or text.startswith("# "):
            continue
        match = LABEL.match(text)
        if match:
            current = squeeze(match["label"])
            labels[current] = [match["value"].strip(), line.number, [line]]
        elif current:
            labels[current][0] += text if current != "作者简介" else "\n" + text
            labels[current][2].append(line)
        else:
            raise Diagnostic(path, line.number, f"unexpected text before 〔提 要〕 of '{article.title}'")
    return labels


def _read_article_number(article, label, path):
    text, line_number = label[0], label[1]
    match = ARTICLE_NUMBER.match(SPACES.sub(" ", text))
    if not match:
        raise Diagnostic(path, line_number, f"〔文章编号〕 {text!r} does not read as 'ISSN (year) N 期 FFFF-CC'")
    article.article_number = SPACES.sub(" ", text)
    article.issn = f"{match['issn1']}-{match['issn2']}"
    article.first_page = int(match["first"])
    article.last_page = article.first_page + int(match["count"]) - 1
    article.number_line = line_number


def _read_bios(article, label, byline, path):
    """Split 〔作者简介〕 into one bio per author; a bio line may wrap onto the next line."""
    bios, current = [], None
    for text in label[0].split("\n"):
        match = re.match(r"^(?P<name>[\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3})[，,](?P<bio>.*)$", text)
        if match:
            current = [squeeze(match["name"]), match["bio"]]
            bios.append(current)
        elif current:
            current[1] += text
        else:
            raise Diagnostic(path, label[1], f"〔作者简介〕 of '{article.title}' should start with an author's name and '，'")
    names = [name for name, _ in bios]
    if squeeze("".join(names)) != squeeze(byline.text.lstrip("□")):
        raise Diagnostic(path, label[1], f"〔作者简介〕 names {names} do not match the byline '{byline.text.strip()}' (line {byline.number})")
    return [Author(name, bio=bio.strip()) for name, bio in bios]


@dataclass
class _Abstract:
    line: int
    title: str
    authors: list = None
    authors_line: int = 0
    paragraphs: list = field(default_factory=list)  # [Line]


def _parse_abstracts(lines, path):
    """The English Abstracts section: a '## **title**', a line of authors, paragraphs."""
    abstracts = []
    for group in _paragraphs(lines):
        first = group[0]
        text = " ".join(l.text.strip() for l in group)
        heading = re.match(r"^#+\s*\*\*(?P<title>.+?)\*\*\s*$", first.text.strip())
        if heading:
            abstracts.append(_Abstract(first.number, SPACES.sub(" ", heading["title"])))
        elif not abstracts:
            raise Diagnostic(path, first.number, "text before the first abstract title; expected '## **English title**'")
        elif abstracts[-1].authors is None:
            abstracts[-1].authors, abstracts[-1].authors_line = text.split(" & "), first.number
        else:
            abstracts[-1].paragraphs.append(Line(first.number, text))
    if abstracts:
        _check_source_ends(abstracts[-1], path)
    return abstracts


def _check_source_ends(last, path):
    """The source ends with the last abstract, and nothing bounds that abstract but the end of
    the file: whatever follows it would land in the last article's page. Page breaks cut an
    abstract into paragraphs that stop mid-sentence (repair.py joins them), so a paragraph
    after one that ends a sentence is not part of it."""
    for previous, paragraph in zip(last.paragraphs, last.paragraphs[1:]):
        if ends_sentence(previous.text):
            raise Diagnostic(
                path, paragraph.number,
                f"text after the last abstract ('{last.title}' ends on line {previous.number}); "
                "expected the source to end with the last English abstract",
            )


def _match(issue, english, abstracts, path, abstracts_line):
    """Check contents, English contents, articles and abstracts agree one to one, in order."""
    articles = issue.articles
    counts = {
        "Chinese contents": (len(issue.contents), issue.contents[0].line),
        "English contents": (len(english), english[0][0] if english else None),
        "abstracts": (len(abstracts), abstracts_line),
    }
    for what, (count, line) in counts.items():
        if count != len(articles):
            raise Diagnostic(path, line, f"{len(articles)} articles but {count} entries in the {what}; expected the same number")
    for article, entry, (en_line, en_title, en_authors), abstract in zip(articles, issue.contents, english, abstracts):
        if squeeze(article.title) != squeeze(entry.title):
            raise Diagnostic(path, article.line, f"article title '{article.title}' differs from the contents entry '{entry.title}' (line {entry.line})")
        names = [a.name for a in article.authors]
        if names != [squeeze(n) for n in entry.authors]:
            raise Diagnostic(path, article.line, f"authors {names} differ from the contents entry {entry.authors} (line {entry.line})")
        if article.first_page != entry.page:
            raise Diagnostic(path, article.number_line, f"〔文章编号〕 gives first page {article.first_page}, the contents list says {entry.page} (line {entry.line})")
        if article.issn != articles[0].issn:
            raise Diagnostic(path, article.number_line, f"ISSN {article.issn} differs from the first article's {articles[0].issn}")
        if abstract.title != en_title:
            raise Diagnostic(path, abstract.line, f"abstract title '{abstract.title}' differs from the English contents entry '{en_title}' (line {en_line}); expected the same order")
        if abstract.authors != en_authors:
            raise Diagnostic(path, abstract.authors_line or abstract.line, f"abstract authors {abstract.authors} differ from the English contents {en_authors} (line {en_line})")
        if len(en_authors) != len(article.authors):
            raise Diagnostic(path, en_line, f"{len(en_authors)} English names for {len(article.authors)} authors of '{article.title}'")
        if not abstract.paragraphs:
            raise Diagnostic(path, abstract.line, f"abstract '{en_title}' has no text")
        article.title = entry.title
        article.column = entry.column
        article.title_en = en_title
        for author, name_en in zip(article.authors, en_authors):
            author.name_en = name_en
        article.abstract_en_lines = abstract.paragraphs
