"""Stored queries: discover ``queries/*.rq``, read their headers, bind parameters, run, format.

A stored query is one SPARQL file with a grlc-style header of ``#+`` lines::

    #+ summary: When were diplomatic relations established between two states?
    #+ description: One row per relation, with the date and the quote that states it.
    #+ tags: relations, dates
    #+ param: a: iri = kgr:state/id
    #+ param: b: iri
    #+ param: year: xsd:gYear
    #+ param: lang: lang = en

    PREFIX kg: <https://w3id.org/bilateral-relations/ontology#>
    SELECT ?date ?label WHERE { ?rel kg:state ?_a, ?_b ; kg:established ?date … }

Parameter convention
  * A parameter is a variable whose name starts with ``_``: ``?_a`` is parameter ``a``
    (``--param a=…`` on the command line). ``?__x`` (two underscores, as in grlc) is an
    optional parameter: left unbound when not given.
  * ``#+ param: NAME: TYPE [= DEFAULT]`` declares its type and default. TYPE is
    ``iri``; ``literal`` (a plain string); ``lang`` (a language tag such as ``en``, bound as
    a plain string literal, for ``FILTER(lang(?label) = ?_lang)``); or an XSD datatype
    ``xsd:date``, ``xsd:gYear``, ``xsd:gYearMonth``, ``xsd:integer``, ``xsd:decimal``,
    ``xsd:boolean``, … (bound as a typed literal; the value is checked).
  * Undeclared parameters: ``?_lang`` is ``lang`` with default ``en`` (``--lang`` sets it);
    a name ending in ``_iri`` (``?_state_iri``) is ``iri``; any other is ``literal``.
  * A parameter without a default is required.
  * An IRI value is an absolute IRI (``https://…``, optionally in ``<…>``) or a prefixed name
    whose prefix the query declares or the project defines (``kgr:membership/id-apec``).
  * Values are bound as RDF terms (see :mod:`kg.sparql`), never pasted into the query text;
    a value that is not a valid term of its type is rejected with a clear error.

Results are written in the W3C formats by pyoxigraph's own serializers (``json``: SPARQL
1.1 Query Results JSON; ``csv``, ``tsv``), or as an aligned text ``table`` in which IRIs
are shortened with the query's own prefixes.

>>> text = "#+ summary: S\\n#+ param: a: iri\\nSELECT ?x WHERE { ?_a ?p ?x FILTER(lang(?x) = ?_lang) }"
>>> q = parse("demo", text)
>>> q.summary, sorted(q.params), q.params["lang"].default
('S', ['a', 'lang'], 'en')
>>> bind(q, {"a": "https://w3id.org/bilateral-relations/id/state/id"})["_a"]
<NamedNode value=https://w3id.org/bilateral-relations/id/state/id>
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from kg import derived, paths
from kg.errors import EncodingError, FormatError, InputError, ParameterError, QueryError, UnknownQuery, UpdateRefused
from kg.sparql import place_bindings, query_form, sparql_tokens, without_lines_using
from kg.store.base import Store

XSD = "http://www.w3.org/2001/XMLSchema#"
FORMATS = ("table", "csv", "tsv", "json")
READ_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


# --- XSD lexical forms ---------------------------------------------------------------------

def _date_ok(text: str) -> bool:
    match = re.fullmatch(r"(-?\d{4,})-(\d\d)-(\d\d)(Z|[+-]\d\d:\d\d)?", text)
    if not match:
        return False
    import datetime

    try:
        datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return False
    return True


_TZ = r"(Z|[+-](0\d|1[0-4]):[0-5]\d)?"
# Patterns, compiled (by ``re``, once) when a value of the type is checked, not at import.
_XSD_FORMS = {
    "string": None,
    "boolean": r"true|false|1|0",
    "integer": r"[+-]?\d+",
    "int": r"[+-]?\d+", "long": r"[+-]?\d+",
    "short": r"[+-]?\d+",
    "nonNegativeInteger": r"\+?\d+|-0+",
    "positiveInteger": r"\+?0*[1-9]\d*",
    "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    "double": r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF)|NaN|-INF",
    "float": r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF)|NaN|-INF",
    "gYear": r"-?\d{4,}" + _TZ,
    "gYearMonth": r"-?\d{4,}-(0[1-9]|1[0-2])" + _TZ,
    "dateTime": (r"-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-4])"
                 r":[0-5]\d:[0-5]\d(\.\d+)?" + _TZ),
    "anyURI": None,
}


def lexical_ok(lexical: str, datatype: str) -> bool:
    """False when ``lexical`` is not a valid lexical form of the XSD ``datatype`` IRI.

    Datatypes this function does not know are accepted.

    >>> lexical_ok("2025-02-30", XSD + "date"), lexical_ok("1975", XSD + "gYear")
    (False, True)
    """
    if not datatype.startswith(XSD):
        return True
    local = datatype[len(XSD):]
    if local == "date":
        return _date_ok(lexical)
    form = _XSD_FORMS.get(local)
    return form is None or re.fullmatch(form, lexical) is not None


# --- the model -----------------------------------------------------------------------------
# Plain classes, not dataclasses: importing ``dataclasses`` (and ``inspect`` with it) was a
# tenth of ``kg query``'s start-up.

class Param:
    """One parameter: ``name`` as on the command line (``a`` for ``?_a``)."""

    def __init__(self, name: str, type: str = "literal", default: str | None = None,
                 optional: bool = False):
        self.name = name
        self.type = type                # iri | literal | lang | xsd:… (a datatype)
        self.default = default
        self.optional = optional        # ``?__name``: may stay unbound

    def __repr__(self) -> str:
        return f"Param({self.name!r}, {self.type!r}, {self.default!r}, optional={self.optional})"

    @property
    def variable(self) -> str:
        return ("__" if self.optional else "_") + self.name

    @property
    def required(self) -> bool:
        return self.default is None and not self.optional


class StoredQuery:
    """A query's text and what its header says: summary, description, tags, parameters."""

    def __init__(self, name: str, text: str, path: Path | None = None):
        self.name, self.text, self.path = name, text, path
        self.summary = self.description = ""
        self.tags: list[str] = []
        self.params: dict[str, Param] = {}
        self.default_prefixes: dict[str, str] = {}  # predeclared (``-e``)

    def __repr__(self) -> str:
        return f"StoredQuery({self.name!r}, path={self.path!r})"

    @property
    def form(self) -> str | None:
        return query_form(self.text)

    @property
    def prefixes(self) -> dict[str, str]:
        """The prefixes the query can use: predeclared ones, then its own declarations."""
        return {**self.default_prefixes, **declared_prefixes(self.text)}


