"""Untrusted input files: what kg refuses before a parser sees it.

* Only regular files are read: a FIFO, a device or a socket is refused at once (opened
  without blocking), never waited on.
* Each kind of input has a size limit (:data:`LIMITS`), checked before reading.
* RDF/XML: entities may abbreviate (``<!ENTITY xsd "http://…#">``), but an external entity
  (``SYSTEM``/``PUBLIC``), an entity defined by other entities, or references that would
  expand past the limit are refused, so a "billion laughs" file is refused, not expanded.

>>> check_rdf_xml(b'<!DOCTYPE rdf:RDF [<!ENTITY a "x"> <!ENTITY b "&a;&a;">]><rdf:RDF/>', "f.rdf")
Traceback (most recent call last):
...
kg.errors.InputError: f.rdf:1:36: RDF/XML entity 'b' is defined by other entities; kg does not expand nested entities
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from kg.errors import FileMissing, FileUnreadable, InputError

MiB = 1024 * 1024
LIMITS = {"batch": 64 * MiB, "document": 10 * MiB, "query": 1 * MiB, "catalog": 16 * MiB}
MAX_BATCH_TRIPLES = 250_000
EXPANSION_LIMIT = 16 * MiB  # bytes that entity references in one RDF/XML file may expand to


def read_bytes(path, kind: str) -> bytes:
    """The bytes of the regular file ``path``, at most ``LIMITS[kind]`` of them; every other
    case is a one-line :class:`~kg.errors.KgError` naming the file."""
    path = Path(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise FileMissing("no such file", file=path) from None
    except IsADirectoryError:
        raise FileUnreadable("is a directory, not a file", file=path) from None
    except OSError as error:
        raise FileUnreadable(error.strerror or str(error), file=path) from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise FileUnreadable("is a directory, not a file", file=path)
        raise FileUnreadable("is not a regular file (a FIFO, a device or a socket); kg reads "
                             "only files", file=path)
    with os.fdopen(descriptor, "rb") as file:
        limit = LIMITS[kind]
        size = status.st_size
        if size > limit:
            raise InputError(f"{size} bytes is over the limit for a {kind} ({limit // MiB} MiB)", file=path)
        try:
            return file.read(limit + 1)
        except OSError as error:
            raise FileUnreadable(error.strerror or str(error), file=path) from None


_ENTITY = re.compile(rb'<!ENTITY\s+(%\s+)?([^\s>]+)\s+(SYSTEM|PUBLIC|"([^"]*)"|\'([^\']*)\')')


def _place(data: bytes, offset: int, file) -> dict:
    line = data.count(b"\n", 0, offset) + 1
    return {"file": file, "line": line, "column": offset - (data.rfind(b"\n", 0, offset) + 1) + 1}


def check_rdf_xml(data: bytes, file) -> None:
    """Refuse external, parameter or nested entities and references expanding past the limit."""
    if b"<!ENTITY" not in data:
        return
    sizes = {}
    for match in _ENTITY.finditer(data):
        name = match[2].decode("utf-8", "replace")
        where = _place(data, match.start(), file)
        if match[1] or match[3] in (b"SYSTEM", b"PUBLIC"):
            raise InputError(f"RDF/XML entity '{name}' is external or a parameter entity; kg "
                             f"fetches and expands none", **where)
        value = match[4] if match[4] is not None else match[5]
        if b"&" in value or b"%" in value:
            raise InputError(f"RDF/XML entity '{name}' is defined by other entities; kg does not "
                             f"expand nested entities", **where)
        sizes[name.encode()] = len(value)
    if data.count(b"<!ENTITY") != len(sizes):
        offset = data.find(b"<!ENTITY")
        raise InputError("an RDF/XML entity declaration kg cannot read", **_place(data, offset, file))
    expanded = sum(size * data.count(b"&" + name + b";") for name, size in sizes.items())
    if expanded > EXPANSION_LIMIT:
        raise InputError(f"RDF/XML entity references would expand to {expanded} bytes, over the "
                         f"limit ({EXPANSION_LIMIT // MiB} MiB)", file=file)
