"""How to cite an article: GB/T 7714—2025 (print and online forms), APA 7, RIS, BibTeX,
Highwire tags and JSON-LD.

All made at build time from the page's front matter. Plain strings here are escaped by the
templates that print them; the two functions that return HTML (`apa_html`, `gbt7714_online_html`)
escape every value themselves and return Markup.

Names. Front matter gives each author's Chinese name (`name`, e.g. 张超哲) and romanised name
(`name_en`, family name first in capitals: 'ZHANG Chaozhe', 'OUYANG Hui'). `split_name` cuts the
Chinese name where the romanised family name ends (pinyin of the first characters, so 欧阳 and
other two-character surnames are found), which is what reference managers need: Zotero reads
`citation_author` 'Family, Given' as two fields, and so do RIS `AU` and BibTeX `author`.

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
from pypinyin import Style, pinyin

from journal.formats import bibtex as bibtex_format
from journal.formats import ris as ris_format

LANGUAGE = "zh-CN"  # BCP 47: every format that takes a language code
BIBTEX_LANGUAGE = "chinese"  # BibTeX/biblatex take language names
# Two-character surnames, for a romanised name that does not settle the question.
COMPOUND_SURNAMES = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
                     "司徒", "夏侯", "令狐", "端木", "澹台", "申屠", "轩辕", "西门", "南宫", "百里", "呼延"}


def pages(meta):
    return f"{meta['first_page']}-{meta['last_page']}"


# --- names ---------------------------------------------------------------------------------

def split_name_en(name_en):
    """'ZHANG Chaozhe' -> ('Zhang', 'Chaozhe'); 'OUYANG Hui' -> ('Ouyang', 'Hui').

    The family name is the words written in capitals, first (Chinese order) or last
    ('John SMITH'); a name with no word in capitals is taken as 'Family Given'."""
    words = name_en.split()
    if not words:
        return "", ""
    caps = [w.isupper() and any(c.isalpha() for c in w) for w in words]
    if caps[0]:
        n = next((i for i, c in enumerate(caps) if not c), len(words))
        family, given = words[:n], words[n:]
    elif caps[-1]:
        n = next(i for i in range(len(words) - 1, -1, -1) if not caps[i]) + 1
        family, given = words[n:], words[:n]
    else:
        family, given = words[:1], words[1:]
    title = lambda w: "-".join(part[:1].upper() + part[1:].lower() for part in w.split("-"))  # noqa: E731
    return " ".join(title(w) for w in family), " ".join(given)


def _romanised(text):
    return re.sub(r"[^a-z]", "", text.lower().replace("ü", "v"))


def _surname_length(name, family_en):
    """How many leading characters of `name` spell `family_en` in pinyin (heteronyms too:
    单 may be Shan), or None."""
    target = _romanised(family_en)
    readings = pinyin(name, style=Style.NORMAL, heteronym=True, errors="ignore")
    if len(readings) != len(name):
        return None
    prefixes = {""}
    for n, options in enumerate(readings[:-1], start=1):
        prefixes = {p + _romanised(o) for p in prefixes for o in options}
        prefixes = {p for p in prefixes if target.startswith(p)}
        if target in prefixes or (target.replace("yu", "v") in prefixes):
            return n
        if not prefixes:
            return None
    return None


def split_name(author):
    """(family, given) of an author's Chinese name: 张超哲 -> ('张', '超哲'), 欧阳辉 -> ('欧阳', '辉').

    Names with a middle dot (transliterated foreign names, 约翰·史密斯) end with the family name."""
    name = author["name"].strip()
    if "·" in name:
        given, _, family = name.rpartition("·")
        return family, given
    if len(name) < 2 or not re.fullmatch(r"[\u3400-\u9fff\uf900-\ufaff]+", name):
        family_en, given_en = split_name_en(author.get("name_en", ""))
        return (family_en, given_en) if family_en and not re.search(r"[\u3400-\u9fff]", name) else (name, "")
    n = _surname_length(name, split_name_en(author.get("name_en", ""))[0])
    if n is None:
        n = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    return name[:n], name[n:]


def sorted_name(author):
    """'张, 超哲': family, comma, given (Highwire citation_author, RIS AU, BibTeX author)."""
    family, given = split_name(author)
    return f"{family}, {given}" if given else family


def apa_name(name_en):
    """'ZHANG Chaozhe' -> 'Zhang, C.'; 'ZHANG San-feng' -> 'Zhang, S.-F.'."""
    family, given = split_name_en(name_en)
    initials = " ".join("-".join(f"{p[0].upper()}." for p in word.split("-") if p) for word in given.split())
    return f"{family}, {initials}" if initials else family


# --- GB/T 7714 -----------------------------------------------------------------------------

def gbt_authors(meta):
    """GB/T 7714: up to three names, then ', 等'."""
    names = [a["name"] for a in meta["authors"]]
    return ", ".join(names[:3]) + (", 等" if len(names) > 3 else "")


def gbt7714(meta):
    """GB/T 7714—2025, print form: 作者. 题名[J]. 刊名, 年(期): 页码."""
    issue = meta["issue"]
    return f"{gbt_authors(meta)}. {meta['title']}[J]. {issue['journal']}, {issue['year']}({issue['number']}): {pages(meta)}."


def gbt7714_online(meta, url, accessed):
    """GB/T 7714—2025, the web copy: 作者. 题名[J/OL]. 刊名, 年(期): 页码[引用日期]. URL.

    `accessed` is the reader's date (YYYY-MM-DD); the cite box fills it in when copied."""
    issue = meta["issue"]
    return (f"{gbt_authors(meta)}. {meta['title']}[J/OL]. {issue['journal']}, {issue['year']}({issue['number']}): "
            f"{pages(meta)}[{accessed}]. {url}.")


