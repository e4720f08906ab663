"""Hostile values for the serializers (tests/formats): what a pull request could put in a
front-matter field to forge a record or an entry, or to break the file."""

import pytest

HOSTILE = {
    "ER line": "标题\nER  - \r\nTY  - JOUR\r\nTI  - 伪造\nUR  - https://evil.example/",
    "other line ends": "a\rb\x0bc\x0cd\x1ce\x1df\x1eg\x85h\u2028i\u2029j",
    "brace then entry": "标题} , url = {https://evil.example/}}\n@misc{x,\n  title = {forged}",
    "trailing backslash": "标题\\",
    "TeX ^^ notation": "^^5c^^7d}",
    "TeX specials": "A & B # C % D $ E _ F ^ G ~ H \\ I { J } K",
    "unbalanced open": "{{{标题",
    "control characters": "a\x00b\x07c\x1bd\x7fe",
}


@pytest.fixture(params=sorted(HOSTILE), ids=sorted(HOSTILE))
def hostile(request):
    return HOSTILE[request.param]
