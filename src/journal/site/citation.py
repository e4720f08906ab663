"""How to cite an article: GB/T 7714—2025 (print and online forms), APA 7, RIS, BibTeX,
Highwire tags and JSON-LD.

All made at build time from the article (journal.model.Article, read once from front matter). Plain strings here are escaped by the
templates that print them; the two functions that return HTML (`apa_html`, `gbt7714_online_html`)
escape every value themselves and return Markup.

Names. Front matter gives each author's Chinese name (`name`, e.g. 张超哲) and romanised name
(`name_en`, family name first in capitals: 'ZHANG Chaozhe', 'OUYANG Hui'). The model
(journal.model.split_name, Author.sorted_name) cuts the Chinese name where the romanised family
name ends (pinyin of the first characters, so 欧阳 and other two-character surnames are found),
which is what reference managers need: Zotero reads `citation_author` 'Family, Given' as two
fields, and so do RIS `AU` and BibTeX `author`. Translators are RIS `A4`, BibTeX `translator`,
JSON-LD `translator`; Highwire has no field for them.

Languages, one convention per format: BCP 47 `zh-CN` wherever a language code is asked for
(HTML, Highwire `citation_language`, JSON-LD `inLanguage`, RIS `LA`, the PDF's /Lang, the
feeds), and BibTeX's language names (`language = {chinese}`, as biblatex and the gbt7714
BibTeX style read them).

Where the English title and the romanised names go, in the fields made for them:
- English title: RIS `TT` (translated title), BibTeX `titleaddon` in brackets (biblatex; APA's
  "[translated title]"), JSON-LD `alternativeHeadline` and `name` with @language, APA's
  bracketed translation, the Atom/RSS entry (as `<summary>` lead-in: no field for it), the PDF.
- Romanised names: JSON-LD `alternateName`, APA's names (Zhang, C.), the PDF and the page.
  Highwire, RIS and BibTeX have one name per author and no field for another script, so they
  carry the Chinese name, split.
"""

import json
import re

from markupsafe import Markup, escape

from journal.formats import bibtex as bibtex_format
from journal.formats import ris as ris_format

LANGUAGE = "zh-CN"  # BCP 47: every format that takes a language code
BIBTEX_LANGUAGE = "chinese"  # BibTeX/biblatex take language names


# --- names ---------------------------------------------------------------------------------
# The split of a name into family and given name lives on the model (journal.model.Author:
# family, given, sorted_name, apa_name), computed there for every format.

# --- GB/T 7714 -----------------------------------------------------------------------------

def gbt_authors(article):
    """GB/T 7714: up to three names, then ', 等'."""
    names = list(article.author_names)
    return ", ".join(names[:3]) + (", 等" if len(names) > 3 else "")


def gbt_title(article):
    """题名 with its subtitle as 其他题名信息 after a colon."""
    return f"{article.title}: {article.subtitle}" if article.subtitle else article.title


def gbt7714(article):
    """GB/T 7714—2025, print form: 作者. 题名[J]. 刊名, 年(期): 页码."""
    issue = article.issue
    return f"{gbt_authors(article)}. {gbt_title(article)}[J]. {issue.journal}, {issue.year}({issue.number}): {article.pages}."


def gbt7714_online(article, url, accessed):
    """GB/T 7714—2025, the web copy: 作者. 题名[J/OL]. 刊名, 年(期): 页码[引用日期]. URL.

    `accessed` is the reader's date (YYYY-MM-DD); the cite box fills it in when copied."""
    issue = article.issue
    return (f"{gbt_authors(article)}. {gbt_title(article)}[J/OL]. {issue.journal}, {issue.year}({issue.number}): "
            f"{article.pages}[{accessed}]. {url}.")


def gbt7714_online_html(article, url, placeholder="引用日期"):
    """The online form with the access date in <span class="cite-accessed">, for the script
    that puts the reader's date there."""
    text = gbt7714_online(article, url, "\x00")
    before, after = text.split("\x00")
    return Markup(f'{escape(before)}<span class="cite-accessed">{escape(placeholder)}</span>{escape(after)}')


# --- APA 7 ---------------------------------------------------------------------------------

def _word_core(word):
    return re.sub(r"(?:'s|’s)$", "", re.sub(r"^[^\w]+|[^\w]+$", "", word))


def sentence_case(title, context=""):
    """APA's sentence case for an English title: capitals only for the first word, the first
    word after a colon, and words that are proper nouns. A word counts as a proper noun when
    it is in capitals (US), or the prose in `context` (the English abstract) writes it
    capitalised wherever it occurs, or it joins capitalised parts by a hyphen (China-Pakistan)."""
    lower_in_context = {w for w in re.findall(r"[A-Za-z][\w'-]*", context) if w[0].islower()}
    lower_in_context = {w.lower() for w in lower_in_context}
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


