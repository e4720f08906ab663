"""Split the issue's source into its parts: masthead, both contents lists, articles, abstracts.

This step only finds things and checks they fit together (count, order, pages, names); the
text itself is repaired later (footnotes.py, repair.py, blocks.py).

How the source says what an article is (the dump prints no tag for it):

- Its kind comes from its column in the contents list (`## ■ 书评` → `review`; `## ■ 学术动态`,
  `会议综述`, `研究报告`, `研究综述`… → `note`; any other column → `article`, see KINDS). The
  absence of an abstract never decides the kind: a research article without 〔提 要〕,
  〔关键词〕 or an English abstract is refused, naming it, while a review or a note may lack them.
- A review names its book in a 〔书 目〕 label among the others, as print does under the
  byline: `〔书 目〕 《书名》，作者甲、作者乙著，某出版社2025年版，共320页。`
- An article starts at a `# title` line that has a `□ byline` within the next three lines;
  the lines between are its subtitle (a subtitle may also follow `——` in the title itself).
- A byline is names separated by spaces, each maybe after a nationality `〔俄〕`, and for a
  translation `… 著 译者 译`. Which spaces separate names and which are layout (`张 三`) is
  read from 〔作者简介〕 / 〔译者简介〕: a bio line starts with a name of the byline and `，`;
  any other line continues the bio before it (a bio may wrap anywhere, even before `研究员，`).
  A foreign author (one with a nationality, or a name without Han characters) may have no bio.
- A contents entry is `- page` and the rest, which may wrap onto the next line; the rest must
  read as the article's title (with or without its subtitle) and its names, spaces aside.
- English names are separated by `, ` and `&` or `and` (`BAI Jiayu, WANG Yi & ZHANG Chen`).
"""

import re
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from .model import Article, Author, ContentsEntry, Issue, Line, ReviewedBook
from .repair import ends_sentence, joiner

MASTHEAD = re.compile(
    r"(?P<year>\d{4})\s*年第\s*(?P<number>\d+)\s*期（总第\s*(?P<total>\d+)\s*期）\s*(?P<frequency>\S+)?\s*"
    r"(?P<pyear>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日出版"
)
COLUMN = re.compile(r"^#+\s*■\s*(?P<name>.+?)\s*$")
CONTENTS_ITEM = re.compile(r"^-\s+(?P<page>\d+)\s+(?P<rest>\S.*)$")  # rest: rstripped by the reader
LABEL = re.compile(r"^〔(?P<label>[^〕]+)〕\s*(?P<value>.*)$")
ARTICLE_NUMBER = re.compile(
    r"^(?P<issn1>\d{4})[\s-]*(?P<issn2>\d{3}[\dX])\s*\((?P<year>\d{4})\)\s*(?P<issue>\d+)\s*期\s*"
    r"(?P<first>\d{4})-(?P<count>\d+)$"
)
SPACES = re.compile(r"\s+")
NATIONALITY = re.compile(r"〔[^〕]*〕")
BYLINE_TOKEN = re.compile(r"〔(?P<nationality>[^〕]*)〕|(?P<token>[^\s〔]+)")
BIO = re.compile(r"^(?P<name>[^，,]{1,60})[，,](?P<bio>.*)$")
HAN = re.compile(r"[\u3400-\u9fff]")
PERSON_NAME = re.compile(r"[\u3400-\u9fff]{2,4}|[\u3400-\u9fff]+(?:·[\u3400-\u9fff]+)+")
# A review's book, as print gives it: 《书名》，作者著，出版社2025年版，共320页。
REVIEWED_BOOK = re.compile(
    r"^《(?P<title>[^》]+)》[，,]\s*(?P<authors>[^，,]+?)\s*著[，,]\s*(?:(?P<translators>[^，,]+?)译[，,]\s*)?"
    r"(?P<publisher>[^，,]+?)\s*(?P<year>\d{4})\s*年版(?:[，,]\s*共?\s*(?P<pages>\d+)\s*页)?\s*[。.]?$"
)
# Column names that are not research articles; every other column holds articles.
KINDS = {"书评": "review", "书评与综述": "review", "学术动态": "note", "会议综述": "note",
         "研究报告": "note", "研究综述": "note", "学术综述": "note", "动态": "note"}
ALWAYS_REQUIRED = {
    "中图分类号": "〔中图分类号〕",
    "文献标识码": "〔文献标识码〕",
    "文章编号": "〔文章编号〕",
}
ARTICLE_REQUIRED = {"提要": "〔提 要〕", "关键词": "〔关键词〕"}