_PARAM_LINE = re.compile(r"([A-Za-z][\w-]*)\s*:\s*([\w:#/.-]+)\s*(?:=\s*(.*))?$")
_PARAM_TYPES = ("iri", "literal", "lang")


def declared_prefixes(text: str) -> dict[str, str]:
    """``{prefix: iri}`` of the query's ``PREFIX`` declarations."""
    found, tokens = {}, [t for t in sparql_tokens(text) if t[0] != "comment"]
    for (k1, t1, _), (k2, t2, _), (k3, t3, _) in zip(tokens, tokens[1:], tokens[2:]):
        if k1 == "word" and t1.upper() == "PREFIX" and k3 == "iri":
            found[t2.rstrip(":") if t2.endswith(":") else ""] = t3[1:-1]
    return found


def parse(name: str, text: str, path: Path | None = None) -> StoredQuery:
    """A :class:`StoredQuery` from the text of a ``.rq`` file (header and parameters)."""
    query = StoredQuery(name=name, text=text, path=path)
    where = str(path or name)
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped.startswith("#+"):
            continue
        key, _, value = stripped[2:].partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "summary":
            query.summary = value
        elif key == "description":
            query.description = (query.description + " " + value).strip()
        elif key == "tags":
            query.tags += [t.strip(" -") for t in value.split(",") if t.strip(" -")]
        elif key in ("param", "params"):
            match = _PARAM_LINE.match(value)
            if not match:
                raise InputError("expected '#+ param: NAME: TYPE [= DEFAULT]'",
                                 file=where, line=number, column=1)
            pname, ptype, default = match[1], match[2], match[3]
            if ptype not in _PARAM_TYPES and not ptype.startswith("xsd:"):
                raise InputError(f"unknown parameter type '{ptype}' (iri, literal, lang, xsd:…)",
                                 file=where, line=number, column=1, field=pname)
            query.params[pname] = Param(pname, ptype, default.strip() if default else None)
    # Parameters are the ?_name variables of the body; undeclared ones get default types.
    for kind, token, _ in sparql_tokens(text):
        if kind != "var" or not token[1:].startswith("_"):
            continue
        var = token[1:]
        optional = var.startswith("__")
        pname = var[2:] if optional else var[1:]
        if not pname:
            continue
        param = query.params.get(pname)
        if param is None:
            if pname == "lang":
                param = Param(pname, "lang", "en")
            elif pname.endswith("_iri"):
                param = Param(pname, "iri")
            else:
                param = Param(pname, "literal")
            query.params[pname] = param
        param.optional = param.optional or optional
    return query


