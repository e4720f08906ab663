"""The OAI-PMH static repository: every article as a Dublin Core record, the Static Repository
rules kept, and what a Static Repository Gateway answers from it valid against OAI-PMH.xsd and
oai_dc.xsd (when the official schemas are given)."""

import copy

from lxml import etree

from journal.exports import oai
from journal.model import Article
from tests.conftest import ARCHIVE, SITE

from .conftest import DOI_PREFIX, parse
from .test_jats import HOSTILE, META, articles

NS = {"sr": oai.SR, "oai": oai.OAI, "oai_dc": oai.OAI_DC, "dc": oai.DC}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def repository(site):
    return parse(site / "oai" / "static-repository.xml").getroot()


def gateway_responses(root):
    """The OAI-PMH responses a Static Repository Gateway makes from the file (its Identify,
    ListMetadataFormats and ListRecords blocks in the OAI-PMH envelope), as the spec says."""
    base_url = root.findtext("sr:Identify/oai:baseURL", namespaces=NS)
    responses = []
    for verb, block, args in (("Identify", "Identify", {}), ("ListMetadataFormats", "ListMetadataFormats", {}),
                              ("ListRecords", "ListRecords", {"metadataPrefix": "oai_dc"})):
        envelope = etree.Element(f"{{{oai.OAI}}}OAI-PMH", nsmap={None: oai.OAI})
        etree.SubElement(envelope, f"{{{oai.OAI}}}responseDate").text = "2026-03-15T00:00:00Z"
        request = etree.SubElement(envelope, f"{{{oai.OAI}}}request", verb=verb, **args)
        request.text = base_url
        answer = etree.SubElement(envelope, f"{{{oai.OAI}}}{verb}")
        for child in root.find(f"sr:{block}", NS):
            answer.append(copy.deepcopy(child))
        responses.append(etree.ElementTree(etree.fromstring(etree.tostring(envelope))))
    return responses


def test_every_article_is_a_record_with_its_dublin_core(exported):
    root = repository(exported)
    assert etree.QName(root).namespace == oai.SR and etree.QName(root).localname == "Repository"
    records = root.findall("sr:ListRecords/oai:record", NS)
    pages = dict(articles(ARCHIVE))
    assert len(records) == len(pages)
    identifiers = [r.findtext("oai:header/oai:identifier", namespaces=NS) for r in records]
    assert sorted(identifiers) == sorted(f"oai:journal.example.org:{src[:-3]}" for src in pages)
    for record in records:
        src_uri = record.findtext("oai:header/oai:identifier", namespaces=NS).split(":", 2)[2] + ".md"
        meta = pages[src_uri]
        dc = record.find("oai:metadata/oai_dc:dc", NS)
        titles = {t.get(XML_LANG): t.text for t in dc.findall("dc:title", NS)}
        assert titles == {"zh": meta["title"], "en": meta["title_en"]}
        creators = [c.text for c in dc.findall("dc:creator", NS)]
        assert creators == [x for a in meta["authors"] for x in (a["name"], a["name_en"])]
        assert [s.text for s in dc.findall("dc:subject", NS)] == meta["keywords"]
        assert dc.findtext("dc:date", namespaces=NS) == meta["issue"]["published"]
        identifiers = [i.text for i in dc.findall("dc:identifier", NS)]
        assert f"https://journal.example.org/gjwtyj/{src_uri[:-3]}/" in identifiers
        assert any(i.startswith(f"https://doi.org/{DOI_PREFIX}/") for i in identifiers)
        relations = [r.text for r in dc.findall("dc:relation", NS)]
        assert f"https://journal.example.org/gjwtyj/{src_uri[:-3]}.jats.xml" in relations
        assert (exported / f"{src_uri[:-3]}.jats.xml").is_file()


def test_the_static_repository_rules_hold(exported):
    root = repository(exported)
    identify = root.find("sr:Identify", NS)
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DD"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "no"
    assert identify.findtext("oai:baseURL", namespaces=NS) == "https://journal.example.org/gjwtyj/oai/static-repository.xml"
    assert identify.find("oai:compression", NS) is None
    assert root.find("sr:ListRecords", NS).get("metadataPrefix") == "oai_dc"
    assert not root.findall(".//oai:resumptionToken", NS) and not root.findall(".//oai:setSpec", NS)
    datestamps = [d.text for d in root.iterfind(".//oai:header/oai:datestamp", NS)]
    assert datestamps and all(len(d) == 10 and d[4] == d[7] == "-" for d in datestamps)
    assert identify.findtext("oai:earliestDatestamp", namespaces=NS) == min(datestamps)
    for record in root.iterfind(".//oai:record", NS):
        assert record.find("oai:header", NS).get("status") is None
        assert record.find("oai:metadata", NS) is not None


def test_the_gateways_responses_are_valid_oai_pmh(exported, oai_xsd):
    sites = [exported] + ([SITE] if (SITE / "oai" / "static-repository.xml").is_file() else [])
    for site in sites:
        for response in gateway_responses(repository(site)):
            assert oai_xsd.validate(response), f"{site}: {oai_xsd.error_log.filter_from_errors()[:3]}"


def hostile_repository():
    meta = dict(META, title=HOSTILE, title_en=HOSTILE, abstract=HOSTILE, keywords=[HOSTILE],
                authors=[{"name": '吴"心&伯<', "name_en": 'WU "Xin&bo"', "bio": ""}])
    article = Article.from_meta("2026/02/wu.md", meta)
    settings = {"repository_name": HOSTILE, "base_url": "https://j.example.org/oai/static-repository.xml",
                "admin_email": "editor@example.org", "site_url": "https://j.example.org/"}
    return oai.static_repository([article], settings, lambda a: {"url": "https://j.example.org/a?b=1&c=2",
                                                                  "copyright": HOSTILE})


def test_hostile_values_come_out_escaped_in_the_repository():
    data = hostile_repository()
    assert b"<b>" not in data and b"\x01" not in data
    root = parse(data).getroot()
    expected = "A <b>&amp; title]]> with control chars & \"quotes\" 'apos' end"
    assert root.findtext("sr:Identify/oai:repositoryName", namespaces=NS) == expected
    assert root.findtext(".//dc:title", namespaces=NS) == expected
    assert root.findtext(".//dc:creator", namespaces=NS) == '吴"心&伯<'
    assert root.findtext(".//dc:identifier", namespaces=NS) == "https://j.example.org/a?b=1&c=2"


def test_hostile_repository_is_valid_oai_pmh(oai_xsd):
    for response in gateway_responses(parse(hostile_repository()).getroot()):
        assert oai_xsd.validate(response), oai_xsd.error_log.filter_from_errors()[:3]


def test_the_oai_schemas_refuse_what_oai_forbids(exported, oai_xsd):
    """The validator has teeth: an element Dublin Core does not define, or a time in a
    datestamp, fails it."""
    root = repository(exported)
    dc = root.find(".//oai_dc:dc", NS)
    etree.SubElement(dc, f"{{{oai.DC}}}bogus").text = "x"
    assert not oai_xsd.validate(gateway_responses(root)[2])
    root = repository(exported)
    root.find(".//oai:header/oai:datestamp", NS).text = "2026-03-15 10:00"
    assert not oai_xsd.validate(gateway_responses(root)[2])