def squeeze(text):
    """Drop every space: layout put spaces inside CJK titles and names (吴 凡)."""
    return SPACES.sub("", text)


def tidy(text):
    """One space between Latin words and none elsewhere: '生成式 AI' -> '生成式AI', 'John  Smith'
    stays two words, '吴 凡' -> '吴凡'."""
    words = text.split()
    out = words[:1]
    for word in words[1:]:
        out.append((" " if re.match(r"[A-Za-z0-9.,]", out[-1][-1]) and re.match(r"[A-Za-z0-9(]", word[0]) else "") + word)
    return "".join(out)


def plain_title(text):
    return re.sub(r"<sup>\\?\*</sup>|\\\*$", "", text.lstrip("# ")).strip()


def kind_of(column):
    return KINDS.get(squeeze(column), "article")


def split_english_names(text):
    """'BAI Jiayu, WANG Yi & ZHANG Chen' -> three names; also ' and ', ', and ', and a
    translator's 'translated by LIU Yang' -> 'LIU Yang'."""
    text = " ".join(text.split())
    names = [name for name in re.split(r", (?:and |& )?| & | and ", text) if name]
    return [re.sub(r"^(?:translated by|trans\.|tr\.) ", "", name, flags=re.I) for name in names]


COMPOUND_SURNAMES = {"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
                     "夏侯", "令狐", "端木", "西门", "南宫", "独孤", "澹台", "呼延"}


def pinyin_name(name):
    """'刘洋' -> 'LIU Yang', the journal's form, for a translator the English contents does not
    name; any name that is not all Han characters stays as it is."""
    from pypinyin import lazy_pinyin

    if not re.fullmatch(r"[\u3400-\u9fff]{2,4}", name):
        return name
    cut = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    family, given = "".join(lazy_pinyin(name[:cut])), "".join(lazy_pinyin(name[cut:]))
    return f"{family.upper()} {given.capitalize()}"


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
    """'# title' with a '□ byline' in the next three lines (a subtitle may stand between)."""
    if not re.match(r"^#\s+\S", lines[i].text) or lines[i].text.strip() in ("# Table of Contents", "# Abstracts"):
        return False
    following = []
    for line in lines[i + 1:]:
        if line.text.strip():
            following.append(line.text.strip())
            if len(following) == 4:
                break
    for text in following:
        if text.startswith("□"):
            return True
        if LABEL.match(text) or text.startswith("# ") or text == "---" or re.match(r"^\[\d+\]", text):
            return False
    return False


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
    """'- page title names'; a line right under an entry that opens nothing continues it (a
    long title wraps in print)."""
    entries, column, open_entry = [], "", False
    for line in lines:
        text = line.text.strip()
        heading = COLUMN.match(line.text)
        item = CONTENTS_ITEM.match(line.text)
        if heading:
            column, open_entry = heading["name"], False
        elif item:
            if not column:
                raise Diagnostic(path, line.number, "contents item before any '■ column' heading")
            entries.append(ContentsEntry(column, int(item["page"]), item["rest"].rstrip(), line.number))
            open_entry = True
        elif text and open_entry and not text.startswith(("#", "---")):
            entries[-1].text += " " + text
        else:
            open_entry = False
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
        entries.append((group[0].number, SPACES.sub(" ", match["title"]), split_english_names(match["authors"])))
    return entries