def _read_text(path: Path) -> str:
    from kg.inputs import read_bytes

    data = read_bytes(path, "query")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise EncodingError("not UTF-8 text", file=path, line=line, column=column) from None


def discover(directory=None) -> dict[str, StoredQuery]:
    """Every stored query in ``directory`` (default ``queries/``), by name (file stem)."""
    directory = Path(directory or paths.QUERIES_DIR)
    found = {}
    for path in sorted(directory.glob("*.rq")):
        found[path.stem] = parse(path.stem, _read_text(path), path)
    return found


def find(name: str, directory=None) -> StoredQuery:
    """The stored query called ``name``, or the ``.rq`` file ``name``."""
    if name.endswith(".rq") or "/" in name:
        path = Path(name)
        return parse(path.stem, _read_text(path), path)
    directory = Path(directory or paths.QUERIES_DIR)
    path = directory / f"{name}.rq"
    if path.is_file():
        return parse(name, _read_text(path), path)
    import difflib

    names = sorted(p.stem for p in directory.glob("*.rq"))
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    raise UnknownQuery(name, close[0] if close else None)


# --- binding -------------------------------------------------------------------------------

def _project_prefixes() -> dict[str, str]:
    from kg.namespaces import PREFIXES

    return dict(PREFIXES)


def parse_iri(value: str, prefixes: dict[str, str] | None = None, *, field_name=None) -> ox.NamedNode:
    """An absolute IRI or a prefixed name (the query's prefixes, then the project's)."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    absolute = re.match(r"[A-Za-z][A-Za-z0-9+.-]*://|(urn|mailto|tag):", text)
    match = None if absolute else re.fullmatch(r"([A-Za-z][\w.-]*)?:(.*)", text, re.DOTALL)
    if match:
        prefix, local = match[1] or "", match[2]
        table = dict(prefixes or {})
        if prefix not in table:
            table = {**_project_prefixes(), **table}
        if prefix not in table:
            raise ParameterError(f"'{value}' is not an IRI: unknown prefix '{prefix}:' "
                                 f"(known: {', '.join(sorted(table))})", field=field_name)
        if not re.fullmatch(r"[^\s<>\"{}|^`\\]*", local):
            raise ParameterError(f"'{value}' is not a valid prefixed name", field=field_name)
        text = table[prefix] + local
    elif not absolute:
        raise ParameterError(f"'{value}' is not an IRI: give an absolute IRI or a prefixed "
                             f"name such as kgr:state/id", field=field_name)
    try:
        return ox.NamedNode(text)
    except ValueError as error:
        raise ParameterError(f"'{value}' is not a valid IRI ({error})", field=field_name) from None


def _term(param: Param, value: str, prefixes: dict[str, str]):
    name = param.name
    if param.type == "iri":
        return parse_iri(value, prefixes, field_name=name)
    if param.type == "lang":
        if not re.fullmatch(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*", value):
            raise ParameterError(f"'{value}' is not a language tag (such as en, id, bn, es)",
                                 field=name)
        return ox.Literal(value.lower())
    if param.type == "literal":
        return ox.Literal(value)
    datatype = parse_iri(param.type, {"xsd": XSD, **prefixes}, field_name=name)
    if not lexical_ok(value, datatype.value):
        raise ParameterError(f"'{value}' is not a valid {param.type}", field=name)
    return ox.Literal(value, datatype=datatype)


def bind(query: StoredQuery, values: dict[str, str] | None = None,
         lang: str | None = None) -> dict[str, object]:
    """``{variable: term}`` for the query's parameters from ``{name: text}`` values."""
    values = dict(values or {})
    if lang is not None and "lang" in query.params:
        values.setdefault("lang", lang)
    unknown = sorted(set(values) - set(query.params))
    if unknown:
        known = ", ".join(sorted(query.params)) or "none"
        raise ParameterError(f"query '{query.name}' has no parameter '{unknown[0]}' "
                             f"(its parameters: {known})", field=unknown[0])
    bound = {}
    prefixes = query.prefixes
    for name, param in query.params.items():
        value = values.get(name, param.default)
        if value is None:
            if param.required:
                raise ParameterError(f"query '{query.name}' needs --param {name}=<{param.type}>",
                                     field=name)
            continue
        bound[param.variable] = _term(param, value, prefixes)
    return bound


