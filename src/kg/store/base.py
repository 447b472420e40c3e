"""The store interface every kind of store implements, and the curated graphs it keeps.

>>> is_curated(ox.NamedNode(curated_prefix() + "/notes"))
True
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping

import pyoxigraph as ox


@functools.lru_cache(maxsize=None)
def curated_prefix() -> str:
    """The IRI prefix of the curated graphs (kept across builds): ``kgr:graph/curated``."""
    from kg.namespaces import CURATED_GRAPH

    return CURATED_GRAPH


def is_curated(graph) -> bool:
    """True for a named graph whose IRI starts with ``kgr:graph/curated``."""
    return isinstance(graph, ox.NamedNode) and graph.value.startswith(curated_prefix())




class Store:
    """The operations the commands need. Use as a context manager; ``close()`` when done."""

    location: str

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None, *,
              prefixes: Mapping[str, str] | None = None):
        """Run a SPARQL query over the union of all graphs.

        ``bindings`` maps variable names (without ``?``) to pyoxigraph terms. Returns a
        pyoxigraph ``QuerySolutions`` (SELECT), ``QueryBoolean`` (ASK) or an iterable of
        ``Triple`` (CONSTRUCT, DESCRIBE).
        """
        raise NotImplementedError

    def quads(self, graph=None) -> Iterator[ox.Quad]:
        """Every quad, or those of one named graph."""
        raise NotImplementedError

    def named_graphs(self) -> list:
        raise NotImplementedError

    def owned_quads(self) -> Iterator[ox.Quad]:
        """The quads a build replaces: all but the curated graphs' (an endpoint: kg's graphs only)."""
        return (q for q in self.quads() if not is_curated(q.graph_name))

    def describe(self, nodes: Iterable) -> list[ox.Triple]:
        """The triples about ``nodes``: their outgoing triples, and the types of their objects."""
        raise NotImplementedError

    def replace_build(self, quads: Iterable) -> None:
        """Replace everything except the curated graphs with ``quads``, all or nothing."""
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        """Run one SPARQL Update request, as one transaction."""
        raise NotImplementedError

    def add(self, quads: Iterable, graph=None) -> int:
        """Insert ``quads`` (into ``graph`` if given) in one transaction; returns how many."""
        raise NotImplementedError

    def change(self, write) -> None:
        """Run ``write(store)``, which writes through this interface, as one change. Here it
        writes in place; the embedded store writes into a copy and switches it in."""
        write(self)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
