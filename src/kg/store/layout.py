"""How a store directory is laid out so that replacing it is atomic at every instant.

The store path (``build/store``) is a symbolic link to a version directory beside it
(``build/.store.v-<time>-<pid>``), an Oxigraph database. A build fills a new directory
(``.store.new-…``), renames it to a version and switches the link with one ``rename(2)``
(:func:`publish`): a process killed at any moment leaves the link at the old version or at
the new one. A reader resolves the link once (:func:`pin`) and holds a shared ``flock`` on
the version it opened, so the version is not deleted under it; :func:`tidy`, run by every
command that opens the store, deletes what a killed or finished build left (directories no
one holds, the link's former targets, half-made links).

A store made before this layout (a plain directory at the store path) is opened as it is;
the first build moves it to a version (if the process dies between that move and the new
link, :func:`tidy` links the newest complete version again).

>>> import tempfile
>>> home = Path(tempfile.mkdtemp())
>>> fresh = new_version(home / "store")
>>> (fresh.path / "CURRENT").write_text("")
0
>>> publish(home / "store", fresh)
>>> (home / "store").is_symlink(), (home / "store" / "CURRENT").is_file()
(True, True)
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from pathlib import Path

from kg.errors import StoreDamaged


def _siblings(path: Path, kind: str) -> list[Path]:
    prefix = f".{path.name}.{kind}-"
    try:
        return sorted(p for p in path.parent.iterdir() if p.name.startswith(prefix))
    except FileNotFoundError:
        return []


def is_store_dir(path: Path) -> bool:
    """True for a directory holding an Oxigraph (RocksDB) database."""
    return (path / "CURRENT").is_file()


def resolve(path: Path) -> Path:
    """The directory to open for the store at ``path``: the link's target, or ``path`` itself.

    A link whose target is gone is a damaged store.
    """
    if path.is_symlink():
        target = path.parent / os.readlink(path)
        if not target.is_dir():
            raise StoreDamaged(f"the store at {path} is damaged (it links to {target.name}, "
                               f"which is missing); rebuild it with `kg build --force`")
        return target
    return path


class Pin:
    """A version directory held open with a ``flock`` (shared for readers, exclusive for a build)."""

    def __init__(self, path: Path, descriptor: int):
        self.path, self.descriptor = path, descriptor

    def release(self) -> None:
        if self.descriptor >= 0:
            os.close(self.descriptor)
            self.descriptor = -1


def _lock(directory: Path, mode: int) -> Pin | None:
    try:
        descriptor = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, mode)
    except OSError:
        os.close(descriptor)
        return None
    return Pin(directory, descriptor)


def pin(path: Path, attempts: int = 50) -> Pin:
    """Resolve the store at ``path`` and hold its version with a shared lock.

    A version may be deleted between reading the link and locking it (a build just
    replaced it); then the link is read again.
    """
    for _ in range(attempts):
        directory = resolve(path)
        held = _lock(directory, fcntl.LOCK_SH)
        if held is not None:
            if resolve(path) == directory and directory.is_dir():  # not deleted meanwhile
                return held
            held.release()
        time.sleep(0.01)
    raise StoreDamaged(f"the store at {path} keeps changing under this command; try again")


def new_version(path: Path) -> Pin:
    """A new empty directory beside ``path`` for a build, held with an exclusive lock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.parent / f".{path.name}.new-{time.time_ns()}-{os.getpid()}"
    fresh.mkdir()
    held = _lock(fresh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    assert held is not None  # nobody else knows the name yet
    return held


def new_copy(path: Path, store) -> Pin:
    """A new version beside ``path`` holding a copy of the open Oxigraph ``store`` (a RocksDB
    checkpoint: hard links to its immutable files, so it takes milliseconds at any size),
    held with an exclusive lock."""
    fresh = path.parent / f".{path.name}.new-{time.time_ns()}-{os.getpid()}"
    store.backup(str(fresh))
    return hold(fresh)


def hold(directory: Path) -> Pin:
    """A version being made, held with an exclusive lock (which :func:`tidy` respects)."""
    held = _lock(directory, fcntl.LOCK_EX | fcntl.LOCK_NB)
    assert held is not None  # only this process knows it as a version in the making
    return held


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def publish(path: Path, fresh: Pin) -> None:
    """Make the finished build ``fresh`` the store at ``path`` with one ``rename(2)`` of the link.

    Releases ``fresh``'s lock; the former version stays until :func:`tidy` finds nobody holds it.
    """
    parent = path.parent
    stamp = f"{time.time_ns()}-{os.getpid()}"
    if path.is_dir() and not path.is_symlink():  # the layout before versions: move it aside once
        os.rename(path, parent / f".{path.name}.v-0-{stamp}")
    version = parent / f".{path.name}.v-{stamp}"
    os.rename(fresh.path, version)
    fresh.path = version
    link = parent / f".{path.name}.link-{stamp}"
    os.symlink(version.name, link)
    os.rename(link, path)  # the switch: atomic
    _fsync_directory(parent)
    fresh.release()


def set_aside(path: Path) -> Path:
    """Move a damaged store out of the way (to ``.NAME.damaged-…``, which :func:`tidy` keeps),
    so that a forced build can make a new one; returns where it went."""
    aside = path.parent / f".{path.name}.damaged-{time.time_ns()}-{os.getpid()}"
    if path.is_symlink():
        target = path.parent / os.readlink(path)
        if target.is_dir():
            os.rename(target, aside)
        else:
            aside = target
        path.unlink()
    elif path.exists():
        os.rename(path, aside)
    return aside


def _creator_alive(leftover: Path) -> bool:
    """True if the process named in ``.NAME.new-<time>-<pid>`` (or ``.link-…``) still runs: a
    build in progress (it locks a new directory a moment after making it)."""
    if leftover.name.rsplit("-", 1)[-1] == str(os.getpid()):
        return False  # this process's own, left by a build that failed
    try:
        os.kill(int(leftover.name.rsplit("-", 1)[1]), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def tidy(path: Path) -> None:
    """Repair and clean what an interrupted or finished build left beside the store at ``path``.

    If the store path is missing while complete versions exist (a build killed while it moved
    a store of the older layout aside), the newest is linked again. Then half-made links,
    unfinished builds and versions no longer linked are deleted, unless a process holds them.
    """
    if not os.path.lexists(path):
        versions = [v for v in _siblings(path, "v") if is_store_dir(v)]
        # a store of the older layout whose swap was killed halfway is left as .NAME.old-*
        older = [v for v in _siblings(path, "old") if is_store_dir(v)]
        if versions:
            newest = max(versions, key=lambda v: [int(n) for n in v.name.rsplit(".v-", 1)[1].split("-")])
        elif older:
            newest = max(older, key=lambda v: v.stat().st_mtime)
        else:
            return
        link = path.parent / f".{path.name}.link-relink-{os.getpid()}"
        os.symlink(newest.name, link)
        os.rename(link, path)
    for link in _siblings(path, "link"):
        if not _creator_alive(link):  # else a build is about to switch it in
            with contextlib.suppress(FileNotFoundError):
                link.unlink()
    try:
        current = resolve(path) if path.is_symlink() else None
    except StoreDamaged:
        return  # keep everything: the error is reported when the store is opened
    for leftover in _siblings(path, "new") + _siblings(path, "v") + _siblings(path, "old"):
        if leftover == current or (".new-" in leftover.name and _creator_alive(leftover)):
            continue
        held = _lock(leftover, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if held is None:
            continue  # a build is filling it, or a reader has it open
        try:
            # a build may have switched the link to it since `current` was read (its lock was
            # released right after the switch): read the link again, under the lock
            if not (path.is_symlink() and resolve(path) == leftover):
                shutil.rmtree(leftover, ignore_errors=True)
        except StoreDamaged:
            pass
        finally:
            held.release()

