"""A state pair's timeline: the dated events, missions and agreements between two states,
drawn as SVG (``kg timeline ID PE -o FILE.svg``, and on the pair's page in ``kg serve``).

>>> svg([Item("2010-05-06", "event", "Opening of the Embassy of Chile in Hanoi", None)],
...     "Chile – Vietnam").count('<g class="item">')
1
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pyoxigraph as ox

from kg.web.describe import KG, labels

COLOURS = {"relation": "#6a3d9a", "event": "#1f78b4", "mission": "#33a02c", "agreement": "#e66101"}
KINDS = {"relation": "relations", "event": "event", "mission": "mission", "agreement": "agreement"}

# Everything dated that links both states: the relation itself, agreements with both as
# parties, missions of one to the other (opened, closed), and events whose participants,
# places, invited states or missions lead to either (a person through the state of an
# office they hold; a city or venue through its state).
TIMELINE = f"""
PREFIX kg: <{KG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?date ?kind ?node ?what WHERE {{
  {{ ?node a kg:BilateralRelation ; kg:state ?_a , ?_b ; kg:established ?date .
     BIND("relation" AS ?kind) BIND("established" AS ?what) }}
  UNION
  {{ ?node a/rdfs:subClassOf* kg:Agreement ; kg:party ?_a , ?_b ; kg:date ?date .
     BIND("agreement" AS ?kind) BIND("" AS ?what) }}
  UNION
  {{ ?node kg:sendingState ?from ; kg:receivingState ?to . VALUES (?from ?to) {{ (?_a ?_b) (?_b ?_a) }}
     {{ ?node kg:opened ?date BIND("opened" AS ?what) }} UNION {{ ?node kg:closed ?date BIND("closed" AS ?what) }}
     BIND("mission" AS ?kind) }}
  UNION
  {{ ?node a/rdfs:subClassOf* kg:Event ; kg:date ?date .
     FILTER NOT EXISTS {{ ?node a kg:EstablishmentOfRelations }}
     FILTER NOT EXISTS {{ ?node a kg:MissionOpening }}
     ?node (kg:participant|kg:place|kg:invited|kg:mission)/(kg:inState|kg:inCity/kg:inState|^kg:holder/kg:state|kg:sendingState|kg:receivingState)? ?state .
     VALUES ?state {{ ?_a ?_b }}
     BIND("event" AS ?kind) BIND("" AS ?what) }}
}}"""


@dataclass(frozen=True)
class Item:
    date: str          # the lexical form: 2010-05-06, 2010-05, 2010
    kind: str          # relation, event, mission, agreement
    label: str
    node: ox.NamedNode | None


def items(store, a: ox.NamedNode, b: ox.NamedNode, lang: str = "en") -> list[Item]:
    """The timeline of the pair ``a``, ``b``: one item per dated fact, oldest first."""
    rows = list(store.query(TIMELINE, {"_a": a, "_b": b}))
    named = labels(store, [r["node"] for r in rows], lang)
    found = {Item(r["date"].value, r["kind"].value,
                  named[r["node"]] + (f" ({r['what'].value})" if r["what"].value else ""), r["node"])
             for r in rows}
    return sorted(found, key=lambda i: (i.date, i.kind, i.label))


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def svg(entries: list[Item], title: str, link=None) -> str:
    """The timeline as an SVG document: one row per item, dated, coloured by kind.
    ``link(node)`` gives each item's link (a resource page), if any."""
    row, top, width = 30, 70, 960
    height = top + row * max(len(entries), 1) + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="Noto Sans, DejaVu Sans, sans-serif" font-size="14" '
           f'role="img" aria-label="{escape(title)}">',
           f'<title>{escape(title)}</title>',
           '<rect width="100%" height="100%" fill="#ffffff"/>',
           f'<text x="20" y="30" font-size="20" font-weight="bold">{escape(title)}</text>']
    for i, (kind, colour) in enumerate(COLOURS.items()):
        out.append(f'<circle cx="{24 + i * 150}" cy="50" r="6" fill="{colour}"/>'
                   f'<text x="{36 + i * 150}" y="55">{KINDS[kind]}</text>')
    out.append(f'<line x1="130" y1="{top - 10}" x2="130" y2="{height - 20}" stroke="#999" stroke-width="2"/>')
    if not entries:
        out.append(f'<text x="150" y="{top + 15}">nothing dated links these two states</text>')
    for n, item in enumerate(entries):
        y = top + n * row + 15
        label = escape(_cut(item.label, 100))
        href = link(item.node) if link and item.node is not None else None
        text = f'<text x="150" y="{y + 5}" class="{item.kind}">{label}</text>'
        if href:
            text = f'<a href="{escape(href)}">{text}</a>'
        out.append(f'<g class="item"><text x="20" y="{y + 5}">{escape(item.date)}</text>'
                   f'<circle cx="130" cy="{y}" r="7" fill="{COLOURS.get(item.kind, "#555")}"/>{text}</g>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def state_iri(text: str) -> ox.NamedNode:
    """A state named by its ISO code (``ID``, ``pe``) or its IRI (``kgr:state/id``, ``<…>``)."""
    from kg.namespaces import KGR

    if len(text) == 2 and text.isascii() and text.isalpha():
        return ox.NamedNode(f"{KGR}state/{text.lower()}")
    from kg.queries import parse_iri

    return parse_iri(text, field_name="state")


def pair(location, a: str, b: str, lang: str = "en", link=None) -> str:
    """The SVG timeline of the states ``a`` and ``b`` (codes or IRIs) from the store at
    ``location``; an unknown state is a :class:`~kg.errors.ParameterError`."""
    from kg.errors import ParameterError
    from kg.store import open_store

    states = [state_iri(a), state_iri(b)]
    with open_store(location) as store:
        for given, state in zip((a, b), states):
            if not store.query(f"ASK {{ {state} a <{KG}State> }}"):
                raise ParameterError(f"{given}: not a state in the graph ({state.value})")
        return drawing(store, *states, lang, link=link)


def drawing(store, a: ox.NamedNode, b: ox.NamedNode, lang: str = "en", link=None) -> str:
    """The SVG timeline of ``a`` and ``b``, titled with their names in ``lang``."""
    named = labels(store, [a, b], lang)
    return svg(items(store, a, b, lang), f"{named[a]} – {named[b]}", link=link)
