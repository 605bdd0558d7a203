"""What the newsletter commands read from `mkdocs.yml`, on top of the project every command works on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..engine.mkdocs.project import CONFIG, Workspace, fail
from ..messages import _
from ..newsletter.config import NewsletterSettings
from ..newsletter.output import Forbidden
from ..outputs.feeds import check_site_url


@dataclass(frozen=True)
class Settings:
    workspace: Workspace
    newsletter: NewsletterSettings
    site_url: str
    """Absolute, ending with '/': e-mails link back to the site with full addresses."""
    site_names: Mapping[str, str]
    """The site's name in each language, as the build names it (mkdocs-static-i18n's `site_name`)."""
    forbidden: Forbidden
    """The folders the build owns: nothing the commands write may go there."""

    @classmethod
    def find(cls, root: Path | None = None) -> Settings:
        workspace = Workspace.find(root)
        try:
            site_url = check_site_url(workspace.site_url)
        except ValueError as error:
            fail(f"{workspace.root / CONFIG}: {error}")
        forbidden = Forbidden({_("the built site (site_dir)"): workspace.site_dir, _("the pages (docs_dir)"): workspace.docs_dir})
        return cls(workspace, workspace.newsletter, site_url, workspace.site_names, forbidden)
