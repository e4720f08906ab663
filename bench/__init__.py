"""Measurements of the site (`make bench`), not tests: figures printed, nothing asserted.

One module per thing measured (importing, building, page_bytes, archive_search, lighthouse,
growth), report.py for the statistics and tables they print, browser.py for the one local
server and Chromium they all use (the tests use it too), search_report.py for search quality.
`python -m bench` runs them in order (bench/__main__.py).
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "sources" / "2026-02" / "issue.md"