def gbt7714_online_html(meta, url, placeholder="引用日期"):
    """The online form with the access date in <span class="cite-accessed">, for the script
    that puts the reader's date there."""
    text = gbt7714_online(meta, url, "\x00")
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


def _apa_authors(meta):
    names = [apa_name(a["name_en"]) for a in meta["authors"]]
    if len(names) > 20:
        names = names[:19] + ["…", names[-1]]
        return ", ".join(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def apa_parts(meta, url=""):
    """APA 7 as (before the journal, journal, after): the journal name is set in italics."""
    issue = meta["issue"]
    translated = sentence_case(meta["title_en"], meta.get("abstract_en", ""))
    before = f"{_apa_authors(meta)} ({issue['year']}). {meta['title']} [{translated}]. "
    after = f", ({issue['number']}), {meta['first_page']}–{meta['last_page']}."
    if url:
        after += f" {url}"
    return before, issue["journal"], after


def apa(meta, url=""):
    """APA 7, plain text: original title, then its English translation in brackets."""
    return "".join(apa_parts(meta, url))


def apa_html(meta, url=""):
    """APA 7 with the journal name in <i>, every value escaped: for the cite box's rich copy."""
    before, journal, after = apa_parts(meta, url)
    return Markup(f"{escape(before)}<i>{escape(journal)}</i>{escape(after)}")


# --- RIS and BibTeX ------------------------------------------------------------------------

def ris(meta, url, updated=None):
    """RIS (one record). `updated`: the web version's date (YYYY-MM-DD), if it was corrected.
    Written by journal.formats.ris: every value one line, so none can end the record."""
    issue = meta["issue"]
    lines = [("TY", "JOUR"), ("TI", meta["title"]), ("TT", meta["title_en"])]
    lines += [("AU", sorted_name(a)) for a in meta["authors"]]
    lines += [
        ("T2", issue["journal"]), ("JO", issue["journal"]), ("PY", str(issue["year"])),
        ("DA", issue["published"].replace("-", "/")),
        ("IS", str(issue["number"])), ("SP", str(meta["first_page"])), ("EP", str(meta["last_page"])),
        ("SN", issue["issn"]), ("LA", LANGUAGE),
    ]
    lines += [("KW", k) for k in meta["keywords"]]
    lines += [("AB", meta["abstract"])]
    if url:
        lines += [("UR", url)]
    if updated:
        lines += [("N1", f"网络版更正于 {updated}")]
    return ris_format.record(lines)


def bibtex_key(meta, slug):
    return bibtex_format.key(f"{slug.replace('-', '')}{meta['issue']['year']}")


def bibtex(meta, slug, url, updated=None):
    """BibTeX (one @article). Written by journal.formats.bibtex: every value in balanced braces,
    TeX's special characters as text commands that BibTeX and biber both read."""
    issue = meta["issue"]
    fields = [
        ("title", meta["title"]),
        ("titleaddon", f"[{meta['title_en']}]"),
        ("author", bibtex_format.Raw(bibtex_format.names(split_name(a) for a in meta["authors"]))),
        ("journal", issue["journal"]), ("year", issue["year"]), ("date", issue["published"]),
        ("number", issue["number"]),
        ("pages", f"{meta['first_page']}--{meta['last_page']}"), ("issn", issue["issn"]),
        ("language", BIBTEX_LANGUAGE), ("keywords", ", ".join(meta["keywords"])),
        ("abstract", meta["abstract"]),
    ]
    if url:
        fields.append(("url", url))
    if updated:
        fields.append(("note", f"网络版更正于 {updated}"))
    return bibtex_format.entry("article", bibtex_key(meta, slug), fields)


# --- Highwire and JSON-LD ------------------------------------------------------------------

def highwire(meta, url, pdf_url=""):
    """[(name, content)] for Google Scholar / Zotero <meta> tags."""
    issue = meta["issue"]
    tags = [("citation_title", meta["title"])]
    tags += [("citation_author", sorted_name(a)) for a in meta["authors"]]
    tags += [
        ("citation_journal_title", issue["journal"]), ("citation_issn", issue["issn"]),
        ("citation_issue", str(issue["number"])),
        ("citation_publication_date", issue["published"].replace("-", "/")),
        ("citation_date", issue["published"].replace("-", "/")),
        ("citation_firstpage", str(meta["first_page"])), ("citation_lastpage", str(meta["last_page"])),
        ("citation_language", LANGUAGE), ("citation_keywords", "; ".join(meta["keywords"])),
        ("citation_abstract", meta["abstract"]),
    ]
    if url:
        tags.append(("citation_abstract_html_url", url))
        tags.append(("citation_fulltext_html_url", url))
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    return tags


def json_ld(meta, url, pdf_url="", modified=""):
    """schema.org ScholarlyArticle, as a string safe inside <script type="application/ld+json">."""
    issue = meta["issue"]
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": meta["title"],
        "name": [{"@language": "zh", "@value": meta["title"]}, {"@language": "en", "@value": meta["title_en"]}],
        "alternativeHeadline": meta["title_en"],
        "inLanguage": LANGUAGE,
        "author": [
            {"@type": "Person", "name": a["name"], "familyName": split_name(a)[0], "givenName": split_name(a)[1],
             "alternateName": a["name_en"], "description": a.get("bio", "")}
            for a in meta["authors"]
        ],
        "pageStart": meta["first_page"],
        "pageEnd": meta["last_page"],
        "pagination": pages(meta),
        "keywords": meta["keywords"],
        "abstract": [{"@language": "zh", "@value": meta["abstract"]}, {"@language": "en", "@value": meta["abstract_en"]}],
        "datePublished": issue["published"],
        "isPartOf": {
            "@type": "PublicationIssue",
            "issueNumber": str(issue["number"]),
            "datePublished": issue["published"],
            "isPartOf": {"@type": "Periodical", "name": issue["journal"], "issn": issue["issn"]},
        },
    }
    if modified:
        data["dateModified"] = modified
    if url:
        data["url"] = url
    if pdf_url:
        data["encoding"] = {"@type": "MediaObject", "encodingFormat": "application/pdf", "contentUrl": pdf_url}
    text = json.dumps(data, ensure_ascii=False, indent=None)
    # '<' can close the script element early; '\u003c' is the same character to JSON.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
