"""5. Lighthouse scores (performance, accessibility, best practices, SEO), and what stands in
the way of 100.

Lighthouse from node_modules (`npm ci`), default mobile emulation with simulated throttling
(slow 4G, a slowed-down CPU), against the local server, with Debian's Chromium started with
bench/browser.py's flags. Each page is run `runs` times: the score per category is the median,
every run's scores are printed too, and the audits listed are those of the run with the median
performance score. Performance varies by a few points from run to run on this machine;
the other categories do not. The local server sends no cache headers (GitHub Pages does), which
costs some performance points.
"""

import json
import os
import subprocess
import time
from pathlib import Path

from . import ROOT, browser
from .report import heading, median

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index", "interactive", "total-byte-weight"]


def failing_audits(report, category):
    """The category's audits that scored below 1, heaviest first, with a few offending elements."""
    audits, failing = report["audits"], []
    for ref in report["categories"].get(category, {}).get("auditRefs", []):
        audit = audits.get(ref["id"], {})
        if audit.get("score") is None or audit.get("scoreDisplayMode") in ("notApplicable", "informative", "manual", "error"):
            continue
        if audit["score"] >= 1:
            continue
        items = (audit.get("details") or {}).get("items") or []
        items = items if isinstance(items, list) else []
        nodes = [item.get("node") for item in items[:3] if isinstance(item, dict)]
        failing.append({"id": ref["id"], "title": audit.get("title", ""), "score": audit["score"],
                        "weight": ref.get("weight", 0), "display": audit.get("displayValue", ""), "items": len(items),
                        "where": [(n.get("selector") or n.get("snippet") or "")[:90] for n in nodes if isinstance(n, dict)]})
    return sorted(failing, key=lambda a: (-a["weight"], a["score"]))


def lighthouse(url, out_json):
    """One Lighthouse run: {'seconds', 'scores', 'failing', 'metrics', 'warnings'} or {'error'}."""
    if not LIGHTHOUSE.exists():
        return {"error": f"{LIGHTHOUSE.relative_to(ROOT)} not found (run `npm ci`)"}
    cmd = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out_json}", "--quiet",
           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(browser.CHROMIUM_ARGS)}"]
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=dict(os.environ, CHROME_PATH=browser.CHROMIUM),
                              capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return {"error": "lighthouse did not finish within 300 s"}
    seconds = time.perf_counter() - start
    if proc.returncode != 0 or not Path(out_json).exists():
        return {"error": f"exit {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-1500:]}"}
    report = json.loads(Path(out_json).read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        return {"error": f"runtimeError {report['runtimeError']}"}
    scores = {}
    for cat in CATEGORIES:
        score = report["categories"].get(cat, {}).get("score")
        scores[cat] = None if score is None else round(score * 100)
    return {"seconds": seconds, "scores": scores, "failing": {cat: failing_audits(report, cat) for cat in CATEGORIES},
            "metrics": {m: report["audits"][m].get("displayValue", "") for m in METRICS if m in report["audits"]},
            "warnings": report.get("runWarnings", [])}


def lighthouse_runs(url, work, name, runs):
    """`runs` runs: the median score per category, and the audits of the run with the median
    performance score. Stops at the first failure and returns it."""
    done = []
    for i in range(runs):
        res = lighthouse(url, Path(work) / f"lh-{name}-{i}.json")
        if "error" in res:
            return res
        done.append(res)
    scores = {c: [r["scores"][c] for r in done] for c in CATEGORIES}
    chosen = sorted(done, key=lambda r: r["scores"]["performance"] or 0)[len(done) // 2]
    return dict(chosen, runs=len(done), all_scores=scores,
                scores={c: median([v for v in vals if v is not None]) if any(v is not None for v in vals) else None
                        for c, vals in scores.items()})


def print_lighthouse(name, res):
    print(f"\n  {name}")
    if "error" in res:
        print(f"    LIGHTHOUSE FAILED: {res['error']}")
        return
    runs = res.get("runs", 1)
    print(f"    scores (median of {runs} run{'s' if runs > 1 else ''}): "
          + "  ".join(f"{c} {res['scores'][c]:g}" for c in CATEGORIES))
    if runs > 1:
        print("    each run: " + "  ".join(f"{c} {'/'.join(str(v) for v in res['all_scores'][c])}" for c in CATEGORIES))
    print("    metrics (simulated slow-4G mobile, run with the median performance): "
          + ", ".join(f"{k} {v}" for k, v in res["metrics"].items()))
    for cat in CATEGORIES:
        if res["scores"][cat] is None or res["scores"][cat] >= 100:
            continue
        scored = [a for a in res["failing"][cat] if a["weight"]]
        diagnostics = [a for a in res["failing"][cat] if not a["weight"]]
        print(f"    {cat} < 100 because of (audits with weight, from the median run):")
        for a in scored:
            shown = f" [{a['display']}]" if a["display"] else ""
            print(f"      - {a['id']} (score {a['score']:.2f}, weight {a['weight']}): {a['title']}{shown}")
            if a["where"]:
                print(f"          {a['items']} element(s), e.g. " + " | ".join(a["where"]))
        if not scored:
            print("      (no weighted audit below 1; the category score rounds below 100)")
        if diagnostics:
            print("      diagnostics that do not count in the score: " + ", ".join(
                a["id"] + (f" [{a['display']}]" if a["display"] else "") for a in diagnostics))
    for warning in res["warnings"]:
        print(f"    run warning: {warning}")


def run(base_url, pages, work, runs):
    """`pages`: [(name, path, _)]."""
    heading("5. Lighthouse (default mobile emulation, simulated throttling), served from localhost")
    results = {}
    for name, path, _ in pages:
        results[name] = lighthouse_runs(base_url + path, work, name.replace(" ", "-"), runs)
        print_lighthouse(f"{name} ({path})", results[name])
    return results
