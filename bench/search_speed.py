"""4. Search speed in Chromium, as a reader meets it.

Per round, a fresh browser context (empty cache) loads the page and types the first query at
once, as a reader who searches right away; then types the further queries one by one. Printed,
as medians over rounds and queries (min-max, n):

- search ready: ms from navigation start until Material's worker has built its index (the
  result line stops saying 正在初始化搜索引擎). The index is only fetched once search is opened,
  so this includes fetching it;
- first query: ms from the input event that completed the query to the last change of the
  result list, for the query typed before search was ready;
- further queries: the same for later queries (Material searches on every keystroke);
- further queries incl. the settle wait: wall time of search_report.type_query, typing and the
  wait until results stop changing included (what the tests wait per query).

Times come from an in-page probe (PROBE, performance.now()), not from the test driver. Whether
each query found what tests/search/search_queries.yaml expects is counted too, as a check that
the timed searches were real ones; search quality itself is bench/search_report.py's.
"""

import time

from .report import heading, spread, table
from .search_report import load_queries, type_query

KINDS = ["word", "phrase", "name", "latin", "english", "absent"]

# Input events on the search box, mutations of the result list, and when the worker is ready
# (Material replaces "正在初始化搜索引擎" once the worker has built its index).
PROBE = r"""(() => {
  const b = window.__bench = {inputs: [], mutations: [], ready: null};
  document.addEventListener('input', e => {
    const t = e.target;
    if (t instanceof HTMLInputElement && t.matches('.md-search__input')) b.inputs.push([performance.now(), t.value]);
  }, true);
  const attach = () => {
    const res = document.querySelector('.md-search-result');
    if (!res) return;
    const check = now => {
      const meta = res.querySelector('.md-search-result__meta');
      if (b.ready === null && meta && meta.textContent.trim() && !meta.textContent.includes('初始化')) b.ready = now;
    };
    new MutationObserver(() => { const now = performance.now(); b.mutations.push(now); check(now); })
      .observe(res, {childList: true, subtree: true, characterData: true});
    check(performance.now());
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', attach); else attach();
})();"""


def probed_context(browser):
    """A fresh browser context (empty cache) whose pages carry the probe: window.__bench."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.add_init_script(PROBE)
    return context


def pick_queries(data, per_kind=2, limit=10):
    """Two queries of each kind from the list, at most ten."""
    picked = []
    for kind in KINDS:
        picked += [q for q in data["queries"] if q["kind"] == kind][:per_kind]
    return picked[:limit]


def search_ready_ms(page, timeout=180):
    """Wait until the probe saw search become ready; returns its time (ms after navigation start).
    Polled from Python: the site's Content-Security-Policy (no 'unsafe-eval') forbids
    Playwright's in-page wait_for_function, while page.evaluate is allowed."""
    deadline = time.monotonic() + timeout
    while (ready := page.evaluate("window.__bench.ready")) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"search was not ready within {timeout} s")
        page.wait_for_timeout(50)
    return ready


def reset_probe(page):
    page.evaluate("window.__bench.inputs = []; window.__bench.mutations = []")


def latency_ms(page, query):
    """ms from the input event that completed `query` to the last change of the result list."""
    probe = page.evaluate("window.__bench")
    typed = [t for t, value in probe["inputs"] if value == query]
    if not typed:
        return None
    after = [m for m in probe["mutations"] if m >= typed[-1]]
    return (max(after) - typed[-1]) if after else None


def search_timings(browser, base_url, queries, rounds=3, path="/"):
    """Per round: a fresh context, the first query typed right after load, then the rest."""
    firsts, readies, later, settled, ok = [], [], [], [], [0, 0]
    for _ in range(rounds):
        context = probed_context(browser)
        page = context.new_page()
        page.goto(base_url + path, wait_until="load")
        for i, entry in enumerate(queries):
            reset_probe(page)
            start = time.monotonic()
            found = type_query(page, entry["query"], timeout=180 if i == 0 else 60)
            ms = latency_ms(page, entry["query"])
            if i == 0:
                readies.append(search_ready_ms(page))
                firsts += [ms] if ms is not None else []
            else:
                settled.append(time.monotonic() - start)
                later += [ms] if ms is not None else []
            ok[0] += set(found) == set(entry["articles"])
            ok[1] += 1
        context.close()
    return {"ready_ms": readies, "first_ms": firsts, "later_ms": later, "settled_s": settled, "as_expected": ok}


def run(browser, base_url, rounds):
    heading("4. Search in Chromium: typing to results shown")
    queries = pick_queries(load_queries())
    res = search_timings(browser, base_url, queries, rounds=rounds)
    table(["what", "median (min-max, n)"], [
        ["search ready after navigation start (worker has the index)", spread(res["ready_ms"], "ms", 0)],
        [f"FIRST query ({queries[0]['query']}) typed right after load: last key -> results", spread(res["first_ms"], "ms", 0)],
        [f"further queries ({len(queries) - 1} per round): last key -> results", spread(res["later_ms"], "ms", 0)],
        ["further queries, search_report.type_query incl. typing + settle wait", spread(res["settled_s"], "s", 2)],
    ])
    print(f"  queries: {', '.join(q['query'] for q in queries)}; {rounds} rounds (fresh context each); "
          f"results as expected in {res['as_expected'][0]}/{res['as_expected'][1]} typings.")
    return {"queries": [q["query"] for q in queries], **res}
