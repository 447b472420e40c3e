"""Display labels, list cells and evidence summaries, computed once into the derived graph.

The stored queries show every entity by a label in the language asked for, else in English,
else any label (the least one when several tie), else the last segment of its IRI; they show
a fact's evidence as its quotes by document and offset, joined with ``" | "``; and a
multi-valued cell (an event's participants, an agreement's parties) as its items' names,
sorted and joined with ``"; "``. Computing that per row at query time dominated the cost of
every stored query, so it is computed here, once, into the graph ``kgr:graph/derived``:

* ``?entity kg:displayLabel "name"@L`` — one per labelled IRI and language ``L`` (the
  language it is shown for; the name may be the English or another fallback);
* ``?fact kg:evidenceText "quote | quote"`` — one per node with ``kg:evidence``;
* ``?fact kg:participantNames "A; B"@L`` and the other :data:`LISTS` — one per fact with
  such items and language;
* ``?fact kg:concerns ?state`` — the states a cooperation or a market entry concerns
  (:data:`CONCERNS`), so that a query filtered to one state or pair starts from the state:
  through the fact's context or its company, Oxigraph listed every such fact first;
* ``?fact kg:kind ?class`` — the most specific classes of an event or an agreement
  (:data:`KINDS`), which its listing shows as its kind: a ``FILTER NOT EXISTS`` per row before.

Languages: :data:`LANGUAGES`, and every language tag (and its prefixes) that a label uses,
so a language with no derived label matches no label at all and is shown as English
(:func:`display_language`). The graph is rebuilt by ``kg build`` and ``kg load``, updated by
``kg add`` for the nodes a batch touches, and never edited by hand.

>>> import pyoxigraph as ox
>>> engine = ox.Store()
>>> engine.load('<https://x.org/pe> <http://www.w3.org/2000/01/rdf-schema#label> "Peru"@en, "Perú"@es .',
...             format=ox.RdfFormat.TURTLE)
>>> sorted(str(q.object) for q in derive(lambda text: engine.query(text, use_default_graph_as_union=True)))
['"Peru"@bn', '"Peru"@en', '"Peru"@id', '"Perú"@es']
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pyoxigraph as ox

from kg.languages import LANGUAGES
from kg.namespaces import DERIVED_GRAPH, KG, OA, RDFS, SKOS

FALLBACK = "en"

DISPLAY_LABEL = ox.NamedNode(KG + "displayLabel")
EVIDENCE_TEXT = ox.NamedNode(KG + "evidenceText")

# derived property (local name in kg:) -> the path from a fact to its items
LISTS = {
    "participantNames": f"<{KG}participant>",
    "placeNames": f"<{KG}place>",
    "partyNames": f"<{KG}party>",
    "signatoryNames": f"<{KG}signatory>",
    "topicNames": f"^<{KG}context>/<{KG}area>",
    "nationalityNames": f"<{KG}nationality>",
}

# fact class (local name in kg:) -> the path from such a fact to the states it concerns
CONCERNS = {
    "Cooperation": f"(<{KG}context>/(<{KG}party>|<{KG}participant>))|<{KG}state>",
    "MarketEntry": f"<{KG}market>|(<{KG}company>/<{KG}nationality>)",
}
CONCERNS_PROPERTY = ox.NamedNode(KG + "concerns")

# the classes (local names in kg:) under which a fact's most specific classes are its kind
KINDS = ("Agreement", "Event")
KIND_PROPERTY = ox.NamedNode(KG + "kind")

_LABELS = f"""SELECT ?x ?label WHERE {{ {{scope}}
  ?x <{RDFS}label>|<{SKOS}prefLabel> ?label FILTER(isIRI(?x) && isLITERAL(?label)) }}"""
_EVIDENCE = f"""SELECT ?x ?source ?start ?exact WHERE {{ {{scope}}
  ?x <{KG}evidence>/<{OA}hasTarget> ?target .
  ?target <{OA}hasSelector>/<{OA}exact> ?exact .
  OPTIONAL {{ ?target <{OA}hasSource> ?source }}
  OPTIONAL {{ ?target <{OA}hasSelector>/<{OA}start> ?start }}
}}"""  # distinct and sorted here: 3x faster than by the engine at 1M triples
_KIND = f"""SELECT DISTINCT ?x ?item WHERE {{ {{scope}} VALUES ?root {{ {" ".join(f"<{KG}{k}>" for k in KINDS)} }}
  ?item <{RDFS}subClassOf>* ?root . ?x a ?item FILTER(isIRI(?x))
  FILTER NOT EXISTS {{ ?x a ?narrower . ?narrower <{RDFS}subClassOf>+ ?item . FILTER(?narrower != ?item) }}
}}"""
_ITEMS = "SELECT DISTINCT ?x ?item WHERE {{ {scope} ?x {path} ?item FILTER(isIRI(?x)) }}"
_CONCERNED = ("SELECT DISTINCT ?x ?item WHERE {{ {scope} ?x a <{cls}> ; {path} ?item "
              "FILTER(isIRI(?x) && isIRI(?item)) }}")
# the facts whose derived values depend on ?node: as its evidence (node, target, selector) …
_EVIDENCE_OF = [f"SELECT DISTINCT ?x WHERE {{ {{scope}} ?x <{KG}evidence> ?node }}",
                f"SELECT DISTINCT ?x WHERE {{ {{scope}} ?e <{OA}hasTarget> ?node . ?x <{KG}evidence> ?e }}",
                f"SELECT DISTINCT ?x WHERE {{ {{scope}} ?t <{OA}hasSelector> ?node . ?e <{OA}hasTarget> ?t . "
                f"?x <{KG}evidence> ?e }}"]
# … or as the context or company through which it concerns a state …
_CONCERNS_OF = f"SELECT DISTINCT ?x WHERE {{ {{scope}} ?x <{KG}context>|<{KG}company> ?node }}"
# … or as a list item whose name changed (one query a list: a path with its object bound first)
_ITEM_OF = "SELECT DISTINCT ?x WHERE {{ {scope} ?x {path} ?node }}"
LABEL_PROPERTIES = (RDFS + "label", SKOS + "prefLabel")
_LANGUAGE = f'ASK {{ GRAPH <{DERIVED_GRAPH}> {{ ?x <{KG}displayLabel> ?l FILTER(LANG(?l) = {{tag}}) }} }}'


def langmatches(tag: str, wanted: str) -> bool:
    """SPARQL's LANGMATCHES: ``langmatches("en-GB", "en")`` is True, ``("", "en")`` False."""
    tag, wanted = tag.lower(), wanted.lower()
    return bool(tag) and (tag == wanted or tag.startswith(wanted + "-"))


