"""Footnotes: every reference [^n] has exactly one definition '[^n]: …', every definition is cited.

Python-Markdown drops a reference with no definition and a definition nobody cites, and keeps
only one of two definitions: each would lose a note without a word.
"""

from .markdown import footnotes


def check_footnotes(page):
    definitions, references = footnotes(page.body)
    problems = []
    first = {}  # label -> offset of its first definition
    for label, offset in definitions:
        if label in first:
            problems.append(page.body_problem(offset, f"footnote [^{label}] is defined twice (first at line {page.line_at(first[label])})"))
        else:
            first[label] = offset
    cited = set()
    for label, offset in references:
        cited.add(label)
        if label not in first:
            problems.append(page.body_problem(offset, f"footnote [^{label}] is referenced but has no definition '[^{label}]: …'"))
    for label, offset in first.items():
        if label not in cited:
            problems.append(page.body_problem(offset, f"footnote [^{label}] is defined but never referenced"))
    return problems
