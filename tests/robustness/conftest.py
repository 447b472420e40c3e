"""Helpers for the robustness harness: run ``kg`` as a user would, check the one-line
error, and compare stores by content and by bytes.

Each test here states one hostile or careless use; the README's "Reliability" section lists
what they guarantee.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

KG = [sys.executable, "-m", "kg.cli"]
FIXTURES = Path(__file__).parent.parent / "fixtures"


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float


def run_kg(*argv, timeout: float = 120, **options) -> Run:
    """``kg ARGV`` in its own process; its exit code, output, error output and wall time."""
    started = time.monotonic()
    done = subprocess.run([*KG, *map(str, argv)], capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, **options)
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - started)


def assert_one_line_error(err: str, *needles: str, notes: bool = False) -> None:
    """``err`` is exactly one ``kg: error: …`` line, no traceback, holding every needle
    (with ``notes``, after any number of ``kg: …`` progress notes, as ``kg build`` prints)."""
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    if notes:
        assert all(line.startswith("kg: ") for line in lines), err
        lines = [line for line in lines if line.startswith("kg: error: ")]
    assert len(lines) == 1, err
    assert lines[0].startswith("kg: error: "), err
    for needle in needles:
        assert needle in lines[0], lines[0]


def content(store: Path) -> set[str]:
    """Every quad of the store at ``store`` as text (read-only open)."""
    from kg.store import open_store

    with open_store(store) as opened:
        return {str(q) for q in opened.quads()}


def copy_store(source: Path, target: Path) -> Path:
    """A private copy of the store at ``source`` in the versioned layout, at ``target``."""
    version = target.parent / f".{target.name}.v-1-1"
    shutil.copytree(source.resolve(), version, ignore=shutil.ignore_patterns("LOCK"))
    os.symlink(version.name, target)
    return target


def leftovers(store: Path) -> list[str]:
    """What lies beside ``store`` besides it and the version it links to."""
    return sorted(p.name for p in store.parent.iterdir()
                  if p.name.startswith(f".{store.name}.") and p != store.resolve())


@pytest.fixture
def seed_copy(built_store_path, tmp_path) -> Path:
    """A private copy of the store built from data/sources."""
    return copy_store(built_store_path, tmp_path / "store")


@pytest.fixture(scope="session")
def small_store(tmp_path_factory) -> Path:
    """A small store (tests/fixtures/cli/base.trig) in the versioned layout, shared read-only."""
    from kg.store import OxigraphStore

    path = tmp_path_factory.mktemp("small") / "store"
    with OxigraphStore(path, read_only=False, create=True) as db:
        db.add(ox.parse(path=str(FIXTURES / "cli" / "base.trig"), format=ox.RdfFormat.TRIG))
    return path
