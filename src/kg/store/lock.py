"""RocksDB's lock on an embedded store, asked without touching the store's files.

>>> import tempfile
>>> probe_lock(Path(tempfile.mkdtemp()))   # no LOCK file: nothing to ask
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

from kg.errors import StoreLocked

OPEN_READ_WRITE: set[str] = set()  # stores this process holds open read-write


def probe_lock(path: Path) -> None:
    """Raise StoreLocked if another process holds the store, without touching its files.

    RocksDB rotates its info LOG before it tries the lock, so a failed read-write open
    would change the directory; asking the lock first (POSIX ``lockf``, the lock RocksDB
    takes) keeps it byte-identical. Skipped for a store this process holds: closing our
    probe's descriptor would release RocksDB's own lock.
    """
    lock = path / "LOCK"
    if str(path.resolve()) in OPEN_READ_WRITE or not lock.is_file():
        return
    try:
        import fcntl
    except ImportError:  # not POSIX: RocksDB's own error is all we get
        return
    try:
        descriptor = os.open(lock, os.O_RDWR)
    except OSError:
        return
    try:
        try:
            fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreLocked(f"store {path} is in use by another process") from None
        fcntl.lockf(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def holding_lock(path: Path):
    """Hold the (closed) store's RocksDB lock file, so no other process opens it meanwhile."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    descriptor = os.open(path / "LOCK", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreLocked(f"store {path} is in use by another process") from None
        yield
    finally:
        os.close(descriptor)