def parse_assignments(items) -> dict[str, str]:
    """``["a=kgr:state/id", …]`` → ``{"a": "kgr:state/id"}``."""
    values = {}
    for item in items or ():
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$").lstrip("_")
        if not sep or not name:
            raise ParameterError(f"expected --param NAME=VALUE, got '{item}'")
        values[name] = value
    return values


# --- running -------------------------------------------------------------------------------

def run(store: Store, query: StoredQuery, values=None, lang=None, *, limit: int | None = None,
        offset: int | None = None, iris: bool = False, allowed_services=()):
    """Run a stored query with its parameters bound; returns the store's result object.

    The lines that use an optional parameter (``?__name``) that is not given are left out.
    ``limit`` and ``offset`` page through the rows (every stored list query has a stable
    order: its columns, then the fact's IRI). ``iris`` adds each named entity's IRI
    (:func:`with_iris`). A ``SERVICE`` clause is refused unless its host is in
    ``allowed_services`` (:mod:`kg.outbound`).
    """
    from kg.outbound import check_services

    check_services(query.text, allowed_services)
    text, bindings = prepare(query, values, lang, limit=limit, offset=offset, iris=iris)
    if "_lang" in bindings and bindings["_lang"].value not in derived.LANGUAGES:
        # a language no label uses is shown as English, as the derived labels fall back
        bindings["_lang"] = ox.Literal(derived.display_language(store.query, bindings["_lang"].value))
    try:
        return store.query(text, bindings, prefixes=query.default_prefixes or None)
    except QueryError as error:
        if error.file is None:
            error.file = str(query.path or query.name)
        raise


_NAMED_COLUMN = re.compile(r"\(\s*MIN\(\s*\?(\w+)_name\s*\)\s+AS\s+\?(\w+)\s*\)", re.IGNORECASE)


