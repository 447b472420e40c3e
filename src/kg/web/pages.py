"""HTML pages: a resource (labels in one language, every statement, every fact it is in
with its quotes and source documents), the ontology, and a pair's timeline inline.

>>> href(ox.NamedNode("https://w3id.org/bilateral-relations/id/state/pe"))
'/id/state/pe'
>>> href(ox.NamedNode("https://schema.org/Country"))
'https://schema.org/Country'
"""
from __future__ import annotations

from html import escape

import pyoxigraph as ox

from kg.languages import LANGUAGES as LANGS
from kg.namespaces import KGR
from kg.web.describe import Resource

STYLE = """
body { font-family: "Noto Sans", "Noto Sans Bengali", "DejaVu Sans", sans-serif; margin: 2em auto;
       max-width: 60em; padding: 0 1em; color: #222; line-height: 1.45 }
h1 { margin-bottom: .1em } .iri { color: #666; font-size: .9em; word-break: break-all }
nav a { margin-right: .8em } table { border-collapse: collapse; width: 100% }
td, th { border-bottom: 1px solid #ddd; padding: .3em .5em; text-align: left; vertical-align: top }
blockquote { margin: .3em 0 .3em 1em; padding-left: .8em; border-left: 3px solid #1f78b4 }
.source { font-size: .9em; color: #555 } .fact { margin-bottom: 1em } svg { max-width: 100% }
"""


def href(term) -> str:
    """Where a page links a term: kg's own IRIs to their page on this server."""
    value = term.value
    return "/id/" + value[len(str(KGR)):] if value.startswith(str(KGR)) else value


def _value(term, label: str) -> str:
    if isinstance(term, ox.NamedNode):
        return f'<a href="{escape(href(term))}">{escape(label)}</a>'
    if isinstance(term, ox.Literal) and term.language:
        return f'<span lang="{escape(term.language)}">{escape(term.value)}</span>'
    return escape(label)


def _quotes(quotes, lang: str) -> str:
    parts = []
    for q in quotes:
        source = f'<a href="{escape(href(q.document))}">{escape(q.title or q.document.value)}</a>'
        if q.url:
            source += f' (<a class="original" href="{escape(q.url)}">{escape(q.url)}</a>)'
        parts.append(f'<blockquote lang="{escape(q.language)}">{escape(q.exact)}</blockquote>'
                     f'<div class="source">{ {"id": "Sumber", "bn": "উৎস", "es": "Fuente"}.get(lang, "Source") }: {source}</div>')
    return "\n".join(parts)


def page(title: str, body: str, lang: str, path: str = "") -> str:
    """A whole HTML document, with links to the same page in the other languages."""
    switch = " ".join(f'<a href="{escape(path)}?lang={code}" hreflang="{code}">{code}</a>' for code in LANGS)
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head><meta charset="utf-8">'
            f'<title>{escape(title)}</title><style>{STYLE}</style></head>\n<body>\n'
            f'<nav><a href="/ontology?lang={escape(lang)}">ontology</a> <a href="/query">SPARQL</a> '
            f'| {switch}</nav>\n{body}\n</body>\n</html>\n')


def resource_page(resource: Resource, lang: str, timeline_svg: str = "") -> str:
    """The page of one resource."""
    r = resource
    types = ", ".join(_value(t, label) for t, label in r.types)
    rows = "\n".join(f"<tr><th>{_value(p, plabel)}</th><td>{_value(o, olabel)}</td></tr>"
                     for p, plabel, o, olabel in r.statements)
    body = [f"<h1>{escape(r.label)}</h1>", f'<div class="iri">{escape(r.iri.value)}</div>',
            f"<p>{types}</p>" if types else ""]
    if timeline_svg:
        body.append(f'<section id="timeline"><h2>Timeline</h2>\n{timeline_svg}</section>')
    if r.quotes:
        body.append(f'<section id="evidence"><h2>Evidence</h2>\n{_quotes(r.quotes, lang)}</section>')
    body.append(f'<section id="statements"><h2>Statements</h2><table>\n{rows}\n</table></section>')
    if r.facts:
        facts = "\n".join(
            f'<div class="fact"><a href="{escape(href(f.node))}">{escape(f.label)}</a> '
            f'<span class="source">({escape(f.role)})</span>\n{_quotes(f.quotes, lang)}</div>'
            for f in r.facts)
        body.append(f'<section id="facts"><h2>Facts ({len(r.facts)})</h2>\n{facts}</section>')
    return page(r.label, "\n".join(body), lang, href(r.iri))


def ontology_page(terms, lang: str) -> str:
    """The ontology as documentation: ``terms`` are (IRI, kind, label, comment)."""
    rows = "\n".join(f'<tr id="{escape(iri.value.rsplit("#", 1)[-1])}"><td><code>kg:{escape(iri.value.rsplit("#", 1)[-1])}'
                     f'</code></td><td>{escape(kind)}</td><td>{escape(label)}</td><td>{escape(comment)}</td></tr>'
                     for iri, kind, label, comment in terms)
    body = (f"<h1>kg ontology</h1><p>Turtle: <code>curl -H 'Accept: text/turtle' …/ontology</code></p>"
            f"<table><tr><th>term</th><th>kind</th><th>label</th><th>comment</th></tr>\n{rows}\n</table>")
    return page("kg ontology", body, lang, "/ontology")
