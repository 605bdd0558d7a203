"""One repair of Material for MkDocs' script, made on the built site: its templates cannot reach it.

Material's script takes every `<link rel="alternate">` of a page for the root of another version of
the site and fetches `sitemap.xml` next to it, to keep a reader on the same page when they switch
versions. This site's alternates are per page (each translation, for `hreflang`; a project's or a
topic's feeds), so every page load asked for `<page>/sitemap.xml`, got a 404 and logged an error in
the browser's console; and its click handler sent the language switcher to the translation's URL
without the trailing slash, through a redirect. The switcher already links to the translation, so
the lookup is turned off: its selector is narrowed to links with a `data-md-alternate` attribute,
which no page has. The bundle keeps its name (Material's hash of the original): the change is the
same at every build of a Material version.
"""

from __future__ import annotations

from pathlib import Path

SELECTOR = b'"link[rel=alternate]"'
NARROWED = b'"link[rel=alternate][data-md-alternate]"'


def turn_off_alternate_lookups(site: Path) -> bool:
    """Narrow the selector in the site's copy of Material's bundle; False if the bundle has neither form."""
    found = False
    for bundle in sorted((site / "assets" / "javascripts").glob("bundle.*.min.js")):
        code = bundle.read_bytes()
        if SELECTOR in code:
            bundle.write_bytes(code.replace(SELECTOR, NARROWED))
        found = found or NARROWED in code or SELECTOR in code
    return found
