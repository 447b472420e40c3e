"""No requests to other hosts: a SPARQL ``SERVICE`` clause is refused unless its host is allowed.

A query that names ``SERVICE <http://host/…>`` makes the engine (pyoxigraph for ``kg query``,
the Oxigraph server behind ``kg serve``) send a request to that host: whoever can send a
query could make kg reach any address it can. So kg refuses every ``SERVICE`` clause except
those whose IRI names a host given with ``--allow-service HOST``; a variable
(``SERVICE ?endpoint``) or a prefixed name is always refused.

>>> check_services("SELECT * { ?s ?p ?o }")
>>> check_services("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", ["127.0.0.1"])
>>> check_services("SELECT * { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.errors.ServiceRefused: SERVICE <http://example.org/sparql> would send a request to example.org; kg sends none unless --allow-service example.org is given
"""
from __future__ import annotations

import urllib.parse
from collections.abc import Iterable

from kg.errors import ServiceRefused
from kg.sparql import sparql_tokens


def services(text: str) -> list[str]:
    """What each ``SERVICE`` clause of ``text`` names: an ``<IRI>``, a ``?variable`` or a prefixed name."""
    tokens = [(kind, tok) for kind, tok, _ in sparql_tokens(text) if kind != "comment"]
    found = []
    for i, (kind, tok) in enumerate(tokens):
        if kind == "word" and tok.upper() == "SERVICE":
            rest = [t for k, t in tokens[i + 1:i + 4] if not (k == "word" and t.upper() == "SILENT")]
            found.append("".join(rest[:2]) if rest and rest[0].endswith(":") else (rest[0] if rest else ""))
    return found


def queries_in(target: str, content_type: str, body: bytes) -> list[str]:
    """The SPARQL query texts an HTTP request carries: the ``query`` parameter of its URL or
    of a form body, or an ``application/sparql-query`` body.

    >>> queries_in("/query?query=ASK%7B%7D", "", b"")
    ['ASK{}']
    >>> queries_in("/query", "application/x-www-form-urlencoded", b"query=SELECT+*+%7B%7D")
    ['SELECT * {}']
    """
    found = urllib.parse.parse_qs(urllib.parse.urlsplit(target).query).get("query", [])
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        found += urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("query", [])
    elif kind == "application/sparql-query":
        found.append(body.decode("utf-8", "replace"))
    return found


def check_services(text: str, allowed: Iterable[str] = ()) -> None:
    """Raise :class:`~kg.errors.ServiceRefused` for a ``SERVICE`` clause whose host is not in ``allowed``."""
    allowed = {host.lower() for host in allowed}
    for target in services(text):
        host = urllib.parse.urlsplit(target[1:-1]).hostname if target.startswith("<") else None
        if host is None:
            raise ServiceRefused(f"SERVICE {target or '(nothing)'} is refused: kg sends requests only "
                                 f"to a SERVICE <IRI> whose host --allow-service names")
        if host.lower() not in allowed:
            raise ServiceRefused(f"SERVICE {target} would send a request to {host}; kg sends none "
                                 f"unless --allow-service {host} is given")
