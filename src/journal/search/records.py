"""The records the index holds, and their order, which is the order of the results.

A record is a stretch of one article: its head (title, English title, authors, keywords,
column), its abstract (both abstracts and the funding note), or consecutive places of its body
or of its footnotes, up to `size` characters (a place longer than that is a record alone).
Each record carries its places' offsets, anchors and labels, so a hit links to the section or
note it is in, while the index lists far fewer records than there are places (DESIGN.md: 421
records per issue as places, about 60 grouped): a term's list of records stays short.

Order, the ranking of every result list (online and offline alike): where the query occurs
(head, then abstract, then body, then notes), then the newest issue first, then print order
within the issue, then reading order.
"""

from dataclasses import dataclass

from .page_text import Article

TIERS = ("head", "abstract", "body", "notes")


@dataclass
class Record:
    article: Article
    tier: int  # index into TIERS
    places: list  # the article's Places this record holds, in reading order

    @property
    def text(self):
        return "\n".join(place.text for place in self.places)

    def offsets(self):
        """[[offset in text, anchor, label]] of each place. Offsets count UTF-16 code units,
        as JavaScript strings do (a character beyond U+FFFF counts two)."""
        out, offset = [], 0
        for place in self.places:
            out.append([offset, place.anchor, place.label])
            offset += len(place.text.encode("utf-16-le")) // 2 + 1
        return out

    def shown(self):
        """What a result shows of the record, kept with its text, not in the index
        (index_files.py: the record's own file, fetched when it is shown)."""
        article = self.article
        return {"url": article.url, "title": article.title, "authors": "、".join(article.authors),
                "issue": article.issue_label, "places": self.offsets()}

    @property
    def tier_letter(self):
        """h, a, b or n: how the index and the browser name the tier."""
        return TIERS[self.tier][0]


def grouped(places, size):
    """Consecutive places in groups of at most `size` characters (a longer place alone)."""
    groups, current, length = [], [], 0
    for place in places:
        if current and length + len(place.text) > size:
            groups.append(current)
            current, length = [], 0
        current.append(place)
        length += len(place.text) + 1
    return groups + ([current] if current else [])


def article_records(article, size):
    parts = (article.head, article.abstract, article.body, article.notes)
    return [Record(article, tier, group)
            for tier, places in enumerate(parts) for group in (grouped(places, size) if tier >= 2 else [places]) if group]


def article_order(articles):
    """Articles newest issue first, then in print order: the tie-break of every ranking."""
    return sorted(articles, key=lambda a: (-a.issue[0], -a.issue[1], a.first_page, a.url))


def in_order(articles, size):
    """Every record of `articles`, in the order results are listed."""
    records = [r for article in articles for r in article_records(article, size)]
    records.sort(key=lambda r: (r.tier, -r.article.issue[0], -r.article.issue[1], r.article.first_page, r.article.url))
    return records  # the sort is stable: reading order within an article is kept


def article_key(article, numbers):
    """"2026.3": how the browser names an article (its year, for the year filter, and its
    number in `article_order`, `numbers`: {url: number}, the ranking's tie-break)."""
    return f"{article.issue[0]}.{numbers[article.url]}"


def english_heads(articles):
    """{issue "2026-02": {article url: [English title, pinyin names, "2026, No. 2"]}}: what a
    result is headed by on the English pages (search-ui.js), one small file per issue
    (search/en/2026-02.json), fetched only there and only for the issues a result is in, not
    carried by every record to every reader. "" where the article has none: the dialog then
    shows the Chinese."""
    out = {}
    for article in articles:
        issue = f"{article.issue[0]:04d}-{article.issue[1]:02d}"
        out.setdefault(issue, {})[article.url] = [article.title_en, ", ".join(filter(None, article.authors_en)), article.issue_en]
    return out
