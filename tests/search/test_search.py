"""Search on the website, as a reader uses it: the query list typed into the search box in
Chromium, what the results show, the keys, accessibility, and what is fetched when."""

import json
import re
import subprocess

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

import journal.site.plugin
from journal.search import thesaurus
from bench import browser as browser_helper

from bench import archive_search
from bench import search_report
from tests.conftest import ARCHIVE, ROOT, docs_with_assets, wait_for_lang
from tests.site.test_accessibility import run_axe, split_violations

DATA = search_report.load_queries()
QUERIES = DATA["queries"]
ISSUE = DATA["issue"]
ARTICLE = f"/{ISSUE}/wang-fan/"


def article_texts():
    """What search can see of each article: its front matter text and its body."""
    texts = {}
    for path in sorted((ROOT / "docs" / ISSUE).glob("*.md")):
        body, meta = get_data(path.read_text(encoding="utf-8"))
        if "authors" not in meta:
            continue
        people = " ".join(f"{a['name']} {a['name_en']} {a['bio']}" for a in meta["authors"])
        fields = [meta["column"], meta["title"], meta["title_en"], meta["abstract"], meta["abstract_en"],
                  " ".join(meta["keywords"]), people, meta.get("funding", ""), body]
        texts[path.stem] = " ".join(fields).lower()
    return texts


def test_the_list_has_40_queries_of_every_kind():
    assert len(QUERIES) >= 40
    assert {q["kind"] for q in QUERIES} == {"word", "phrase", "name", "latin", "english", "absent"}


def test_the_list_matches_the_pages_text():
    """Each query's articles are exactly those whose text contains every piece of it."""
    texts = article_texts()
    for entry in QUERIES:
        pieces = entry["query"].lower().split()
        expected = sorted(slug for slug, text in texts.items() if all(p in text for p in pieces))
        assert entry["articles"] == expected, entry["query"]


@pytest.fixture(scope="module")
def outcomes(browser, search_server):
    base_url, _ = search_server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "/")
    yield [(entry, archive_search.search(page, entry["query"])) for entry in QUERIES]
    page.close()


def test_every_query_finds_every_article_that_has_it_and_no_other(outcomes):
    """Counted inside the list's issue: a later issue's hits are neither hits nor false hits."""
    result = archive_search.score(outcomes, ISSUE)
    assert result["missed"] == [] and result["recall"] == 1.0
    assert result["false_hits"] == []


def test_the_right_article_comes_first(outcomes):
    result = archive_search.score(outcomes, ISSUE)
    assert result["wrong_first"] == [], result["wrong_first"]
    assert result["right_first"][1] >= 30


def test_results_show_the_passage_not_the_header_and_no_invisible_characters(outcomes):
    for entry, results in outcomes:
        for result in results:
            assert not any(word in result["text"] for word in ("页码", "文章编号", "中图分类号", "文献标识码")), entry["query"]
            assert not any(c in result["text"] for c in "\u200b\u200c\u200d\ufeff\ue000\ue001"), entry["query"]
            assert len(result["text"]) < 1200, (entry["query"], len(result["text"]))


