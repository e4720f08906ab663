"""Command line: python -m build_tools import sources/2026-02/issue.md [--force]."""

import argparse
import sys

from .errors import SourceError
from .importer import import_issue
from .write import EditedPagesError


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m build_tools")
    commands = parser.add_subparsers(dest="command", required=True)
    imp = commands.add_parser("import", help="convert an issue's source into pages under docs/")
    imp.add_argument("source", help="the issue's source, e.g. sources/2026-02/issue.md")
    imp.add_argument("--docs", default="docs", help="the MkDocs docs folder (default: docs)")
    imp.add_argument("--corrections", help="corrections file (default: corrections.yaml beside the source)")
    imp.add_argument("--force", action="store_true", help="overwrite pages edited since the last import")
    args = parser.parse_args(argv)

    try:
        written, warnings = import_issue(args.source, args.docs, args.force, args.corrections)
    except SourceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except EditedPagesError as err:
        print(f"refused: {err}", file=sys.stderr)
        return 1
    for path, line, message in warnings:
        print(f"{path}:{line}: warning: {message}", file=sys.stderr)
    print(f"wrote {len(written)} pages under {args.docs}/ ({len(warnings)} warnings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
