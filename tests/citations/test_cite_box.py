"""The cite box partial (overrides/partials/cite-box.html) loops over the registry: a style or
file format added to journal.citations shows up with no template edited, every value escaped."""

import jinja2
import pytest

from journal import citations
from journal.citations import FileFormat, Style, Where
from journal.citations.text import text
from tests.citations.test_styles import URL, art
from tests.conftest import ROOT
from tests.html_tools import Document


def render(article):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True)
    cite = {"styles": citations.cite_box(article, Where(URL)),
            "files": [(fmt, fmt.article_path(article)) for fmt in citations.FILES]}
    return Document(env.get_template("partials/cite-box.html").render(cite=cite, pub=None, exp=None))


def test_every_style_and_file_of_the_registry_is_in_the_box():
    doc = render(art())
    assert [a["id"] for a in doc.find_all("p", class_="cite-text")] == [f"cite-{s.key}" for s in citations.STYLES]
    assert [a["data-cite-file"] for a in doc.find_all("a", download=True)] == [f.key for f in citations.FILES]


def test_a_format_added_to_the_registry_shows_up_escaped(monkeypatch):
    hostile = '<img src=x onerror="alert(1)">'
    style = Style("x-new", f"New {hostile}", hostile, hostile, lambda article, where: text(hostile, ("i", hostile)))
    fmt = FileFormat("x-file", f"File {hostile}", ".x", "text/x", lambda a, w: hostile, "".join)
    monkeypatch.setattr(citations, "STYLES", (*citations.STYLES, style))
    monkeypatch.setattr(citations, "FILES", (*citations.FILES, fmt))
    doc = render(art())
    assert doc.find_all("p", id="cite-x-new") and doc.find_all("a", download=True)[-1]["data-cite-file"] == "x-file"
    assert not doc.find_all("img")  # the value stayed text
    assert doc.text.count(hostile) >= 4


@pytest.mark.parametrize("key", [s.key for s in citations.STYLES])
def test_each_style_s_text_is_printed_as_its_plain_form(key):
    doc = render(art(title="A & <B>"))
    [shown] = [t for tag, attrs, t in doc.elements if attrs.get("id") == f"cite-{key}"]
    assert shown == citations.style(key).text(art(title="A & <B>"), Where(URL)).plain
