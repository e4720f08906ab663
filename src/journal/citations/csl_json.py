"""CSL-JSON (the Citation Style Language's data, what Zotero, Mendeley, pandoc and every CSL
processor read): the article as one item, an issue as an array of items, written by
json.dumps (which escapes every value for JSON).

The item is the article as printed: Chinese title, journal and names (family/given split by
the model). The English title has no CSL variable; it goes where the multilingual CSL
processors (citeproc-js in Juris-M) look, `multi._keys.title.en`, which others ignore. A
processor asked for APA, Chicago or MLA wants the Latin forms instead: tests/citations
substitutes them (journal.citations.styles) before feeding citeproc-py.
"""

import json

from .ris import LANGUAGE
from .styles import full_title
from .text import correction_note


def _names(people):
    return [{"family": p.family, "given": p.given} if p.given else {"literal": p.name} for p in people]


def item(article, where):
    """The article as a CSL-JSON item (a dict)."""
    issue = article.issue
    date = [int(part) for part in issue.published.split("-") if part.isdigit()] or [issue.year]
    data = {
        "id": f"{article.slug.replace('-', '')}{issue.year}",
        "type": "article-journal",
        "title": full_title(article),
        "container-title": issue.journal,
        "author": _names(article.authors),
        "issued": {"date-parts": [date]},
        "issue": str(issue.number),
        "page": article.pages,
        "ISSN": issue.issn,
        "language": LANGUAGE,
    }
    if article.translators:
        data["translator"] = _names(article.translators)
    if article.title_en:
        data["multi"] = {"_keys": {"title": {"en": article.title_en}}}
    if article.keywords:
        data["keyword"] = ", ".join(article.keywords)
    if article.abstract:
        data["abstract"] = article.abstract
    if where.url:
        data["URL"] = where.url
    if where.updated:
        data["note"] = correction_note(where)
    return data


def record(article, where):
    """The item as JSON text (for `collection`)."""
    return json.dumps(item(article, where), ensure_ascii=False, indent=2)


def collection(items):
    """Items (each a JSON text from `record`) as one array: a file, of one article or an issue."""
    return "[\n" + ",\n".join(items) + "\n]\n"