def with_iris(text: str) -> str:
    r"""The query with a column ``COL_iri`` after its others for each column ``COL`` that
    names an entity: a projection ``(MIN(?x_name) AS ?COL)`` where the query binds ``?x``.

    >>> with_iris("SELECT (MIN(?a_name) AS ?state) WHERE { ?f ?p ?a BIND(STR(?a) AS ?a_name) } GROUP BY ?f")
    'SELECT (MIN(?a_name) AS ?state) (MIN(?a) AS ?state_iri) WHERE { ?f ?p ?a BIND(STR(?a) AS ?a_name) } GROUP BY ?f'
    """
    where = next((at for kind, token, at in sparql_tokens(text)
                  if (kind == "word" and token.upper() == "WHERE") or (kind == "open" and token == "{")), None)
    if where is None:
        return text
    body = {token for kind, token, at in sparql_tokens(text) if kind == "var" and at > where}
    added = [f"(MIN(?{entity}) AS ?{column}_iri)" for entity, column in _NAMED_COLUMN.findall(text[:where])
             if "?" + entity in body and entity != "fact"]  # the fact's IRI is the fact column
    if not added:
        return text
    head = text[:where].rstrip()
    return head + " " + " ".join(added) + " " + text[where:].lstrip()


def paged(text: str, limit: int | None = None, offset: int | None = None) -> str:
    r"""``text`` with ``LIMIT``/``OFFSET`` appended; a query with its own cannot take them.

    >>> paged("SELECT * { ?s ?p ?o } ORDER BY ?s", 10, 20)
    'SELECT * { ?s ?p ?o } ORDER BY ?s\nLIMIT 10 OFFSET 20\n'
    """
    if limit is None and offset is None:
        return text
    for name, value in (("--limit", limit), ("--offset", offset)):
        if value is not None and (not isinstance(value, int) or value < 0):
            raise ParameterError(f"{name} takes a whole number ≥ 0, not {value!r}")
    depth, tail = 0, []
    for kind, token, _ in sparql_tokens(text):
        if kind == "open" and token == "{":
            depth += 1
        elif kind == "close" and token == "}":
            depth -= 1
            tail = []
        elif depth == 0 and kind == "word":
            tail.append(token.upper())
    if "LIMIT" in tail or "OFFSET" in tail:
        raise ParameterError("this query has its own LIMIT or OFFSET; it cannot take --limit or --offset")
    words = ([f"LIMIT {limit}"] if limit is not None else []) + ([f"OFFSET {offset}"] if offset is not None else [])
    return text.rstrip() + "\n" + " ".join(words) + "\n"


def prepare(query: StoredQuery, values=None, lang=None, *, limit: int | None = None,
            offset: int | None = None, iris: bool = False) -> tuple[str, dict]:
    """``(text, bindings)`` that :func:`run` sends to the store: the lines of optional
    parameters not given left out, :func:`with_iris` and :func:`paged` applied."""
    check_readable(query.text, query.path or query.name)
    bindings = bind(query, values, lang)
    unset = {p.variable for p in query.params.values() if p.optional and p.variable not in bindings}
    text = without_lines_using(query.text, unset) if unset else query.text
    return paged(with_iris(text) if iris else text, limit, offset), bindings


def sparql_text(query: StoredQuery, values=None, lang=None, **options) -> str:
    r"""The query as one SPARQL text with its parameters written in, for another engine
    (``oxigraph query``, an HTTP client of ``kg serve``); ``options`` as :func:`prepare`'s.

    >>> print(sparql_text(parse("q", "SELECT ?x {\n ?x ?p ?__a .\n ?x ?q ?_b }"), {"b": "1"}))
    SELECT ?x {
    <BLANKLINE>
     ?x ?q "1" }
    """
    text, bindings = prepare(query, values, lang, **options)
    return place_bindings(text, bindings, substitutions=False)[0]


def adhoc(text: str) -> StoredQuery:
    """An ad-hoc query (``kg query -e``): the project's prefixes are predeclared."""
    query = parse("-e", text)
    query.default_prefixes = _project_prefixes()
    return query


