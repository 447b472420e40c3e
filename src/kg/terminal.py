"""Text for a terminal: widths in display cells (``wcwidth``), cells cut to fit with ``…``,
column widths shrunk so that a table fits the terminal, and whether to show progress.

>>> width("Peru"), width("পেরু"), width("日本")
(4, 3, 4)
>>> cut("Embassy of Indonesia in Lima", 12)
'Embassy of …'
>>> fit([5, 40, 30], 40)
[5, 15, 15]
"""
from __future__ import annotations

import shutil
import sys

ELLIPSIS = "…"
NARROWEST = 6  # a column is never cut below this many cells (or its header's width)


def width(text: str) -> int:
    """Display cells of ``text``: wide characters take two, combining marks none."""
    from wcwidth import wcswidth, wcwidth   # here: importing it takes a third of kg query's start-up

    cells = wcswidth(text)
    return cells if cells >= 0 else sum(max(wcwidth(c), 0) for c in text)


def cut(text: str, cells: int) -> str:
    """``text`` cut to at most ``cells`` display cells, ending in ``…`` when cut."""
    from wcwidth import wcwidth

    if width(text) <= cells:
        return text
    kept, used = [], 0
    for char in text:
        w = max(wcwidth(char), 0)
        if used + w > cells - 1:
            break
        kept.append(char)
        used += w
    return "".join(kept) + ELLIPSIS


def fit(widths: list[int], total: int, gap: int = 2, floors: list[int] | None = None) -> list[int]:
    """Column widths no wider than ``widths`` whose row (with ``gap`` between columns) fits in
    ``total`` cells: the widest columns give way first, none below its floor."""
    floors = floors or [min(w, NARROWEST) for w in widths]
    room = total - gap * (len(widths) - 1)
    if sum(widths) <= room:
        return list(widths)
    low, high = 0, max(widths)
    while low < high:  # the largest cap under which the row fits
        cap = (low + high + 1) // 2
        if sum(max(min(w, cap), f) for w, f in zip(widths, floors)) <= room:
            low = cap
        else:
            high = cap - 1
    return [max(min(w, low), f) for w, f in zip(widths, floors)]


def columns() -> int | None:
    """The terminal's width when standard output is one, else None (a pipe gets whole cells)."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def interactive() -> bool:
    """True when standard error is a terminal: long work shows its progress there."""
    return sys.stderr.isatty()
