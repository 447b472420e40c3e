"""Where the project's data lives: one place, overridable with the ``KG_HOME`` variable.

>>> (ONTOLOGY_DIR / "kg.ttl").name
'kg.ttl'
"""
from __future__ import annotations

import os
from pathlib import Path

HOME = Path(os.environ.get("KG_HOME") or Path(__file__).resolve().parents[2])
ONTOLOGY_DIR = HOME / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "kg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
DATA_DIR = HOME / "data"
SOURCES_DIR = DATA_DIR / "sources"
REFERENCE_DIR = DATA_DIR / "reference"
RULES_DIR = DATA_DIR / "rules"
FRAMES_DIR = DATA_DIR / "frames"
QUERIES_DIR = HOME / "queries"
DEFAULT_STORE = Path(os.environ.get("KG_STORE") or HOME / "build" / "store")
