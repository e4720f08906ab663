"""Read the issue's source file into numbered lines, refusing anything that is not UTF-8 text.

A source comes from outside (a PDF-to-Markdown dump, a pull request), and whatever it holds
ends up in pages, so it is held to what an issue really contains: at most MAX_SOURCE_BYTES,
and no invisible characters (see forbidden_character).
"""

import unicodedata
from pathlib import Path

from ..diagnostics import Diagnostic
from .model import Line

BOM = "\ufeff"
# The 2026/2 source, seven articles, is 0.36 MB. 10 MiB leaves room for an issue ~25 times as
# long, and stops a runaway or hostile file before it is parsed, rendered and indexed.
MAX_SOURCE_BYTES = 10 * 1024 * 1024
# Control characters (C0, DEL, C1), format characters (bidi embeddings, overrides, isolates
# and marks, zero-width spaces and joiners, soft hyphen, tags) and the Unicode line and
# paragraph separators are invisible in a page yet change what it says, how it reads or how
# it is searched. The real source has none of them; tab and line ends are plain text.
FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def read_source(path):
    path = Path(path)
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_SOURCE_BYTES + 1)  # never more, whatever the file's size
    except FileNotFoundError:
        raise Diagnostic(path, None, "file not found; expected the issue's source (Markdown, UTF-8)") from None
    except OSError as err:
        raise Diagnostic(path, None, f"cannot read file: {err.strerror}") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise Diagnostic(
            path, data.count(b"\n") + 1,
            f"the source goes on past {MAX_SOURCE_BYTES // 2**20} MiB here; expected an issue of at most "
            f"{MAX_SOURCE_BYTES // 2**20} MiB (2026/2 is 0.36 MB): is something appended to it?",
        )
    return decode_lines(data, path)


def decode_lines(data, path):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise Diagnostic(
            path,
            line,
            f"byte 0x{data[err.start]:02x} at column {column} is not valid UTF-8; "
            "expected a UTF-8 file (a GBK-encoded copy must be converted first)",
        ) from None
    if text.startswith(BOM):
        text = text[len(BOM):]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_characters(text, path)
    return [Line(number, line) for number, line in enumerate(text.split("\n"), start=1)]


def forbidden_character(text):
    """The index of the first character of text that has no place in an issue, or None."""
    # One pass in C over the text, then a look at each distinct character (a few thousand).
    bad = [c for c in set(text) if unicodedata.category(c) in FORBIDDEN_CATEGORIES and c not in ALLOWED_CONTROLS]
    return min(text.index(c) for c in bad) if bad else None


def describe(character):
    """'U+202E RIGHT-TO-LEFT OVERRIDE'; control characters have no name, only a category."""
    return f"U+{ord(character):04X} {unicodedata.name(character, 'control character')}"


def check_characters(text, path):
    index = forbidden_character(text)
    if index is None:
        return
    start = text.rfind("\n", 0, index) + 1
    raise Diagnostic(
        path, text.count("\n", 0, index) + 1,
        f"invisible character {describe(text[index])} at column {index - start + 1}; expected printable "
        "text, without control, bidirectional-override or zero-width characters",
    )
