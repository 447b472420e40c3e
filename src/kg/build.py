"""The pipeline: documents + rules + reference data + ontology -> one validated RDF dataset.

``assemble`` makes the dataset in memory (one named graph per document, one for the
reference data, one for the ontology, one for inferences) and checks it with SHACL;
``build`` also reasons over it and writes it to the store, replacing the previous build
only when everything succeeded.

>>> result = assemble()
>>> result.conforms
True
"""
from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph

from . import paths
from .errors import BuildInvalid, CatalogError, ExtractionError, KgError
from .extract.dates import url_date
from .extract.engine import Extraction, extract
from .extract.language import Language, load_languages
from .mapping import Mapper
from .rdfterms import KG, INPUTS_GRAPH, DERIVED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH, bind_prefixes, document_graph
from .reference import reference_graph
from .sources import Document, read_catalog


@dataclass
class Assembled:
    """The built dataset and what happened while building it."""

    dataset: Dataset | None       # None when the store was rebuilt in place (kg.deltabuild)
    facts: dict[str, int] = field(default_factory=dict)      # document id -> facts found
    failures: dict[str, str] = field(default_factory=dict)   # document id -> one-line reason
    dropped: list[str] = field(default_factory=list)         # facts that violate the shapes (kg.isolate)
    kept: list[str] = field(default_factory=list)            # document ids taken from the store
    conforms: bool = True
    violations: list[str] = field(default_factory=list)
    reasoning: str = "not run"
    seconds: float = 0.0
    shared: str = ""              # the hash of the inputs every document shares (kg.incremental)
    totals: tuple[int, int] | None = None   # (quads, named graphs) of a store rebuilt in place (kg.deltabuild)

    def __str__(self) -> str:
        lines = [f"{doc}: {count} facts" for doc, count in self.facts.items()]
        lines += [f"{doc}: kept (unchanged)" for doc in self.kept]
        lines.append(f"{len(self.facts) + len(self.failures)} documents extracted, {len(self.kept)} kept")
        if self.dropped or self.failures:
            lines.append(f"{len(self.dropped)} facts dropped (they violate the shapes), "
                         f"{len(self.failures)} documents not built")
        size, graphs = self.totals or (len(self.dataset), len(list(self.dataset.graphs())) - 1)
        lines.append(f"{size} {'quads' if self.totals else 'triples'} in {graphs} named graphs; "
                     f"SHACL: {'conforms' if self.conforms else 'VIOLATIONS'}; reasoning: {self.reasoning}; "
                     f"{self.seconds:.1f} s")
        return "\n".join(lines)


def load_ontology(ontology_file: Path = paths.ONTOLOGY_FILE) -> Graph:
    """The ontology as a graph."""
    return Graph().parse(ontology_file, format="turtle")


def load_entities() -> Graph:
    """The reference data and the ontology: the entities documents name, with their labels.
    The ontology is parsed into the reference graph (``graph + ontology`` would copy every triple)."""
    return reference_graph(paths.REFERENCE_DIR).parse(paths.ONTOLOGY_FILE, format="turtle")


def load_extraction_data(entities: Graph | None = None) -> dict[str, Language]:
    """Every language's rules, with a lexicon made of the entities' labels."""
    return load_languages(paths.RULES_DIR, entities if entities is not None else load_entities())


class Extractor:
    """The rules and the entities, loaded once, to extract any number of documents.

    >>> from kg.sources import read_catalog
    >>> extractor = Extractor()
    >>> len(extractor.extraction(read_catalog(paths.SOURCES_DIR)[0]).facts) > 0
    True
    """

    def __init__(self, entities: Graph | None = None, languages: dict[str, Language] | None = None):
        self.entities = entities if entities is not None else load_entities()
        self.languages = languages if languages is not None else load_extraction_data(self.entities)

    def extraction(self, document: Document) -> Extraction:
        """The facts of ``document`` and, per sentence, how they were found."""
        if document.language not in self.languages:
            raise ExtractionError(f"no rules for language {document.language!r} "
                                  f"(have: {', '.join(sorted(self.languages))})", file=document.path)
        publication = document.date or url_date(document.url)    # a news site's /2018/11/ address
        return extract(document.text(), self.languages[document.language], document.id, publication,
                       document.title, document.publisher, document.url)

    def graph(self, document: Document, extraction: Extraction | None = None) -> Graph:
        """The document's catalog entry, facts and evidence as RDF."""
        extraction = extraction or self.extraction(document)
        graph = Graph(store="SimpleMemory")     # one graph, no contexts: adds cost half
        bind_prefixes(graph)
        for triple in document.triples():
            graph.add(triple)
        mapper = Mapper(graph, self.entities, document.iri, document.language)
        mapper.add_all(extraction.facts)
        return graph


