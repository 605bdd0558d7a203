"""Repairs of Material for MkDocs' script, made on the built site: its templates cannot reach it.

- Material's script takes every `<link rel="alternate">` of a page for the root of another version of the site and
  fetches `sitemap.xml` next to it, to keep a reader on the same page when they switch versions. This site's
  alternates are per page (each translation, for `hreflang`; a project's or a topic's feeds), so every page load asked
  for `<page>/sitemap.xml`, got a 404 and logged an error in the browser's console; and its click handler sent the
  language switcher to the translation's URL without the trailing slash, through a redirect. The switcher already
  links to the translation, so the lookup is turned off: its selector is narrowed to links with a
  `data-md-alternate` attribute, which no page has.
- In a browser without `ResizeObserver` (Safari before 13.1: an iPhone 6 or 5s, which stay at iOS 12), the script
  loads a polyfill from unpkg.com, telling a third party which reader opened which page. It loads the same polyfill
  from this site now (`overrides/assets/javascripts/`), found next to the bundle whatever the site's path.
- The script would load mermaid.js from unpkg.com for a diagram; hub.outputs.sanitize never publishes one, and the
  address is this site's, so not even a page that slipped through could ask another host.
- The source map goes: its sources hold both addresses, and it no longer matches the changed bundle.
- Material's own search (lunr.js, its languages and its worker: 1.2 MB) goes where its search plugin is off: the site
  searches with Pagefind, and the script loads them only for Material's search.

The bundle keeps its name (Material's hash of the original): the change is the same at every build of a Material
version.
"""

from __future__ import annotations

import shutil
from pathlib import Path

POLYFILL = "resize-observer-polyfill-1.5.1.js"
"""In `overrides/assets/javascripts/`, published beside the bundle."""
BESIDE_BUNDLE = """new URL("{name}",document.querySelector('script[src*="assets/javascripts/bundle."]').src).href"""
REPAIRS = {
    b'"link[rel=alternate]"': b'"link[rel=alternate][data-md-alternate]"',
    b'"https://unpkg.com/resize-observer-polyfill"': BESIDE_BUNDLE.format(name=POLYFILL).encode(),
    b'"https://unpkg.com/mermaid@11/dist/mermaid.min.js"': BESIDE_BUNDLE.format(name="mermaid.min.js").encode(),
}
MAP_COMMENT = b"\n//# sourceMappingURL="
SEARCH_ASSETS = ("lunr", "workers")
"""The folders of Material's own search in `assets/javascripts/`."""


def repair_bundle(site: Path) -> bool:
    """Make the repairs in the site's copy of Material's bundle and drop its source map; False if the bundle is
    missing or lacks one of the places repaired (a new version of Material: the repairs need a look)."""
    bundles = sorted((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    found = bool(bundles)
    for bundle in bundles:
        code = bundle.read_bytes()
        found = found and all(original in code or repaired in code for original, repaired in REPAIRS.items())
        for original, repaired in REPAIRS.items():
            code = code.replace(original, repaired)
        bundle.write_bytes(code.split(MAP_COMMENT)[0].rstrip(b"\n") + b"\n")
        bundle.with_name(bundle.name + ".map").unlink(missing_ok=True)
    return found


def drop_search_assets(site: Path) -> None:
    """Remove Material's own search from the site: for a site whose search is not Material's."""
    for name in SEARCH_ASSETS:
        shutil.rmtree(site / "assets" / "javascripts" / name, ignore_errors=True)
