"""The source documents: the catalog (``catalog.csv``) and reading each document.

>>> docs = read_catalog(paths.SOURCES_DIR)
>>> docs[0].language
'bn'
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS

from . import paths  # noqa: F401  (used by the doctest)
from .errors import CatalogError, EncodingError, FileMissing
from .extract.dates import make_date
from .facts import PartialDate
from .languages import LANGUAGES
from .rdfterms import KG, SCHEMA, mint

COLUMNS = ("id", "file", "language", "date", "title", "publisher", "url", "license")
IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+")


@dataclass(frozen=True)
class Document:
    """One catalog row: a document and what is known about it."""

    id: str
    path: Path
    language: str
    date: PartialDate | None
    title: str
    publisher: str
    url: str
    license: str

    @property
    def iri(self) -> URIRef:
        return mint("document", self.id)

    def text(self) -> str:
        """The document's text (UTF-8; a regular file of at most 10 MiB, :mod:`kg.inputs`)."""
        from .inputs import read_bytes

        try:
            data = read_bytes(self.path, "document")
        except FileMissing:
            raise FileMissing("document listed in the catalog is missing", file=self.path) from None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise EncodingError(f"not UTF-8 (byte {exc.start})", file=self.path) from None

    def triples(self):
        """The document's catalog entry as RDF."""
        yield self.iri, RDF.type, KG.SourceDocument
        yield self.iri, DCTERMS.identifier, Literal(self.id)
        yield self.iri, DCTERMS.language, Literal(self.language)
        if self.title:
            yield self.iri, DCTERMS.title, Literal(self.title, lang=self.language)
        if self.publisher:
            yield self.iri, DCTERMS.publisher, Literal(self.publisher)
        if self.url:
            yield self.iri, SCHEMA.url, URIRef(self.url)
        if self.license:      # an IRI, or the catalog's free text ("CC BY 4.0") kept as a literal
            yield self.iri, DCTERMS.license, URIRef(self.license) if IRI.fullmatch(self.license) else Literal(self.license)
        if self.date:
            yield self.iri, DCTERMS.issued, Literal(self.date.lexical, datatype=XSD[self.date.datatype])


def read_catalog(sources_dir: Path) -> list[Document]:
    """Read ``sources_dir/catalog.csv``; each problem is reported with its line and field."""
    from .inputs import read_bytes

    catalog = sources_dir / "catalog.csv"
    if not catalog.exists():
        raise CatalogError("no catalog.csv (columns: " + ", ".join(COLUMNS) + ")", file=catalog)
    try:
        reader = csv.DictReader(io.StringIO(read_bytes(catalog, "catalog").decode("utf-8"), newline=""))
        rows = list(reader)
    except UnicodeDecodeError as exc:
        raise EncodingError(f"not UTF-8 (byte {exc.start})", file=catalog) from None
    except csv.Error as exc:
        raise CatalogError(f"not CSV: {exc}", file=catalog, line=reader.line_num) from None
    missing = [c for c in COLUMNS if rows and c not in rows[0]]
    if missing:
        raise CatalogError(f"missing column(s): {', '.join(missing)}", file=catalog, line=1)
    header = list(reader.fieldnames or [])
    documents, seen = [], set()
    for line, row in enumerate(rows, start=2):
        if None in row or any(row[c] is None for c in COLUMNS):
            raise CatalogError(f"this row does not have the header's {len(header)} fields",
                               file=catalog, line=line)
        for name in ("url",):
            if row[name] and not IRI.fullmatch(row[name]):
                raise CatalogError(f"{row[name]!r} is not an absolute IRI (such as https://…)",
                                   file=catalog, line=line, column=header.index(name) + 1, field=name)
        if row["id"] in seen:
            raise CatalogError(f"duplicate id {row['id']!r}", file=catalog, line=line, field="id")
        seen.add(row["id"])
        if row["language"] not in LANGUAGES:
            raise CatalogError(f"language {row['language']!r} is not one of {', '.join(LANGUAGES)}",
                               file=catalog, line=line, field="language")
        documents.append(Document(
            id=row["id"], path=sources_dir / row["file"], language=row["language"],
            date=_date(row["date"], catalog, line), title=row["title"], publisher=row["publisher"],
            url=row["url"], license=row["license"]))
    return documents


def _date(text: str, catalog: Path, line: int) -> PartialDate | None:
    if not text:
        return None
    parts = text.split("-")
    try:
        date = make_date(*(int(p) for p in parts)) if 1 <= len(parts) <= 3 else None
    except ValueError:
        date = None
    if date is None:
        raise CatalogError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD", file=catalog, line=line, field="date")
    return date
