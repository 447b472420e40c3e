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

import contextlib
import gc
import os
import re
import shutil
from pathlib import Path

import pyoxigraph as ox

from kg import paths
from kg.derived import rederive
from kg.errors import QueryError, StoreDamaged, StoreError, StoreLocked, StoreMissing
from kg.sparql import place_bindings
from kg.store import layout
from kg.store.base import Store, is_curated
from kg.store.lock import OPEN_READ_WRITE, holding_lock, probe_lock
from kg.terms import RDF_TYPE, to_ox_quad


def _open_oxigraph(path: Path, read_only: bool, shown: Path | None = None):
    if not read_only:
        probe_lock(path)
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except (OSError, RuntimeError) as error:  # RocksDB: IO errors and "Corruption: …"
        text = str(error)
        if "lock" in text.lower() and "Corruption" not in text:
            raise StoreLocked(f"store {shown or path} is in use by another process") from None
        raise damaged(shown or path, text) from None


def damaged(path, reason: str) -> StoreDamaged:
    """The one-line error for a store whose files RocksDB cannot read."""
    reason = " ".join(reason.split())
    return StoreDamaged(f"the store at {path} is damaged ({reason[:160]}{'…' if len(reason) > 160 else ''}); "
                        f"rebuild it with `kg build --force`")


def _create(path: Path) -> None:
    """A new empty store at ``path``, in the versioned layout (:mod:`kg.store.layout`)."""
    fresh = layout.new_version(path)
    try:
        store = ox.Store(str(fresh.path))
        store.flush()
        del store
        gc.collect()
        layout.publish(path, fresh)
    except BaseException:
        shutil.rmtree(fresh.path, ignore_errors=True)
        fresh.release()
        raise


def describe(store: ox.Store, nodes) -> list[ox.Triple]:
    """The triples of ``store`` (any graph) about ``nodes``: their outgoing triples, and the
    types of the nodes they point to (:meth:`Store.describe`)."""
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


class OxigraphStore(Store):
    """An embedded Oxigraph database: a directory, or a link to one (:mod:`kg.store.layout`)."""

    def __init__(self, path=None, *, read_only: bool = True, create: bool = False):
        self.path = Path(path or paths.DEFAULT_STORE)
        self.location = str(self.path)
        self.read_only = read_only
        self._store = self._pin = None
        with contextlib.suppress(OSError):
            layout.tidy(self.path)
        if not os.path.lexists(self.path) or (self.path.is_dir() and not self.path.is_symlink()
                                              and not any(self.path.iterdir())):
            if not create:
                raise StoreMissing(f"no store at {self.path}; run `kg build` first")
            if self.path.is_dir():
                self.path.rmdir()
            _create(self.path)
        if not self.path.is_symlink():
            if not self.path.is_dir():
                raise StoreMissing(f"{self.path} is not a store directory")
            if not layout.is_store_dir(self.path):
                raise StoreMissing(f"{self.path} is not an Oxigraph store")
        self._open()

    def _open(self) -> None:
        """Resolve the link once, hold that version, open it (a writer checks it is still current)."""
        while True:
            self._pin = layout.pin(self.path)
            self.directory = self._pin.path
            if not layout.is_store_dir(self.directory):
                self._pin.release()
                raise damaged(self.path, f"no CURRENT file in {self.directory.name}")
            self._store = _open_oxigraph(self.directory, self.read_only, self.path)
            if self.read_only:
                return
            if layout.resolve(self.path) == self.directory:
                OPEN_READ_WRITE.add(str(self.directory.resolve()))
                return
            self._store = None  # a build replaced the store meanwhile: write into the new one
            gc.collect()
            self._pin.release()

    def close(self) -> None:
        if getattr(self, "_store", None) is not None:
            if not self.read_only:
                self._store.flush()
            self._store = None
            if not self.read_only:
                gc.collect()  # drop RocksDB (and its lock) now, not at some later collection
                OPEN_READ_WRITE.discard(str(self.directory.resolve()))
        if getattr(self, "_pin", None) is not None:
            self._pin.release()
            self._pin = None

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
                raise QueryError(f"SPARQL syntax error at line {where[1]} column {where[2]}: {where[3]}",
                                 line=int(where[1]),
                                 column=int(where[2])) from None
            raise QueryError(f"SPARQL syntax error: {error}") from None
        except (RuntimeError, ValueError) as error:
            raise QueryError(str(error)) from None
        except OSError as error:
            raise StoreError(f"reading store {self.path}: {error}") from None

    def quads(self, graph=None):
        return self._require_open().quads_for_pattern(None, None, None, graph)

    def engine(self) -> ox.Store:
        """The open pyoxigraph store, for work it does better than this interface (:mod:`kg.deltabuild`)."""
        return self._require_open()

    def named_graphs(self):
        return list(self._require_open().named_graphs())

    def describe(self, nodes):
        return describe(self._require_open(), nodes)

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

    def change(self, write) -> None:
        """Run ``write(store)`` on a copy of this store (:func:`kg.store.layout.new_copy`) and
        switch the copy in with one rename of the store's link: a process killed at any moment
        leaves the store as it was or with every write of ``write`` done, derived graph
        included. Open this store read-only for it; this process holds the version's lock file
        all along, so no other writer changes it meanwhile (one that tries gets
        :class:`~kg.errors.StoreLocked`). If a build replaced the store since it was opened,
        the new version is the one changed."""
        while True:
            retired = self.directory
            with holding_lock(retired):
                if layout.resolve(self.path) == retired:
                    fresh = layout.new_copy(self.path, self._require_open())
                    fresh.release()       # the copy's own handle takes it (this process's name keeps tidy off)
                    try:
                        with OxigraphStore(fresh.path, read_only=False) as copy:
                            write(copy)
                        fresh = layout.hold(fresh.path)
                    except BaseException:
                        shutil.rmtree(fresh.path, ignore_errors=True)
                        raise
                    self.close()
                    try:
                        layout.publish(self.path, fresh)
                    except BaseException:
                        if not (self.path.is_symlink() and layout.resolve(self.path) == fresh.path):
                            shutil.rmtree(fresh.path, ignore_errors=True)
                        fresh.release()
                        raise
                    break
            self.close()
            self._open()
        with contextlib.suppress(OSError):
            layout.tidy(self.path)

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

        The new version is filled in its own directory and switched in with one rename of the
        store's link (:func:`kg.store.layout.publish`); this store is closed afterwards. All
        along, this process holds the old store's lock file, so no ``kg add`` writes into a
        version being retired. Open this store read-only for it (as :func:`kg.store.build_store`
        does): a read-write open rewrites bookkeeping files that readers of the same version
        may be reading, and RocksDB's own lock would be dropped with the handle.
        """
        old = self._require_open()
        retired = self.directory
        with holding_lock(retired):
            curated = [q for g in old.named_graphs() if is_curated(g)
                       for q in old.quads_for_pattern(None, None, None, g)]
            fresh = layout.new_version(self.path)
            try:
                store = ox.Store(str(fresh.path))
                fill(store)
                store.extend(curated)
                rederive(store)  # the derived graph of exactly what the store now holds
                store.flush()
                del store
                gc.collect()
            except BaseException:
                shutil.rmtree(fresh.path, ignore_errors=True)
                fresh.release()
                raise
            del old
            self.close()
            try:
                layout.publish(self.path, fresh)
            except BaseException:
                if not (self.path.is_symlink() and layout.resolve(self.path) == fresh.path):
                    shutil.rmtree(fresh.path, ignore_errors=True)  # not switched: the old store stays
                fresh.release()
                raise
        with contextlib.suppress(OSError):
            layout.tidy(self.path)
