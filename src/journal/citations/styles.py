"""The citation styles of the cite box, one function per style, each reading the typed model
(journal.model.Article and its IssueRef) and returning journal.citations.text.Text.

GB/T 7714—2025 (the journal's own, and China's national standard) cites the article as
printed: the Chinese names, title and journal, with ASCII punctuation followed by a space
(`作者. 题名[J]. 刊名, 年(期): 页码.`), the title's own full-width punctuation kept. The gap a
browser once showed before those commas (`王帆 , 温盈晖 .`) was text-autospace, not the text:
the cite box sets it off.

APA 7, Chicago 18 and MLA 9 cite a Chinese article for readers of English: the authors by
their romanised names (ZHANG Chaozhe -> APA's Zhang, C.; Chicago's and MLA's Zhang Chaozhe, a
Chinese name kept family-first and uninverted as both manuals ask), the title and the journal
in Hanyu Pinyin (journal.citations.pinyin), the English title in [brackets] after the title,
and italics only on Latin text (the journal's pinyin name), never a slanted 国际问题研究.
The journal prints no volume: issue and pages only (APA's `(2), 12–34`, Chicago's and MLA's
`no. 2`). Translators where each style puts them: APA `(Y. Liu, Trans.)` after the title,
Chicago `Translated by Liu Yang.` (notes: `trans. Liu Yang`), MLA `translated by Liu Yang`
after the journal; GB/T 7714 has no place for them in a journal article. Names and lists follow each style's CSL file (tests/citations/test_csl.py feeds the
CSL-JSON of journal.citations.csl_json to citeproc-py with apa, chicago-author-date,
chicago-notes-bibliography, modern-language-association and GB/T 7714-2015 and compares).
"""

import re

from journal.model import split_name_en

from . import pinyin
from .text import ACCESSED, ACCESSED_PLACEHOLDER, ITALIC, PLAIN, text

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


# --- shared -----------------------------------------------------------------------------------

def full_title(article):
    """题名 with its subtitle as 其他题名信息 after a colon (GB/T 7714, RIS, BibTeX, CSL-JSON)."""
    return f"{article.title}: {article.subtitle}" if article.subtitle else article.title


def month(article):
    """The month of the issue's date (1-12), 0 when the date has none."""
    parts = article.issue.published.split("-")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0


def _pinyin_marked(article):
    title = f"{article.title}：{article.subtitle}" if article.subtitle else article.title
    return pinyin.sentence(title)


def pinyin_title(article):
    """The title (and subtitle) in pinyin, sentence case, as plain text."""
    return _pinyin_marked(article).replace(pinyin.BOOK_START, "").replace(pinyin.BOOK_END, "")


def title_parts(article):
    """The pinyin title as parts: a book's title within it (《…》) in italics, as APA,
    Chicago and MLA set a book's title inside an article's."""
    parts, italic = [], False
    for piece in re.split(f"([{pinyin.BOOK_START}{pinyin.BOOK_END}])", _pinyin_marked(article)):
        if piece in (pinyin.BOOK_START, pinyin.BOOK_END):
            italic = piece == pinyin.BOOK_START
        elif piece:
            parts.append((ITALIC if italic else PLAIN, piece))
    return parts


def pinyin_journal(article):
    return pinyin.headline(article.issue.journal)


def _word_core(word):
    return re.sub(r"(?:'s|’s)$", "", re.sub(r"^[^\w]+|[^\w]+$", "", word))


def sentence_case(title, context=""):
    """APA's (and Chicago's) sentence case for an English title: capitals only for the first
    word, the first word after a colon, and words that are proper nouns. A word counts as a
    proper noun when it is in capitals (US), or the prose in `context` (the English abstract)
    writes it capitalised wherever it occurs, or it joins capitalised parts by a hyphen
    (China-Pakistan)."""
    lower_in_context = {w.lower() for w in re.findall(r"[A-Za-z][\w'-]*", context) if w[0].islower()}
    capital_in_context = {_word_core(w) for w in re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]*", context)}
    out, start = [], True
    for word in title.split(" "):
        core = _word_core(word)
        keep = (
            start or not core or core.isupper() and len(core) > 1
            or ("-" in core and all(p[:1].isupper() for p in core.split("-")))
            or (core in capital_in_context and core.lower() not in lower_in_context)
        )
        out.append(word if keep else word.lower())
        start = word.endswith((":", "?", "!", "—"))
    return " ".join(out)