@dataclass
class Extracted:
    """One document's outcome: its triples and fact count, or why it failed."""

    document: Document
    triples: list = field(default_factory=list)
    facts: int = 0
    error: str | None = None


def extract_all(documents: list[Document], extractor: Extractor, workers: int | None = None):
    """Extract ``documents`` in parallel (one process per core), yielding :class:`Extracted`
    in catalog order; a document that fails is reported and the others go on."""
    global _worker_extractor
    workers = min(workers or os.cpu_count() or 1, len(documents))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(_extract_one, documents, [extractor] * len(documents))
        return
    _worker_extractor = extractor          # inherited by the forked workers, not pickled
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(_extract_in_worker, documents)
    finally:
        _worker_extractor = None


_worker_extractor: Extractor | None = None


def _extract_in_worker(document: Document) -> Extracted:
    return _extract_one(document, _worker_extractor)


def _extract_one(document: Document, extractor: Extractor) -> Extracted:
    try:
        extraction = extractor.extraction(document)
        graph = extractor.graph(document, extraction)
        return Extracted(document, list(graph), len(extraction.facts))
    except KgError as error:
        return Extracted(document, error=str(error))
    except Exception as error:  # a bug in one document's extraction must not stop the others
        return Extracted(document, error=f"internal error: {type(error).__name__}: {error}")


def assemble(sources: Path = paths.SOURCES_DIR, progress=None, workers: int | None = None,
             previous=None, derive: bool = True) -> Assembled:
    """Extract the documents of ``sources`` (in parallel) and assemble the validated dataset
    (with its derived graph unless not ``derive``).

    With ``previous`` (:class:`kg.incremental.Previous`, the last build's hashes and graphs)
    only the documents :func:`kg.incremental.to_extract` names are extracted and validated;
    the others' graphs are taken from it.
    """
    from .incremental import Previous, input_hashes, record, to_extract
    from .terms import from_ox_term

    started = time.perf_counter()
    say = progress or (lambda *_: None)
    ontology = load_ontology()
    reference = reference_graph(paths.REFERENCE_DIR)

    dataset = Dataset()
    bind_prefixes(dataset)
    _copy(ontology, dataset.graph(ONTOLOGY_GRAPH))
    _copy(reference, dataset.graph(REFERENCE_GRAPH))
    result = Assembled(dataset)
    documents = read_catalog(sources)
    if not documents:
        raise CatalogError("the catalog lists no document; a build from it would hold none",
                           file=sources / "catalog.csv")
    previous = previous or Previous()
    shared, hashes = input_hashes(documents)
    fresh = to_extract(documents, shared, hashes, previous, {str(p) for p in DATE_PROPERTIES})
    for document in documents:
        if document.id not in fresh:
            graph = dataset.graph(document_graph(document.id))
            for triple in previous.graphs[str(document_graph(document.id))]:
                graph.add(tuple(from_ox_term(t) for t in (triple.subject, triple.predicate, triple.object)))
            result.kept.append(document.id)
    documents = [d for d in documents if d.id in fresh]
    say(f"extracting {len(documents)} documents ({len(result.kept)} kept)")
    extractor = Extractor(reference + ontology) if documents else None   # its rules take seconds to load
    for done, outcome in enumerate(extract_all(documents, extractor, workers), 1):
        document = outcome.document
        if outcome.error:
            result.failures[document.id] = outcome.error
            say(f"[{done}/{len(documents)}] {document.id}: FAILED: {outcome.error}")
            continue
        graph = dataset.graph(document_graph(document.id))
        for triple in outcome.triples:
            graph.add(triple)
        result.facts[document.id] = outcome.facts
        say(f"[{done}/{len(documents)}] {document.id} ({document.language}): {outcome.facts} facts")
    _keep_most_precise_dates(dataset)
    say("inferring")
    _infer(dataset)
    say("validating with SHACL, document by document")
    from .buildcheck import validate_parts
    from .isolate import isolate

    parts = {} if previous.shared == shared else {"ontology": ONTOLOGY_GRAPH, "reference data": REFERENCE_GRAPH}
    parts.update((doc, document_graph(doc)) for doc in result.facts)
    parts["inferences"] = INFERRED_GRAPH
    kept = {doc: document_graph(doc) for doc in result.kept}
    violations = validate_parts(dataset, parts, say, kept, _touched(dataset, result, previous))
    isolated = isolate(dataset, violations, set(result.facts),
                       lambda docs: validate_parts(dataset, {**{doc: document_graph(doc) for doc in docs},
                                                             "inferences": INFERRED_GRAPH}, say),
                       lambda: _infer(dataset, again=True))
    for document, reason in isolated.failed.items():
        result.failures[document] = reason
        result.facts.pop(document, None)
    result.dropped = isolated.dropped
    result.violations = isolated.violations
    result.conforms = not result.violations
    if derive:
        say("deriving display labels and evidence")
        _derive(dataset)
    result.shared = shared
    with_drops = {line.split(":", 1)[0] for line in result.dropped}    # extracted again next time
    built = {doc: hashes[doc] for doc in [*result.facts, *result.kept] if doc in hashes and doc not in with_drops}
    inputs = dataset.graph(INPUTS_GRAPH)
    for quad in record(shared, built):
        inputs.add(tuple(from_ox_term(t) for t in (quad.subject, quad.predicate, quad.object)))
    result.seconds = time.perf_counter() - started
    return result


