"""The document's pair of states, which "both countries", "keduanya", "ambos" refer to.

The pair is the two states the title names; else the two states the text names most.

>>> document_pair(["s/id", "s/pe", "s/id", "s/cl", "s/pe"], title_states=[])
('s/id', 's/pe')
>>> document_pair(["s/id"], title_states=["s/co", "s/id"])
('s/co', 's/id')
"""
from __future__ import annotations

from collections import Counter


def document_pair(states: list[str], title_states: list[str]) -> tuple[str, str] | None:
    """The two states a document is about, sorted; None when it names fewer than two."""
    titled = list(dict.fromkeys(title_states))
    if len(titled) == 2:
        return tuple(sorted(titled))
    ranked = [state for state, _ in Counter(states).most_common()]
    counts = Counter(states)
    if len(ranked) < 2 or (len(ranked) > 2 and counts[ranked[1]] == counts[ranked[2]]):
        return None
    return tuple(sorted(ranked[:2]))