def translated(article):
    """' [The English title]' in sentence case, '' when there is none."""
    return f" [{sentence_case(article.title_en, article.abstract_en)}]" if article.title_en else ""


_CHINESE_NAME = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")


def is_chinese_name(person):
    """A Chinese name (王帆 with its pinyin WANG Fan), not a transliterated foreign one
    (约翰·史密斯, which has the middle dot) nor a Latin one (John Smith)."""
    return bool(person.name_en) and _CHINESE_NAME.fullmatch(person.name.strip()) is not None


def _latin_names(article, people=None, keep_chinese_order=True):
    """(family, given) of each author (or of `people`) in Latin script (from the romanised name).

    Chicago 18 (14.84) and MLA 9 keep a Chinese name as it is said, family name first and never
    inverted: 'Wang Fan and Wen Yinghui', not 'Wang, Fan, and Yinghui Wen'. Such a name comes
    back whole as the family part with no given name, which the lists below print as it stands
    in every position; a Western co-author keeps the styles' inversion. APA initialises every
    given name (Wang, F.) and passes keep_chinese_order=False."""
    names = []
    for a in article.authors if people is None else people:
        if not a.name_en:
            names.append((a.name, ""))
        elif keep_chinese_order and is_chinese_name(a):
            names.append((" ".join(p for p in split_name_en(a.name_en) if p), ""))
        else:
            names.append(split_name_en(a.name_en))
    return names


def _given_first(names, and_word="and"):
    """'Yang Liu', 'Liu Yang and Wu Fan' (Chinese), 'A, B, and C' (Chicago's and MLA's translators)."""
    shown = [f"{g} {f}".strip() for f, g in names]
    if len(shown) < 3:
        return f" {and_word} ".join(shown)
    return ", ".join(shown[:-1]) + f", {and_word} " + shown[-1]


def _translated_by(article, template):
    """`template` with the translators' names ('' when there are none)."""
    return template.format(_given_first(_latin_names(article, article.translators))) if article.translators else ""


def _inverted_first(names, et_al_min, et_al_first, and_word="and"):
    """'Zhang, Chaozhe, and Fan Wu' (Chicago's and MLA's bibliography: the first name
    inverted, the others not, a comma before the last 'and'); 'Wang Fan and Wen Yinghui' for
    Chinese names, which are never inverted; 'et al.' past `et_al_min`."""
    shown = [f"{f}, {g}" if g else f for f, g in names[:1]] + [f"{g} {f}".strip() for f, g in names[1:]]
    if len(names) >= et_al_min:
        return ", ".join(shown[:et_al_first]) + ", et al."
    if len(shown) == 2:  # the comma only closes an inverted first name (Zhang, Chaozhe, and …)
        return f"{shown[0]}{',' if names[0][1] else ''} {and_word} {shown[1]}"
    return ", ".join(shown[:-1]) + (f", {and_word} " if len(shown) > 1 else "") + shown[-1]


def _ending(value):
    """A name list closed by a period unless it already ends with one (et al., initials)."""
    return value if value.endswith(".") else value + "."


# --- GB/T 7714—2025 ---------------------------------------------------------------------------

def gbt_authors(article):
    """GB/T 7714: up to three names, then ', 等'."""
    names = list(article.author_names)
    return ", ".join(names[:3]) + (", 等" if len(names) > 3 else "")


def gbt7714(article, where):
    """GB/T 7714—2025, print form: 作者. 题名[J]. 刊名, 年(期): 页码."""
    issue = article.issue
    return text(f"{gbt_authors(article)}. {full_title(article)}[J]. {issue.journal}, {issue.year}({issue.number}): {article.pages}.")


def gbt7714_online(article, where):
    """GB/T 7714—2025, the web copy: 作者. 题名[J/OL]. 刊名, 年(期): 页码[引用日期]. URL.
    The 引用日期 is the reader's (`where.accessed`; the cite box's script fills it in)."""
    issue = article.issue
    return text(f"{gbt_authors(article)}. {full_title(article)}[J/OL]. {issue.journal}, {issue.year}({issue.number}): {article.pages}[",
                (ACCESSED, where.accessed or ACCESSED_PLACEHOLDER), f"]. {where.url}.")


# --- APA 7 ------------------------------------------------------------------------------------