def _parse_article(lines, path):
    title_line = lines[0]
    title = plain_title(title_line.text)
    article = Article(title=title, line=title_line.number)
    article.has_funding_mark = "<sup>\\*</sup>" in title_line.text or "<sup>*</sup>" in title_line.text
    byline_at = next(i for i, l in enumerate(lines) if l.text.strip().startswith("□"))
    byline = lines[byline_at]
    article.byline_line = byline.number
    subtitle = " ".join(plain_title(l.text) for l in lines[1:byline_at] if l.text.strip())
    if "——" in title:
        title, _, after = title.partition("——")
        subtitle = (after + " " + subtitle).strip()
    article.title = tidy(title)
    article.subtitle = tidy(subtitle.lstrip("—－- "))
    number_at = next((i for i, l in enumerate(lines) if _label(l.text) == "文章编号"), None)
    if number_at is None:
        raise Diagnostic(path, title_line.number, f"article '{article.title}' has no 〔文章编号〕; expected it before the body")
    labels = _collect_labels(lines[byline_at + 1: number_at + 1], article, path)
    for key, printed in ALWAYS_REQUIRED.items():
        if key not in labels:
            raise Diagnostic(path, title_line.number, f"article '{article.title}' has no {printed}; expected it before the body")
    article.labels = labels
    if "提要" in labels:
        article.abstract = labels["提要"][0]
    if "关键词" in labels:
        article.keywords = [k.strip() for k in re.split(r"[、；;]", labels["关键词"][0]) if k.strip()]
    article.clc = labels["中图分类号"][0]
    article.document_code = labels["文献标识码"][0]
    _read_article_number(article, labels["文章编号"], path)
    authors_text, translators_text = _byline_parts(byline.text)
    article.authors = _read_names(article, authors_text, labels.get("作者简介"), byline, "作者简介", path)
    if translators_text:
        article.translators = _read_names(article, translators_text, labels.get("译者简介"), byline, "译者简介", path)
    elif "译者简介" in labels:
        raise Diagnostic(path, labels["译者简介"][1], f"〔译者简介〕 of '{article.title}' but the byline (line {byline.number}) names no translator; expected '作者 著 译者 译'")
    if "书目" in labels:
        article.reviewed_book = _read_book(article, labels["书目"], path)
    article.body_lines = lines[number_at + 1:]
    return article


def _label(text):
    match = LABEL.match(text.strip())
    return squeeze(match["label"]) if match else None


def _collect_labels(lines, article, path):
    """Map each 〔label〕 to [its text, its line, its lines]; lines without a label continue the previous one."""
    labels, current = {}, None
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        match = LABEL.match(text)
        if match:
            current = squeeze(match["label"])
            labels[current] = [match["value"].strip(), line.number, [Line(line.number, match["value"].strip())]]
        elif current:
            labels[current][0] += text if current not in ("作者简介", "译者简介") else "\n" + text
            labels[current][2].append(line)
        else:
            raise Diagnostic(path, line.number, f"unexpected text before 〔提 要〕 of '{article.title}'")
    return labels


def _read_article_number(article, label, path):
    text, line_number = label[0], label[1]
    match = ARTICLE_NUMBER.match(SPACES.sub(" ", text))
    if not match:
        raise Diagnostic(path, line_number, f"〔文章编号〕 {text!r} of '{article.title}' does not read as 'ISSN (year) N 期 FFFF-CC'")
    article.article_number = SPACES.sub(" ", text)
    article.issn = f"{match['issn1']}-{match['issn2']}"
    article.first_page = int(match["first"])
    article.last_page = article.first_page + int(match["count"]) - 1
    article.number_line = line_number


def _byline_parts(text):
    """'□ 〔俄〕伊万·彼得罗夫 著 刘洋 译' -> ('〔俄〕伊万·彼得罗夫', '刘洋'); no translator -> (text, '')."""
    text = " ".join(text.strip().lstrip("□").split())
    if text.endswith(" 译") and " 著 " in text:
        authors, _, translators = text[:-2].partition(" 著 ")
        return authors, translators
    return text, ""


def _tokens(text):
    """[(token, nationality)]: a 〔俄〕 belongs to the token after it."""
    tokens, nationality = [], ""
    for match in BYLINE_TOKEN.finditer(text):
        if match["nationality"] is not None:
            nationality = squeeze(match["nationality"])
        else:
            tokens.append((match["token"], nationality))
            nationality = ""
    return tokens


