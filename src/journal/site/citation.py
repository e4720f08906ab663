"""How to cite an article: GB/T 7714—2025, APA, RIS, BibTeX, Highwire tags and JSON-LD.

All made at build time from the page's front matter; nothing here touches HTML escaping
(the templates escape every value they print).
"""

import json


def pages(meta):
    return f"{meta['first_page']}-{meta['last_page']}"


def gbt7714(meta):
    """GB/T 7714—2025 journal article: 作者. 题名[J]. 刊名, 年(期): 页码."""
    issue = meta["issue"]
    authors = ", ".join(a["name"] for a in meta["authors"])
    return f"{authors}. {meta['title']}[J]. {issue['journal']}, {issue['year']}({issue['number']}): {pages(meta)}."


def apa_name(name_en):
    """'ZHANG Chaozhe' -> 'Zhang, C.' (family name first in print, in capitals)."""
    family, _, given = name_en.partition(" ")
    initials = " ".join(f"{part[0]}." for part in given.replace("-", " ").split() if part)
    return f"{family.capitalize()}, {initials}".strip().rstrip(",")


def apa(meta):
    """APA 7: original title, then its English translation in brackets."""
    names = [apa_name(a["name_en"]) for a in meta["authors"]]
    if len(names) > 1:
        names = ", ".join(names[:-1]) + ", & " + names[-1]
    else:
        names = names[0]
    issue = meta["issue"]
    return (
        f"{names} ({issue['year']}). {meta['title']} [{meta['title_en']}]. "
        f"{issue['journal']}, ({issue['number']}), {meta['first_page']}–{meta['last_page']}."
    )


def ris(meta, url):
    issue = meta["issue"]
    lines = [("TY", "JOUR"), ("TI", meta["title"]), ("TT", meta["title_en"])]
    lines += [("AU", a["name"]) for a in meta["authors"]]
    lines += [
        ("T2", issue["journal"]), ("PY", str(issue["year"])), ("DA", issue["published"].replace("-", "/")),
        ("IS", str(issue["number"])), ("SP", str(meta["first_page"])), ("EP", str(meta["last_page"])),
        ("SN", issue["issn"]), ("LA", "zh"),
    ]
    lines += [("KW", k) for k in meta["keywords"]]
    lines += [("AB", meta["abstract"]), ("UR", url), ("ER", "")]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def bibtex_key(meta, slug):
    return f"{slug.replace('-', '')}{meta['issue']['year']}"


def _bib(value):
    return str(value).replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")


def bibtex(meta, slug, url):
    issue = meta["issue"]
    fields = [
        ("title", meta["title"]),
        ("author", " and ".join(a["name"] for a in meta["authors"])),
        ("journal", issue["journal"]), ("year", issue["year"]), ("number", issue["number"]),
        ("pages", f"{meta['first_page']}--{meta['last_page']}"), ("issn", issue["issn"]),
        ("language", "chinese"), ("keywords", ", ".join(meta["keywords"])),
        ("abstract", meta["abstract"]), ("url", url),
    ]
    body = ",\n".join(f"  {name} = {{{_bib(value)}}}" for name, value in fields)
    return f"@article{{{bibtex_key(meta, slug)},\n{body}\n}}\n"


def highwire(meta, url):
    """[(name, content)] for Google Scholar / Zotero <meta> tags."""
    issue = meta["issue"]
    tags = [("citation_title", meta["title"])]
    tags += [("citation_author", a["name"]) for a in meta["authors"]]
    tags += [
        ("citation_journal_title", issue["journal"]), ("citation_issn", issue["issn"]),
        ("citation_issue", str(issue["number"])),
        ("citation_publication_date", issue["published"].replace("-", "/")),
        ("citation_date", issue["published"].replace("-", "/")),
        ("citation_firstpage", str(meta["first_page"])), ("citation_lastpage", str(meta["last_page"])),
        ("citation_language", "zh"), ("citation_keywords", "; ".join(meta["keywords"])),
        ("citation_abstract", meta["abstract"]),
    ]
    if url:
        tags.append(("citation_abstract_html_url", url))
    return tags


def json_ld(meta, url):
    """schema.org ScholarlyArticle, as a string safe inside <script type="application/ld+json">."""
    issue = meta["issue"]
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": meta["title"],
        "name": [{"@language": "zh", "@value": meta["title"]}, {"@language": "en", "@value": meta["title_en"]}],
        "alternativeHeadline": meta["title_en"],
        "inLanguage": "zh-CN",
        "author": [
            {"@type": "Person", "name": a["name"], "alternateName": a["name_en"], "description": a.get("bio", "")}
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
    if url:
        data["url"] = url
    text = json.dumps(data, ensure_ascii=False, indent=None)
    # '<' can close the script element early; '\u003c' is the same character to JSON.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