def apa_authors(article):
    """'Zhang, C., & Wu, F.': up to 20 names; past 20, the first 19, an ellipsis and the last."""
    names = [a.apa_name for a in article.authors]
    if len(names) > 20:
        return ", ".join(names[:19] + ["…", names[-1]])
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def apa(article, where):
    """APA 7: Zhang, C., & Wu, F. (2026). Zhongba mingyun gongtongti: … [The
    China-Pakistan community …]. *Guoji Wenti Yanjiu*, (2), 12–34. URL"""
    issue = article.issue
    trans = ""
    if article.translators:  # APA: (Y. Liu, Trans.) after the title
        names = [" ".join(f"{w[0]}." for w in g.split()) + f" {f}" if g else f
                 for f, g in _latin_names(article, article.translators, keep_chinese_order=False)]
        trans = " (" + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " & " + names[-1]) + ", Trans.)"
    return text(f"{_ending(apa_authors(article))} ({issue.year}). ", *title_parts(article), f"{translated(article)}{trans}. ",
                (ITALIC, pinyin_journal(article)), f", ({issue.number}), {article.page_range}.",
                f" {where.url}" if where.url else "")


# --- Chicago 18 -------------------------------------------------------------------------------

def _chicago_title(article):
    # The romanised title in quotation marks; the translation after them, in brackets.
    return ["“", *title_parts(article), f"”{translated(article)}"]


def chicago_author_date(article, where):
    """Chicago 18, author-date reference list: Zhang Chaozhe and Wu Fan. 2026. “…” […].
    *Guoji Wenti Yanjiu*, no. 2 (March): 12–34. URL."""
    issue, m = article.issue, month(article)
    names = _ending(_inverted_first(_latin_names(article), 7, 3))
    return text(f"{names} {issue.year}. ", *_chicago_title(article), f". {_translated_by(article, 'Translated by {}. ')}",
                (ITALIC, pinyin_journal(article)),
                f", no. {issue.number}" + (f" ({MONTHS[m - 1]})" if m else "") + f": {article.page_range}.",
                f" {where.url}." if where.url else "")


def chicago_bibliography(article, where):
    """Chicago 18, notes and bibliography, the bibliography entry: Zhang Chaozhe and Wu Fan.
    “…” […]. *Guoji Wenti Yanjiu*, no. 2 (March 2026): 12–34. URL."""
    issue, m = article.issue, month(article)
    names = _ending(_inverted_first(_latin_names(article), 7, 3))
    date = f"{MONTHS[m - 1]} {issue.year}" if m else str(issue.year)
    return text(f"{names} ", *_chicago_title(article), f". {_translated_by(article, 'Translated by {}. ')}",
                (ITALIC, pinyin_journal(article)),
                f", no. {issue.number} ({date}): {article.page_range}.", f" {where.url}." if where.url else "")


def chicago_note(article, where):
    """Chicago 18, notes and bibliography, the first (full) note: Zhang Chaozhe and Wu Fan,
    “…” […], *Guoji Wenti Yanjiu*, no. 2 (March 2026): 12–34, URL. Three or more authors:
    the first and 'et al.' (as the CSL style)."""
    issue, m = article.issue, month(article)
    names = [f"{g} {f}".strip() for f, g in _latin_names(article)]
    people = f"{names[0]} et al." if len(names) >= 3 else " and ".join(names)
    date = f"{MONTHS[m - 1]} {issue.year}" if m else str(issue.year)
    return text(f"{people}, ", *_chicago_title(article), f", {_translated_by(article, 'trans. {}, ')}", (ITALIC, pinyin_journal(article)),
                f", no. {issue.number} ({date}): {article.page_range}" + (f", {where.url}." if where.url else "."))


# --- MLA 9 ------------------------------------------------------------------------------------

def mla(article, where):
    """MLA 9 works cited: Zhang Chaozhe and Wu Fan. “…” [The China-Pakistan Community …].
    *Guoji Wenti Yanjiu*, no. 2, Mar. 2026, pp. 12–34, URL. Three or more authors: the first
    and 'et al.'; the translation as the journal prints it (MLA keeps title case)."""
    issue, m = article.issue, month(article)
    names = _ending(_inverted_first(_latin_names(article), 3, 1))
    date = f"{MLA_MONTHS[m - 1]} {issue.year}" if m else str(issue.year)
    return text(f"{names} “", *title_parts(article), "”" + (f" [{article.title_en}]" if article.title_en else "") + ". ",
                (ITALIC, pinyin_journal(article)),
                f"{_translated_by(article, ', translated by {}')}, no. {issue.number}, {date}, pp. {article.page_range}" + (f", {where.url}." if where.url else "."))
