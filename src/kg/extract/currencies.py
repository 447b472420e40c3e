"""Currencies by their CLDR names, symbols and ISO codes, for reading amounts of money.

CLDR (through babel) names every currency in use in each language, in the singular and the
plural ("Ghanaian cedis", "liras turcas", "Shilling Kenya", "দক্ষিণ আফ্রিকান রেন্ড"), and gives its
symbol ("₹", "৳", "₺"). These, and the ISO 4217 codes of the currencies in use ("KES 5
billion"), are currencies of an amount besides the ones a language's rules list
(``currencies`` of ``data/rules/<lang>.yaml``, which win). A code that is also a word of a
language ("ALL", "TOP", "CUP", "TRY", "MAD") is no currency: currencies are matched in any case.

>>> found = cldr_currencies("en")
>>> found["ghanaian cedis"], found["kes"], found["₹"], "all" in found
('GHS', 'KES', 'INR', False)
>>> cldr_currencies("es")["liras turcas"]
'TRY'
"""
from __future__ import annotations

import functools

#: ISO codes that are words ("all 5 members", "top 10 products", "try 3 times", "mad"): no currency.
WORD_CODES = {"ALL", "TOP", "CUP", "SOS", "GEL", "MAD", "BOB", "MOP", "PAB", "TRY", "BAM", "AMD", "DOP", "LAK",
              "ANG", "SAR", "CAD", "MVR", "ERN", "KMF"}


@functools.lru_cache(maxsize=8)
def cldr_currencies(language: str) -> dict[str, str]:
    """Folded names, symbols and codes of the currencies in use, to their ISO codes."""
    from babel import Locale
    from babel.numbers import get_currency_name, get_currency_symbol, get_territory_currencies

    english = Locale.parse("en")
    in_use = {code for territory in english.territories if len(territory) == 2 and territory.isalpha()
              for code in get_territory_currencies(territory, tender=True)}
    found: dict[str, str] = {}
    for code in sorted(in_use):
        for count in (1, 2):
            name = get_currency_name(code, count, language)
            if name and name != code:
                found.setdefault(name.casefold(), code)
        symbol = get_currency_symbol(code, language)
        if symbol and symbol != code and not symbol.isascii():     # "₹", "৳"; not "$" nor "R"
            found.setdefault(symbol.casefold(), code)
        if code not in WORD_CODES:
            found.setdefault(code.casefold(), code)
    return found