# --- formatting ----------------------------------------------------------------------------

def _width(text: str) -> int:
    from kg.terminal import width

    return width(text)


def show(term, prefixes: dict[str, str]) -> str:
    """A term for a table cell: a prefixed name, ``<iri>``, a literal's text, ``_:b``."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, iri in sorted(prefixes.items(), key=lambda kv: -len(kv[1])):
            local = term.value[len(iri):]
            if term.value.startswith(iri) and re.fullmatch(r"[\w\-./]*", local):
                return f"{prefix}:{local}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return " ".join(term.value.split())
    return str(term)


def table(variables: list[str], rows: list[list], prefixes: dict[str, str], columns: int | None = None) -> str:
    """Aligned columns (widths in display cells); with ``columns``, the widest columns give
    way until each line fits in that many cells, and longer cells end in ``…``."""
    from kg.terminal import cut, fit

    cells = [[show(t, prefixes) for t in row] for row in rows]
    widths = [max([_width(v)] + [_width(r[i]) for r in cells]) for i, v in enumerate(variables)]
    if columns:
        widths = fit(widths, columns, floors=[min(w, max(_width(v), 6)) for v, w in zip(variables, widths)])

    def line(values):
        values = [cut(v, w) for v, w in zip(values, widths)]
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(variables), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def render(result, fmt: str = "table", prefixes: dict[str, str] | None = None,
           columns: int | None = None) -> bytes:
    """Serialize a query result: ``table`` (fitted to ``columns`` cells if given), ``csv``,
    ``tsv`` or ``json`` (W3C formats).

    A graph result (CONSTRUCT, DESCRIBE) is written as Turtle whatever the format.
    """
    prefixes = dict(prefixes or {})
    if fmt not in FORMATS:
        raise FormatError(f"unknown result format '{fmt}' (choose from {', '.join(FORMATS)})")
    if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
        if fmt != "table":
            kind = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                    "json": ox.QueryResultsFormat.JSON}[fmt]
            data = result.serialize(format=kind)
            return data if data.endswith(b"\n") else data + b"\n"
        if isinstance(result, ox.QueryBoolean):
            return b"true\n" if bool(result) else b"false\n"
        names = [v.value for v in result.variables]
        rows = [[solution[n] for n in names] for solution in result]
        return table(names, rows, prefixes, columns).encode()
    triples = sorted(result, key=str)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes or None)


def describe_params(query: StoredQuery) -> str:
    r"""Its parameters as ``kg query`` takes them: ``name=default``, ``name=TYPE`` (required),
    ``[name=TYPE]`` (optional).

    >>> describe_params(parse("q", "#+ param: a: iri\nSELECT * { ?_a ?p ?__b FILTER(lang(?p) = ?_lang) }"))
    'a=iri [b=literal] lang=en'
    """
    shown = []
    for param in sorted(query.params.values(), key=lambda p: p.name):
        if param.optional:
            shown.append(f"[{param.name}={param.type}]")
        else:
            shown.append(f"{param.name}={param.default if param.default is not None else param.type}")
    return " ".join(shown)


def check_readable(text: str, file=None) -> None:
    """Refuse SPARQL updates (and what is no query at all) before they reach a store."""
    form = query_form(text)
    if form is None:
        raise QueryError("empty query")
    if form in UPDATE_FORMS:
        raise UpdateRefused(f"kg query runs read-only queries; {form} is an update "
                            f"(use `kg add` to add triples)")
    if form not in READ_FORMS:
        at = next(offset for kind, tok, offset in sparql_tokens(text) if tok.upper() == form)
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        hint = "; to run a query file, name it without -e" if text.strip().endswith(".rq") else ""
        raise QueryError(f"SPARQL syntax error at line {line} column {column}: expected SELECT, "
                         f"ASK, CONSTRUCT or DESCRIBE, not '{text[at:at + len(form)]}'{hint}",
                         file=file, line=line, column=column)