def traditional(texts):
    """`texts` in Traditional characters, by the pinned opencc-js's s2t run in node (not the
    site's copy: the site must agree with the package)."""
    script = ("const c = require(process.argv[1]).Converter({from: 'cn', to: 't'});"
              "process.stdout.write(JSON.stringify(JSON.parse(require('fs').readFileSync(0, 'utf8')).map(c)))")
    done = subprocess.run(["node", "-e", script, str(ROOT / "node_modules" / "opencc-js")],
                          input=json.dumps(texts), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def traditional_outcomes(browser, search_server):
    """The list's queries that s2t changes, typed in Traditional on a page shown in 简."""
    hant = traditional([entry["query"] for entry in QUERIES])
    changed = [(entry, text) for entry, text in zip(QUERIES, hant) if text != entry["query"]]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(search_server[0] + "/")
    yield [(entry, text, archive_search.search(page, text)) for entry, text in changed]
    page.close()


def test_a_query_typed_in_traditional_finds_what_the_simplified_query_finds(traditional_outcomes):
    assert len(traditional_outcomes) >= 25, "too few of the list's queries change in Traditional"
    result = archive_search.score([(entry, results) for entry, _, results in traditional_outcomes], ISSUE)
    assert result["missed"] == [] and result["false_hits"] == []
    assert result["wrong_first"] == []


def test_a_word_copied_from_a_traditional_page_finds_its_article(page, search_server):
    """s2t shows 纵坐标 as 縱座標, which t2s alone reads back as 纵座标, a word no page has."""
    page.goto(search_server[0] + f"/{ISSUE}/zhang-chaozhe/")
    page.locator("button.hant-toggle").click()
    wait_for_lang(page, "zh-Hant-TW")
    assert "縱座標" in page.locator(".article-body").inner_text()
    results = archive_search.search(page, "縱座標")
    # Inside the list's issue only zhang-chaozhe; a later issue may hold a copy of it.
    assert [r["slug"] for r in results if r["slug"].startswith(ISSUE + "/")] == [f"{ISSUE}/zhang-chaozhe"]
    assert {r["slug"].split("/")[-1] for r in results} == {"zhang-chaozhe"}
    assert "縱座標" in results[0]["marks"]  # the results are shown in 繁 too


def marked_as_asked(mark, pieces, groups):
    """A mark is a piece of the query, a word of one (segmentation), or another name, in the
    thesaurus, of a word of one."""
    mark = mark.lower()
    if any(mark in piece for piece in pieces):
        return True
    return any(mark in names and any(name in piece for piece in pieces for name in names) for names in groups)


def test_the_query_is_marked_in_every_snippet(outcomes):
    groups = [[name.lower() for name in group] for group in thesaurus.load()]
    for entry, results in outcomes:
        pieces = entry["query"].lower().split() + [entry["query"].lower()]
        for result in results:
            assert result["marks"], (entry["query"], result["slug"])
            assert all(marked_as_asked(mark, pieces, groups) for mark in result["marks"]), (entry["query"], result["marks"])


def test_a_term_only_in_a_note_links_to_that_note_and_shows_it(page, search_server):
    """南海仲裁案 occurs in bai-jiayu's notes only: the result links to note 9 and shows it."""
    page.goto(search_server[0] + ARTICLE)
    results = archive_search.search(page, "南海仲裁案")
    bai = next(r for r in results if r["slug"] == f"{ISSUE}/bai-jiayu")
    assert bai["links"][1].endswith("bai-jiayu/#fn:9")
    assert "注 9" in bai["text"] and "菲律宾所提南海仲裁案仲裁庭的裁决没有法律效力" in bai["text"]


def test_the_index_loads_in_pieces_only_when_the_reader_searches(page, search_server):
    base_url, server = search_server
    page.goto(base_url + ARTICLE)
    page.wait_for_timeout(500)
    mark = len(server.requests)
    page.goto(base_url + ARTICLE)
    page.wait_for_timeout(500)
    assert not [p for p, _, _ in server.requests[mark:] if p.startswith("/search/")], "search files fetched on page load"
    archive_search.search(page, "北极")
    fetched = [p for p, _, _ in server.requests[mark:] if p.startswith("/search/")]
    assert "/search/index/index.json" in fetched
    assert len([p for p in fetched if re.search(r"^/search/index/\w+/t/\d+\.json$", p)]) == 1  # 北极: one pair, one term file
    assert any(re.search(r"^/search/index/\w+/r/\d+\.json$", p) for p in fetched)  # the records shown
    assert not any(p.endswith("search_index.json") for p, _, _ in server.requests), "Material's index was requested"


def test_keys_open_move_and_close(page, search_server):
    base_url, _ = search_server
    page.goto(base_url + f"/{ISSUE}/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.type("北极", delay=20)
    archive_search.settled_results(page)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("s")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # opens the first result
    # wang-fan is the article with 北极; with later issues in the archive its newest copy may come first.
    assert page.url.endswith("/wang-fan/")


def test_no_serious_accessibility_violation_with_results_open(page, search_server):
    base_url, _ = search_server
    page.goto(base_url + ARTICLE)
    archive_search.search(page, "南海仲裁案")
    axe = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    failing, _, _ = split_violations(run_axe(page, axe), "light")
    assert failing == [], [(v["id"], n["target"]) for v, n in failing]


def test_the_ui_never_parses_index_text_as_html():
    """Everything shown is built with textContent (the hostile-page test checks it in use)."""
    for path in (ROOT / "overrides" / "assets" / "javascripts").glob("search*.js"):
        source = path.read_text(encoding="utf-8")
        assert not any(sink in source for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write")), path.name


HOSTILE_EN = "<svg onload=alert(4)>hostileenglish</svg>"
HOSTILE_NAME = "ZHANG <img src=z onerror=alert(5)>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The fixture archive with markup in an article's title and body, built with the content
    check switched off (as tests/site/test_csp.py does)."""
    work = tmp_path_factory.mktemp("hostile-search")
    docs = docs_with_assets(ARCHIVE, work / "docs")
    article = docs / "2026" / "01" / "zhang-san.md"
    hostile = "<img src=x onerror=alert(1)>hostiletitle<script>alert(2)</script>"
    text = article.read_text(encoding="utf-8").replace("title: 档案中的新文章", f'title: "{hostile}"', 1)
    # The English pages head a result with the English title and names (search/en/*.json).
    text = text.replace("title_en: A New Article in the Archive", f'title_en: "{HOSTILE_EN}"', 1)
    text = text.replace("name_en: ZHANG San", f'name_en: "{HOSTILE_NAME}"', 1)
    article.write_text(text + "\n\n&lt;b&gt;hostilebody&lt;/b&gt; <img src=y onerror=alert(3)>\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(journal.site.plugin, "check_docs", lambda docs_dir: [])
        patch.setenv("JOURNAL_PDF", "false")  # the galley would refuse the page's pictures (tests/site/test_csp.py)
        build(load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(work / "site"), strict=False))
    return work / "site"


def test_markup_in_the_index_is_shown_as_text(browser, hostile_site):
    base_url, httpd = browser_helper.serve(hostile_site)
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(base_url + "/")
        for query in ("hostiletitle", "hostilebody"):
            results = archive_search.search(page, query)
            assert results, query
            assert page.locator(".md-search-result__list img, .md-search-result__list script, .md-search-result__list b").count() == 0
        assert "<img src=x onerror=alert(1)>hostiletitle" in archive_search.search(page, "hostiletitle")[0]["text"]
    finally:
        page.close()
        httpd.shutdown()
    assert dialogs == []


def test_markup_in_an_english_head_is_shown_as_text(browser, hostile_site):
    base_url, httpd = browser_helper.serve(hostile_site)
    page = browser.new_page()
    dialogs, outside = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: r.url.startswith(base_url) or outside.append(r.url))
    try:
        page.goto(base_url + "/en/")
        results = archive_search.search(page, "hostileenglish")
        assert results
        assert page.locator(".md-search-result__list img, .md-search-result__list svg:not(.md-icon svg), .md-search-result__list script").count() == 0
        heads = page.locator(".md-search-result__list h1").all_inner_texts()
        assert HOSTILE_EN in heads, heads
    finally:
        page.close()
        httpd.shutdown()
    assert dialogs == [] and outside == []
