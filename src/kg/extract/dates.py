"""Dates in text, kept as precise as stated, with years resolved from context when missing.

>>> resolve_year(4, 10, weekday=4, candidates=[2024, 2025])
(2024, 'year 2024 taken from the year the document mentions (2024, 2025) in which day 4 of month 10 falls on the stated weekday')
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from babel import Locale

from ..facts import PartialDate


def month_names(language: str, extra: dict[str, int] | None = None) -> dict[str, int]:
    """Month names and abbreviations of ``language`` from CLDR (babel), plus ``extra``.

    >>> month_names("id")["agustus"]
    8
    """
    locale = Locale.parse(language)
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                names[name.casefold().rstrip(".")] = number
    for name, number in (extra or {}).items():
        names[name.casefold()] = int(number)
    return names


def weekday_names(language: str, extra: dict[str, int] | None = None) -> dict[str, int]:
    """Weekday names of ``language`` (CLDR) mapped to Python's weekday numbers (Monday 0).

    >>> weekday_names("id")["jumat"]
    4
    """
    locale = Locale.parse(language)
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for number, name in locale.days[context]["wide"].items():
            names[name.casefold()] = number
    for name, number in (extra or {}).items():
        names[name.casefold()] = int(number)
    return names


def resolve_year(day: int, month: int, weekday: int | None, candidates: list[int]) -> tuple[int, str] | None:
    """Pick the year for a day and month the text gave without one.

    With a weekday, the year must be one of ``candidates`` (years the document states,
    or its publication year) in which that day falls on that weekday; without one, the
    only candidate. Returns the year and a note saying how it was chosen, or None.
    """
    years = sorted(set(candidates))
    if weekday is not None:
        fitting = [y for y in years if _weekday(y, month, day) == weekday]
        if len(fitting) == 1:
            listed = ", ".join(map(str, years))
            return fitting[0], (f"year {fitting[0]} taken from the year the document mentions ({listed}) "
                                f"in which day {day} of month {month} falls on the stated weekday")
        return None
    if len(years) == 1:
        return years[0], f"year {years[0]} taken from the only year the document mentions"
    return None


def present_year(day: int, month: int, weekday: int, candidates: list[int]) -> tuple[int, str] | None:
    """The year of a weekday's date an undated news text gives without one ("Rabu (19/6)"): the
    text's present, the latest year it states (``candidates``) or one of the three after it,
    the first in which that day falls on that weekday (a news text tells of its recent years);
    None when none does.

    >>> present_year(19, 6, 2, [2000, 2019, 2023])[0]     # Wednesday 19 June: 2024, not 2019
    2024
    >>> present_year(4, 10, 4, [2023, 2024, 2025]) is None   # Friday 4 October: 2024, before the latest
    True
    >>> present_year(2, 12, 0, [2019])[0]
    2019
    >>> present_year(3, 12, 2, [2019]) is None              # 3 December 2019 was a Tuesday
    True
    """
    if not candidates:
        return None
    latest = max(candidates)
    year = next((y for y in range(latest, latest + 4) if _weekday(y, month, day) == weekday), None)
    if year is None:
        return None
    return year, (f"year {year} taken as the first from the latest year the document mentions ({latest}) "
                  f"in which day {day} of month {month} falls on the stated weekday")


def shift(date: PartialDate, years: int = 0, months: int = 0, days: int = 0, note: str | None = None) -> PartialDate:
    """``date`` moved by whole years, months or days, at the precision the move allows.

    >>> shift(PartialDate(2009, 7, 28), years=-1).lexical
    '2008'
    >>> shift(PartialDate(2024, 3, 1), days=-1).lexical
    '2024-02-29'
    """
    if days:
        moved = dt.date(date.year, date.month, date.day) + dt.timedelta(days=days)
        return PartialDate(moved.year, moved.month, moved.day, note)
    if months:
        index = date.year * 12 + (date.month - 1) + months
        return PartialDate(index // 12, index % 12 + 1, None, note)
    return PartialDate(date.year + years, None, None, note)


def weekday_on_or_before(date: PartialDate, weekday: int, note: str | None = None) -> PartialDate:
    """The last day with ``weekday`` (Monday 0) on or before ``date`` (a news text's "on Monday").

    >>> weekday_on_or_before(PartialDate(2025, 8, 11), 3).lexical   # the Thursday before a Monday
    '2025-08-07'
    """
    day = dt.date(date.year, date.month, date.day)
    day -= dt.timedelta(days=(day.weekday() - weekday) % 7)
    return PartialDate(day.year, day.month, day.day, note)


_URL_DATE = re.compile(r"/((?:19|20)\d\d)(?:/(\d\d?)(?:/(\d\d?))?)?(?=/)")


def url_date(url: str) -> PartialDate | None:
    """The date a news site's address gives as path folders (/2018/, /2024/12/, /2024/12/05/),
    for a document whose catalog leaves its date empty; None when the address has none.

    >>> url_date("https://escambray.cu/2018/cuba-y-espana-firman").lexical
    '2018'
    >>> url_date("https://news.example.id/2024/12/05/pm-tiba.html").lexical
    '2024-12-05'
    >>> url_date("https://example.org/wiki/all_2024-04/A/Page") is None
    True
    """
    found = _URL_DATE.search(urlsplit(url or "").path + "/")
    if not found:
        return None
    year, month, day = (int(part) if part else None for part in found.groups())
    date = make_date(year, month, day if month else None, "taken from the document's address")
    return date or make_date(year, note="taken from the document's address")


def _weekday(year: int, month: int, day: int) -> int | None:
    try:
        return dt.date(year, month, day).weekday()
    except ValueError:
        return None


def make_date(year: int, month: int | None = None, day: int | None = None, note: str | None = None) -> PartialDate | None:
    """A PartialDate, or None when the parts do not form a real date."""
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and _weekday(year, month, day) is None:
        return None
    return PartialDate(year, month, day, note)
