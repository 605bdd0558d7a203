"""The Content-Security-Policy of `/admin/`: the editor's own, not the readers' (hub.outputs.headers).

Decap CMS needs what the readers' pages never get: 'unsafe-eval' (its configuration is checked by AJV, which compiles
schemas into functions), inline styles (its interface is styled by Emotion at run time), `blob:` pictures (an upload
previewed before it is saved), and connections to the git host's API and to the sign-in proxy. Nothing else: no
script from another host, no frame of another site, no form posting anywhere.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .settings import EditorSettings

API = {
    "github": ["https://api.github.com"],
    "gitlab": ["https://gitlab.com"],
    "gitea": [],
    "git-gateway": [],
}
"""Where each backend's API is, when `base_url` does not say (GitHub's avatars are pictures, listed apart)."""
PICTURES = {"github": ["https://avatars.githubusercontent.com", "https://raw.githubusercontent.com"]}


def origin(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


def editor_policy(settings: EditorSettings) -> str:
    connect = ["'self'", "blob:", "data:", *API.get(settings.backend, [])]  # blob: an upload read back before it is saved
    for url in (settings.base_url, settings.local_backend):
        found = origin(url)
        if found and found not in connect:
            connect.append(found)
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *PICTURES.get(settings.backend, [])],
        "media-src": ["'self'", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": connect,
        "worker-src": ["'self'", "blob:"],
        "frame-src": ["'self'", "blob:"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())
