"""SPARQL text, just enough to place parameters: a tokenizer, the query form, and binding.

A parameter's value is written into the query as an RDF term (its N-Triples form) wherever
the query uses it, sub-selects included; one the query projects is left to the engine.

>>> query_form("PREFIX kg: <https://example.org/> SELECT * { ?s ?p ?o }")
'SELECT'
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Mapping

import pyoxigraph as ox  # noqa: F401  (used by the doctest)

# A variable's name is ASCII letters, digits, ``_``, U+00B7 and U+00C0–U+FFFD, written as the
# set's complement: Python compiles that in a tenth of the time, at every start of ``kg``.
_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^\\]|\\.)*?\"\"\"|'''(?:[^\\]|\\.)*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][^\x00-/:-@\[-^`{-\xb6\xb8-\xbf\ufffe-\U0010ffff]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*:?)
  | (?P<open>[{(])
  | (?P<close>[})])
  | (?P<other>\S)
""", re.VERBOSE | re.DOTALL)


def sparql_tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """``(kind, text, offset)`` of each token: comment, string, iri, var, word, open, close.

    A text is tokenized once (the last few are kept), however many steps read its tokens.
    """
    return iter(_tokens(text))


@functools.lru_cache(maxsize=16)
def _tokens(text: str) -> tuple[tuple[str, str, int], ...]:
    return tuple((match.lastgroup, match.group(), match.start()) for match in _TOKEN.finditer(text))


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT, DESCRIBE — or an update keyword (INSERT, DROP, …) — or None."""
    for kind, token, _ in sparql_tokens(text):
        if kind == "word" and not token.endswith(":"):
            word = token.upper()
            if word in ("PREFIX", "BASE"):
                continue
            return word
    return None


def variables(text: str) -> set[str]:
    """Names (without ``?``) of the variables a query mentions, outside strings and comments."""
    return {tok[1:] for kind, tok, _ in sparql_tokens(text) if kind == "var"}


def _projected(text: str) -> set[str]:
    """Names a SELECT query projects (``{"*"}`` for ``SELECT *``); empty for other forms."""
    projected: set[str] = set()
    depth, seen_select, after_as = 0, False, False
    for kind, tok, _ in sparql_tokens(text):
        if kind == "comment":
            continue
        if not seen_select:
            seen_select = kind == "word" and tok.upper() == "SELECT"
            continue
        if kind == "open" and tok == "{" and depth == 0:
            break
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "var" and (depth == 0 or after_as):
            projected.add(tok[1:])
        elif kind == "other" and tok == "*" and depth == 0:
            projected.add("*")
        after_as = kind == "word" and tok.upper() == "AS"
    return projected


def without_lines_using(text: str, names) -> str:
    r"""The query with every line that uses one of the variables ``names`` emptied (line
    numbers stay): how an optional parameter that is not given drops out.

    >>> without_lines_using("SELECT * {\n ?s ?p ?o .\n ?s ?q ?__x .\n}", {"__x"})
    'SELECT * {\n ?s ?p ?o .\n\n}'
    """
    names = set(names)
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    dropped = set()
    for kind, tok, at in sparql_tokens(text):
        if kind == "var" and tok[1:] in names:
            dropped.add(bisect.bisect_right(starts, at) - 1)
    return "\n".join("" if number in dropped else line for number, line in enumerate(lines))


def values_block(bindings: Mapping[str, object]) -> str:
    """``VALUES (?a ?b) { (<iri> "literal") }`` from pyoxigraph terms (their own serialization)."""
    names = " ".join("?" + name for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    return f" VALUES ({names}) {{ ({terms}) }} "


def place_bindings(text: str, bindings: Mapping[str, object], *, substitutions: bool = True):
    """Write parameter values into a query; returns ``(query_text, engine_substitutions)``.

    A variable the query does not project is replaced by its term (its N-Triples form)
    wherever it appears, sub-selects included; one it projects is left to the engine
    (``substitutions``) or bound by a VALUES row after the query. Terms must be pyoxigraph
    terms.

    >>> place_bindings('SELECT ?s { ?s ?p ?_v }', {"_v": ox.Literal("x")})
    ('SELECT ?s { ?s ?p "x" }', {})
    """
    used = variables(text)
    bindings = {name: term for name, term in bindings.items() if name in used}
    if not bindings:
        return text, {}
    projected = _projected(text)
    kept = {n: t for n, t in bindings.items() if "*" in projected or n in projected}
    written = []
    for kind, tok, at in sparql_tokens(text):
        if kind == "var" and tok[1:] in bindings and tok[1:] not in kept:
            written.append((at, at + len(tok), str(bindings[tok[1:]])))
    for start, end, term in reversed(written):
        text = text[:start] + term + text[end:]
    if kept and not substitutions:
        return text.rstrip() + "\n" + values_block(kept).strip() + "\n", {}
    return text, kept
