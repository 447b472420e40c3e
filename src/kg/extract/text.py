"""Plain-text helpers: digits, sentences and quote context, all offset-preserving.

>>> ascii_digits("১৯৭৫ সালের")
'1975 সালের'
>>> [s.text for s in sentences("Hi Mr. Smith. Bye.", r"(?<=[.!?])\\s+", ["Mr."])]
['Hi Mr. Smith.', 'Bye.']
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


def ascii_digits(text: str) -> str:
    """Replace every decimal digit of any script by its ASCII digit (same length)."""
    return "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in text)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document and where it stands in it."""

    start: int
    end: int
    text: str


def sentences(text: str, boundary: str, abbreviations: list[str] = ()) -> list[Sentence]:
    r"""Split ``text`` at the ``boundary`` regex, never right after an abbreviation or an initial
    (one letter and a stop, after a space or another initial: "H.R. Rasuna Said", "Ph.D.").

    Line breaks are boundaries, but a single one inside a sentence hard-wrapped in the
    source (the line ends with no stop and the next begins in lower case: "menyaksikan
    penandatanganan\nperjanjian dan nota kesepahaman"). Offsets refer to ``text``.

    >>> [s.text for s in sentences("They will sign\nan agreement. Then\n\nmore.", r"(?<=\.)\s+")]
    ['They will sign\nan agreement.', 'Then', 'more.']
    >>> [s.text for s in sentences("Menlu Retno L.P. Marsudi tiba. Lalu", r"(?<=\.)\s+")]   # initials "L.P."
    ['Menlu Retno L.P. Marsudi tiba.', 'Lalu']
    """
    no_split = tuple(abbreviations)
    wrapped = _hard_wrapped(text)
    cuts = [0]
    for match in re.finditer(rf"{boundary}|\n+", text):
        before = text[cuts[-1]:match.start()]
        if match.group().strip("\n") and (before.endswith(no_split) or re.search(r"(?:^|[\s.(])\w\.$", before)):
            continue
        if match.group() == "\n" and re.search(r"\w[,)]?$", before) and (
                wrapped or text[match.end():match.end() + 1].islower()):
            continue      # a hard-wrapped line: the sentence goes on
        cuts.extend((match.start(), match.end()))
    cuts.append(len(text))
    result = []
    for start, end in zip(cuts[::2], cuts[1::2]):
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            result.append(Sentence(start + lead, start + lead + len(stripped), stripped))
    return result


def _hard_wrapped(text: str) -> bool:
    r"""Whether the whole text is wrapped at a line width, so that a line ending in no stop goes
    on in the next line whatever its first letter ("Perdana Menteri\nThailand Paetongtarn …"):
    ten lines or more followed by another line, most of them ending in no stop.

    >>> _hard_wrapped("Perdana Menteri\nThailand tiba.\n" * 10), _hard_wrapped("Title\nA sentence.\n")
    (True, False)
    """
    lines = text.split("\n")
    followed = [line for line, after in zip(lines, lines[1:]) if line.strip() and after.strip()]
    open_ended = [line for line in followed if re.search(r"\w[,)]?\s*$", line)]
    return len(followed) >= 10 and len(open_ended) > len(followed) / 2


@dataclass(frozen=True)
class Clause:
    """A clause of a sentence: ``start``..``end`` are offsets into the sentence's text."""

    start: int
    end: int
    text: str


def clauses(text: str, breaks: list[str]) -> list[Clause]:
    """Split a sentence at the ``breaks`` regexes ("while", ";", "but"), keeping offsets.

    The break itself belongs to neither clause.

    >>> [c.text for c in clauses("A has one in X while B has one in Y; done", [r"\\bwhile\\b", ";"])]
    ['A has one in X', 'B has one in Y', 'done']
    """
    if not breaks:
        return [Clause(0, len(text), text)] if text.strip() else []
    cuts = [0]
    for match in re.finditer("|".join(f"(?:{b})" for b in breaks), text):
        cuts.extend((match.start(), match.end()))
    cuts.append(len(text))
    result = []
    for start, end in zip(cuts[::2], cuts[1::2]):
        chunk = text[start:end]
        if chunk.strip(" ,"):
            lead = len(chunk) - len(chunk.lstrip(" ,"))
            body = chunk.strip(" ,")
            result.append(Clause(start + lead, start + lead + len(body), body))
    return result
