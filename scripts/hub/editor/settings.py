"""The editor's settings (`editor:` under the `hub` plugin in `mkdocs.yml`), engine-free."""

from __future__ import annotations

from dataclasses import dataclass

BACKENDS = ("github", "gitlab", "gitea", "git-gateway")
PUBLISH_MODES = ("editorial_workflow", "simple")


@dataclass(frozen=True)
class EditorSettings:
    enabled: bool = True
    backend: str = "github"
    """Decap's backend: GitHub (Pages, Netlify or Cloudflare Pages with an OAuth proxy), GitLab, Gitea."""
    repo: str = "your-organisation/right-to-family"
    """`owner/name` of the repository the editor commits to."""
    branch: str = "main"
    base_url: str | None = None
    """The OAuth proxy that signs communicators in (`https://api.netlify.com` on Netlify, a Worker's address on
    Cloudflare, the proxy's address for GitHub Pages); None: Decap's own default (Netlify's)."""
    auth_endpoint: str | None = None
    publish_mode: str = "editorial_workflow"
    site_domain: str | None = None
    """Netlify's site domain, when `base_url` is Netlify's API (it finds the site's OAuth app by it)."""
    local_backend: str | None = None
    """Decap's local backend (`decap-server`), e.g. `http://localhost:8081/api/v1`: for tests and local writing only."""
