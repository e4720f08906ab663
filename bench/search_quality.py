"""Search quality on what readers type (issue 17), beside a jieba + BM25 baseline.

    python -m bench.search_quality [--site site] [--offline bundle-site] [--sizes 1,50]

The query set is tests/search/reader_queries.yaml (four groups, relevant articles judged by
reading the seven articles of 2026/02). Each query is typed into the real search box of the
built site in headless Chromium (and, with --offline, of the offline bundle opened from
file://); the articles listed (not those behind "show the rest") are scored:

- no answer: share of queries with nothing listed (goal ≤ 5%);
- recall@3: relevant articles among the first three / relevant articles, averaged (≥ 0.95);
- MRR: 1 / rank of the first relevant article, averaged (≥ 0.92);
- not relevant: listed articles not relevant / all listed (≤ 25%).

The baseline, over the same texts (front matter and body of each article): the query cut by
jieba's `cut_for_search`, each article scored by BM25 (k1 1.5, b 0.75) over its own
`cut_for_search` tokens, every article with a score above 0 listed, best first.

With --sizes, the cost of a first search (bytes fetched, gzip; ms from the last key to the
first result) for the query set's first query of each group, on synthetic archives made by
bench.archive_search (copies of the issue whose paragraphs and sentences are shuffled per
issue, so that compression does not fold them together); with --every, for every query, with
the median and largest per group and the bytes by kind of file. With --keep DIR the archive
and its built site stay in DIR, and a later run measures the same index again with this
checkout's search scripts (before and after a change to the browser code, without making the
archive again); --cost-only skips the quality table.
"""

import argparse
import math
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

import yaml
from mkdocs.utils.meta import get_data

from . import ROOT
from .browser import launch, served

QUERIES = ROOT / "tests" / "search" / "reader_queries.yaml"
GOALS = {"no_answer": 0.05, "recall3": 0.95, "mrr": 0.92, "not_relevant": 0.25}


def load():
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def article_texts(docs, issue):
    texts = {}
    for path in sorted((Path(docs) / issue).glob("*.md")):
        body, meta = get_data(path.read_text(encoding="utf-8"))
        if "authors" not in meta:
            continue
        people = " ".join(f"{a.get('name', '')} {a.get('name_en', '')} {a.get('bio', '')}" for a in meta["authors"])
        fields = [meta.get("title", ""), meta.get("title_en", ""), " ".join(meta.get("keywords") or []), people,
                  meta.get("abstract", ""), meta.get("abstract_en", ""), body]
        texts[path.stem] = "\n".join(str(f) for f in fields)
    return texts


def tokens(text):
    import jieba

    jieba.setLogLevel(60)
    return [t.lower() for t in jieba.cut_for_search(text) if re.search(r"\w", t)]


def baseline(texts, queries, k1=1.5, b=0.75):
    """{query: [slug, ...]} by jieba cut_for_search + BM25 over whole articles."""
    docs = {slug: Counter(tokens(text)) for slug, text in texts.items()}
    lengths = {slug: sum(c.values()) for slug, c in docs.items()}
    avg = statistics.mean(lengths.values())
    n = len(docs)
    out = {}
    for query in queries:
        terms = set(tokens(query))
        scores = {}
        for slug, counts in docs.items():
            score = 0.0
            for term in terms:
                df = sum(1 for c in docs.values() if term in c)
                if not counts[term]:
                    continue
                idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
                tf = counts[term]
                score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[slug] / avg))
            if score > 0:
                scores[slug] = score
        out[query] = sorted(scores, key=lambda s: -scores[s])
    return out


def score(entries, listed):
    """The four figures over `entries` given `listed` {query: [slug, ...]}, and per group."""
    def figures(subset):
        if not subset:
            return {}
        none = sum(1 for e in subset if not listed[e["query"]])
        recall, rr, wrong, total = [], [], 0, 0
        for e in subset:
            got, rel = listed[e["query"]], set(e["relevant"])
            recall.append(len(rel & set(got[:3])) / len(rel))
            rr.append(next((1 / (i + 1) for i, s in enumerate(got) if s in rel), 0.0))
            wrong += sum(1 for s in got if s not in rel)
            total += len(got)
        return {"queries": len(subset), "no_answer": none / len(subset), "recall3": statistics.mean(recall),
                "mrr": statistics.mean(rr), "not_relevant": wrong / total if total else 0.0,
                "listed_per_query": total / len(subset)}
    groups = sorted({e["group"] for e in entries})
    return {"all": figures(entries), **{g: figures([e for e in entries if e["group"] == g]) for g in groups}}