def display_name(labels: Iterable[tuple[str, str]], lang: str) -> str | None:
    """The name shown in ``lang`` from ``(text, tag)`` labels, or None when there is none.

    >>> display_name([("Peru", "en"), ("Perú", "es"), ("পেরু", "bn")], "id")
    'Peru'
    """
    labels = list(labels)
    for wanted in (lang, FALLBACK, None):
        found = [text for text, tag in labels if wanted is None or langmatches(tag, wanted)]
        if found:
            return min(found)
    return None


def iri_tail(iri: str) -> str:
    """What an entity without labels is shown as: its IRI's last segment."""
    return re.sub(r"^.*[/#]", "", iri)


def languages(tags: Iterable[str]) -> list[str]:
    """:data:`LANGUAGES` and every tag in ``tags`` with its prefixes (``en-gb`` gives ``en``)."""
    found = set(LANGUAGES)
    for tag in tags:
        parts = tag.lower().split("-")
        found.update("-".join(parts[:n]) for n in range(1, len(parts) + 1) if parts[0])
    return sorted(found)


def _quote_key(source, start, exact) -> tuple:
    """A quote's place in SPARQL's ORDER BY ?source ?start ?quote (unbound first, IRIs by text,
    offsets by number), the quote last."""
    try:
        offset = (1, int(start.value), "") if start is not None else (0, 0, "")
    except ValueError:
        offset = (2, 0, start.value)
    return (source is not None, source.value if source is not None else "", *offset, exact.value)


def _scope(nodes) -> str:
    return "" if nodes is None else "VALUES ?node { " + " ".join(str(n) for n in nodes) + " }"


def derive(query: Callable[[str], object], nodes: Iterable[ox.NamedNode] | None = None) -> list[ox.Quad]:
    """The derived quads of the whole graph, or those about ``nodes`` (their display labels,
    and the lists and evidence text of the facts among them).

    ``query(text)`` runs SPARQL over the union of the graph (a :class:`kg.store.base.Store`'s
    ``query`` will do); :func:`affected` says which nodes a batch of triples changes.
    """
    graph = ox.NamedNode(DERIVED_GRAPH)
    if nodes is not None:
        nodes = sorted({n for n in nodes if isinstance(n, ox.NamedNode)}, key=str)
        if not nodes:
            return []
    scope = _scope(nodes).replace("?node", "?x")
    quads = []

    items: dict[str, dict] = {}
    for name, path in LISTS.items():
        per_fact: dict = {}
        for row in query(_ITEMS.format(scope=scope, path=path)):
            per_fact.setdefault(row["x"], []).append(row["item"])
        items[name] = per_fact
    named = {item for per_fact in items.values() for found in per_fact.values() for item in found}
    labels: dict = {}
    label_scope = scope if nodes is None else _scope(sorted(set(nodes) | named, key=str)).replace("?node", "?x")
    for row in query(_LABELS.replace("{scope}", label_scope)):
        labels.setdefault(row["x"], set()).add((row["label"].value, row["label"].language or ""))
    langs = languages(tag for found in labels.values() for _, tag in found)

    def name_of(entity, lang):
        return display_name(labels.get(entity, ()), lang) or iri_tail(entity.value)

    in_scope = None if nodes is None else set(nodes)
    for entity, found in sorted(labels.items(), key=lambda kv: kv[0].value):
        if in_scope is None or entity in in_scope:
            quads += [ox.Quad(entity, DISPLAY_LABEL, ox.Literal(display_name(found, lang), language=lang), graph)
                      for lang in langs]
    for name, per_fact in items.items():
        predicate = ox.NamedNode(KG + name)
        for fact, found in sorted(per_fact.items(), key=lambda kv: kv[0].value):
            for lang in langs:
                names = sorted((name_of(item, lang), str(item)) for item in found)
                quads.append(ox.Quad(fact, predicate,
                                     ox.Literal("; ".join(n for n, _ in names), language=lang), graph))
    for cls, path in CONCERNS.items():
        rows = query(_CONCERNED.format(scope=scope, cls=KG + cls, path=path))
        quads += sorted((ox.Quad(row["x"], CONCERNS_PROPERTY, row["item"], graph) for row in rows),
                        key=lambda quad: (quad.subject.value, quad.object.value))
    kinds = {(row["x"], row["item"]) for row in query(_KIND.replace("{scope}", scope))}
    quads += [ox.Quad(fact, KIND_PROPERTY, cls, graph) for fact, cls in sorted(kinds, key=lambda k: (k[0].value, k[1].value))]
    quotes: dict = {}
    for row in query(_EVIDENCE.replace("{scope}", scope)):
        quotes.setdefault(row["x"], set()).add(_quote_key(row["source"], row["start"], row["exact"]))
    quads += [ox.Quad(fact, EVIDENCE_TEXT, ox.Literal(" | ".join(key[-1] for key in sorted(found))), graph)
              for fact, found in sorted(quotes.items(), key=lambda kv: kv[0].value)]
    return quads