def build(sources: Path = paths.SOURCES_DIR, store=paths.DEFAULT_STORE, reason: bool = True,
          progress=None, workers: int | None = None, force: bool = False,
          everything: bool = False) -> Assembled:
    """Assemble, reason, and replace the store's build with the result (only if it conforms,
    and, unless ``force``, only if it adds at least as many quads as it drops).

    ``store`` is a directory, an endpoint URL or a :class:`kg.store.Endpoint`. Documents whose
    inputs did not change since the store's build are kept from it, unless ``everything`` or ``force``;
    where it can, only what changed is written (:mod:`kg.deltabuild`).
    """
    from .guard import check_replacement, check_usable
    from .incremental import Previous, read_previous

    if not force:
        check_usable(store)
    if not (everything or force):
        from .deltabuild import rebuild

        done = rebuild(sources, store, reason, progress, workers)
        if done is not None:
            return done
    previous = Previous() if everything or force else read_previous(store)  # a forced build trusts no store
    result = assemble(sources, progress, workers, previous, derive=False)
    say = progress or (lambda *_: None)
    if not result.conforms:
        raise BuildInvalid("the built graph does not conform to the shapes; the store is unchanged: "
                               + "; ".join(result.violations[:5]))
    if reason:
        _reason(result, previous, say)
    else:
        result.reasoning = "skipped (--no-reason)"
    say("deriving display labels and evidence")
    _derive(result.dataset)
    from .store import build_store

    quads = list(result.dataset.quads((None, None, None, None)))
    check_replacement(store, quads, force)
    say(f"writing {store}")
    build_store(store, quads, force)
    return result


DATE_PROPERTIES = (KG.date, KG.established, KG.opened, KG.closed)


def _reason(result: Assembled, previous, say) -> None:
    """Run HermiT and add what it infers to the inferred graph; an inconsistent graph is
    refused. After a build reasoned with the same shared inputs, only around the nodes whose
    triples changed (:mod:`kg.deltareason`, same verdict and inferences); otherwise, and where the
    ontology is not one it applies to, over the whole union."""
    from .deltareason import Delta, is_local, reason_delta, to_rdflib
    from .incremental import reasoned
    from .namespaces import FAMILIES, KGR
    from .reason import reason as run_reasoner
    from .terms import from_ox_term, to_ox_quad

    dataset = result.dataset

    def triples(graph) -> list:
        return [to_ox_quad(t).triple for t in dataset.graph(graph)]

    ontology, reference = triples(ONTOLOGY_GRAPH), triples(REFERENCE_GRAPH)
    if previous.reasoned == result.shared and is_local([*ontology, *reference]):
        say("reasoning with HermiT over what changed")
        documents = {t for g in dataset.graphs() if str(g.identifier).startswith(KGR + FAMILIES["doc"])
                     for t in triples(g.identifier)}
        before = Delta(set(previous.inferred), {t for graph in previous.graphs.values() for t in graph})
        outcome, inferred = reason_delta(before, ontology, reference, documents,
                                         set(triples(INFERRED_GRAPH)), run_reasoner)
        status = outcome.status if outcome else "consistent"
        message = outcome.message if outcome and status != "consistent" else \
            f"OWL reasoning: consistent (HermiT, {len(inferred)} inferred triples)"
        inferred = [tuple(map(to_rdflib, t)) for t in inferred]
    else:
        say("reasoning with HermiT")
        outcome = run_reasoner(_union(dataset))
        status, message, inferred = outcome.status, outcome.message, outcome.inferred
    result.reasoning = message
    if status == "inconsistent":
        raise BuildInvalid(f"the built graph is inconsistent; the store is unchanged: {message}")
    _copy(inferred, dataset.graph(INFERRED_GRAPH))
    if status == "consistent":
        dataset.graph(INPUTS_GRAPH).add(tuple(from_ox_term(t) for t in reasoned(result.shared).triple))


