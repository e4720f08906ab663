"""The offline bundle's index: every record in one script, search/offline-index.js.

A page opened from file:// may not fetch files (Pagefind fetches its index chunks), but it may
load a script. The records are the website's, in the same order, with their text as it is:
overrides/assets/javascripts/search-offline.js checks each against a query with the same rules as
the website, so the bundle finds what the website finds.
"""

import json

PREFIX = "window.JournalSearch = window.JournalSearch || {}\nJournalSearch.offlineIndex = "


def write_offline_index(records, path):
    data = []
    for order, record in enumerate(records):
        meta = record.meta(order)
        data.append({**meta, "order": order, "places": record.offsets(), "text": record.text})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PREFIX + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
