"""Every case folder of tests/cases/ (all sets) builds and conforms, in one build of them all:
no document fails, nothing but the facts on record is dropped, and the rest conforms.

Test documents are read by the build only: on failure this test names case folders, never
their text or facts."""
from __future__ import annotations

import csv
from pathlib import Path

from kg import paths
from kg.build import assemble
from kg.sources import COLUMNS

CASES = Path(__file__).parent / "cases"
#: Case folders with facts the build drops (kg.isolate), and how many: extraction bugs on
#: record, to be removed here when fixed (none today: the mission of en-malaysia-singapore-wikipedia
#: whose city was a State is no longer extracted).
KNOWN_DROPS = {}


def _rows(catalog: Path, folder: str) -> list[dict]:
    with catalog.open(encoding="utf-8", newline="") as f:
        return [{**{name: row[name] for name in COLUMNS}, "file": f"{folder}/{row['file']}"} for row in csv.DictReader(f)]


def test_every_case_folder_builds_and_conforms(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "seed").symlink_to(paths.SOURCES_DIR.resolve())
    rows = _rows(paths.SOURCES_DIR / "catalog.csv", "seed")
    folders = sorted(p.parent for p in CASES.glob("*/catalog.csv"))
    for folder in folders:
        (sources / folder.name).symlink_to(folder.resolve())
        rows += _rows(folder / "catalog.csv", folder.name)
    with (sources / "catalog.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    assert len(folders) >= 50 and len(rows) == len(folders) + 3

    result = assemble(sources)

    built = set(result.facts)
    not_built = sorted(result.failures)
    drops: dict[str, int] = {}
    for line in result.dropped:
        drops[line.split(":", 1)[0]] = drops.get(line.split(":", 1)[0], 0) + 1
    other = len(result.violations)      # the ontology's, the reference data's, the inferences'
    assert (not_built, drops, other) == ([], KNOWN_DROPS, 0), "case folders that do not build or conform"
    assert built == {row["id"] for row in rows}
