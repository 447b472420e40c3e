"""What extraction produces: facts with their evidence, and the values facts hold.

A :class:`Fact` is a plain record (no RDF): its ``kind`` names a fact class of the data
model (docs/model.md) and ``fields`` hold entity IRIs, :class:`PartialDate`,
:class:`Amount`, :class:`Person` values or strings.

>>> PartialDate(1992, 11).lexical
'1992-11'
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .factkinds import KINDS


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as the text: year, year-month or full date.

    ``note`` says how the date was inferred when the text did not state it whole.
    """

    year: int
    month: int | None = None
    day: int | None = None
    note: str | None = None

    @property
    def lexical(self) -> str:
        """``1990-01-15``, ``1990-01`` or ``1990``."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    @property
    def datatype(self) -> str:
        """The XSD datatype local name matching the precision."""
        return "date" if self.day else "gYearMonth" if self.month else "gYear"

    def as_date(self) -> dt.date | None:
        """The calendar date, when the day is known."""
        return dt.date(self.year, self.month, self.day) if self.day else None


@dataclass(frozen=True)
class Amount:
    """An exact decimal value in a currency (ISO 4217 code)."""

    value: Decimal
    currency: str


@dataclass(frozen=True)
class Person:
    """A person as named in a document, with the office and state the text gives."""

    name: str
    office: str | None = None      # IRI of a kg:Office
    state: str | None = None       # IRI of the state the person serves
    accredited_to: str | None = None


@dataclass(frozen=True)
class Evidence:
    """Where a fact is stated: the sentence ``exact`` at ``start``..``end`` of the document."""

    document: str
    language: str
    exact: str
    start: int
    end: int
    prefix: str
    suffix: str
    rule: str


@dataclass
class Fact:
    """One fact stated by a document, e.g. ``Fact("Membership", {"member": ..., ...})``."""

    kind: str
    fields: dict[str, object]
    evidence: list[Evidence] = field(default_factory=list)
    again: bool = False     # the text names it as told before ("the agreement"): the earlier one, if any


#: The fields of each fact kind, a view of the registry (:mod:`kg.factkinds`): a frame's role
#: or constant must name one of them (data/frames/).
FRAME_FIELDS = {name: set(kind.fields) for name, kind in KINDS.items()}
