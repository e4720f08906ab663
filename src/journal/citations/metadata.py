"""What indexers read in an article's <head>: Highwire tags (Google Scholar, Zotero) and
schema.org JSON-LD. Not citation styles (they are in no cite box or download), but the same
model read the same way: names split by the model (`citation_author` '张, 超哲', which Zotero
reads as two fields), the language as BCP 47 `zh-CN`, the English title as JSON-LD's
`alternativeHeadline`, the romanised names as `alternateName`, the institution a bio names as
`citation_author_institution` after its author and JSON-LD `affiliation`. Translators have no Highwire
tag and are left out there."""

import json

from .ris import LANGUAGE
from .styles import full_title


def highwire(article, url, pdf_url=""):
    """[(name, content)] for the <meta> tags: every author in order."""
    issue = article.issue
    tags = [("citation_title", full_title(article))]
    for author in article.authors:
        tags.append(("citation_author", author.sorted_name))
        # Read as the institution of the citation_author just before it (Google Scholar, Zotero).
        if author.affiliation:
            tags.append(("citation_author_institution", author.affiliation))
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
    if author.affiliation:
        person["affiliation"] = {"@type": "Organization", "name": author.affiliation}
    if author.nationality:
        person["nationality"] = author.nationality
    return person


def json_ld(article, url, pdf_url="", modified=""):
    """schema.org ScholarlyArticle, as a string safe inside <script type="application/ld+json">."""
    issue = article.issue
    title = full_title(article)
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": title,
        "name": [{"@language": "zh", "@value": title}, {"@language": "en", "@value": article.title_en}],
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
