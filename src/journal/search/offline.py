"""The offline bundle's index: every record in one script, search/offline-index.js.

A page opened from file:// may not fetch files (the website's index is in many files), but it may
load a script. The records are the website's, in the same order, with their text as it is:
overrides/assets/javascripts/search-offline.js checks each against a query with the same rules as
the website, so the bundle finds what the website finds.
"""

import json

from .records import article_key

PREFIX = "window.JournalSearch = window.JournalSearch || {}\nJournalSearch.offlineIndex = "


def write_offline_index(records, path, numbers, words, groups, heads=None):
    """The records (each with its article's key and tier, as the website's index gives them:
    index_files.py), the whole vocabulary (vocab.py), the thesaurus and the English pages' heads of
    results (records.english_heads, every issue's: {url: [title, names, issue]}), in one script."""
    data = []
    for order, record in enumerate(records):
        data.append({**record.shown(), "order": order, "year": str(record.article.issue[0]), "text": record.text,
                     "a": article_key(record.article, numbers), "t": record.tier_letter})
    path.parent.mkdir(parents=True, exist_ok=True)
    dump = lambda value: json.dumps(value, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    path.write_text(PREFIX + dump(data) + "\nJournalSearch.offlineWords = " + dump({"total": words.total, "words": words.words})
                    + "\nJournalSearch.offlineThesaurus = " + dump({"groups": groups})
                    + "\nJournalSearch.offlineEnglish = " + dump({url: head for issue in (heads or {}).values() for url, head in issue.items()})
                    + "\n", encoding="utf-8")
