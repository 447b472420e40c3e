"""The lexicon: every name a reference entity has in one language, read from the graph.

Names are the ``rdfs:label``, ``skos:prefLabel`` and ``skos:altLabel`` values in the
document's language (and untagged ones) of reference entities; the entity's class
decides its lexicon type (``State``, ``City``, ``Organization``, …). A language may add
inflection suffixes (Bengali ``-র``, ``-তে``), matched after any name.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''@prefix kg: <https://w3id.org/bilateral-relations/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... <https://w3id.org/bilateral-relations/id/state/pe> a kg:State ; rdfs:label "পেরু"@bn .''', format="turtle")
>>> lex = Lexicon.from_graph(g, "bn", suffixes=["র", "তে"])
>>> lex.lookup("State", "পেরুতে")
'https://w3id.org/bilateral-relations/id/state/pe'
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from .text import ascii_digits

from rdflib import RDF, RDFS, Literal
from rdflib.namespace import DCTERMS, SKOS

from ..rdfterms import KG

TYPES = {
    KG.State: "State",
    KG.City: "City",
    KG.InternationalOrganization: "Organization",
    KG.GovernmentAgency: "Agency",
    KG.Venue: "Venue",
    KG.Award: "Award",
    KG.Company: "Company",
    KG.Office: "Office",
    KG.CooperationArea: "Area",
    KG.Product: "Product",
}

# Letters and marks of any script: a name must not start or end inside a word.
WORD = r"[\w\u0300-\u036f\u0900-\u0963\u0966-\u0dff]"


def normal(text: str) -> str:
    """The form names are compared in: NFC, case-folded, ASCII digits, hyphens and runs of
    spaces as one space (``normal("উন্নয়নশীল ৮ টি-দেশ")`` is ``"উন্নয়নশীল 8 টি দেশ"``)."""
    return re.sub(r"[\s\-–]+", " ", ascii_digits(unicodedata.normalize("NFC", text))).casefold().strip()


class Lexicon:
    """Names of reference entities by type, for one language."""

    def __init__(self, names: dict[str, dict[str, str]], suffixes: list[str]):
        self.names = names            # type -> normal(name) -> IRI
        self.suffixes = sorted(suffixes, key=len, reverse=True)
        self._regex: dict[str, str] = {}
        self._compiled: dict[str, re.Pattern] = {}
        self.unmatched: set[str] = set()   # IRIs the rules' regexes leave to the gazetteer (bulk data)
        self.labels: list[tuple[str, str, str]] = []   # (name as written, type, IRI)

    @classmethod
    def from_graph(cls, graph, language: str, suffixes: list[str] = (), gazetteer_only=()) -> "Lexicon":
        """Collect the names in ``language`` of every typed entity in ``graph``.

        Entities whose ``dcterms:source`` starts with one of ``gazetteer_only`` (bulk
        reference data: GeoNames, the Factbook) are looked up by name but left out of the
        rules' regexes, which would take long to compile; the gazetteer finds them."""
        names: dict[str, dict[str, str]] = defaultdict(dict)
        labels = []
        for cls_iri, type_name in TYPES.items():
            for entity in graph.subjects(RDF.type, cls_iri):
                for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
                    for label in graph.objects(entity, prop):
                        if isinstance(label, Literal) and label.language in (language, None):
                            names[type_name].setdefault(normal(label), str(entity))
                            labels.append((str(label), type_name, str(entity)))
        lexicon = cls(dict(names), list(suffixes))
        lexicon.labels = labels
        if gazetteer_only:
            lexicon.unmatched = {str(entity) for entity, source in graph.subject_objects(DCTERMS.source)
                                 if str(source).startswith(tuple(gazetteer_only))}
        return lexicon

    def types(self) -> list[str]:
        """The lexicon types that have at least one name."""
        return sorted(self.names)

    def regex(self, type_name: str) -> str:
        """A non-capturing regex matching any name of ``type_name`` (with a suffix)."""
        if type_name not in self._regex:
            forms = sorted((name for name, iri in self.names.get(type_name, {}).items() if iri not in self.unmatched),
                           key=len, reverse=True)
            body = "|".join(_flexible(f) for f in forms) or "(?!x)x"
            suffix = "(?:" + "|".join(map(re.escape, self.suffixes)) + ")?" if self.suffixes else ""
            self._regex[type_name] = rf"(?<!{WORD})(?i:{body}){suffix}(?!{WORD})"
        return self._regex[type_name]

    def lookup(self, type_name: str, text: str) -> str | None:
        """The IRI of the entity named ``text`` (a suffix may follow the name)."""
        table = self.names.get(type_name, {})
        key = normal(text)
        if key in table:
            return table[key]
        for suffix in self.suffixes:
            if key.endswith(suffix) and key[: -len(suffix)].strip() in table:
                return table[key[: -len(suffix)].strip()]
        return None

    def find_all(self, type_name: str, text: str) -> list[tuple[int, int, str]]:
        """Every mention of a ``type_name`` entity in ``text``: (start, end, IRI)."""
        found = []
        compiled = self._compiled.get(type_name)
        if compiled is None:       # compiled once: the re module's own cache is too small for these
            compiled = self._compiled[type_name] = re.compile(self.regex(type_name))
        for match in compiled.finditer(text):
            iri = self.lookup(type_name, match.group())
            if iri:
                found.append((match.start(), match.end(), iri))
        return found


def _flexible(name: str) -> str:
    """Escape a (normal) name for a regex, letting its spaces be spaces or hyphens."""
    return r"[\s\-–]+".join(re.escape(part) for part in name.split(" "))
