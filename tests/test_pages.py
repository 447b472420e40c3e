"""kg serve's resource pages, the ontology page, the pair timeline (also ``kg timeline``),
and the same pages in a real browser (Debian's headless Chromium, installed by
scripts/ensure-browser.sh). The server runs on 127.0.0.1 and is stopped at the end; the
browser's screenshot is kept in build/test-artifacts/.
"""
from __future__ import annotations

import contextlib
import html
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.cli import main
from kg.errors import EXIT_ERROR, EXIT_OK
from kg.serve import stop
from kg.store import open_store

BASE = "https://w3id.org/bilateral-relations/"
ID, KG = BASE + "id/", BASE + "ontology#"
PE, RELATION = ID + "state/pe", ID + "relation/id-pe"
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
ARTIFACTS = Path(__file__).resolve().parents[1] / "build" / "test-artifacts"
SVG = "{http://www.w3.org/2000/svg}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def site(built_store_path):
    """``kg serve`` on the built store: yields its base URL (``http://127.0.0.1:PORT``)."""
    bind = f"127.0.0.1:{free_port()}"
    server = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(built_store_path),
                               "--bind", bind], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline().strip() == f"http://{bind}/query"
        yield f"http://{bind}"
    finally:
        stop(server)


def get(url: str, accept: str = "text/html", language: str | None = None):
    """``(status, content type, body)``."""
    headers = {"Accept": accept, **({"Accept-Language": language} if language else {})}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def facts_and_quotes(store_path, iri: str):
    """From the store itself: the fact nodes that link to ``iri``, and all their quotes."""
    with open_store(store_path) as store:
        facts = {r["f"].value for r in store.query(
            f"SELECT DISTINCT ?f WHERE {{ ?f ?p <{iri}> . ?f <{KG}evidence> ?e }}")}
        quotes = {r["q"].value for r in store.query(
            f"SELECT DISTINCT ?q WHERE {{ ?f ?p <{iri}> . ?f <{KG}evidence>/<http://www.w3.org/ns/oa#hasTarget>"
            f"/<http://www.w3.org/ns/oa#hasSelector>/<http://www.w3.org/ns/oa#exact> ?q }}")}
        documents = {r["u"].value for r in store.query(
            f"SELECT DISTINCT ?u WHERE {{ ?f ?p <{iri}> . ?f <http://www.w3.org/ns/prov#wasDerivedFrom> ?d . "
            f"?d <https://schema.org/url> ?u }}")}
    return facts, quotes, documents


def test_a_state_page_shows_every_fact_quote_and_source(site, built_store_path):
    status, kind, body = get(site + "/id/state/pe?lang=es")
    page = body.decode()
    assert (status, kind) == (200, "text/html")
    assert '<html lang="es">' in page and "<h1>Perú</h1>" in page
    facts, quotes, documents = facts_and_quotes(built_store_path, PE)
    assert len(facts) > 10 and quotes and documents
    for fact in facts:
        assert f'href="/id/{fact[len(ID):]}"' in page, fact
    for quote in quotes:
        assert html.escape(quote) in page, quote
    for url in documents:
        assert f'href="{html.escape(url)}"' in page, url


@pytest.mark.parametrize("language,name", [("bn-BD,bn;q=0.9", "পেরু"), ("id", "Peru"), ("fr, en;q=0.5", "Peru")])
def test_the_language_comes_from_accept_language(site, language, name):
    status, _, body = get(site + "/id/state/pe", language=language)
    assert status == 200 and f"<h1>{name}</h1>" in body.decode()


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                        ("application/n-triples", "nt")])
def test_rdf_clients_get_the_description(site, built_store_path, accept, fmt):
    status, kind, body = get(site + "/id/state/pe", accept=accept)
    assert (status, kind) == (200, accept)
    got = rdflib.Graph().parse(data=body, format=fmt)
    with open_store(built_store_path) as store:
        expected = {ox.Triple(r["s"], r["p"], r["o"]) for r in store.query(
            f"SELECT ?s ?p ?o WHERE {{ {{ BIND(<{PE}> AS ?s) ?s ?p ?o }} UNION {{ BIND(<{PE}> AS ?o) ?s ?p ?o }} }}")}
    assert {(str(s), str(p), str(o)) for s, p, o in got} == {(t.subject.value, t.predicate.value, t.object.value)
                                                              for t in expected}


def test_unknown_resources_and_formats(site):
    assert get(site + "/id/state/zz")[0] == 404
    assert get(site + "/id/state/zz", accept="text/turtle")[0] == 404
    assert get(site + "/id/state/pe", accept="image/png")[0] == 406


