"""Amounts of money: a number, a scale word and a currency, as an exact decimal.

>>> parse_number("42.75", ".")
Decimal('42.75')
>>> parse_number("1.250,5", ",")
Decimal('1250.5')
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation


def parse_number(text: str, decimal_mark: str) -> Decimal | None:
    """The value of a number written with ``decimal_mark`` (the other mark groups thousands)."""
    group_mark = "," if decimal_mark == "." else "."
    cleaned = text.replace(group_mark, "").replace(decimal_mark, ".").replace(" ", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None