def typed(site, entries, issue, offline=False):
    """{query: [slug, ...]} as listed by the search box of `site` in Chromium."""
    from playwright.sync_api import sync_playwright

    from .archive_search import search

    out = {}
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        if offline:
            page.route("http*://**", lambda route: route.abort())
            page.goto((Path(site) / "index.html").resolve().as_uri())
            out = {e["query"]: _slugs(search(page, e["query"]), issue) for e in entries}
        else:
            with served(site) as (base_url, _):
                page.goto(base_url + "/")
                out = {e["query"]: _slugs(search(page, e["query"]), issue) for e in entries}
        browser.close()
    return out


def _slugs(results, issue):
    return [r["slug"].split("/")[-1] for r in results if r["slug"].startswith(issue + "/")]


def report(name_scores, entries, listed_by):
    names = list(name_scores)
    print("\n| figure (goal) | " + " | ".join(names) + " |")
    print("| --- | " + " | ".join("---" for _ in names) + " |")
    labels = {"no_answer": "no answer (≤ 5%)", "recall3": "recall@3 (≥ 0.95)", "mrr": "MRR (≥ 0.92)",
              "not_relevant": "listed, not relevant (≤ 25%)", "listed_per_query": "articles listed per query"}
    for key, label in labels.items():
        cells = []
        for name in names:
            v = name_scores[name]["all"][key]
            cells.append(f"{v:.0%}" if key in ("no_answer", "not_relevant") else f"{v:.2f}")
        print(f"| {label} | " + " | ".join(cells) + " |")
    groups = [g for g in name_scores[names[0]] if g != "all"]
    print("\nper group (recall@3 / MRR / not relevant):")
    for g in groups:
        print(f"  {g:<11}" + "".join(f"  {n}: {s[g]['recall3']:.2f} / {s[g]['mrr']:.2f} / {s[g]['not_relevant']:.0%}" for n, s in name_scores.items()))
    print("\nper query (listed, relevant marked *):")
    for e in entries:
        rel = set(e["relevant"])
        cells = [f"{n}: " + (" ".join(s + ("*" if s in rel else "") for s in listed[e["query"]]) or "—") for n, listed in listed_by.items()]
        print(f"  [{e['group']}] {e['query']}\n      " + "\n      ".join(cells))


def cost(sizes, entries, keep=None, every=False):
    """Bytes and ms of a first search at each archive size (bench.archive_search's machinery):
    the first two queries of each group, or with `every` all of them. With `keep` (a folder),
    the archive and its built site stay there, and a later run with the same folder measures
    the same index again, with the search scripts of this checkout copied over the built ones
    (the index is the build's; the scripts are the query side): before and after a change to
    the browser code, minutes apart, without making the archive again."""
    import shutil
    import tempfile

    from playwright.sync_api import sync_playwright

    from . import archive_search

    groups = ("joined", "term", "english", "other_name")
    sample = [e for g in groups for e in [x for x in entries if x["group"] == g][:None if every else 2]]
    queries = [{"query": e["query"], "articles": e["relevant"], "first": e.get("first"), "group": e["group"]} for e in sample]
    with tempfile.TemporaryDirectory(prefix="search-quality-") as temp:
        work = Path(keep) if keep else Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        pool = None
        results = []
        with sync_playwright() as p:
            browser = launch(p)
            for size in sizes:
                site = work / f"site-{size}"
                if keep and (site / "search" / "index").is_dir():
                    _refresh_scripts(site)
                    results.append(_measure_built(size, site, browser, queries))
                else:
                    pool = pool or archive_search.make_pool(max(sizes), work / "pool", distinct=True)
                    results.append(_build_and_measure(size, pool, work, browser, queries))
                    if not keep:
                        shutil.rmtree(site, ignore_errors=True)
                print(f"  {size} issues measured", flush=True)
            browser.close()
    archive_search.report(results)
    _report_groups(results, queries)
    return results


def _refresh_scripts(site):
    """This checkout's search scripts over those of a kept build (mkdocs copies them as they are)."""
    import shutil

    for path in (ROOT / "overrides" / "assets" / "javascripts").glob("*.js"):
        shutil.copyfile(path, site / "assets" / "javascripts" / path.name)


def _build_and_measure(size, pool, work, browser, queries):
    from . import archive_search
    from .growth import archive_docs

    docs = archive_docs(pool, size, work / f"docs-{size}")
    site = work / f"site-{size}"
    seconds, index_seconds, records = archive_search.build(docs, site)
    (work / f"site-{size}.build").write_text(f"{seconds} {index_seconds} {records}\n")
    return _measure_built(size, site, browser, queries)