def _apa_authors(article):
    names = [a.apa_name for a in article.authors]
    if len(names) > 20:
        names = names[:19] + ["…", names[-1]]
        return ", ".join(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def apa_parts(article, url=""):
    """APA 7 as (before the journal, journal, after): the journal name is set in italics."""
    issue = article.issue
    translated = sentence_case(article.title_en, article.abstract_en)
    before = f"{_apa_authors(article)} ({issue.year}). {gbt_title(article)} [{translated}]. "
    after = f", ({issue.number}), {article.page_range}."
    if url:
        after += f" {url}"
    return before, issue.journal, after


def apa(article, url=""):
    """APA 7, plain text: original title, then its English translation in brackets."""
    return "".join(apa_parts(article, url))


def apa_html(article, url=""):
    """APA 7 with the journal name in <i>, every value escaped: for the cite box's rich copy."""
    before, journal, after = apa_parts(article, url)
    return Markup(f"{escape(before)}<i>{escape(journal)}</i>{escape(after)}")


# --- RIS and BibTeX ------------------------------------------------------------------------

def ris(article, url, updated=None):
    """RIS (one record). `updated`: the web version's date (YYYY-MM-DD), if it was corrected.
    Translators are A4 (subsidiary author: Zotero's translator). Written by journal.formats.ris:
    every value one line, so none can end the record."""
    issue = article.issue
    lines = [("TY", "JOUR"), ("TI", gbt_title(article)), ("TT", article.title_en)]
    lines += [("AU", a.sorted_name) for a in article.authors]
    lines += [("A4", t.sorted_name) for t in article.translators]
    lines += [
        ("T2", issue.journal), ("JO", issue.journal), ("PY", str(issue.year)),
        ("DA", issue.published_slashed),
        ("IS", str(issue.number)), ("SP", str(article.first_page)), ("EP", str(article.last_page)),
        ("SN", issue.issn), ("LA", LANGUAGE),
    ]
    lines += [("KW", k) for k in article.keywords]
    if article.abstract:
        lines += [("AB", article.abstract)]
    if url:
        lines += [("UR", url)]
    if updated:
        lines += [("N1", f"网络版更正于 {updated}")]
    return ris_format.record(lines)


def bibtex_key(article):
    return bibtex_format.key(f"{article.slug.replace('-', '')}{article.issue.year}")


def _people(people):
    return bibtex_format.Raw(bibtex_format.names((p.family, p.given) for p in people))


def bibtex(article, url, updated=None):
    """BibTeX (one @article). Written by journal.formats.bibtex: every value in balanced braces,
    TeX's special characters as text commands that BibTeX and biber both read."""
    issue = article.issue
    fields = [("title", article.title)]
    if article.subtitle:
        fields.append(("subtitle", article.subtitle))
    fields += [("titleaddon", f"[{article.title_en}]"), ("author", _people(article.authors))]
    if article.translators:
        fields.append(("translator", _people(article.translators)))
    fields += [
        ("journal", issue.journal), ("year", issue.year), ("date", issue.published),
        ("number", issue.number),
        ("pages", f"{article.first_page}--{article.last_page}"), ("issn", issue.issn),
        ("language", BIBTEX_LANGUAGE),
    ]
    if article.keywords:
        fields.append(("keywords", ", ".join(article.keywords)))
    if article.abstract:
        fields.append(("abstract", article.abstract))
    if url:
        fields.append(("url", url))
    if updated:
        fields.append(("note", f"网络版更正于 {updated}"))
    return bibtex_format.entry("article", bibtex_key(article), fields)


# --- Highwire and JSON-LD ------------------------------------------------------------------

def highwire(article, url, pdf_url=""):
    """[(name, content)] for Google Scholar / Zotero <meta> tags: every author in order
    (translators have no Highwire tag and are left out)."""
    issue = article.issue
    tags = [("citation_title", gbt_title(article))]
    tags += [("citation_author", a.sorted_name) for a in article.authors]
    tags += [
        ("citation_journal_title", issue.journal), ("citation_issn", issue.issn),
        ("citation_issue", str(issue.number)),
        ("citation_publication_date", issue.published_slashed),
        ("citation_date", issue.published_slashed),
        ("citation_firstpage", str(article.first_page)), ("citation_lastpage", str(article.last_page)),
        ("citation_language", LANGUAGE),
    ]
    if article.keywords:
        tags.append(("citation_keywords", "; ".join(article.keywords)))
    if article.abstract:
        tags.append(("citation_abstract", article.abstract))
    if url:
        tags.append(("citation_abstract_html_url", url))
        tags.append(("citation_fulltext_html_url", url))
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    return tags


def _person(author):
    person = {"@type": "Person", "name": author.name, "familyName": author.family, "givenName": author.given,
              "alternateName": author.name_en, "description": author.bio}
    if author.nationality:
        person["nationality"] = author.nationality
    return person


def json_ld(article, url, pdf_url="", modified=""):
    """schema.org ScholarlyArticle, as a string safe inside <script type="application/ld+json">."""
    issue = article.issue
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": gbt_title(article),
        "name": [{"@language": "zh", "@value": gbt_title(article)}, {"@language": "en", "@value": article.title_en}],
        "alternativeHeadline": article.title_en,
        "inLanguage": LANGUAGE,
        "author": [_person(a) for a in article.authors],
        "pageStart": article.first_page,
        "pageEnd": article.last_page,
        "pagination": article.pages,
        "keywords": list(article.keywords),
        "abstract": [{"@language": lang, "@value": text}
                     for lang, text in (("zh", article.abstract), ("en", article.abstract_en)) if text],
        "datePublished": issue.published,
        "isPartOf": {
            "@type": "PublicationIssue",
            "issueNumber": str(issue.number),
            "datePublished": issue.published,
            "isPartOf": {"@type": "Periodical", "name": issue.journal, "issn": issue.issn},
        },
    }
    if article.translators:
        data["translator"] = [_person(t) for t in article.translators]
    if article.reviewed_book:
        book = article.reviewed_book
        data["about"] = {"@type": "Book", "name": book.title, "author": [{"@type": "Person", "name": n} for n in book.authors],
                         "publisher": {"@type": "Organization", "name": book.publisher}}
        if book.year:
            data["about"]["datePublished"] = str(book.year)
        if book.pages:
            data["about"]["numberOfPages"] = book.pages
    if modified:
        data["dateModified"] = modified
    if url:
        data["url"] = url
    if pdf_url:
        data["encoding"] = {"@type": "MediaObject", "encodingFormat": "application/pdf", "contentUrl": pdf_url}
    text = json.dumps(data, ensure_ascii=False, indent=None)
    # '<' can close the script element early; '\u003c' is the same character to JSON.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