def test_the_ontology_as_a_page_and_as_turtle(site, built_store_path):
    status, kind, body = get(site + "/ontology")
    assert (status, kind) == (200, "text/html") and "<code>kg:State</code>" in body.decode()
    status, kind, body = get(site + "/ontology", accept="text/turtle")
    assert (status, kind) == (200, "text/turtle")
    with open_store(built_store_path) as store:
        expected = len(list(store.quads(ox.NamedNode(ID + "graph/ontology"))))
    assert len(rdflib.Graph().parse(data=body, format="turtle")) == expected


def items(svg_text: bytes) -> list[tuple[str, str]]:
    """(date, label) of each item of a timeline SVG."""
    root = ET.fromstring(svg_text)
    found = []
    for group in root.iter(SVG + "g"):
        if group.get("class") == "item":
            texts = ["".join(t.itertext()) for t in group.iter(SVG + "text")]
            found.append((texts[0], texts[1]))
    return found


def test_the_pair_page_and_kg_timeline_draw_the_same_timeline(site, built_store_path, tmp_path, capsys):
    status, kind, page = get(site + "/id/relation/id-pe")
    assert status == 200 and '<section id="timeline">' in page.decode()
    status, kind, picture = get(site + "/timeline/id/pe.svg")
    assert (status, kind) == (200, "image/svg+xml")
    drawn = items(picture)
    # the seed documents state these (README, "What the graph answers")
    assert ("1975-08-12", "Bilateral relations between Indonesia and Peru (established)") in drawn
    assert ("2002-02-20", "Embassy of Indonesia in Lima (opened)") in drawn
    assert ("2013-10", "Memorandum of understanding between Indonesia and Peru, 2013-10") in drawn
    assert [date for date, _ in drawn] == sorted(date for date, _ in drawn)
    target = tmp_path / "id-pe.svg"
    assert main(["timeline", "ID", "PE", "--store", str(built_store_path), "-o", str(target)]) == EXIT_OK
    assert items(target.read_bytes()) == drawn
    assert main(["timeline", "ID", "ZZ", "--store", str(built_store_path)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("kg: error: ZZ: not a state") and len(err.splitlines()) == 1


def chromium(*arguments: str, profile: Path) -> subprocess.CompletedProcess:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is not installed (Debian chromium: `make install` runs scripts/ensure-browser.sh)")
    return subprocess.run(
        [executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--window-size=1200,1600", *arguments], capture_output=True, timeout=120)


def test_a_browser_shows_the_pair_page(site, built_store_path, tmp_path):
    url = site + "/id/relation/id-pe?lang=bn"
    shown = chromium("--dump-dom", url, profile=tmp_path / "profile")
    assert shown.returncode == 0, shown.stderr.decode()[-2000:]
    dom = shown.stdout.decode()
    assert "<h1>Bilateral relations between Indonesia and Peru</h1>" in dom
    assert "<svg" in dom and "Embassy of Indonesia in Lima (opened)" in dom
    with open_store(built_store_path) as store:
        quotes = {r["q"].value for r in store.query(
            f"SELECT ?q WHERE {{ <{RELATION}> <{KG}evidence>/<http://www.w3.org/ns/oa#hasTarget>"
            f"/<http://www.w3.org/ns/oa#hasSelector>/<http://www.w3.org/ns/oa#exact> ?q }}")}
    assert any("কূটনৈতিক সম্পর্ক" in q for q in quotes)   # the Bengali article's sentence
    assert all(html.escape(q) in dom for q in quotes)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "relation-page.png"
    screenshot.unlink(missing_ok=True)
    taken = chromium(f"--screenshot={screenshot}", url, profile=tmp_path / "profile2")
    assert taken.returncode == 0, taken.stderr.decode()[-2000:]
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 1200 and len(data) > 20_000


def test_the_dataset_describes_itself_at_well_known_void(site, built_store_path):
    status, kind, body = get(site + "/.well-known/void", accept="text/turtle")
    assert (status, kind) == (200, "text/turtle")
    graph = rdflib.Graph().parse(data=body, format="turtle")
    dataset = rdflib.URIRef(BASE)
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    assert graph.value(dataset, void.sparqlEndpoint) == rdflib.URIRef(site + "/query")
    with open_store(built_store_path) as store:
        triples = {q.triple for q in store.quads()}
    assert int(graph.value(dataset, void.triples)) == len(triples)


def test_the_service_description_names_the_dataset(site):
    status, kind, body = get(site + "/query", accept="text/turtle")
    assert (status, kind) == (200, "text/turtle")
    graph = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    services = list(graph.subjects(rdflib.RDF.type, sd.Service))
    assert len(services) == 1
    assert graph.value(services[0], sd.defaultDataset) == rdflib.URIRef(BASE)
    assert graph.value(rdflib.URIRef(BASE), rdflib.RDFS.seeAlso) == rdflib.URIRef(site + "/.well-known/void")
    assert get(site + "/query?query=ASK%7B%7D", accept="application/sparql-results+json")[2] == b'{"head":{},"boolean":true}'