def _measure_built(size, site, browser, queries):
    """archive_search.measure on a site already built (build figures from its .build file)."""
    from . import archive_search

    seconds, index_seconds, records = (site.parent / f"{site.name}.build").read_text().split()
    issue = load()["issue"]
    rows = []
    with served(site) as (base_url, server):
        for entry in queries:
            nbytes, last_key_ms, open_ms, slugs, fetched = archive_search.first_result(
                browser, base_url, server, site, entry["query"], f"/{issue}/{archive_search.ARTICLE}/")
            inside = [s.split("/")[-1] for s in slugs if s.startswith(issue + "/")]
            wrong = [s for s in slugs if s.split("/")[-1] not in entry["articles"]]
            chunks = [p for p in fetched if "/t/" in p and "/search/index/" in p]
            kinds = {}
            for path in fetched:
                kinds[_kind(path)] = kinds.get(_kind(path), 0) + archive_search.wire_bytes(site, path)
            rows.append({"query": entry["query"], "group": entry["group"], "bytes": nbytes, "last_key_ms": last_key_ms,
                         "open_ms": open_ms, "right_first": not entry.get("first") or inside[:1] == [entry["first"]],
                         "false_hits": wrong, "chunks": len(chunks),
                         "chunk_bytes": sum(archive_search.wire_bytes(site, p) for p in chunks), "kinds": kinds})
    return {"issues": size, "build_s": float(seconds), "index_s": float(index_seconds), "records": int(records),
            **archive_search.index_stats(site), "queries": rows}


def _kind(path):
    """What a fetched file is, for the breakdown of a first search's bytes."""
    for pattern, kind in ((r"/search/index/\w+/t/", "term files"), (r"/search/index/\w+/r/", "records"),
                          (r"/search/index/index\.json", "entry"), (r"/search/words/", "words"), (r"/thesaurus", "thesaurus"),
                          (r"/search-\w+\.js", "engine"), (r"/vendor/opencc", "opencc")):
        if re.search(pattern, path):
            return kind
    return "other"


def _report_groups(results, queries):
    """Per group: KiB gzip of a first search, median / max (and term files fetched)."""
    groups = list(dict.fromkeys(q["group"] for q in queries))
    for r in results:
        print(f"\n{r['issues']} issues, first search per group (KiB gzip median / max; term files median / max):")
        for g in groups:
            rows = [x for x in r["queries"] if x.get("group") == g]
            if not rows:
                continue
            b, c = [x["bytes"] / 1024 for x in rows], [x.get("chunks", 0) for x in rows]
            print(f"  {g:<11} n={len(rows):<3} {statistics.median(b):5.0f} / {max(b):4.0f} KiB   "
                  f"term files {statistics.median(c):.0f} / {max(c)}")
        print("  per query: KiB gzip by kind of file fetched")
        for x in r["queries"]:
            kinds = " ".join(f"{k} {v / 1024:.0f}" for k, v in sorted(x.get("kinds", {}).items(), key=lambda kv: -kv[1]) if v)
            print(f"    [{x.get('group')}] {x['query']}: {x['bytes'] / 1024:.0f} KiB, {x.get('chunks')} term files; {kinds}")


def run(site, offline=None):
    """The quality table for the built `site` (and the offline bundle's folder): step 4b of
    `python -m bench`."""
    data = load()
    entries, issue = data["queries"], data["issue"]
    texts = article_texts(ROOT / "docs", issue)
    listed_by = {"jieba+BM25": baseline(texts, [e["query"] for e in entries])}
    listed_by["website"] = typed(site, entries, issue)
    if offline:
        listed_by["offline"] = typed(offline, entries, issue, offline=True)
    scores = {name: score(entries, listed) for name, listed in listed_by.items()}
    counts = Counter(e["group"] for e in entries)
    print(f"{len(entries)} queries ({', '.join(f'{g} {n}' for g, n in sorted(counts.items()))})")
    report(scores, entries, listed_by)
    return {"scores": scores, "listed": listed_by}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.search_quality", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", default=str(ROOT / "site"), help="the built website (make build)")
    parser.add_argument("--offline", help="also the offline bundle's site folder (built with OFFLINE=true)")
    parser.add_argument("--sizes", help="archive sizes for the cost of a first search, e.g. 1,50")
    parser.add_argument("--keep", help="keep the archives and built sites in this folder, and reuse them when there "
                        "(the same index measured again with this checkout's search scripts)")
    parser.add_argument("--every", action="store_true", help="the cost of every query of the set, not two per group")
    parser.add_argument("--cost-only", action="store_true", help="only the cost (--sizes), not the quality table")
    args = parser.parse_args(argv)
    if not args.cost_only:
        run(args.site, args.offline)
    if args.sizes:
        cost([int(s) for s in args.sizes.split(",")], load()["queries"], keep=args.keep, every=args.every)
    return 0


if __name__ == "__main__":
    sys.exit(main())
