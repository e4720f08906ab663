"""checks/footnotes.py: every [^n] defined exactly once, every definition cited."""

from tests.checks.helpers import ARTICLE, edit, line_of, only_problem, problems


def test_footnote_without_definition_and_definition_without_reference(docs):
    edit(docs, "见第二节[^1]", "见第二节[^3]")
    assert problems(docs) == [
        f"{ARTICLE}:{line_of(docs, '[^3]')}: footnote [^3] is referenced but has no definition '[^3]: …'",
        f"{ARTICLE}:{line_of(docs, '[^1]:')}: footnote [^1] is defined but never referenced",
    ]


def test_duplicate_footnote_definition(docs):
    edit(docs, "[^2]: 注二", "[^1]: 又一个注一\n\n[^2]: 注二")
    first, second = line_of(docs, "[^1]: 注一"), line_of(docs, "又一个注一")
    assert only_problem(docs) == f"{ARTICLE}:{second}: footnote [^1] is defined twice (first at line {first})"


def test_a_reference_in_a_definition_counts(docs):
    edit(docs, "[^2]: 注二", "[^2]: 注二，另见[^3]。\n\n[^3]: 注三")
    assert problems(docs) == []


def test_footnote_in_code_is_refused_with_the_code(docs):
    # Changed on purpose: code spans used to hide '[^9]' from this check; the pages print no
    # code, so backticks are now refused (body.py) and '[^9]' is a reference like any other.
    edit(docs, "引言，", "引言 `[^9]`，")
    line = line_of(docs, "[^9]")
    found = problems(docs)
    assert f"{ARTICLE}:{line}: footnote [^9] is referenced but has no definition '[^9]: …'" in found
    assert sum(p.startswith(f"{ARTICLE}:{line}: backticks are not allowed") for p in found) == 2
