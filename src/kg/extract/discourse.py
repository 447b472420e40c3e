"""The document's pair of states, which "both countries", "keduanya", "ambos" refer to.

The pair is the two states the title names; with one, that state and the state the text names
most beside it ("Peru opens an embassy": the text says where); with three or more, the two of
them the text names most; without any, the two states the text names most. A tie leaves no pair.

>>> document_pair(["s/id", "s/pe", "s/id", "s/cl", "s/pe"], title_states=[])
('s/id', 's/pe')
>>> document_pair(["s/id"], title_states=["s/co", "s/id"])
('s/co', 's/id')
>>> document_pair(["s/cl", "s/cl", "s/ar", "s/ar", "s/ar", "s/pe"], title_states=["s/pe"])
('s/ar', 's/pe')
>>> document_pair(["s/th", "s/my", "s/my", "s/id", "s/id", "s/id"], title_states=["s/id", "s/my", "s/th"])
('s/id', 's/my')
"""
from __future__ import annotations

from collections import Counter


def document_pair(states: list[str], title_states: list[str]) -> tuple[str, str] | None:
    """The two states a document is about, sorted; None when it names fewer than two."""
    titled = list(dict.fromkeys(title_states))
    if len(titled) == 2:
        return tuple(sorted(titled))
    counts = Counter(states)
    if len(titled) == 1:
        others = _top([state for state in states if state != titled[0]], counts, 1)
        return tuple(sorted(titled + others)) if others else None
    if len(titled) > 2:
        return _pair_of(_top(titled, counts, 2))
    return _pair_of(_top(states, counts, 2))


def _top(candidates: list[str], counts: Counter, number: int) -> list[str]:
    """The ``number`` of ``candidates`` most counted, or [] when the next one ties the last."""
    ranked = sorted(dict.fromkeys(candidates), key=lambda state: -counts[state])
    if len(ranked) < number or (len(ranked) > number and counts[ranked[number - 1]] == counts[ranked[number]]):
        return []
    return ranked[:number]


def _pair_of(states: list[str]) -> tuple[str, str] | None:
    return tuple(sorted(states)) if len(states) == 2 else None
