"""The embedded store: an Oxigraph database in a directory.

Behaviour worth knowing (measured with pyoxigraph 0.5.13):

* Opening read-write takes RocksDB's lock: a second process gets :class:`~kg.errors.StoreLocked`.
  Opening read-write rewrites a few bookkeeping files even when nothing is written, so
  commands that may change nothing (``query``, ``export``, ``validate``, a rejected ``add``)
  open the store read-only, which leaves the directory byte-identical.
* A read-only open works while another process holds the store; it sees the data as of the
  moment it opened. (Oxigraph calls reading while another process *writes* undefined; the
  build never writes in place — it swaps in a finished directory — and ``add`` writes one
  short transaction.)
* Queries see the union of all graphs (``use_default_graph_as_union``).
* :meth:`OxigraphStore.replace_build` replaces everything except the curated graphs
  (``kgr:graph/curated…``): the new store is built in a sibling directory and swapped in, so a
  failure leaves the old store as it was. Its derived graph (:mod:`kg.derived`) is computed
  there anew from everything it then holds, curated graphs included.

>>> import tempfile
>>> OxigraphStore(tempfile.mkdtemp() + "/s", read_only=False, create=True).named_graphs()
[]
"""
from __future__ import annotations

import gc
import os
import re
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from kg import paths
from kg.derived import rederive
from kg.errors import QueryError, StoreError, StoreLocked, StoreMissing
from kg.sparql import place_bindings
from kg.store.base import Store, is_curated
from kg.store.lock import OPEN_READ_WRITE, holding_lock, probe_lock
from kg.terms import RDF_TYPE, to_ox_quad


def _is_store_dir(path: Path) -> bool:
    return (path / "CURRENT").is_file()


def _open_oxigraph(path: Path, read_only: bool):
    if not read_only:
        probe_lock(path)
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as error:
        text = str(error)
        if "lock" in text.lower():
            raise StoreLocked(f"store {path} is in use by another process") from None
        raise StoreError(f"cannot open store {path}: {text.splitlines()[0]}") from None


