"""Shared fixtures: the graph built once from data/ for the whole test session."""
from __future__ import annotations

import pytest

from kg import paths


@pytest.fixture(scope="session")
def built_store_path(tmp_path_factory):
    """A store directory holding the graph built from ``data/sources`` (built once)."""
    from kg.build import build

    store = tmp_path_factory.mktemp("store") / "store"
    build(sources=paths.SOURCES_DIR, store=store)  # with OWL reasoning, as `make run` builds it
    return store


@pytest.fixture(scope="session")
def built_dataset():
    """The built graph as an rdflib Dataset (all named graphs), without touching a store."""
    from kg.build import assemble

    return assemble(sources=paths.SOURCES_DIR).dataset


@pytest.fixture(scope="session")
def digest():
    """``digest(directory)``: a hash of every file name and byte below ``directory``."""
    import hashlib
    import os
    from pathlib import Path

    def of(directory) -> str:
        h = hashlib.sha256()
        for root, dirs, files in os.walk(directory):
            dirs.sort()
            for name in sorted(files):
                h.update(name.encode())
                h.update((Path(root) / name).read_bytes())
        return h.hexdigest()

    return of


@pytest.fixture(scope="session")
def ontology():
    """The ontology (ontology/kg.ttl) as an rdflib Graph."""
    from rdflib import Graph

    return Graph().parse(paths.ONTOLOGY_FILE)


@pytest.fixture(scope="session")
def shapes():
    """The SHACL shapes (ontology/shapes.ttl) as an rdflib Graph."""
    from rdflib import Graph

    return Graph().parse(paths.SHAPES_FILE)



@pytest.fixture
def sources_with_catalog(tmp_path):
    """A function making a copy of data/sources whose catalog rows ``change(rows)`` edited,
    giving ``(folder, rows)``: ``sources_with_catalog(lambda rows: rows[0].update(title=""))``."""
    import csv
    import shutil

    def copy(change):
        sources = tmp_path / "sources"
        shutil.copytree(paths.SOURCES_DIR, sources)
        catalog = sources / "catalog.csv"
        with catalog.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            fields, rows = reader.fieldnames, list(reader)
        change(rows)
        with catalog.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fields)
            writer.writeheader()
            writer.writerows(rows)
        return sources, rows
    return copy
