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

import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph

from . import paths
from .errors import ExtractionError, KgError, BuildInvalid
from .extract.engine import extract
from .extract.language import Language, load_languages
from .mapping import Mapper
from .namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH, bind_prefixes, document_graph
from .reference import reference_graph
from .sources import Document, read_catalog


@dataclass
class Assembled:
    """The built dataset and what happened while building it."""

    dataset: Dataset
    facts: dict[str, int] = field(default_factory=dict)      # document id -> facts found
    failures: dict[str, str] = field(default_factory=dict)   # document id -> one-line reason
    conforms: bool = True
    violations: list[str] = field(default_factory=list)
    reasoning: str = "not run"
    seconds: float = 0.0

    def __str__(self) -> str:
        lines = [f"{doc}: {count} facts" for doc, count in self.facts.items()]
        lines += [f"{doc}: FAILED: {reason}" for doc, reason in self.failures.items()]
        lines.append(f"{len(self.dataset)} triples in {len(list(self.dataset.graphs())) - 1} named graphs; "
                     f"SHACL: {'conforms' if self.conforms else 'VIOLATIONS'}; reasoning: {self.reasoning}; "
                     f"{self.seconds:.1f} s")
        return "\n".join(lines)


def load_ontology(ontology_file: Path = paths.ONTOLOGY_FILE) -> Graph:
    """The ontology as a graph."""
    return Graph().parse(ontology_file, format="turtle")


def load_entities() -> Graph:
    """The reference data and the ontology: the entities documents name, with their labels."""
    return reference_graph(paths.REFERENCE_DIR) + load_ontology()


def load_extraction_data(entities: Graph | None = None) -> dict[str, Language]:
    """Every language's rules, with a lexicon made of the entities' labels."""
    return load_languages(paths.RULES_DIR, entities if entities is not None else load_entities())


def extract_document(path: Path, language: str, date=None, languages: dict[str, Language] | None = None) -> Graph:
    """The facts and evidence of one document as a graph, without touching any store."""
    entities = load_entities()
    languages = languages or load_extraction_data(entities)
    if language not in languages:
        raise KgError(f"no rules for language {language!r} (have: {', '.join(sorted(languages))})")
    document = Document(id=Path(path).stem, path=Path(path), language=language, date=date,
                        title="", publisher="", url="", license="")
    graph = Graph()
    bind_prefixes(graph)
    _map_document(document, languages[language], graph, entities)
    return graph


def assemble(sources: Path = paths.SOURCES_DIR, progress=None) -> Assembled:
    """Extract every document of ``sources`` and assemble the validated dataset."""
    started = time.perf_counter()
    say = progress or (lambda *_: None)
    ontology = load_ontology()
    reference = reference_graph(paths.REFERENCE_DIR)
    entities = reference + ontology
    languages = load_extraction_data(entities)

    dataset = Dataset()
    bind_prefixes(dataset)
    _copy(ontology, dataset.graph(ONTOLOGY_GRAPH))
    _copy(reference, dataset.graph(REFERENCE_GRAPH))
    result = Assembled(dataset)
    for document in read_catalog(sources):
        say(f"extracting {document.id} ({document.language})")
        graph = dataset.graph(document_graph(document.id))
        try:
            if document.language not in languages:
                raise ExtractionError(f"no rules for language {document.language!r}", file=document.path)
            result.facts[document.id] = _map_document(document, languages[document.language], graph, entities)
        except KgError as error:
            dataset.remove_graph(graph)
            result.failures[document.id] = str(error)
    say("inferring")
    _infer(dataset)
    say("validating with SHACL")
    from .validate import validate_graph

    report = validate_graph(_union(dataset), ontology)
    result.conforms = report.conforms
    result.violations = [f"{v.focus}: {v.path}: {v.message}" for v in report.violations]
    result.seconds = time.perf_counter() - started
    return result


def build(sources: Path = paths.SOURCES_DIR, store=paths.DEFAULT_STORE, reason: bool = True,
          progress=None) -> Assembled:
    """Assemble, reason, and replace the store's build with the result (only if it conforms).

    ``store`` is a directory, an endpoint URL or a :class:`kg.store.Endpoint`.
    """
    result = assemble(sources, progress)
    say = progress or (lambda *_: None)
    if not result.conforms:
        raise BuildInvalid("the built graph does not conform to the shapes; the store is unchanged: "
                               + "; ".join(result.violations[:5]))
    if reason:
        say("reasoning with HermiT")
        from .reason import reason as run_reasoner

        outcome = run_reasoner(_union(result.dataset))
        result.reasoning = outcome.message
        if outcome.status == "inconsistent":
            raise BuildInvalid(f"the built graph is inconsistent; the store is unchanged: {outcome.message}")
        _copy(outcome.inferred, result.dataset.graph(INFERRED_GRAPH))
    else:
        result.reasoning = "skipped (--no-reason)"
    say(f"writing {store}")
    from .store import build_store

    build_store(store, result.dataset.quads((None, None, None, None)))
    return result


def _map_document(document: Document, language: Language, graph: Graph, entities: Graph) -> int:
    extraction = extract(document.text(), language, document.id, document.date)
    for triple in document.triples():
        graph.add(triple)
    mapper = Mapper(graph, entities, document.iri, document.language)
    for fact in extraction.facts:
        mapper.add(fact)
    return len(extraction.facts)


def _infer(dataset: Dataset) -> None:
    """Run the inference rules (``data/rules/inference/*.rq`` CONSTRUCTs) into the inferred graph."""
    import pyoxigraph as ox

    from .store import from_ox_term, to_ox_quad

    engine = ox.Store()
    engine.extend(to_ox_quad(q) for q in dataset.quads((None, None, None, None)))
    inferred = dataset.graph(INFERRED_GRAPH)
    for rule in sorted((paths.RULES_DIR / "inference").glob("*.rq")):
        for triple in engine.query(rule.read_text(encoding="utf-8"), use_default_graph_as_union=True):
            inferred.add(tuple(from_ox_term(t) for t in (triple.subject, triple.predicate, triple.object)))


def _union(dataset: Dataset) -> Graph:
    union = Graph()
    for quad in dataset.quads((None, None, None, None)):
        union.add(quad[:3])
    return union


def _copy(source: Graph, target: Graph) -> None:
    for triple in source:
        target.add(triple)