class OxigraphStore(Store):
    """An embedded Oxigraph database in a directory."""

    def __init__(self, path=None, *, read_only: bool = True, create: bool = False):
        self.path = Path(path or paths.DEFAULT_STORE)
        self.location = str(self.path)
        self.read_only = read_only
        if not _is_store_dir(self.path):
            if not create:
                if self.path.exists() and not self.path.is_dir():
                    raise StoreMissing(f"{self.path} is not a store directory")
                if self.path.is_dir() and any(self.path.iterdir()):
                    raise StoreMissing(f"{self.path} is not an Oxigraph store")
                raise StoreMissing(f"no store at {self.path}; run `kg build` first")
            if read_only:
                raise StoreMissing(f"no store at {self.path}; run `kg build` first")
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._store = _open_oxigraph(self.path, read_only)
        if not read_only:
            OPEN_READ_WRITE.add(str(self.path.resolve()))

    def close(self) -> None:
        if getattr(self, "_store", None) is not None:
            if not self.read_only:
                self._store.flush()
            self._store = None
            if not self.read_only:
                gc.collect()  # drop RocksDB (and its lock) now, not at some later collection
                OPEN_READ_WRITE.discard(str(self.path.resolve()))

    def _require_open(self):
        if self._store is None:
            raise StoreError(f"store {self.path} is closed")
        return self._store

    def query(self, sparql, bindings=None, *, prefixes=None):
        store = self._require_open()
        text, subst = place_bindings(sparql, dict(bindings or {}))
        try:
            return store.query(
                text, use_default_graph_as_union=True, prefixes=dict(prefixes or {}) or None,
                substitutions={ox.Variable(n): t for n, t in subst.items()} or None)
        except SyntaxError as error:
            where = re.match(r"error at (\d+):(\d+): (.*)", str(error), re.DOTALL)
            if where:
                raise QueryError(f"SPARQL syntax error: {where[3]}", line=int(where[1]),
                                 column=int(where[2])) from None
            raise QueryError(f"SPARQL syntax error: {error}") from None
        except (RuntimeError, ValueError) as error:
            raise QueryError(str(error)) from None
        except OSError as error:
            raise StoreError(f"reading store {self.path}: {error}") from None

    def quads(self, graph=None):
        return self._require_open().quads_for_pattern(None, None, None, graph)

    def named_graphs(self):
        return list(self._require_open().named_graphs())

    def describe(self, nodes):
        store = self._require_open()
        found, objects = set(), set()
        for node in set(nodes):
            for quad in store.quads_for_pattern(node, None, None, None):
                found.add(quad.triple)
                if isinstance(quad.object, (ox.NamedNode, ox.BlankNode)):
                    objects.add(quad.object)
        for node in objects:
            for quad in store.quads_for_pattern(node, RDF_TYPE, None, None):
                found.add(quad.triple)
        return sorted(found, key=str)

    def add(self, quads, graph=None):
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        batch = [to_ox_quad(q, graph) for q in quads]
        try:
            self._require_open().extend(batch)  # one transaction
        except OSError as error:
            raise StoreError(f"writing store {self.path}: {error}") from None
        return len(batch)

    def update(self, sparql):
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        try:
            self._require_open().update(sparql)
        except OSError as error:
            raise StoreError(f"writing store {self.path}: {error}") from None

    def replace_build(self, quads):
        self._rebuild(lambda fresh: fresh.bulk_extend(
            q for q in map(to_ox_quad, quads) if not is_curated(q.graph_name)))

    def replace_build_from_file(self, file, fmt=None, progress=None) -> None:
        """Like :meth:`replace_build`, from RDF dumps (N-Quads, TriG, …, by extension or ``fmt``):
        ``file`` is one path or a list of ``(path, format)``.

        Oxigraph's bulk loader parses the file itself, without a Python object per quad, so
        this loads as fast as pyoxigraph's ``bulk_load`` alone, and faster than
        ``replace_build(pyoxigraph.parse(file))`` (``make bench`` measures the three).
        """
        files = [(file, fmt)] if isinstance(file, (str, os.PathLike)) else list(file)

        def fill(fresh):
            for path, file_format in files:
                if progress:
                    progress(f"loading {path}")
                fresh.bulk_load(path=str(path), format=file_format)
            for graph in [g for g in fresh.named_graphs() if is_curated(g)]:
                fresh.remove_graph(graph)
            if progress:
                progress("deriving display labels and evidence")
        self._rebuild(fill)

    def _rebuild(self, fill) -> None:
        """Build a new store beside this one with ``fill(store)`` + this store's curated graphs, swap.

        RocksDB writes to its files by path when it closes, so the old store is closed
        *before* the swap (a store renamed while open corrupts whatever then sits at its old
        path); during the swap this process holds the old store's lock file itself.
        """
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        old = self._require_open()
        curated = [q for g in old.named_graphs() if is_curated(g)
                   for q in old.quads_for_pattern(None, None, None, g)]
        parent = self.path.parent
        fresh_dir = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.new-", dir=parent))
        retired = fresh_dir.with_name(fresh_dir.name.replace(".new-", ".old-"))
        try:
            fresh = ox.Store(str(fresh_dir))
            fill(fresh)
            fresh.extend(curated)
            rederive(fresh)  # the derived graph of exactly what the store now holds
            fresh.flush()
            del fresh
            gc.collect()
        except BaseException:
            shutil.rmtree(fresh_dir, ignore_errors=True)
            raise
        del old
        self.close()
        try:
            with holding_lock(self.path):
                os.replace(self.path, retired)
                try:
                    os.replace(fresh_dir, self.path)
                except BaseException:
                    os.replace(retired, self.path)
                    raise
        except BaseException:
            shutil.rmtree(fresh_dir, ignore_errors=True)
            self._store = _open_oxigraph(self.path, read_only=False)
            OPEN_READ_WRITE.add(str(self.path.resolve()))
            raise
        shutil.rmtree(retired, ignore_errors=True)
        self._store = _open_oxigraph(self.path, read_only=False)
        OPEN_READ_WRITE.add(str(self.path.resolve()))
