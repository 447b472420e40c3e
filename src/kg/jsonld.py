"""JSON-LD compacted with kg's context: every IRI written with its family's or vocabulary's
prefix (``state:pe``, ``kg:State``), the context (:func:`context`) inline in each document
and published as ``docs/context.jsonld`` (``kg serve``: ``/context.jsonld``).

The context defines prefixes only, so compacting is writing each IRI as a compact IRI where
a prefix matches; any JSON-LD processor expands the result back to the same statements.

>>> print(compact(b'[{"@id": "https://w3id.org/bilateral-relations/id/state/pe", '
...               b'"http://www.w3.org/2000/01/rdf-schema#label": [{"@value": "Peru", "@language": "en"}]}]',
...               {"state": "https://w3id.org/bilateral-relations/id/state/",
...                "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}).decode(), end="")
{
  "@context": {
    "state": "https://w3id.org/bilateral-relations/id/state/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#"
  },
  "@graph": [
    {
      "@id": "state:pe",
      "rdfs:label": [
        {
          "@value": "Peru",
          "@language": "en"
        }
      ]
    }
  ]
}
"""
from __future__ import annotations

import json


def context() -> dict:
    """kg's JSON-LD context: the prefixes of its exports (``kg.export.prefixes``)."""
    from kg.export import prefixes

    return prefixes()


def compact(expanded: bytes, prefixes: dict | None = None) -> bytes:
    """Expanded JSON-LD (as pyoxigraph writes it) compacted with ``prefixes`` (default: :func:`context`)."""
    prefixes = context() if prefixes is None else prefixes
    longest_first = sorted(prefixes.items(), key=lambda item: -len(item[1]))

    def iri(value: str) -> str:
        for prefix, namespace in longest_first:
            if (value.startswith(namespace) and len(value) > len(namespace)
                    and not value[len(namespace):].startswith("//")):
                return f"{prefix}:{value[len(namespace):]}"
        return value

    def walk(node):
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            if key in ("@id", "@type") and isinstance(value, str):
                out[key] = iri(value)
            elif key.startswith("@"):
                out[key] = walk(value)
            else:
                out[iri(key)] = walk(value)
        return out

    document = {"@context": prefixes, "@graph": walk(json.loads(expanded))}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()
