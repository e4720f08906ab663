"""Bounds a page must keep, so that no page the check accepts can blow up the build.

Each bound is far above what the archive's real pages need (the numbers in brackets are the
busiest real page's, issue 2026-02) and far below what made the build slow or crash in the
third hostile review (issue 19):

- MAX_NOTES footnotes per article [83]; MAX_REFERENCES note references per page [83];
  MAX_REFERENCES_PER_PARAGRAPH in one paragraph [6] (500 took the issue PDF from 3.5 s to
  104 s); MAX_CITATIONS of one note [1] (one note cited 4,000 times: 226 s);
- MAX_BRACKETS_PER_PARAGRAPH '[' in one paragraph [6] and MAX_BRACKETS per page [166]
  (Python-Markdown's link scan is quadratic in a paragraph's '[': 16,000 added 50-80 s);
- MAX_LINE_BREAKS '<br>' per page [0] (40,000: 99 s and 1.5 GB);
- MAX_INLINE_DEPTH inline tags inside each other [1] (<sup> 1,000 deep crashed WeasyPrint);
- MAX_ARTICLES per issue [7] (the site grows with the square of an issue's articles).

(The front matter's nesting is bounded where it is read: frontmatter.MAX_DEPTH.)
Every count here is one linear pass over the page.
"""

import re
from bisect import bisect_right
from collections import Counter

from journal import catalog

from .markdown import footnotes

MAX_NOTES = 400
MAX_REFERENCES = 1_000
MAX_REFERENCES_PER_PARAGRAPH = 30
MAX_CITATIONS = 20
MAX_BRACKETS_PER_PARAGRAPH = 200
MAX_BRACKETS = 2_000
MAX_LINE_BREAKS = 500
MAX_INLINE_DEPTH = 5
MAX_ARTICLES = 60

BLANK_LINE = re.compile(r"\n[ \t]*\n")  # paragraphs (and blocks) are separated by one
BRACKET = re.compile(r"\[")
LINE_BREAK = re.compile(r"<br\b", re.I)
# The inline tags a body may hold that take content (br is empty); any tag a parser would
# nest is counted, written plainly or not. '[^<>]*' stops at the next '<': linear.
INLINE_TAG = re.compile(r"<(/?)(sup|sub|abbr|span|em|strong|i|b|small|a)(?![^\s/>])[^<>]*>?", re.I)


def check_page(page):
    """[Diagnostic] for each bound of an article or contents page that the body exceeds."""
    if page.kind is None or page.unclosed:
        return []
    body = page.body
    starts = [0] + [match.end() for match in BLANK_LINE.finditer(body)]  # of each paragraph

    def paragraph(offset):
        return bisect_right(starts, offset) - 1

    problems = []
    definitions, references = footnotes(body)
    if len(definitions) > MAX_NOTES:
        problems.append(page.body_problem(definitions[MAX_NOTES][1], f"an article holds at most {MAX_NOTES} footnotes "
                                          f"(the most in the archive is under 100); this page has {len(definitions):,}"))
    if len(references) > MAX_REFERENCES:
        problems.append(page.body_problem(references[MAX_REFERENCES][1], f"a page cites footnotes at most {MAX_REFERENCES:,} times; "
                                          f"this page does {len(references):,} times"))
    problems += over(page, [offset for _, offset in references], paragraph, MAX_REFERENCES_PER_PARAGRAPH,
                     "a paragraph cites at most {limit} footnotes; this one cites {count:,}: split the paragraph")
    totals, cited = Counter(label for label, _ in references), Counter()
    for label, offset in references:
        cited[label] += 1
        if cited[label] == MAX_CITATIONS + 1:
            problems.append(page.body_problem(offset, f"footnote [^{label}] is cited {totals[label]:,} times; a note may be cited at most "
                                              f"{MAX_CITATIONS} times: write a new note that says 同上 or 见注{label}"))
    brackets = [match.start() for match in BRACKET.finditer(body)]
    problems += over(page, brackets, paragraph, MAX_BRACKETS_PER_PARAGRAPH,
                     "a paragraph holds at most {limit} '[' (Markdown reads each as a possible link, slowly); this one holds {count:,}")
    if len(brackets) > MAX_BRACKETS:
        problems.append(page.body_problem(brackets[MAX_BRACKETS], f"a page holds at most {MAX_BRACKETS:,} '[' (links and note "
                                          f"references); this one holds {len(brackets):,}"))
    breaks = [match.start() for match in LINE_BREAK.finditer(body)]
    if len(breaks) > MAX_LINE_BREAKS:
        problems.append(page.body_problem(breaks[MAX_LINE_BREAKS], f"a page holds at most {MAX_LINE_BREAKS} '<br>'; "
                                          f"this one holds {len(breaks):,}: start new paragraphs instead"))
    problems += inline_depth(page, paragraph)
    return problems


def over(page, offsets, group_of, limit, message):
    """One problem per group (paragraph) holding more than `limit` of `offsets`, at the first
    one over the bound."""
    counts = Counter(group_of(offset) for offset in offsets)
    problems, reported = [], set()
    seen = Counter()
    for offset in offsets:
        group = group_of(offset)
        seen[group] += 1
        if seen[group] == limit + 1 and group not in reported:
            reported.add(group)
            problems.append(page.body_problem(offset, message.format(limit=limit, count=counts[group])))
    return problems


def inline_depth(page, paragraph):
    """Inline tags opened inside each other more than MAX_INLINE_DEPTH deep, counted per
    paragraph (a paragraph's end closes what it left open), each close ending the innermost
    open tag of its name."""
    problems, stack, current = [], [], None
    for match in INLINE_TAG.finditer(page.body):
        where = paragraph(match.start())
        if where != current:
            stack, current = [], where
        name = match[2].lower()
        if not match[1]:
            if match[0].endswith("/>"):
                continue
            stack.append(name)
            if len(stack) == MAX_INLINE_DEPTH + 1:
                problems.append(page.body_problem(match.start(), f"inline tags nest at most {MAX_INLINE_DEPTH} deep "
                                                  f"(<sup> inside <sub> inside …); here <{name}> is the {len(stack)}th"))
        elif name in stack:
            del stack[len(stack) - 1 - stack[::-1].index(name):]
    return problems


def check_issues(pages):
    """[Diagnostic] for an issue of more than MAX_ARTICLES articles, at its contents page's first line."""
    articles = Counter(catalog.issue_dir_of(page.rel) for page in pages if page.kind == "article")
    problems = []
    for page in pages:
        if page.kind == "issue":
            count = articles[catalog.issue_dir_of(page.rel)]
            if count > MAX_ARTICLES:
                problems.append(page.problem(1, f"an issue holds at most {MAX_ARTICLES} articles (a real one about 10); "
                                            f"this one holds {count}"))
    return problems
