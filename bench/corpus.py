"""A corpus of N documents for timing ``kg build``: the real documents of ``data/sources/``
and of the ``seed`` and ``dev`` cases of ``tests/cases/`` (never a ``test`` case: the cases
are filtered on their set before any document is read), copied round-robin, each copy with
the states its text names (by the names the reference data gives them in its language: CLDR's,
official names, adjectives) replaced by other states' CLDR names, so that copies state facts
about other pairs instead of collapsing into the same nodes.

Documents whose graphs do not conform to the shapes, as they are or in a copy with other
states (an extraction gap, or a fact that ties a company to its state in the reference
data), are left out, and named.

    python -m bench.corpus --documents 1000 --out build/bench/corpus
    kg build --sources build/bench/corpus --store build/bench/corpus-store

>>> swap("Indonesia dan Peru", {"Indonesia": "Chili", "Peru": "Meksiko"})
'Chili dan Meksiko'
"""
from __future__ import annotations

import csv
import random
import re
import shutil
from dataclasses import replace
from pathlib import Path

from kg.sources import COLUMNS, Document

SETS = ("seed", "dev")
ROOT = Path(__file__).resolve().parents[1]
CASES_DIR = ROOT / "tests" / "cases"


def originals() -> list[Document]:
    """The documents of the seed and dev cases (the seed ones from ``data/sources/``)."""
    from kg.evaluate import load_cases

    return [case.document for case in load_cases(CASES_DIR) if case.set in SETS]


def state_names(reference, language: str) -> dict[str, list[str]]:
    """ISO code -> the names the reference data gives the state in ``language``, its CLDR
    name (``rdfs:label``) first."""
    from rdflib import Literal
    from rdflib.namespace import RDFS, SKOS

    from kg.rdfterms import KG

    found = {}
    for state, code in reference.subject_objects(KG.isoCode):
        names = [str(o) for p in (RDFS.label, SKOS.altLabel) for o in reference.objects(state, p)
                 if isinstance(o, Literal) and o.language == language]
        if names:
            found[str(code)] = names
    return found


def swap(text: str, names: dict[str, str], language: str = "en") -> str:
    """``text`` with each of ``names``' keys replaced by its value, in one pass, longest first,
    at the start of a word; whole words only, except in Bengali, whose case endings are
    written joined to the name ("পেরুর", of Peru)."""
    if not names:
        return text
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + (r")" if language == "bn" else r")(?!\w)"))
    return pattern.sub(lambda m: names[m.group(1)], text)


