"""Precision and recall of extraction against facts a reader wrote down (tests/cases/).

Each case folder holds an ``expected.yaml`` (format: tests/cases/README.md). The document
is extracted as ``kg build`` would, the extracted graph is read back with one SPARQL
query per fact type, and each row is matched with the expected facts of that type.

>>> normalize("Non-Aligned  Movement (NAM)")
'non aligned movement nam'
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import yaml

from . import paths
from .errors import KgError
from .factkinds import KINDS
from .sources import Document, read_catalog

SETS = ("seed", "dev", "test")

#: Per fact type, the query that reads a node's fields from an extracted graph (``?node`` is
#: the fact node; a node's rows are merged, keeping each field's most precise value).
#: Entity columns are compared by ISO code (states) or by any label; the rest as text.
KEY_QUERIES = {
    "relation": """SELECT ?node ?states ?date WHERE {
        ?node a kg:BilateralRelation ; kg:state ?a, ?b . FILTER(STR(?a) < STR(?b))
        BIND(CONCAT(STR(?a), " ", STR(?b)) AS ?states) OPTIONAL { ?node kg:established ?date } }""",
    "membership": """SELECT ?node ?state ?organization WHERE {
        ?node a kg:Membership ; org:member ?state ; org:organization ?organization }""",
    "mission": """SELECT ?node ?sending ?receiving ?kind ?city ?date ?status WHERE {
        ?node a/rdfs:subClassOf* kg:DiplomaticMission ; kg:sendingState ?sending ; kg:receivingState ?receiving ;
              kg:missionKind ?k
        BIND(STRAFTER(STR(?k), "mission-kind/") AS ?kind)
        BIND(IF(EXISTS { ?opening kg:mission ?node ; schema:eventStatus schema:EventScheduled }, "planned", "actual")
             AS ?status)
        OPTIONAL { ?node kg:city ?city } OPTIONAL { ?node kg:opened ?date } }""",
    "agreement": """SELECT ?node ?kind ?parties ?status ?date WHERE {
        ?node a/rdfs:subClassOf* kg:Agreement .
        { SELECT ?node (GROUP_CONCAT(STR(?p); separator=" ") AS ?parties) WHERE { ?node kg:party ?p } GROUP BY ?node }
        BIND(IF(EXISTS { ?node a kg:MemorandumOfUnderstanding }, "mou",
             IF(EXISTS { ?node a kg:JointDeclaration }, "declaration", "agreement")) AS ?kind)
        OPTIONAL { ?node kg:agreementStatus ?s } BIND(COALESCE(STRAFTER(STR(?s), "agreement-status/"), "signed") AS ?status)
        OPTIONAL { ?node kg:date ?date } }""",
    "event": """SELECT ?node ?kind ?date ?place ?status WHERE {
        VALUES (?class ?kind) { (kg:StateVisit "state-visit") (kg:Visit "visit") (kg:CourtesyCall "courtesy-call")
                                (kg:BilateralMeeting "meeting") (kg:JointPressConference "press-conference")
                                (kg:Summit "summit") }
        ?node a ?class . FILTER NOT EXISTS { ?node kg:organization ?forum }   # bilateral events only
        BIND(IF(EXISTS { ?node schema:eventStatus schema:EventScheduled }, "planned", "actual") AS ?status)
        OPTIONAL { ?node kg:date ?date } OPTIONAL { ?node kg:place ?place } }""",
    "office": """SELECT ?node ?person ?office ?state ?date WHERE {
        ?node a kg:OfficeHolding ; kg:holder ?person ; kg:office ?office ; kg:state ?state
        OPTIONAL { ?node kg:date ?date } }""",
    "trade": """SELECT ?node ?year ?value ?currency ?direction WHERE {
        ?node a kg:TradeStatistic ; kg:year ?year .
        OPTIONAL { ?node kg:exporter ?from ; kg:importer ?to }
        BIND(IF(BOUND(?from), CONCAT(UCASE(STRAFTER(STR(?from), "state/")), ">", UCASE(STRAFTER(STR(?to), "state/"))),
                "total") AS ?direction)
        OPTIONAL { ?node kg:value ?value ; kg:currency ?currency } }""",
    "export": """SELECT ?node ?exporter ?product WHERE { ?node a kg:ExportFlow ; kg:exporter ?exporter ; kg:product ?product }""",
    "cooperation": """SELECT ?node ?area WHERE { ?node a kg:Cooperation ; kg:area ?area }""",
    "award": """SELECT ?node ?award ?recipient WHERE { ?node a kg:AwardConferral ; kg:award ?award ; kg:recipient ?recipient }""",
    "market-entry": """SELECT ?node ?company ?market WHERE { ?node a kg:MarketEntry ; kg:company ?company ; kg:market ?market }""",
}

#: Per fact type, the fields compared only where the reader wrote a value (tests/cases/README.md);
#: every other column is a key field, compared always. From the registry of fact kinds.
WHERE_GIVEN = {kind.case: set(kind.compared_where_given) for kind in KINDS.values()
               if kind.case and kind.compared_where_given}
#: Defaults of key fields a reader may leave out.
DEFAULTS = {"agreement": {"status": "signed"}}
STATE_FIELDS = {"states", "state", "sending", "receiving", "parties", "exporter", "market"}
NAME_QUERY = """SELECT ?node ?name WHERE { VALUES ?p { rdfs:label skos:prefLabel skos:altLabel skos:notation schema:name }
                                     ?node ?p ?name }"""


def normalize(text) -> str:
    """Case, accents, hyphens and punctuation folded away, for comparing names: a Latin letter
    is its base letter ("Asunción" is "asuncion"), other scripts are kept.

    >>> normalize("Asunción"), normalize("São Tomé"), normalize("শেখ হাসিনা")
    ('asuncion', 'sao tome', 'শেখ হাসিনা')
    """
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = "".join(base if (base := unicodedata.normalize("NFKD", char)[0]).isascii() else char for char in text)
    # a vowel sign (a combining mark: the া of হাসিনা) is of its word, not punctuation
    return " ".join("".join(c if c.isalnum() or unicodedata.category(c)[0] == "M" else " " for c in text).split())


@dataclass
class Case:
    """One document and the facts its reader found."""

    id: str
    set: str
    document: Document = field(repr=False)     # a test document's text and facts stay out of
    expected: list[dict] = field(repr=False)   # tracebacks: rule writers must not see them


@dataclass
class Score:
    """Matched, found and expected counts, with precision and recall."""

    matched: int = 0
    found: int = 0
    expected: int = 0
    negated: int = 0      # found facts the document denies

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        both = self.precision + self.recall
        return 2 * self.precision * self.recall / both if both else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "matched": self.matched, "found": self.found, "expected": self.expected, "negated": self.negated}

    def __iadd__(self, other: "Score") -> "Score":
        self.matched += other.matched
        self.found += other.found
        self.expected += other.expected
        self.negated += other.negated
        return self


@dataclass
class CaseResult:
    """What extraction found in one case: scores per type, and the misses either way."""

    case: Case
    scores: dict[str, Score] = field(default_factory=dict)
    missed: list[dict] = field(default_factory=list)      # expected, not found
    spurious: list[dict] = field(default_factory=list)    # found, not expected
    error: str | None = None                              # why extraction failed, if it did


def load_cases(cases_dir: Path, sources_dir: Path = paths.SOURCES_DIR) -> list[Case]:
    """Every case under ``cases_dir``; a seed case's document comes from ``sources_dir``."""
    seeds = {d.id: d for d in read_catalog(sources_dir)} if (sources_dir / "catalog.csv").is_file() else {}
    cases = []
    for expected_file in sorted(Path(cases_dir).glob("*/expected.yaml")):
        folder = expected_file.parent
        spec = _read_yaml(expected_file)
        if (folder / "catalog.csv").is_file():
            documents = {d.id: d for d in read_catalog(folder)}
        else:
            documents = seeds
        if spec.get("id") not in documents:
            raise KgError(f"id {spec.get('id')!r} is not in the catalog", file=expected_file, field="id")
        if spec.get("set") not in SETS:
            raise KgError(f"set must be one of {', '.join(SETS)}", file=expected_file, field="set")
        facts = spec.get("facts") or []
        for number, fact in enumerate(facts, 1):
            if not isinstance(fact, dict) or fact.get("type") not in KEY_QUERIES:
                raise KgError(f"fact {number}: type must be one of {', '.join(KEY_QUERIES)}",
                              file=expected_file, field="type")
            if fact.get("polarity", "positive") not in ("positive", "negative"):
                raise KgError(f"fact {number}: polarity must be positive or negative",
                              file=expected_file, field="polarity")
        cases.append(Case(spec["id"], spec["set"], documents[spec["id"]], facts))
    if not cases:
        raise KgError("no */expected.yaml here", file=cases_dir)
    return cases


