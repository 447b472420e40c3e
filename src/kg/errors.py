"""Error types (one per cause) and the exit codes of the ``kg`` command, in one place.

Every error carries, where known, the file, line, column and field it is about, and a
one-line message; ``str(error)`` is the line the command prints after ``kg: error:``.

>>> str(ParseError("a dot is expected", file="batch.ttl", line=3, column=1))
'batch.ttl:3:1: a dot is expected'
>>> UnknownQuery("relatoins", suggestion="relations").exit_code
2

Exit codes (as pySHACL's): 0 the command succeeded / the data conforms, 1 the data has
violations, 2 an error (bad input, unknown query, unreadable file, locked or missing
store, an endpoint that cannot be reached or answers with an HTTP error), 130 interrupted.
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130


class KgError(Exception):
    """Base of every error the ``kg`` command reports as one line and exit code 2."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, *, file=None, line: int | None = None,
                 column: int | None = None, field: str | None = None):
        super().__init__(message)
        self.message = " ".join(str(message).split())  # always one line
        self.file = None if file is None else str(file)
        self.line = line
        self.column = column
        self.field = field

    def location(self) -> str:
        """``file:line:col`` (as much of it as is known), or ``""``."""
        parts = [p for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        head = self.location()
        field = f"{self.field}: " if self.field else ""
        return f"{head}: {field}{self.message}" if head else f"{field}{self.message}"


# --- input ---------------------------------------------------------------------------

class InputError(KgError):
    """Bad input in general: an unusable argument or file."""


class FileMissing(InputError):
    """A file named on the command line does not exist."""


class FileUnreadable(InputError):
    """A file exists but cannot be read (permissions, a directory, an I/O error)."""


class EncodingError(InputError):
    """A text file is not valid UTF-8 (line and column of the first bad byte)."""


class EmptyInput(InputError):
    """A file holds no triples."""


class ParseError(InputError):
    """An RDF or SPARQL syntax error, with line and column."""


class UnknownPrefix(ParseError):
    """A prefixed name whose prefix is not declared."""


class FormatError(InputError):
    """An unknown or unsupported serialization format."""


# --- queries -------------------------------------------------------------------------

class UnknownQuery(KgError):
    """No stored query has that name; carries the closest name, if any."""

    def __init__(self, name: str, suggestion: str | None = None, **where):
        hint = f"; did you mean '{suggestion}'?" if suggestion else "; `kg queries` lists them"
        super().__init__(f"no stored query named '{name}'{hint}", **where)
        self.name = name
        self.suggestion = suggestion


class ParameterError(KgError):
    """A query parameter is missing, unknown, or its value is not of its type."""


class QueryError(KgError):
    """A SPARQL query is malformed or failed while running."""


class ServiceRefused(QueryError):
    """A query's SERVICE clause would send a request to a host that was not allowed."""


class QueryTimeout(QueryError):
    """A query ran longer than its time limit (``--timeout``) and was stopped."""


class UpdateRefused(QueryError):
    """``kg query`` runs read-only queries; a SPARQL update was given."""


# --- store ---------------------------------------------------------------------------

class StoreError(KgError):
    """The store cannot be used."""


class StoreMissing(StoreError):
    """There is no store at the given location."""


class StoreDamaged(StoreError):
    """The store's files are truncated, corrupt or missing: it must be rebuilt."""


class StoreLocked(StoreError):
    """Another process holds the store open for writing."""


class EndpointError(StoreError):
    """A remote SPARQL endpoint answered with an error, refused an update, or could not be reached."""


class ServeError(StoreError):
    """``kg serve``: the Oxigraph server could not start, or stopped with an error."""


# --- the pipeline ----------------------------------------------------------------------

class NotAvailable(KgError):
    """A part of the pipeline this command needs is not installed or not written yet."""


# --- sources and extraction ----------------------------------------------------------

class RuleError(KgError):
    """A rule or lexicon file that cannot be used (YAML error, missing key, bad pattern)."""


class CatalogError(KgError):
    """The source catalog is missing, malformed, or names a file that is not there."""


class ExtractionError(KgError):
    """One document could not be extracted (the others still build)."""


class BuildInvalid(KgError):
    """The built graph does not conform to the shapes or is inconsistent: exit 1, store unchanged."""

    exit_code = EXIT_VIOLATIONS
