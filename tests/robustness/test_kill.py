"""``kill -9`` at any moment leaves the old store or the new one, and the next command
cleans up what the killed one left.

* Inside the swap, deterministically: a process replacing a store is killed just before its
  k-th file-system call (rename, symlink, mkdir, rmdir, fsync, a whole rmtree), for every k
  until it finishes, from both layouts (a version link, and a plain directory from before).
* ``kg build`` and ``kg add``, at random moments: 20 trials each (seeded). ``kg add`` writes
  the batch and refreshes the derived graph (:mod:`kg.derived`) in a copy of the store
  switched in whole: the batch and its derived labels are all there, or neither is.
"""
from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from .conftest import FIXTURES, KG, content, leftovers

CLI = FIXTURES / "cli"
SHAPES = ["--shapes", str(CLI / "shapes.ttl"), "--ontology", str(CLI / "ontology.ttl")]
E = "https://w3id.org/bilateral-relations/id/"
TRIALS = 20

# Replace the store at argv[1] by quads "new-0".."new-9" (keeping its curated graph), dying
# just before the argv[2]-th file-system call (a whole rmtree counts as one).
SWAP = """
import os, shutil, signal, sys
import pyoxigraph as ox
from kg.store import build_store
calls = 0
def dying(function):
    def call(*args, **kwargs):
        global calls
        calls += 1
        if calls == int(sys.argv[2]):
            os.kill(os.getpid(), signal.SIGKILL)
        return function(*args, **kwargs)
    return call
for name in ("rename", "replace", "symlink", "mkdir", "rmdir", "fsync"):
    setattr(os, name, dying(getattr(os, name)))
shutil.rmtree = dying(shutil.rmtree)
p = ox.NamedNode("http://example.org/p")
build_store(sys.argv[1], [ox.Quad(ox.NamedNode(f"{sys.argv[3]}new-{i}"), p, ox.Literal("n"),
                                  ox.NamedNode(sys.argv[3] + "graph/doc/new")) for i in range(10)])
"""


def _replace_and_die_at(store: Path, step: int) -> int:
    """Replace the store in a process that dies just before its ``step``-th file-system call;
    its exit status (0: it finished; -9: killed)."""
    done = subprocess.run([sys.executable, "-c", SWAP, str(store), str(step), E],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, -9), done.stderr
    return done.returncode


def _quads(name: str, count: int, graph: str):
    p = ox.NamedNode("http://example.org/p")
    return [ox.Quad(ox.NamedNode(f"{E}{name}-{i}"), p, ox.Literal("n" if name == "new" else "o"),
                    ox.NamedNode(E + graph)) for i in range(count)]


def _old_store(path: Path, layout: str) -> None:
    from kg.store import OxigraphStore

    old = _quads("old", 5, "graph/doc/old") + _quads("kept", 2, "graph/curated")
    if layout == "plain directory":
        db = ox.Store(str(path))
        db.extend(old)
        db.flush()
        del db
    else:
        with OxigraphStore(path, read_only=False, create=True) as db:
            db.add(old)


@pytest.mark.parametrize("layout", ["version link", "plain directory"])
def test_kill_at_every_step_of_the_swap(layout, tmp_path):
    import gc

    store = tmp_path / "store"
    _old_store(store, layout)
    gc.collect()
    before = content(store)
    after = {str(q) for q in _quads("new", 10, "graph/doc/new") + _quads("kept", 2, "graph/curated")}
    outcomes = []
    for step in range(1, 60):
        code = _replace_and_die_at(store, step)
        assert code in (0, -9)
        now = content(store)              # a command after the kill: it sees old or new
        assert now in (before, after), f"step {step}: neither the old nor the new store"
        assert leftovers(store) == [], f"step {step}: {leftovers(store)} left"
        outcomes.append("new" if now == after else "old")
        if code == 0:
            break
        if now == after:                  # start again from the old store for the next step
            shutil.rmtree(tmp_path)
            tmp_path.mkdir()
            _old_store(store, layout)
            gc.collect()
    assert code == 0, "the swap never finished"
    assert "old" in outcomes and outcomes[-1] == "new"
    assert len(outcomes) >= 6            # the switch and the cleaning after it were reached


def _state(store: Path) -> tuple:
    """What a build leaves: its named graphs and how many quads (blank nodes differ per build)."""
    from kg.store import open_store

    with open_store(store) as opened:
        return tuple(sorted(g.value for g in opened.named_graphs())), len(list(opened.quads()))