def evaluate(cases: list[Case], extractor) -> list[CaseResult]:
    """Extract each case's document with ``extractor`` (a :class:`kg.build.Extractor`) and score it."""
    from .terms import to_ox_quad

    results = []
    for case in cases:
        engine = ox.Store()
        engine.extend(to_ox_quad(t) for t in extractor.entities)
        try:
            engine.extend(to_ox_quad(t) for t in extractor.graph(case.document))
            error = None
        except KgError as failure:     # counts as finding nothing
            error = str(failure)
        result = _score(case, engine)
        result.error = error
        results.append(result)
    return results


def totals(results: list[CaseResult]) -> dict[str, Score]:
    """Scores summed per fact type, plus ``all``."""
    summed: dict[str, Score] = {}
    for result in results:
        for kind, score in result.scores.items():
            summed.setdefault(kind, Score())
            summed[kind] += score
    overall = Score()
    for score in summed.values():
        overall += score
    return {**dict(sorted(summed.items())), "all": overall}


def _score(case: Case, engine) -> CaseResult:
    from .namespaces import PREFIXES

    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    result = CaseResult(case)
    for kind, query in KEY_QUERIES.items():
        columns = [c for c in _columns(query) if c != "node"]
        found = _distinct(_by_node(engine.query(prefixes + query), columns))
        facts = [fact for fact in case.expected if fact["type"] == kind]
        expected = _distinct([_expected_fields(kind, fact, columns) for fact in facts
                              if fact.get("polarity") != "negative"])
        denied = [_expected_fields(kind, fact, columns) for fact in facts if fact.get("polarity") == "negative"]
        if not found and not expected:
            continue
        unmatched, missed = list(found), list(expected)
        score = Score(found=len(found), expected=len(expected))
        for loose in (False, True):     # exact names first, so a loose match cannot take another's row
            pairs = most_pairs(missed, unmatched,
                               lambda fact, row: _matches(kind, fact, row, engine, prefixes, loose))
            for fact, row in pairs:
                unmatched.remove(row)
                missed.remove(fact)
            score.matched += len(pairs)
        score.negated = sum(any(_matches(kind, fact, row, engine, prefixes, True) for fact in denied)
                            for row in unmatched)
        result.missed += [{"type": kind, **fact} for fact in missed]
        result.spurious += [{"type": kind, **{k: _show(v) for k, v in row.items()}} for row in unmatched]
        result.scores[kind] = score
    return result