def write_catalog(out: Path, documents: list[tuple[Document, str]]) -> None:
    """``out`` (replaced) with each ``(document, text)``'s text and a ``catalog.csv`` listing them."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with open(out / "catalog.csv", "w", encoding="utf-8", newline="") as stream:
        table = csv.writer(stream)
        table.writerow(COLUMNS)
        for d, text in documents:
            (out / d.path.name).write_text(text, encoding="utf-8")
            table.writerow([d.id, d.path.name, d.language, d.date.lexical if d.date else "", d.title,
                            d.publisher, d.url, d.license])


def copies(sources: list[Document], documents: int, out: Path, seed: int = 1) -> list[tuple[Document, str]]:
    """``documents`` ``(document, text)`` pairs: ``sources`` as they are, then copied
    round-robin with other states (files to be written under ``out``)."""
    from rdflib.namespace import RDF, RDFS

    from kg import paths
    from kg.rdfterms import KG
    from kg.reference import reference_graph

    reference, chooser = reference_graph(paths.REFERENCE_DIR), random.Random(seed)
    names = {language: state_names(reference, language) for language in {d.language for d in sources}}
    cities = {str(label) for city in reference.subjects(RDF.type, KG.City) for label in reference.objects(city, RDFS.label)}
    written, pools, used = [], {}, set()
    for number in range(documents):
        original = sources[number % len(sources)]
        text, table = original.text(), names[original.language]
        named = sorted(code for code, labels in table.items()
                       if swap(text, dict.fromkeys(labels, ""), original.language) != text)
        mapping = {}
        if number < len(sources):           # the first round is the documents as they are
            used.update(frozenset((a, b)) for i, a in enumerate(named) for b in named[i + 1:])
        else:
            # not a state named like a city (Singapore, San Marino): its embassy would stand in two
            targets = sorted(code for code in set(table) - set(named) if not cities & set(table[code]))
            others = _draw(pools.setdefault(original.id, []), targets, len(named), chooser, used)
            mapping = {label: table[b][0] for a, b in zip(named, others) for label in table[a]}
        document_id = f"{number:04d}_{original.id}"
        copy = replace(original, id=document_id, path=out / f"{document_id}.txt",
                       title=swap(original.title, mapping, original.language))
        written.append((copy, swap(text, mapping, original.language)))
    return written


def _draw(pool: list[str], states: list[str], count: int, chooser: random.Random, used: set) -> list[str]:
    """``count`` states from ``pool`` (refilled with ``states`` in a new order when empty), so
    that the copies of one document name each state once while they can (two copies naming
    one ambassador for the same state would accredit him twice) and no two copies name the
    same pair of states (two establishments of one relation on different dates), as far as
    200 tries a state allow; the pairs drawn are added to ``used``."""
    drawn: list[str] = []
    for _ in range(count):
        for _ in range(200):
            if not pool:
                pool[:] = chooser.sample(states, len(states))
            candidate = pool.pop()
            if candidate not in drawn and not any(frozenset((candidate, d)) in used for d in drawn):
                break
            pool.insert(0, candidate)
        drawn.append(candidate)
    used.update(frozenset((a, b)) for i, a in enumerate(drawn) for b in drawn[i + 1:])
    return drawn


def conforming(documents: list[Document], work: Path, seed: int = 1) -> tuple[list[Document], list[str]]:
    """``(kept, left out)``: ``documents`` without those whose graph, or a copy's with other
    states (it may contradict the reference data: a company's nationality), a violation names
    when the documents and three copies of each are built together."""
    from rdflib import RDF

    from kg.build import assemble
    from kg.rdfterms import KG, REFERENCE_GRAPH, document_graph

    written = copies(documents, 4 * len(documents), work, seed)
    write_catalog(work, written)
    result = assemble(work, workers=2)
    named = {line.split(":", 1)[0].split("_", 1)[-1] for line in [*result.violations, *result.dropped]}
    # a document that gives a company of the reference data a nationality: copies with other
    # states would give it several (the violation names the reference data, not a document)
    companies = set(result.dataset.graph(REFERENCE_GRAPH).subjects(RDF.type, KG.Company))
    named |= {copy.id.split("_", 1)[-1] for copy, _ in written
              if companies & set(result.dataset.graph(document_graph(copy.id)).subjects(KG.nationality))}
    shutil.rmtree(work)
    return [d for d in documents if d.id not in named], sorted(named & {d.id for d in documents})


def write(out: Path, documents: int, seed: int = 1,
          sources: list[Document] | None = None) -> tuple[list[Document], list[str]]:
    """Write ``documents`` documents and their ``catalog.csv`` to ``out`` (replaced), copied
    from ``sources`` (by default the :func:`conforming` :func:`originals`); returns them and
    the ids of the originals left out."""
    left_out = []
    if sources is None:
        sources, left_out = conforming(originals(), out, seed + 1)
    written = copies(sources, documents, out, seed)
    write_catalog(out, written)
    return [d for d, _ in written], left_out


def revise(out: Path, document_id: str) -> None:
    """Change one document of the corpus at ``out``: its catalog title gets " (revised)"."""
    catalog = out / "catalog.csv"
    with open(catalog, encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    column = rows[0].index("title")
    for row in rows[1:]:
        if row[0] == document_id:
            row[column] += " (revised)"
    with open(catalog, "w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)


def main(argv=None) -> int:
    from bench.generate import Parser

    parser = Parser(prog="python -m bench.corpus", description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench" / "corpus")
    args = parser.parse_args(argv)
    if args.documents <= 0:
        parser.error("--documents must be positive")
    written, left_out = write(args.out, args.documents, args.seed)
    print(f"{len(written)} documents in {args.out}; left out (not conforming as they are): "
          f"{', '.join(left_out) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
