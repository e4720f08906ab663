"""Measurements of the site (`make bench`), not tests: figures printed, nothing asserted.

The browser and server helpers in bench/browser.py are shared with the tests."""
