"""Where the graph is kept: one small interface, :class:`Store`, two implementations.

* :class:`OxigraphStore` — an embedded Oxigraph database (a directory; by default
  ``paths.DEFAULT_STORE``, or ``$KG_STORE``).
* :class:`SparqlEndpointStore` — any SPARQL 1.1 server (an :class:`Endpoint`: query, update
  and Graph Store Protocol URLs), over HTTP with the standard library's ``urllib``.

:func:`locate` says where a command works (``--endpoint``, ``$KG_ENDPOINT``, ``--store``,
``$KG_STORE``, ``build/store``: the first given wins); :func:`open_store` opens it (a
directory, an ``http(s)://`` URL or an :class:`Endpoint`). Nothing outside this module
knows which kind it has.

>>> import tempfile, pyoxigraph as ox
>>> path = tempfile.mkdtemp() + "/store"
>>> s, p = ox.NamedNode("https://w3id.org/bilateral-relations/id/x"), ox.NamedNode("http://example.org/p")
>>> with open_store(path, read_only=False, create=True) as store:
...     store.add([ox.Quad(s, p, ox.Literal("1"), ox.NamedNode("https://w3id.org/bilateral-relations/id/graph/curated"))])
1
>>> with open_store(path) as store:
...     [str(row["o"]) for row in store.query("SELECT ?o WHERE { ?_s ?p ?o }", {"_s": s})]
['"1"']

The package, one concern a module: :mod:`~kg.store.base` (the interface, curated graphs),
:mod:`~kg.store.oxigraph` (the embedded store), :mod:`~kg.store.endpoint` (a SPARQL 1.1
server), :mod:`~kg.store.lock` (RocksDB's lock). Parameters are placed by :mod:`kg.sparql`;
terms converted by :mod:`kg.terms`.
"""
from __future__ import annotations

import os
from pathlib import Path

from kg import paths
from kg.errors import StoreDamaged
from kg.store.base import Store, curated_prefix, is_curated
from kg.store import layout
from kg.store.oxigraph import OxigraphStore

__all__ = ["Endpoint", "OxigraphStore", "SparqlEndpointStore", "Store", "build_store", "change_store", "curated_prefix",
           "is_curated", "is_url", "load_store", "locate", "open_store", "store_location"]


def __getattr__(name):
    """:class:`Endpoint` and :class:`SparqlEndpointStore`, imported when first asked for: a
    command on a store directory never loads the HTTP client's modules."""
    if name in ("Endpoint", "SparqlEndpointStore"):
        from kg.store import endpoint

        return getattr(endpoint, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def is_url(location) -> bool:
    """True for an ``http(s)://`` location (an endpoint), False for a directory."""
    return str(location).startswith(("http://", "https://"))


def _remote(location) -> bool:
    """True for an :class:`Endpoint` or an ``http(s)://`` URL, False for a directory."""
    return not isinstance(location, (str, os.PathLike)) or is_url(location)


def _endpoint(url: str, update: str | None = None, graph_store: str | None = None):
    """``url``'s endpoint; update and GSP URLs as given, else from the environment, else derived."""
    from kg.store.endpoint import Endpoint

    return Endpoint.from_url(url, update or os.environ.get("KG_UPDATE_ENDPOINT"),
                             graph_store or os.environ.get("KG_GSP_ENDPOINT"))


def store_location(store=None) -> str:
    """The store setting: ``store`` (``--store``), else ``$KG_STORE``, else ``build/store``."""
    return str(store or os.environ.get("KG_STORE") or paths.DEFAULT_STORE)


def locate(store=None, endpoint: str | None = None, update: str | None = None,
           graph_store: str | None = None):
    """Where a command works: ``endpoint`` (``--endpoint``), else ``$KG_ENDPOINT``, else
    :func:`store_location` (``--store``, ``$KG_STORE``, ``build/store``).

    A URL becomes an :class:`Endpoint` whose update and GSP URLs are ``update`` and
    ``graph_store`` (``--update-endpoint``, ``--gsp-endpoint``), else ``$KG_UPDATE_ENDPOINT``
    and ``$KG_GSP_ENDPOINT``, else derived (:meth:`Endpoint.from_url`).

    >>> locate("build/store", "http://127.0.0.1:7878/query", graph_store="http://127.0.0.1:7878/store").query
    'http://127.0.0.1:7878/query'
    """
    location = endpoint or os.environ.get("KG_ENDPOINT") or store_location(store)
    return _endpoint(location, update, graph_store) if is_url(location) else location


def open_store(location=None, *, read_only: bool = True, create: bool = False) -> Store:
    """The store at ``location``: a directory, an ``http(s)://`` query URL, or an :class:`Endpoint`.

    ``location`` defaults to :func:`locate`'s answer. ``read_only`` stores refuse writes;
    ``create`` makes a missing store directory (an endpoint is never created).
    """
    if location is None:
        location = locate()
    if isinstance(location, (str, os.PathLike)):
        if not is_url(location):
            return OxigraphStore(location, read_only=read_only, create=create)
        location = _endpoint(str(location))
    from kg.store.endpoint import SparqlEndpointStore

    return SparqlEndpointStore(location, read_only=read_only)


def build_store(location, quads, force: bool = False) -> None:
    """Create or rebuild the store at ``location`` (a directory or an endpoint) from ``quads``,
    keeping its curated graphs. A damaged store directory is refused unless ``force``; then it
    is set aside (``.NAME.damaged-…``) and a new store made."""
    remote = _remote(location)
    try:  # a directory is replaced, never written: it is read through a read-only handle
        store = open_store(location, read_only=not remote, create=True)
    except StoreDamaged:
        if not force or remote:
            raise
        layout.set_aside(Path(location))
        store = open_store(location, read_only=True, create=True)
    with store:
        store.replace_build(quads)


def change_store(location, write) -> None:
    """Run ``write(store)`` on the store at ``location`` as one change (:meth:`Store.change`):
    a directory is changed in a copy switched in whole (read through a read-only handle, as
    :func:`build_store` does); an endpoint is written in place."""
    location = locate() if location is None else location
    remote = _remote(location)
    with open_store(location, read_only=not remote) as store:
        store.change(write)


def load_store(path, file, fmt=None, progress=None) -> None:
    """Create or rebuild the store at ``path`` from the RDF dump ``file`` (or a list of
    ``(path, format)``), keeping its curated graphs (those in the file are dropped, as
    :func:`build_store` drops them) and deriving the derived graph anew (:mod:`kg.derived`)."""
    with OxigraphStore(path, read_only=True, create=True) as store:  # replaced, never written
        store.replace_build_from_file(file, fmt, progress)
