"""Parts of the page that are the same on thousands of pages, rendered once per pass: Hugo's `partialCached`.

Material renders the whole navigation (tabs and sidebar) again for every page. A page the
navigation does not list — every post, archive, project and partner page — has nothing active
in it, and its links are relative to its folder: two such pages in one parent folder
(`news/2026/a/`, `news/2026/b/`) get the same navigation, unless a listed page lies inside one
of them. So the navigation is rendered once per parent folder and language, and reused.
The templates wrap a part in `{% call hub_fragment("name", page, nav) %}…{% endcall %}`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import material
from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, PrefixLoader
from markupsafe import Markup

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
MATERIAL_PREFIX = "material"
"""`{% include "material/partials/nav.html" %}`: Material's own partial, from an override of the same name."""


class FragmentCache:
    """The rendered parts of one pass (one language); a new one for every pass."""

    def __init__(self) -> None:
        self.rendered: dict[tuple[str, str], Markup] = {}
        self.listed: tuple[str, ...] | None = None
        """The URLs of the pages the navigation lists."""

    def __call__(self, name: str, page: Any, nav: Any, *, caller: Callable[[], str]) -> Markup:
        if page is None or nav is None:
            return Markup(caller())
        if self.listed is None:
            self.listed = tuple(listed.url for listed in nav.pages)
        # a listed page may be the active one; one inside this page's folder has a link of its own
        if any(url.startswith(page.url) for url in self.listed):
            return Markup(caller())
        key = (name, page.url.rstrip("/").rpartition("/")[0])
        if key not in self.rendered:
            self.rendered[key] = Markup(caller())
        return self.rendered[key]


def with_material_prefix(loader: BaseLoader | None) -> ChoiceLoader:
    """The theme's loader, plus Material's templates under `material/` for overrides that wrap them."""
    prefixed = PrefixLoader({MATERIAL_PREFIX: FileSystemLoader(MATERIAL_TEMPLATES)})
    return ChoiceLoader([loader, prefixed] if loader is not None else [prefixed])
