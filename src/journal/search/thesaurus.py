"""The search thesaurus: names that mean the same thing (src/journal/search/thesaurus.yaml).

The file is data, reviewed like content: a list of groups, each a list of two or more names
(上海合作组织, 上合组织, SCO …). A query word that is one of a group's names also finds the
others, and the dialog says so (也搜索了：…). `journal check` validates the file
(`check_thesaurus`); the build ships it to the browser as search/thesaurus.json (a few KiB:
loaded whole with a first query). notes/search.md tells an editor how to add a group;
`python -m journal.search.seed docs` proposes groups found in the archive's own text.
"""

import json
from pathlib import Path

import yaml

from journal.diagnostics import Diagnostic

PATH = Path(__file__).with_name("thesaurus.yaml")
MAX_NAME = 80


def key(name):
    """Names compare without case and with single spaces (SCO = sco)."""
    return " ".join(name.lower().split())


def check_thesaurus(path=PATH, shown=None):
    """[Diagnostic] for every problem of the thesaurus file; [] when it is sound."""
    shown = shown or _shown(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return [Diagnostic(shown, None, f"expected a readable UTF-8 file ({error})")]
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        return [Diagnostic(shown, None if line is None else line + 1, f"expected YAML ({getattr(error, 'problem', error)})")]
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        return [Diagnostic(shown, root.start_mark.line + 1, "expected a list of groups of names")]
    problems, seen = [], {}
    for group in root.value:
        line = group.start_mark.line + 1
        if not isinstance(group, yaml.SequenceNode):
            problems.append(Diagnostic(shown, line, "expected a group: a list of names, e.g. [上海合作组织, 上合组织, SCO]"))
            continue
        keys = set()
        for node in group.value:
            at = node.start_mark.line + 1
            if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str" or not node.value.strip():
                problems.append(Diagnostic(shown, at, "expected a name (a non-empty string; quote one that YAML reads as a number)"))
                continue
            name = node.value
            if "\n" in name or "\r" in name or len(name) > MAX_NAME or any(_bad(c) for c in name):
                problems.append(Diagnostic(shown, at, f"expected a name of one line, at most {MAX_NAME} characters, no control characters: {name[:20]!r}"))
                continue
            k = key(name)
            if k in keys:
                problems.append(Diagnostic(shown, at, f"expected each name once in its group: {name!r} is repeated"))
            elif k in seen:
                problems.append(Diagnostic(shown, at, f"expected each name in one group only: {name!r} is also in the group at line {seen[k]} (merge the groups)"))
            keys.add(k)
            seen.setdefault(k, line)
        if len(keys) < 2:
            problems.append(Diagnostic(shown, line, "expected a group of at least two different names"))
    return problems


def _bad(char):
    return ord(char) < 32 or 0xFDD0 <= ord(char) <= 0xFDEF or (ord(char) & 0xFFFE) == 0xFFFE or 0xE000 <= ord(char) <= 0xF8FF


def _shown(path):
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def load(path=PATH):
    """The groups, as lists of names; raises the first Diagnostic if the file is not sound."""
    problems = check_thesaurus(path)
    if problems:
        raise problems[0]
    return [[str(name) for name in group] for group in (yaml.safe_load(path.read_text(encoding="utf-8")) or [])]


def to_json(groups):
    """What the browser loads: {"groups": [[name, ...], ...]}."""
    return json.dumps({"groups": groups}, ensure_ascii=False, separators=(",", ":"))