def most_pairs(expected: list, found: list, matches) -> list[tuple]:
    """As many (expected, found) pairs as ``matches`` allows, each item in one pair at most (a
    maximum bipartite matching, by augmenting paths), so an expected fact that leaves a field
    open cannot take the one row another expected fact needs.

    >>> sorted(most_pairs(["any", "1989"], ["1989", "2001"], lambda e, f: e == "any" or e == f))
    [('1989', '1989'), ('any', '2001')]
    """
    edges = [[j for j, row in enumerate(found) if matches(fact, row)] for fact in expected]
    taken: dict[int, int] = {}          # found index -> expected index

    def augment(i: int, seen: set) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in taken or augment(taken[j], seen):
                    taken[j] = i
                    return True
        return False

    for i in range(len(expected)):
        augment(i, set())
    return [(expected[i], found[j]) for j, i in sorted(taken.items(), key=lambda item: item[1])]


def _by_node(rows, columns: list[str]) -> list[dict]:
    """One row per fact node: where a node has several values of a field, the most precise
    (longest) one, so a node with a full and a partial date counts once."""
    merged: dict = {}
    for row in rows:
        node = merged.setdefault(str(row["node"]), dict.fromkeys(columns))
        for name in columns:
            term = row[name]
            if term is not None and (node[name] is None or len(term.value) > len(node[name].value)):
                node[name] = term
    return [{name: _sorted_list(name, term) for name, term in node.items()} for node in merged.values()]


def _expected_fields(kind: str, fact: dict, columns: list[str]) -> dict:
    """The reader's values of the columns compared for ``kind``, with the type's defaults."""
    fields = {**DEFAULTS.get(kind, {}), **{k: v for k, v in fact.items() if v is not None}}
    return {name: fields.get(name) for name in columns}


def _sorted_list(name: str, term):
    """A space-separated list of IRIs (``states``, ``parties``) in one order, so equal sets compare equal."""
    return ox.Literal(" ".join(sorted(term.value.split()))) if name in ("states", "parties") and term else term


