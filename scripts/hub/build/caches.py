"""What builds keep in `.cache/hub/` of the project for the next build (CI keeps the folder between runs), named once
for the build and for `hub check`, which reads what the last build made instead of making it again."""

from __future__ import annotations

from pathlib import Path

COVERS = "covers"
"""The copies of every picture, by the digest of its original (hub.outputs.images)."""
DRAWN = "drawn"
"""The covers drawn for posts without a photo (hub.outputs.cover_art)."""
BUILD = "build"
"""The last site built and its state (hub.engine.mkdocs.build_cache)."""
DIGESTS = "digests.json"
"""What each file the last build read held (hub.content.digests)."""


def folder(project: Path) -> Path:
    """`.cache/hub/` of the project whose `mkdocs.yml` is in `project`."""
    return project / ".cache" / "hub"