def relabelled(query: Callable[[str], object], triples: Iterable[ox.Triple]) -> list[ox.NamedNode]:
    """The IRIs to which ``triples`` give a label the graph does not have yet (ask before
    adding them): the names that change."""
    labels = [t for t in triples if t.predicate.value in LABEL_PROPERTIES and isinstance(t.subject, ox.NamedNode)]
    if not labels:
        return []
    rows = " ".join(f"({t.subject} {t.predicate} {t.object})" for t in labels)
    known = {(row["s"], row["p"], row["o"]) for row in
             query(f"SELECT ?s ?p ?o WHERE {{ VALUES (?s ?p ?o) {{ {rows} }} ?s ?p ?o }}")}
    return sorted({t.subject for t in labels if (t.subject, t.predicate, t.object) not in known}, key=str)


def affected(query: Callable[[str], object], triples: Iterable[ox.Triple],
             renamed: Iterable[ox.NamedNode] = ()) -> list[ox.NamedNode]:
    """The nodes whose derived values a batch of ``triples`` changes: its subjects, the
    contexts it gives cooperation (their topics), the facts whose evidence it extends, the
    facts whose context or company it describes (the states they concern), and the facts
    that list one of the ``renamed`` nodes (:func:`relabelled`)."""
    triples = list(triples)
    subjects = {t.subject for t in triples if isinstance(t.subject, ox.NamedNode)}
    found = set(subjects) | {t.object for t in triples if t.predicate.value == KG + "context"
                             and isinstance(t.object, ox.NamedNode)}
    relabelled = sorted(set(renamed), key=str)
    if subjects:
        scope = _scope(sorted(subjects, key=str))
        for text in [*_EVIDENCE_OF, _CONCERNS_OF]:
            found.update(row["x"] for row in query(text.replace("{scope}", scope)))
    if relabelled:
        scope = _scope(relabelled)
        for path in LISTS.values():
            found.update(row["x"] for row in query(_ITEM_OF.format(scope=scope, path=path)))
    return sorted((n for n in found if isinstance(n, ox.NamedNode)), key=str)


def refresh(store, triples: Iterable[ox.Triple], renamed: Iterable[ox.NamedNode] = ()) -> int:
    """Bring the derived values a batch of ``triples`` changes up to date in ``store`` (a
    :class:`kg.store.base.Store`, the batch already in it) in one update; ``renamed`` are the
    nodes it gave a new label (:func:`relabelled`, asked before). Returns how many."""
    subjects = affected(store.query, triples, renamed)
    if not subjects:
        return 0
    quads = derive(store.query, subjects)
    graph = f"<{DERIVED_GRAPH}>"
    lines = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    store.update(f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ {_scope(subjects).replace('?node', '?s')} "
                 f"GRAPH {graph} {{ ?s ?p ?o }} }} ;\nINSERT DATA {{ GRAPH {graph} {{\n{lines}\n}} }}")
    return len(quads)


def rederive(engine: ox.Store) -> None:
    """Replace the derived graph of an Oxigraph store with what its other graphs give."""
    engine.remove_graph(ox.NamedNode(DERIVED_GRAPH))
    engine.bulk_extend(derive(lambda text: engine.query(text, use_default_graph_as_union=True)))


def display_language(query: Callable[[str], object], lang: str) -> str:
    """``lang`` if the derived graph has labels in it, else English (no label matches it).

    >>> display_language(lambda text: False, "fr"), display_language(lambda text: False, "bn")
    ('en', 'bn')
    """
    lang = lang.lower()
    if lang in LANGUAGES:
        return lang
    return lang if bool(query(_LANGUAGE.replace("{tag}", str(ox.Literal(lang))))) else FALLBACK
