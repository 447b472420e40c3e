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
