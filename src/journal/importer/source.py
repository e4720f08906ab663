"""Read the issue's source file into numbered lines, refusing anything that is not UTF-8."""

from pathlib import Path

from ..diagnostics import Diagnostic
from .model import Line

BOM = "\ufeff"


def read_source(path):
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise Diagnostic(path, None, "file not found; expected the issue's source (Markdown, UTF-8)") from None
    except OSError as err:
        raise Diagnostic(path, None, f"cannot read file: {err.strerror}") from None
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
    return [Line(number, line) for number, line in enumerate(text.split("\n"), start=1)]
