"""When and where the passage is: the date and place of the last event, for the next sentences.

An event whose clause gives no date ("The two presidents then met the press.") took place
at the time of the event stated in the sentence before, or earlier in the same paragraph;
its place, when its clause names none, is that event's place too. Dates taken this way carry
a ``note`` saying where they come from (kg:dateInferred in the graph).

>>> from kg.facts import PartialDate
>>> scene = Scene()
>>> scene.begin("")
>>> scene.record([{"kind": "visit", "date": PartialDate(2012, 6, 22), "place": "kgr/city/quito"}])
>>> scene.begin("\\n")                  # the next sentence, in a new paragraph
>>> date, place = scene.recall()
>>> date.lexical, place, date.note
('2012-06-22', 'kgr/city/quito', 'not stated with the event; the date of the visit stated in the sentence before')
>>> scene.begin(" ")
>>> scene.recall()                     # two sentences later, in another paragraph: nothing
(None, None)
"""
from __future__ import annotations

from ..facts import PartialDate


class Scene:
    """The date and place of the last dated event, and where in the document it was stated."""

    def __init__(self) -> None:
        self.sentence = -1           # the sentence being read (its index)
        self.paragraph = 0
        self.date: PartialDate | None = None
        self.place: str | None = None
        self.kind = ""
        self.at: tuple[int, int] | None = None     # (sentence, paragraph) of that event

    def begin(self, gap: str) -> None:
        """A new sentence starts; ``gap`` is the text between it and the sentence before."""
        self.sentence += 1
        if "\n" in gap:
            self.paragraph += 1

    def record(self, events: list[dict]) -> None:
        """The fields of the events the sentence stated: the last one with a date of its own
        (stated or resolved, not itself taken from an earlier sentence) sets the scene."""
        for fields in events:
            date = fields.get("date")
            if hasattr(date, "lexical") and not (date.note or "").startswith("not stated with"):
                place = fields.get("place")     # a city (a rule may give the host state: not a place to inherit)
                self.date, self.kind = date, fields.get("kind", "event")
                self.place = place if isinstance(place, str) and "/city/" in place else None
                self.at = (self.sentence, self.paragraph)

    def recall(self) -> tuple[PartialDate | None, str | None]:
        """The scene's date (with a note) and place, when it was set in the sentence before or
        earlier in this paragraph; else ``(None, None)``."""
        if not self._recent():
            return None, None
        where = "in the sentence before" if self.at[0] == self.sentence - 1 else "earlier in the paragraph"
        date = self.date
        note = f"not stated with the event; the date of the {self.kind.replace('-', ' ')} stated {where}"
        return PartialDate(date.year, date.month, date.day, note), self.place

    def _recent(self) -> bool:
        return self.at is not None and (self.at[0] == self.sentence - 1 or self.at[1] == self.paragraph) \
            and self.at[0] < self.sentence
