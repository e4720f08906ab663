"""The built site (make build): each issue page links one file per format of the registry,
and each file holds every article of the issue, in print order, read back by rispy,
bibtexparser and citeproc-py's CSL-JSON reader."""

import json
import re
from urllib.parse import urljoin

import bibtexparser
import pytest
import rispy
from citeproc.source.json import CiteProcJSON

from journal import citations
from journal.catalog import pages_on_disk, read_catalog
from tests.conftest import ROOT
from tests.html_tools import read

ISSUES = read_catalog(pages_on_disk(ROOT / "docs"))


@pytest.mark.parametrize("issue", ISSUES, ids=lambda i: i.src_uri)
def test_the_issue_page_links_the_whole_issue_in_every_format(site, issue):
    folder = issue.issue.folder
    doc = read(site / folder / "index.html")
    links = [a for a in doc.find_all("a", download=True) if a.get("data-cite-file")]
    assert [a["data-cite-file"] for a in links] == [f.key for f in citations.FILES]
    files = {a["data-cite-file"]: site / urljoin(f"{folder}/", a["href"]) for a in links}
    articles = [a.article for a in issue.articles]
    assert articles

    records = rispy.loads(files["ris"].read_text(encoding="utf-8"))
    assert [r["title"].split(":")[0] for r in records] == [a.title for a in articles]
    assert [r["start_page"] for r in records] == [str(a.first_page) for a in articles]

    library = bibtexparser.parse_string(files["bibtex"].read_text(encoding="utf-8"))
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == [citations.bibtex.citation_key(a) for a in articles]

    items = json.loads(files["csl-json"].read_text(encoding="utf-8"))
    assert [i["page"] for i in items] == [a.pages for a in articles]
    assert len(CiteProcJSON(items)) == len(articles)
    # each article's own file is its record of the issue file
    for fmt in citations.FILES:
        whole = (site / fmt.issue_path(folder)).read_text(encoding="utf-8")
        for a in articles:
            own = (site / fmt.article_path(a)).read_text(encoding="utf-8")
            if fmt.key == "csl-json":
                assert json.loads(own)[0] in items
            else:
                assert own in whole


@pytest.mark.parametrize("issue", ISSUES, ids=lambda i: i.src_uri)
def test_each_ris_record_links_the_pdf_the_article_page_links(site, issue):
    """L1 is the article page's citation_pdf_url: present exactly when the site made PDFs."""
    records = rispy.loads((site / citations.file_format("ris").issue_path(issue.issue.folder)).read_text(encoding="utf-8"))
    for entry, record in zip(issue.articles, records, strict=True):
        doc = read(site / entry.article.stem / "index.html")
        pdf = doc.meta("citation_pdf_url")
        assert record.get("file_attachments1") == (pdf[0] if pdf else None)
        assert (site / entry.article.pdf_path).is_file() == bool(pdf)


@pytest.mark.parametrize("issue", ISSUES, ids=lambda i: i.src_uri)
def test_the_english_issue_page_links_the_same_files_and_pdf_in_english(site, issue):
    """en/YYYY/NN/: the whole issue's reference files (the registry's, the same files as the
    Chinese contents page) and the issue PDF exactly when the site made it, labelled in English."""
    folder = issue.issue.folder
    zh, en = read(site / folder / "index.html"), read(site / "en" / folder / "index.html")

    def files(doc, base):
        return [(a["data-cite-file"], urljoin(base, a["href"])) for a in doc.find_all("a", download=True) if a.get("data-cite-file")]

    assert files(en, f"/en/{folder}/") == files(zh, f"/{folder}/") != []
    assert [a["data-cite-file"] for a in en.find_all("a", download=True)] == [f.key for f in citations.FILES]
    [downloads] = en.texts("issue-downloads")
    assert downloads.startswith("References of this issue:") and not re.search(r"[\u3000-\u9fff\uff00-\uffef]", downloads)

    def pdfs(doc, base):
        return [urljoin(base, a["href"]) for a in doc.find_all("a", type="application/pdf")]

    whole = f"{folder}/guoji-wenti-yanjiu-{issue.issue.code}.pdf"
    made = (site / whole).is_file()
    assert pdfs(en, f"/en/{folder}/") == pdfs(zh, f"/{folder}/") == ([f"/{whole}"] if made else [])
    if made:
        [label] = en.texts("issue-pdf")
        assert "Whole issue (PDF" in label and not re.search(r"[\u3000-\u9fff\uff00-\uffef]", label)