def _keep_most_precise_dates(dataset: Dataset) -> None:
    """Where one document dates a node ``2001`` and another ``2001-05-17``, keep the precise
    date: the coarse one (and its inferred-date note) leaves its document's graph."""
    dated: dict[tuple, list] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if p in DATE_PROPERTIES:
            dated.setdefault((s, p), []).append((o, g))
    for (subject, prop), values in dated.items():
        for value, graph in values:
            if any(other != value and str(other).startswith(str(value)) for other, _ in values):
                context = dataset.graph(graph)
                context.remove((subject, prop, value))
                context.remove((subject, KG.dateInferred, None))
                context.remove((subject, KG.dateNote, None))


def _engine(dataset: Dataset):
    """The dataset in an in-memory Oxigraph store, to run SPARQL over it fast."""
    import pyoxigraph as ox

    from .terms import to_ox_quad

    engine = ox.Store()
    engine.extend(to_ox_quad(q) for q in dataset.quads((None, None, None, None)))
    return engine


def _derive(dataset: Dataset) -> None:
    """(Re)compute the derived graph (:mod:`kg.derived`) from everything else in ``dataset``."""
    from .derived import derive
    from .terms import from_ox_term

    dataset.remove_graph(dataset.graph(DERIVED_GRAPH))
    engine = _engine(dataset)
    derived = dataset.graph(DERIVED_GRAPH)
    for quad in derive(lambda text: engine.query(text, use_default_graph_as_union=True)):
        derived.add(tuple(from_ox_term(t) for t in (quad.subject, quad.predicate, quad.object)))


def _infer(dataset: Dataset, again: bool = False) -> None:
    """Run the inference rules (``data/rules/inference/*.rq`` CONSTRUCTs) into the inferred graph
    (``again``: anew, after facts were dropped)."""
    from .terms import from_ox_term

    if again:
        dataset.remove_graph(dataset.graph(INFERRED_GRAPH))
    engine = _engine(dataset)
    inferred = dataset.graph(INFERRED_GRAPH)
    for rule in sorted((paths.RULES_DIR / "inference").glob("*.rq")):
        for triple in engine.query(rule.read_text(encoding="utf-8"), use_default_graph_as_union=True):
            inferred.add(tuple(from_ox_term(t) for t in (triple.subject, triple.predicate, triple.object)))


def _touched(dataset: Dataset, result: Assembled, previous) -> set:
    """The nodes whose triples may have changed since the previous build: the subjects of the
    extracted documents' graphs (now and then), of the documents that left, of the inferences."""
    import pyoxigraph as ox
    from rdflib import URIRef

    if not result.kept:
        return set()
    kept = {str(document_graph(doc)) for doc in result.kept}
    subjects = {s for doc in result.facts for s in dataset.graph(document_graph(doc)).subjects()}
    subjects |= set(dataset.graph(INFERRED_GRAPH).subjects())
    found = {ox.NamedNode(str(s)) for s in subjects if isinstance(s, URIRef)}
    return found | {t.subject for graph, triples in previous.graphs.items() if graph not in kept
                    for t in triples if isinstance(t.subject, ox.NamedNode)}


def _union(dataset: Dataset) -> set:
    """The triples of every graph for HermiT, but annotation assertions (their predicate an
    ``owl:AnnotationProperty`` of the ontology, or built in): in OWL 2 an annotation entails
    nothing and contradicts nothing, and labels, quotes and sources are a third of a build.

    >>> from rdflib import Literal, RDFS, URIRef
    >>> dataset = Dataset()
    >>> for triple in ((URIRef("urn:a"), RDFS.label, Literal("A")), (URIRef("urn:a"), KG.state, URIRef("urn:b"))):
    ...     _ = dataset.graph(document_graph("d")).add(triple)
    >>> [str(p) for _, p, _ in _union(dataset)]
    ['https://w3id.org/bilateral-relations/ontology#state']
    """
    from rdflib import OWL, RDF, URIRef

    from .deltabuild import BUILT_IN_ANNOTATIONS

    declared = set(dataset.graph(ONTOLOGY_GRAPH).subjects(RDF.type, OWL.AnnotationProperty))
    annotations = declared | {URIRef(iri) for iri in BUILT_IN_ANNOTATIONS}
    return {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None)) if p not in annotations}


def _copy(source: Graph, target: Graph) -> None:
    for triple in source:
        target.add(triple)
