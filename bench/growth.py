"""Synthetic archives for the growth benchmark (bench/__main__.py).

An archive of N issues is this issue's source imported N times through the real importer
(`python -m journal import`), each time under another year and number: the masthead line
and the articles' 〔文章编号〕 are rewritten in a temporary copy of the source, the corrections
file is copied beside it, and the import writes docs/YYYY/NN/. The home page and the assets
come from the real docs/. Nothing under the project's docs/ or sources/ is written.
"""

import contextlib
import io
import re
import shutil
from pathlib import Path

from journal.__main__ import main as cli_main
from journal.importer.parse import MASTHEAD

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "sources" / "2026-02" / "issue.md"
REAL = (2026, 2, 232)  # year, number, total number of the real issue
ARTICLE_NUMBER = re.compile(r"\((\d{4})\)\s*(\d+)\s*期")


def issue_numbers(count, newest=REAL, per_year=6):
    """[(year, number, total)] of `count` bimonthly issues, newest (the real one) first."""
    year, number, total = newest
    out = []
    for _ in range(count):
        out.append((year, number, total))
        number, total = number - 1, total - 1
        if number == 0:
            year, number = year - 1, per_year
    return out


def rewrite_source(text, year, number, total):
    """The source as if it were issue `number` of `year`: masthead and article numbers."""
    lines = text.split("\n")
    masthead = [i for i, line in enumerate(lines) if MASTHEAD.search(line)]
    if len(masthead) != 1:
        raise RuntimeError(f"expected one masthead line in the source, found {len(masthead)}")
    month = 2 * number - 1  # bimonthly: No. 1 in January, No. 2 in March, ... (as 2026/2: 15 March)
    lines[masthead[0]] = MASTHEAD.sub(
        f"{year} 年第 {number} 期（总第 {total} 期） 双月刊 {year} 年 {month} 月 15 日出版", lines[masthead[0]])
    for i, line in enumerate(lines):
        if "〔文章编号〕" in line:
            lines[i] = ARTICLE_NUMBER.sub(f"({year}) {number} 期", line)
    return "\n".join(lines)


def import_issue_copy(year, number, total, docs, work, source=SOURCE):
    """Import one synthetic issue into `docs` through the CLI entry point; returns its folder."""
    folder = Path(work) / f"src-{year}-{number:02d}"
    folder.mkdir(parents=True, exist_ok=True)
    text = source.read_text(encoding="utf-8")
    if (year, number, total) != REAL:
        text = rewrite_source(text, year, number, total)
    (folder / "issue.md").write_text(text, encoding="utf-8", newline="")
    shutil.copyfile(source.with_name("corrections.yaml"), folder / "corrections.yaml")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli_main(["import", str(folder / "issue.md"), "--docs", str(docs)])
    if status != 0:
        raise RuntimeError(f"import of synthetic issue {year}/{number:02d} failed (exit {status}):\n"
                           + out.getvalue() + err.getvalue())
    target = Path(docs) / f"{year}" / f"{number:02d}"
    if not (target / "index.md").is_file():
        raise RuntimeError(f"import did not write {target}/index.md")
    return target


def base_docs(docs, real_docs=ROOT / "docs"):
    """A docs folder with the real home page and assets, no issues."""
    docs = Path(docs)
    docs.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(real_docs / "index.md", docs / "index.md")
    shutil.copytree(real_docs / "assets", docs / "assets")
    return docs


def make_pool(count, work):
    """Import `count` issues once into work/pool-docs; returns [(year, number, folder)] newest first."""
    pool = Path(work) / "pool-docs"
    pool.mkdir(parents=True, exist_ok=True)
    issues = []
    for year, number, total in issue_numbers(count):
        folder = import_issue_copy(year, number, total, pool, work)
        issues.append((year, number, folder))
    return issues


def archive_docs(pool_issues, count, docs):
    """docs/ with the home page, assets and the newest `count` issues of the pool."""
    docs = base_docs(docs)
    for year, number, folder in pool_issues[:count]:
        shutil.copytree(folder, docs / f"{year}" / f"{number:02d}")
    return docs
