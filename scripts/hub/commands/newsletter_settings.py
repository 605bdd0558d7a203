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
    """The folders the build reads or publishes: nothing the commands write may go there."""
    private: Forbidden
    """Where personal data may not go: those, and the whole project folder, which is kept in git."""

    @classmethod
    def find(cls, root: Path | None = None) -> Settings:
        workspace = Workspace.find(root)
        try:
            site_url = check_site_url(workspace.site_url)
        except ValueError as error:
            fail(f"{workspace.root / CONFIG}: {error}")
        published = {
            workspace.site_dir: _("it is inside the built site ({folder}), which is published", folder=workspace.site_dir),
            workspace.docs_dir: _("it is inside the pages ({folder}), which the build publishes", folder=workspace.docs_dir),
            **{workspace.content_dir / name: _("it is inside the content ({folder}), which the build reads",
                                               folder=workspace.content_dir / name) for name in ("news", "projects", "partners")},
        }
        private = {workspace.root: _("it is inside the project folder ({folder}), which is kept in git: the subscribers' "
                                     "personal data could be committed, and published, with it", folder=workspace.root)}
        return cls(workspace, workspace.newsletter, site_url, workspace.site_names, Forbidden(published),
                   Forbidden({**published, **private}))