def _read_names(article, byline_text, label, byline, what, path):
    """The byline's names, grouped and given their bios by 〔作者简介〕 (or 〔译者简介〕).

    A line of the label starts a bio when the text before its first '，' is the next name of the
    byline (a run of whole byline tokens, spaces aside); any other line continues the bio before
    it. The byline tokens no bio claims are one name each, and may go without a bio only for a
    foreign author."""
    tokens = _tokens(byline_text)
    if not tokens:
        raise Diagnostic(path, byline.number, f"the byline of '{article.title}' names nobody; expected '□ 作者' "
                                              "(names separated by spaces, '作者 著 译者 译' for a translation)")
    joined = "".join(squeeze(t) for t, _ in tokens)
    bounds, at = {0}, 0
    for token, _ in tokens:
        at += len(squeeze(token))
        bounds.add(at)
    claimed, position = [], 0  # [(start, end, name as printed, [bio texts], line)]
    for line in (label[2] if label else []):
        text = line.text.strip()
        match = BIO.match(text)
        name = squeeze(match["name"]) if match else ""
        start = joined.find(name, position) if name else -1
        while start >= 0 and not (start in bounds and start + len(name) in bounds):
            start = joined.find(name, start + 1)
        if match and start >= 0:
            claimed.append([start, start + len(name), tidy(match["name"]), [match["bio"].strip()], line.number])
            position = start + len(name)
        elif match and claimed and name == squeeze(claimed[-1][2]):  # one more affiliation, its own line
            claimed[-1][3][-1] = claimed[-1][3][-1].rstrip("；;。") + "；"
            claimed[-1][3].append(match["bio"].strip())
        elif claimed:
            claimed[-1][3].append(text)
        else:
            names = " ".join(t for t, _ in tokens)
            raise Diagnostic(path, line.number, f"〔{what}〕 of '{article.title}' should start with a name of the byline "
                                                f"'{names}' (line {byline.number}) and '，'")
    people, cursor, at = [], 0, 0
    nationalities = {}
    for token, nationality in tokens:
        nationalities[at] = nationality
        at += len(squeeze(token))
    for start, end, name, bio, line in claimed + [[len(joined), len(joined), None, None, None]]:
        latin_run = False  # unclaimed Latin tokens in a row are one name: 'John Smith'
        while cursor < start:  # unclaimed tokens before this bio: a name each, no bio
            token_end = min(b for b in bounds if b > cursor)
            token, nationality = joined[cursor:token_end], nationalities.get(cursor, "")
            latin = not HAN.search(token)
            if latin and latin_run and not nationality:
                people[-1].name += " " + token
            else:
                people.append(Author(token, nationality=nationality))
            latin_run = latin
            cursor = token_end
        if name is None:
            break
        text = bio[0]
        for more in bio[1:]:
            text = text.rstrip() + joiner(text, more) + more.lstrip()
        people.append(Author(name, bio=text.strip(), nationality=nationalities.get(start, "")))
        cursor = end
    for person in people:
        if not person.bio and not person.nationality and HAN.search(person.name):
            names = " ".join(t for t, _ in tokens)
            # a line that reads as another person's bio says best what went wrong
            stranger = next((m["name"] for l in (label[2] if label else []) for m in [BIO.match(l.text.strip())]
                             if m and PERSON_NAME.fullmatch(squeeze(m["name"]))
                             and squeeze(m["name"]) not in {squeeze(p.name) for p in people}), None)
            if stranger:
                raise Diagnostic(path, label[1], f"〔{what}〕 of '{article.title}' names '{squeeze(stranger)}', who is not in "
                                                 f"the byline '{names}' (line {byline.number}); expected a bio for '{person.name}'")
            where = f"〔{what}〕 (line {label[1]})" if label else f"no 〔{what}〕"
            raise Diagnostic(path, label[1] if label else byline.number,
                             f"{where} of '{article.title}' has no bio for '{person.name}' of the byline '{names}' "
                             f"(line {byline.number}); expected a line '{person.name}，…'")
    return people


def _read_book(article, label, path):
    text = " ".join(label[0].split())
    match = REVIEWED_BOOK.match(text)
    if not match:
        raise Diagnostic(path, label[1], f"〔书 目〕 of '{article.title}' does not read as '《书名》，作者著，出版社2025年版，共320页。'")
    return ReviewedBook(match["title"], tuple(a for a in re.split(r"[、，,]", tidy(match["authors"])) if a),
                        tidy(match["publisher"]), int(match["year"]), int(match["pages"] or 0))


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
            abstracts[-1].authors, abstracts[-1].authors_line = split_english_names(text), first.number
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


def _entry_reads_as(entry, article):
    """The contents entry is the article's title (maybe with its subtitle) and its names."""
    text = squeeze(NATIONALITY.sub("", entry.text))
    titles = {squeeze(article.title)}
    if article.subtitle:
        titles |= {squeeze(article.title + "——" + article.subtitle), squeeze(article.title + article.subtitle)}
    authors = "".join(squeeze(a.name) for a in article.authors)
    translators = "".join(squeeze(t.name) for t in article.translators)
    names = {authors, authors + "著" + translators + "译", authors + translators} if translators else {authors}
    return any(text == t + n for t in titles for n in names), any(text.startswith(t) for t in titles)


