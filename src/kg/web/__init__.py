"""What ``kg serve`` shows people and linked-data clients besides SPARQL: resource pages.

:mod:`~kg.web.describe` reads a resource, its facts and their quotes from any store;
:mod:`~kg.web.timeline` draws a state pair's timeline (SVG); :mod:`~kg.web.pages` writes
the HTML; :mod:`~kg.web.app` answers HTTP, negotiating HTML, Turtle or JSON-LD.
"""
