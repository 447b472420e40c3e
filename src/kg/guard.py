"""Destructive operations check what they destroy: a build that would lose more than it
brings is refused unless forced.

>>> old = [ox.Quad(ox.NamedNode(f"https://w3id.org/bilateral-relations/id/x{i}"), RDF_TYPE, RDF_TYPE,
...                ox.NamedNode("https://w3id.org/bilateral-relations/id/graph/doc/a")) for i in range(3)]
>>> replacement_counts(old, old[:1])
(2, 0)
"""
from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox  # noqa: F401  (used by the doctest)

from kg.errors import KgError, StoreMissing
from kg.store.base import is_curated
from kg.terms import RDF_TYPE, to_ox_quad  # noqa: F401  (RDF_TYPE: the doctest)


class DestructiveBuild(KgError):
    """A build would drop more of the store than it adds (exit 2 unless ``--force``)."""


def replacement_counts(old: Iterable, new: Iterable) -> tuple[int, int]:
    """``(dropped, added)``: quads outside the curated graphs that replacing ``old`` by ``new``
    removes, and those it brings."""
    def keyed(quads):
        return {str(q) for q in map(to_ox_quad, quads) if not is_curated(q.graph_name)}

    before, after = keyed(old), keyed(new)
    return len(before - after), len(after - before)


def check_usable(location) -> None:
    """Fail now, before a long build, if the store at ``location`` exists but cannot be read."""
    from kg.store import open_store

    try:
        open_store(location, read_only=True).close()
    except StoreMissing:
        pass


def check_replacement(location, quads: list, force: bool = False) -> None:
    """Refuse to replace the build in the store at ``location`` by ``quads`` if that drops
    more quads than it adds, unless ``force``; a missing store has nothing to lose (a damaged
    one is reported: only ``force`` replaces it)."""
    if force:
        return
    from kg.store import open_store

    try:
        store = open_store(location, read_only=True)
    except StoreMissing:
        return
    with store:
        dropped, added = replacement_counts(store.owned_quads(), quads)
    if dropped > added:
        raise DestructiveBuild(
            f"this build would drop {dropped} triples of {store.location} and add {added}; "
            f"the store is unchanged (check the catalog, or use --force to build anyway)")