def _count_mismatch(articles, contents, path):
    """Say where the Chinese contents and the articles part: the first article that is not its
    entry, or the first entry or article left over."""
    message = f"{len(articles)} articles but {len(contents)} entries in the Chinese contents; expected the same number"
    for article, entry in zip(articles, contents):
        if not _entry_reads_as(entry, article)[0]:
            raise Diagnostic(path, article.line, f"{message}: article '{article.title}' is not the contents entry "
                                                 f"'{entry.text}' (line {entry.line})")
    if len(contents) > len(articles):
        entry = contents[len(articles)]
        raise Diagnostic(path, entry.line, f"{message}: the entry '{entry.text}' has no article "
                                           "(expected '# title' with a '□ byline' under it)")
    article = articles[len(contents)]
    raise Diagnostic(path, article.line, f"{message}: article '{article.title}' is not in the contents list")


def _match(issue, english, abstracts, path, abstracts_line):
    """Check contents, English contents, articles and abstracts agree one to one, in order."""
    articles = issue.articles
    if len(issue.contents) != len(articles):
        _count_mismatch(articles, issue.contents, path)
    if len(english) != len(articles):
        line = articles[len(english)].line if len(english) < len(articles) else english[len(articles)][0]
        raise Diagnostic(path, line, f"{len(articles)} articles but {len(english)} entries in the English contents; "
                                     "expected the same number" + (f" (no English entry for '{articles[len(english)].title}')"
                                                                   if len(english) < len(articles) else ""))
    remaining = list(abstracts)
    for article, entry, (en_line, en_title, en_authors) in zip(articles, issue.contents, english):
        reads, title_fits = _entry_reads_as(entry, article)
        if not reads:
            names = " ".join(a.name for a in article.authors + article.translators)
            if not title_fits:
                raise Diagnostic(path, article.line, f"article title '{article.title}' differs from the contents entry "
                                                     f"'{entry.text}' (line {entry.line})")
            raise Diagnostic(path, article.line, f"authors '{names}' of '{article.title}' differ from the contents entry "
                                                 f"'{entry.text}' (line {entry.line})")
        if article.first_page != entry.page:
            raise Diagnostic(path, article.number_line, f"〔文章编号〕 of '{article.title}' gives first page {article.first_page}, the contents list says {entry.page} (line {entry.line})")
        if article.issn != articles[0].issn:
            raise Diagnostic(path, article.number_line, f"ISSN {article.issn} of '{article.title}' differs from the first article's {articles[0].issn}")
        article.column = entry.column
        article.kind = kind_of(entry.column)
        if article.kind == "article":
            for key, printed in ARTICLE_REQUIRED.items():
                if key not in article.labels:
                    raise Diagnostic(path, article.line, f"article '{article.title}' has no {printed}; expected it before the body "
                                                         f"(only a review or a note, by its column, may go without)")
        if article.kind != "review" and article.reviewed_book:
            raise Diagnostic(path, article.labels["书目"][1], f"〔书 目〕 in '{article.title}', which is not in a review column (书评)")
        people = article.authors + article.translators
        if len(en_authors) not in (len(article.authors), len(people)):
            raise Diagnostic(path, en_line, f"{len(en_authors)} English names {en_authors} for the {len(article.authors)} "
                                            f"author(s) of '{article.title}' (line {article.line})")
        abstract = remaining[0] if remaining and remaining[0].title == en_title else None
        if abstract is None and article.kind == "article":
            later = next((a for a in remaining if a.title == en_title), None)
            if later is not None or remaining:
                where = remaining[0]
                raise Diagnostic(path, where.line, f"abstract title '{where.title}' differs from the English contents entry "
                                                   f"'{en_title}' (line {en_line}) of '{article.title}'; expected its English abstract here, in the same order")
            raise Diagnostic(path, abstracts_line, f"no English abstract for '{article.title}' ('{en_title}', English contents "
                                                   f"line {en_line}); expected '## **{en_title}**' in the Abstracts")
        if abstract is not None:
            remaining.pop(0)
            if abstract.authors != en_authors:
                raise Diagnostic(path, abstract.authors_line or abstract.line, f"abstract authors {abstract.authors} differ from the English contents {en_authors} (line {en_line}) of '{article.title}'")
            if not abstract.paragraphs:
                raise Diagnostic(path, abstract.line, f"abstract '{en_title}' of '{article.title}' has no text")
            article.abstract_en_lines = abstract.paragraphs
        article.title_en = en_title
        for person, name_en in zip(people, en_authors):
            person.name_en = name_en
        if len(en_authors) == len(article.authors):  # the English contents names the authors only
            for translator in article.translators:
                translator.name_en = pinyin_name(translator.name)
    if remaining:
        raise Diagnostic(path, remaining[0].line, f"abstract '{remaining[0].title}' belongs to no article of the English contents; "
                                                  "expected the abstracts in the order of the contents")
