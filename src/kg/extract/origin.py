"""Where a document comes from: the state whose officials its text names bare ("el canciller
Elmer Schialer" in a Peruvian paper, "প্রধান উপদেষ্টা মুহাম্মদ ইউনূস" from a Bangladeshi agency,
"Menlu Sugiono" in the Indonesian press), for an office holding nothing else gives a state
(kg.extract.people).

The first of these that is known decides (``home``): a government office as publisher (a
ministry, an embassy: the first state its name gives), the outlet's state
(data/reference/outlets.tsv, by the URL's host or the publisher's name), the country-code
domain of the URL (.pe, .com.bd, .go.id, .gob.mx; not .co, .io, .tv and the others used as
generic names, unless under a second-level domain: gov.co). A document whose origin is a third state has no home (a Cuban agency's report on
Colombia and Ethiopia names both sides' officials bare); one whose origin nothing tells (an
encyclopedia) has the language's ``home`` (id: ID), when its pair holds it. The dateline's city
is no origin: a foreign agency's wire is dated from the capital it visits ("NUEVA DELHI (EFE).- El
ministro de Economía …" of Guatemala).

>>> bd, de = mint("state", "bd"), mint("state", "de")
>>> home((bd, de), url="https://unb.com.bd/bangla/category/x") == bd
True
>>> home((bd, de), url="https://www.prensa-latina.cu/2025/08/26/x", fallback=bd) is None
True
>>> home((bd, de), url="https://bn.wikipedia.org/wiki/x", fallback=bd) == bd
True
"""
from __future__ import annotations

import csv
import functools
import re
from urllib.parse import urlsplit

from .. import paths
from ..namespaces import mint

#: Words of a publisher that is a government's own office (a ministry, an embassy, a presidency), in the
#: four languages and English (catalogs often name the publisher in English).
OFFICIAL = re.compile(r"(?i)\b(?:ministry|ministries|ministerio|ministère|secretar[ií]a|kementerian|kemlu|embassy|"
                      r"embajada|kedutaan|kbri|konsulat|consulate|consulado|high commission|government|gobierno|"
                      r"pemerintah|presidency|presidencia|canciller[ií]a|department of foreign affairs|state department)\b"
                      r"|মন্ত্রণালয়|দূতাবাস|হাইকমিশন|সরকার")

#: Country-code domains that sites everywhere use as generic names (.co "company", .io, .tv, .me,
#: .fm, .ai, .ly, .am …, and free ones): a state's only under a second-level domain (gov.co).
GENERIC = {"ac", "ag", "ai", "am", "bz", "cc", "cf", "co", "cx", "fm", "ga", "gg", "gl", "gq", "io", "la", "ly",
           "me", "ml", "ms", "nu", "pw", "sh", "so", "st", "tk", "to", "tv", "vc", "ws"}

#: Second-level domains under a country code ("gob.mx", "com.bd", "go.id", "co.uk").
SECOND_LEVEL = {"ac", "co", "com", "edu", "go", "gob", "gov", "gouv", "mil", "net", "nic", "or", "org", "web"}

#: Country codes of domains that differ from the state's ISO 3166 code.
DOMAIN_CODES = {"uk": "gb"}


def home(pair, publisher: str = "", url: str = "", lexicon=None, fallback: str | None = None) -> str | None:
    """The state of ``pair`` whose officials the document names bare, or None (see the module);
    ``fallback`` is the language's home."""
    if not pair:
        return None
    for origin in (government(publisher, lexicon), outlet(publisher, url), domain(url)):
        if origin is not None:
            return origin if origin in pair else None
    return fallback if fallback in pair else None


def government(publisher: str, lexicon) -> str | None:
    """The state a government office's name gives first ("Ministry of Foreign Affairs, Republic of
    Korea"), when ``publisher`` is one; else None.

    >>> class Lexicon:
    ...     def find_all(self, kind, text): return [(0, 0, "state/kr")] if "Korea" in text else []
    >>> government("Ministry of Foreign Affairs, Republic of Korea", Lexicon())
    'state/kr'
    >>> government("The Korea Herald", Lexicon()) is None
    True
    """
    if not publisher or lexicon is None or not OFFICIAL.search(publisher):
        return None
    states = [iri for _, _, iri in sorted(lexicon.find_all("State", publisher))]
    return states[0] if states else None


def outlet(publisher: str, url: str) -> str | None:
    """The state of the outlet (data/reference/outlets.tsv) whose host the URL's is or is under,
    else whose name the publisher holds.

    >>> outlet("", "https://www.thejakartapost.com/news/2009/07/28/x").rsplit("/", 1)[-1]
    'id'
    >>> outlet("Puber Kalom (পুবের কলম)", "").rsplit("/", 1)[-1]
    'in'
    >>> outlet("Sputnik Mundo", "https://noticiaslatam.lat/x") is None
    True
    """
    hosts, names = _outlets()
    host = _host(url)
    while host:
        if host in hosts:
            return hosts[host]
        host = host.partition(".")[2]
    for name, state in names:
        if name.search(publisher or ""):
            return state
    return None


def domain(url: str) -> str | None:
    """The state of the URL's country-code domain.

    >>> [(domain(u) or "-").rsplit("/", 1)[-1] for u in ("https://gestion.pe/x", "http://embamex.sre.gob.mx/uruguay",
    ...     "https://cancilleria.gov.co/x", "https://tempo.co/x", "https://www.bbc.co.uk/x", "https://sela.org/?p=1")]
    ['pe', 'mx', 'co', '-', 'gb', '-']
    """
    labels = _host(url).split(".")
    if len(labels) < 2 or not re.fullmatch(r"[a-z]{2}", labels[-1]):
        return None
    code = labels[-1]
    if code in GENERIC and not (len(labels) >= 3 and labels[-2] in SECOND_LEVEL):
        return None
    return mint("state", DOMAIN_CODES.get(code, code))


def _host(url: str) -> str:
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


@functools.lru_cache(maxsize=1)
def _outlets() -> tuple[dict[str, str], list[tuple[re.Pattern, str]]]:
    """``({host: state}, [(name regex, state)])`` from data/reference/outlets.tsv."""
    hosts, names = {}, []
    with open(paths.REFERENCE_DIR / "outlets.tsv", encoding="utf-8", newline="") as stream:
        rows = csv.DictReader((line for line in stream if not line.startswith("#")), delimiter="\t")
        for row in rows:
            state = mint("state", row["state"].strip().lower())
            hosts[row["host"].strip().lower()] = state
            if (row.get("name") or "").strip():
                names.append((re.compile(rf"(?<!\w){re.escape(row['name'].strip())}(?!\w)", re.I), state))
    return hosts, names
