"""Fixes no rule can decide, kept beside the source in corrections.yaml and applied before parsing.

Each correction names an exact piece of source text, what replaces it and why. A piece must
occur exactly once, so a correction can never silently hit the wrong place or go stale when
the source changes. The `allow` list names text that is printed that way on purpose, so the
importer lets it be: spaced CJK text (headline-style titles; otherwise a warning), and a
lowercase Latin word between Han characters (otherwise a likely OCR misread that stops the
import, see repair.MISREAD).
"""

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..diagnostics import Diagnostic
from .model import Line
from .source import describe, forbidden_character


@dataclass
class Correction:
    find: str
    replace: str
    reason: str
    line: int  # in corrections.yaml


@dataclass
class Corrections:
    fixes: list
    allowed: list  # texts printed so on purpose: a space between CJK characters, a Latin word between Han


class _LineLoader(yaml.SafeLoader):
    """Records the line of each mapping so errors can point into corrections.yaml."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def load_corrections(path):
    path = Path(path)
    if not path.exists():
        return Corrections([], [])
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise Diagnostic(path, mark.line + 1 if mark else None, f"invalid YAML: {err}") from None
    if not isinstance(data, dict):
        raise Diagnostic(path, 1, "expected a mapping with 'corrections' and 'allow' lists")
    fixes = []
    for entry in data.get("corrections") or []:
        for key in ("find", "replace", "reason"):
            if not isinstance(entry.get(key), str) or (key != "replace" and not entry[key].strip()):
                raise Diagnostic(path, entry.get("__line__"), f"correction needs a text '{key}'")
        bad = forbidden_character(entry["replace"])
        if bad is not None:  # a replacement goes into the pages as the source would
            raise Diagnostic(path, entry["__line__"], f"the replacement holds the invisible character "
                                                      f"{describe(entry['replace'][bad])}; expected printable text")
        fixes.append(Correction(entry["find"], entry["replace"], entry["reason"], entry["__line__"]))
    allowed = []
    for entry in data.get("allow") or []:
        if not isinstance(entry.get("text"), str) or not isinstance(entry.get("reason"), str):
            raise Diagnostic(path, entry.get("__line__"), "allow entry needs 'text' and 'reason'")
        allowed.append(entry["text"])
    return Corrections(fixes, allowed)


def apply_corrections(lines, corrections, path):
    """Return new lines with every fix applied; a replacement may span several lines."""
    lines = list(lines)
    for fix in corrections.fixes:
        hits = [i for i, line in enumerate(lines) for _ in range(line.text.count(fix.find))]
        if len(hits) != 1:
            raise Diagnostic(
                path, fix.line,
                f"the text to correct occurs {len(hits)} times in the source; expected exactly once: {fix.find[:60]!r}",
            )
        index = hits[0]
        old = lines[index]
        new_text = old.text.replace(fix.find, fix.replace)
        lines[index:index + 1] = [Line(old.number, part) for part in new_text.split("\n")]
    return lines
