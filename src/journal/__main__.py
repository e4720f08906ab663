"""Command line: `python -m journal import sources/2026-02/issue.md [--force]` and
`python -m journal check [docs]` and `python -m journal scope BASE HEAD [--labelled]` (is a pull
request a correction? journal/pr_scope.py) (also installed as the `journal` command)."""

import argparse
import sys

from .diagnostics import Diagnostic, report
from .importer.pipeline import import_issue


def main(argv=None):
    parser = argparse.ArgumentParser(prog="journal")
    commands = parser.add_subparsers(dest="command", required=True)
    imp = commands.add_parser("import", help="convert an issue's source into pages under docs/")
    imp.add_argument("source", help="the issue's source, e.g. sources/2026-02/issue.md")
    imp.add_argument("--docs", default="docs", help="the MkDocs docs folder (default: docs)")
    imp.add_argument("--corrections", help="corrections file (default: corrections.yaml beside the source)")
    imp.add_argument("--force", action="store_true", help="overwrite pages edited since the last import")
    check = commands.add_parser("check", help="check the pages under docs/ (the pull-request check)")
    check.add_argument("docs", nargs="?", default="docs", help="the MkDocs docs folder (default: docs)")
    scope = commands.add_parser("scope", help="is a pull request a correction? (the pull-request workflow)")
    scope.add_argument("base", help="the base commit (the pull request's target)")
    scope.add_argument("head", help="the pull request's head commit")
    scope.add_argument("--labelled", action="store_true", help="a maintainer labelled this head commit code-change")
    args = parser.parse_args(argv)
    if args.command == "scope":
        from .pr_scope import run

        return run(".", args.base, args.head, args.labelled)
    if args.command == "check":
        return run_check(args.docs)
    return run_import(args)


def run_import(args):
    # Every refusal is a Diagnostic: bad input raises one, edited pages raise one per page
    # (grouped). `except*` takes both alike; it may not `return`, hence `errors`.
    errors = []
    try:
        written, warnings, made = import_issue(args.source, args.docs, args.force, args.corrections)
    except* Diagnostic as group:
        errors = list(group.exceptions)
    if errors:
        for error in errors:
            print(f"error: {error}", file=sys.stderr)
        print(f"nothing was written under {args.docs}/", file=sys.stderr)
        return 1
    for warning in warnings:
        print(f"{warning.path}:{warning.line}: warning: {warning.message}", file=sys.stderr)
    # what was made, so an editor sees at once a table or a figure that did not come through
    print(f"{made} under {args.docs}/ ({len(warnings)} warnings)")
    return 0


def run_check(docs):
    from .checks import check_docs

    diagnostics = check_docs(docs)
    status = report(diagnostics, sys.stdout)
    print(f"{len(diagnostics)} problem(s)" if diagnostics else f"{docs}: no problems", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
