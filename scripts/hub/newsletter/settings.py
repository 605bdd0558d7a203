"""What the newsletter commands read from `mkdocs.yml`, on top of the project every command works on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..feeds import check_site_url
from ..project import CONFIG, Workspace, fail
from .config import NewsletterConfig
from .output import Forbidden


@dataclass(frozen=True)
class Settings:
    workspace: Workspace
    newsletter: NewsletterConfig
    site_url: str
    """Absolute, ending with '/': e-mails link back to the site with full addresses."""
    site_names: Mapping[str, str]
    """The site's name in each language, as the build names it (mkdocs-static-i18n's `site_name`)."""
    forbidden: Forbidden
    """The folders the build owns: nothing the commands write may go there."""

    @classmethod
    def find(cls, root: Path | None = None) -> Settings:
        workspace = Workspace.find(root)
        config = workspace.config
        names = {lang.locale: lang.site_name or config.site_name for lang in config.plugins["i18n"].config.languages}
        try:
            site_url = check_site_url(config.site_url)
        except ValueError as error:
            fail(f"{workspace.root / CONFIG}: {error}")
        forbidden = Forbidden({"the built site (site_dir)": Path(config.site_dir), "the pages (docs_dir)": Path(config.docs_dir)})
        return cls(workspace, config.plugins["hub"].config.newsletter, site_url,
                   {lang: names[lang] for lang in workspace.languages}, forbidden)
