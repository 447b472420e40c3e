"""kg in a terminal and in a pipe: tables fit the width in display cells, ``-`` is standard
input, progress shows on a terminal only."""
from __future__ import annotations

import os
import pty
import subprocess
import sys

import pyoxigraph as ox
import pytest

from kg import queries
from kg.terminal import cut, fit, width

BENGALI = "ইন্দোনেশিয়া"
TURTLE = ('<https://w3id.org/bilateral-relations/id/state/id> '
          '<http://www.w3.org/2000/01/rdf-schema#label> "Indonesia"@nl .\n')


def test_width_counts_display_cells_not_code_points():
    assert width(BENGALI) < len(BENGALI)          # vowel signs and the virama take no cell of their own
    assert width("日本語") == 6 and width("e\u0301") == 1


def test_a_table_fits_the_width_and_marks_what_it_cut():
    long = "a quote that is much longer than the terminal is wide " * 3
    rows = [[ox.Literal("Indonesia"), ox.Literal(BENGALI), ox.Literal(long)]]
    text = queries.table(["state", "name", "evidence"], rows, {}, columns=60)
    lines = text.splitlines()
    assert all(width(line) <= 60 for line in lines), lines
    assert lines[2].endswith("…") and lines[2].startswith("Indonesia  " + BENGALI)
    # columns line up in display cells: the third column starts at the same cell everywhere
    dashes = lines[1].split("  ")
    assert width(lines[0][:lines[0].index("evidence")]) == width(lines[2][:lines[2].index("a quote")]) \
        == width("  ".join(dashes[:2]) + "  ")
    assert queries.table(["state"], [[ox.Literal(long)]], {}).splitlines()[2] == long.strip()


def test_fit_keeps_narrow_columns_and_floors():
    assert fit([5, 10], 80) == [5, 10]
    assert fit([5, 100, 100], 50) == [5, 20, 20]       # 5 + 20 + 20 and two gaps of 2: 49 cells
    assert fit([20, 20], 10, floors=[8, 8]) == [8, 8]      # never below a floor
    assert cut("abc", 3) == "abc" and cut("abcd", 3) == "ab…"


def run(*argv, stdin: bytes = b"", **kwargs):
    return subprocess.run([sys.executable, "-m", "kg.cli", *argv], input=stdin, capture_output=True,
                          timeout=120, **kwargs)


def test_dash_reads_standard_input(built_store_path, tmp_path):
    done = run("validate", "-", "--store", str(built_store_path), stdin=TURTLE.encode())
    assert done.returncode == 0, done.stderr
    assert b"conforms: 1 triples" in done.stderr
    done = run("validate", "-", "--format", "ntriples", "--store", str(built_store_path), stdin=b"<a> <b> .")
    assert done.returncode == 2 and done.stderr.count(b"\n") == 1 and done.stderr.startswith(b"kg: error: -:")
    from kg import paths

    text = (paths.SOURCES_DIR / "001_ccdb75380c6088a3.txt").read_text(encoding="utf-8")[:400]
    piped = run("extract", "-", "--lang", "id", stdin=text.encode())
    source = tmp_path / "stdin.txt"
    source.write_text(text)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == run("extract", str(source), "--lang", "id").stdout
    assert b"/id/agreement/" in piped.stdout       # the excerpt states an agreement


def test_build_shows_progress_on_a_terminal_only(tmp_path):
    quiet = run("build", "--no-reason", "--store", str(tmp_path / "a"))
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == b""                     # a pipe: only the summary, on stdout
    assert b"triples in" in quiet.stdout
    parent, child = pty.openpty()
    try:
        shown = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--no-reason", "--store",
                                str(tmp_path / "b")], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=child, timeout=120)
        os.close(child)
        child = None
        output = b""
        while True:
            try:
                chunk = os.read(parent, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
    finally:
        if child is not None:
            os.close(child)
        os.close(parent)
    assert shown.returncode == 0
    assert b"kg: extracting 3 documents" in output and b"kg: validating with SHACL" in output