def _columns(query: str) -> list[str]:
    head = query.split("WHERE", 1)[0]
    return re.findall(r"\?(\w+)", head)


def _distinct(rows: list[dict]) -> list[dict]:
    seen, unique = set(), []
    for row in rows:
        key = tuple(sorted((k, str(v)) for k, v in row.items()))
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique


def _matches(kind: str, expected: dict, row: dict, engine, prefixes: str, loose: bool) -> bool:
    optional = WHERE_GIVEN.get(kind, set())
    return all(_field_matches(name, expected.get(name), row.get(name), engine, prefixes, loose)
               for name in row if not (name in optional and expected.get(name) is None))


def _field_matches(name: str, expected, found, engine, prefixes: str, loose: bool) -> bool:
    if expected is None or found is None:
        return expected is None and found is None
    if name in ("states", "parties"):
        codes = {_iso(iri) for iri in found.value.split()}
        return codes == {str(code).upper() for code in expected}
    if name in STATE_FIELDS:
        return isinstance(found, ox.NamedNode) and _iso(found.value) == str(expected).upper()
    if name == "value":
        try:
            return Decimal(str(expected)) == Decimal(found.value)
        except InvalidOperation:
            return False
    if name == "date":  # at the reader's precision: 1989 matches 1989-05-12, not the other way
        return found.value.startswith(str(expected))
    if isinstance(found, ox.NamedNode):
        names = {normalize(row["name"].value)
                 for row in engine.query(prefixes + NAME_QUERY, substitutions={ox.Variable("node"): found})}
        # a list gives one name in English and one as the document writes it: either matches
        return any(_name_matches(normalize(wanted), names, loose)
                   for wanted in (expected if isinstance(expected, list) else [expected]))
    return normalize(found.value) == normalize(expected)


def _name_matches(wanted: str, names: set[str], loose: bool) -> bool:
    """Whether ``wanted`` is one of a node's ``names``; ``loose`` takes a shorter or longer form too.

    >>> _name_matches("jane doe", {"jane q. doe"}, loose=True)
    True
    """
    if wanted in names:
        return True
    words = set(wanted.split())
    return loose and any(words <= set(n.split()) or set(n.split()) <= words for n in names if n)


def _iso(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].upper()


def _show(term) -> str:
    return "" if term is None else term.value


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise KgError(f"not valid YAML: {getattr(error, 'problem', error)}", file=path,
                      line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise KgError("expected a mapping with id, set and facts", file=path)
    return data


def table(scores: dict[str, Score], cases: int) -> str:
    """The scores as an aligned text table (the last row is ``all``)."""
    lines = [f"{'type':<13} {'precision':>9} {'recall':>7} {'f1':>5} {'matched':>8} {'found':>6} {'expected':>9} "
             f"{'negated':>8}"]
    for kind, s in scores.items():
        lines.append(f"{kind:<13} {s.precision:>9.2f} {s.recall:>7.2f} {s.f1:>5.2f} {s.matched:>8} {s.found:>6} "
                     f"{s.expected:>9} {s.negated:>8}")
    lines.append(f"({cases} documents; negated: found facts the document denies)")
    return "\n".join(lines)


def side_by_side(by_set: dict[str, dict[str, Score]], documents: dict[str, int]) -> str:
    """Precision / recall (matched of expected) per type, one column per set.

    >>> print(side_by_side({"dev": {"all": Score(3, 4, 6)}}, {"dev": 2}))
    type          dev (2 docs)
    all           0.75 / 0.50 (3/6)
    """
    kinds = sorted({k for scores in by_set.values() for k in scores if k != "all"}) + ["all"]
    width = 22
    lines = [f"{'type':<13} " + " ".join(f"{f'{name} ({documents[name]} docs)':<{width}}" for name in by_set).rstrip()]
    for kind in kinds:
        cells = []
        for scores in by_set.values():
            s = scores.get(kind)
            cells.append(f"{s.precision:.2f} / {s.recall:.2f} ({s.matched}/{s.expected})" if s else "-")
        lines.append(f"{kind:<13} " + " ".join(f"{c:<{width}}" for c in cells).rstrip())
    return "\n".join(lines)


def baseline(scores: dict[str, Score], cases: int) -> dict:
    """What ``kg eval --set test --write-baseline`` records: overall and per-type figures."""
    return {"set": "test", "documents": cases, **scores["all"].as_dict(),
            "types": {kind: s.as_dict() for kind, s in scores.items() if kind != "all"}}