def _catalog(sources: Path, target: Path, row: int) -> Path:
    lines = (sources / "catalog.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    target.mkdir()
    name = lines[row + 1].split(",")[1]
    shutil.copy(sources / name, target / name)
    (target / "catalog.csv").write_text(lines[0] + lines[row + 1], encoding="utf-8")
    return target


def _killed(argv, delay: float) -> int:
    process = subprocess.Popen([*KG, *map(str, argv)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.kill()
    return process.wait()


def test_kill_kg_build_at_random_moments(tmp_path):
    from kg import paths

    one = _catalog(paths.SOURCES_DIR, tmp_path / "one", 1)
    two = _catalog(paths.SOURCES_DIR, tmp_path / "two", 2)
    store = tmp_path / "store"
    states = {}
    for sources in (two, one):          # the store ends built from `one`
        build = [*KG, "build", "--no-reason", "--workers", "1", "--force", "--sources", sources, "--store", store]
        started = time.monotonic()
        subprocess.run(list(map(str, build)), check=True, capture_output=True, timeout=120)
        duration = time.monotonic() - started
        states[sources] = _state(store)
    rng = random.Random(11)
    outcomes = []
    for trial in range(TRIALS):
        sources = (two, one)[trial % 2] if not outcomes or outcomes[-1] != "killed" else sources
        code = _killed(["build", "--no-reason", "--workers", "1", "--force", "--sources", sources,
                        "--store", store], rng.uniform(0.2, duration * 1.5))
        state = _state(store)
        assert state in states.values(), f"trial {trial}: neither the old nor the new build"
        assert leftovers(store) == [], f"trial {trial}: {leftovers(store)}"
        outcomes.append("done" if code == 0 else "killed")
    assert outcomes.count("killed") >= TRIALS // 4, outcomes
    # after all that, a build still goes through (how many trials finished depends on load)
    assert _killed(["build", "--no-reason", "--workers", "1", "--force", "--sources", two,
                    "--store", store], 300) == 0
    assert _state(store) == states[two] and leftovers(store) == []


def _titled(store: Path) -> tuple:
    """:func:`_state` and the documents' titles (a rebuild after a changed title keeps the count)."""
    from kg.store import open_store

    title = ox.NamedNode("http://purl.org/dc/terms/title")
    with open_store(store) as opened:
        titles = sorted(r["t"].value for r in opened.query("SELECT ?t WHERE { ?_d ?p ?t }", {"p": title}))
    return _state(store), tuple(titles)


def test_kill_a_rebuild_of_what_changed_at_random_moments(tmp_path):
    """A rebuild that writes only what changed (kg.deltabuild) writes into a copy switched in whole."""
    from kg import paths
    from kg.sources import read_catalog

    first = _catalog(paths.SOURCES_DIR, tmp_path / "first", 1)
    second = tmp_path / "second"
    shutil.copytree(first, second)
    title = read_catalog(first)[0].title
    catalog = second / "catalog.csv"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(title, title + " (revised)"), encoding="utf-8")
    store = tmp_path / "store"
    states, durations = {}, []
    for sources in (first, second, first):       # the second and third builds write what changed
        started = time.monotonic()
        subprocess.run(list(map(str, [*KG, "build", "--no-reason", "--workers", "1", "--sources", sources,
                                       "--store", store])), check=True, capture_output=True, timeout=120)
        durations.append(time.monotonic() - started)
        states[sources] = _titled(store)
    assert states[first] != states[second] and states[first][0] == states[second][0]
    rng = random.Random(12)
    outcomes, current = [], first
    for trial in range(6):
        target = second if current == first else first
        code = _killed(["build", "--no-reason", "--workers", "1", "--sources", target, "--store", store],
                       rng.uniform(0.2, durations[-1] * 1.5))
        state = _titled(store)
        assert state in states.values(), f"trial {trial}: neither the old nor the new build"
        assert leftovers(store) == [], f"trial {trial}: {leftovers(store)}"
        current = first if state == states[first] else second
        outcomes.append("done" if code == 0 else "killed")
    assert outcomes.count("killed") >= 2, outcomes


def test_kill_kg_add_at_random_moments(small_store, tmp_path):
    from .conftest import copy_store, run_kg

    store = copy_store(small_store, tmp_path / "store")
    started = time.monotonic()
    assert run_kg("add", CLI / "good.ttl", "--store", store, *SHAPES).code == 0
    duration = time.monotonic() - started
    text = (CLI / "good.ttl").read_text()
    rng = random.Random(7)
    # killed at once, at random moments, then let finish: after every kill, an add still goes through
    delays = [0.05] + [rng.uniform(0.1, duration * 1.1) for _ in range(TRIALS - 2)] + [300]
    outcomes = []
    for trial, delay in enumerate(delays):
        batch = tmp_path / f"batch-{trial}.ttl"
        batch.write_text(text.replace("mou-aa-bb-2010-05-06", f"mou-aa-bb-trial-{trial}"))
        before = content(store)
        code = _killed(["add", batch, "--store", store, *SHAPES], delay)
        after = content(store)
        derived = {q for q in after - before if q.endswith("graph/derived>")}
        added = after - before - derived      # the batch itself: all of it or nothing
        assert not {q for q in before - after if not q.endswith("graph/derived>")}, f"trial {trial}: triples lost"
        assert not added or (len(added) == 5 and all(f"trial-{trial}" in q for q in added)), \
            f"trial {trial}: part of a batch"
        assert bool(added) == bool(derived), f"trial {trial}: a batch without its derived triples, or the reverse"
        outcomes.append("added" if added else "not added")
        assert (code == 0) <= bool(added)
    assert outcomes[0] == "not added" and outcomes[-1] == "added", outcomes


# kg add whose process is killed once the batch is written, just before the derived refresh
ADD_KILLED_BEFORE_REFRESH = """
import os, signal, sys
import kg.derived
kg.derived.refresh = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)
from kg.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_kg_add_killed_between_the_batch_and_its_derived_graph_changes_nothing(small_store, tmp_path):
    from .conftest import copy_store, run_kg

    store = copy_store(small_store, tmp_path / "store")
    before = content(store)
    killed = subprocess.run([sys.executable, "-c", ADD_KILLED_BEFORE_REFRESH, "add", str(CLI / "good.ttl"),
                             "--store", str(store), *SHAPES], capture_output=True, text=True, timeout=120)
    assert killed.returncode == -9, killed.stderr
    assert content(store) == before
    assert run_kg("add", CLI / "good.ttl", "--store", store, *SHAPES).code == 0
    added = content(store) - before
    assert any(q.endswith("graph/derived>") for q in added) and any("graph/curated" in q for q in added)
    assert leftovers(store) == []
