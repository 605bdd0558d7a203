"""Where the newsletter commands may write, and how: never into the built site or the pages.

Subscriber exports hold personal data: a file in `site/` would be published with the site,
one in `docs/` copied into it by the next build, and one anywhere in the project folder may be
committed, and pushed to a public repository, with the content.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..messages import _
from ..messages.file_reasons import file_reason


class RefusedOutput(Exception):
    """The output folder is one the build owns, or one nothing can be written into (the message says why)."""


@dataclass(frozen=True)
class Forbidden:
    folders: Mapping[Path, str]
    """Each folder nothing may be written into → why, as the message says it."""

    def holding(self, path: Path) -> str | None:
        """Why nothing may be written at `path`, when it is one of the folders or inside one (the first that holds it)."""
        resolved = path.resolve()
        return next((why for folder, why in self.folders.items()
                     if resolved == folder.resolve() or folder.resolve() in resolved.parents), None)

    def check(self, target: Path) -> Path:
        """`target` resolved, or RefusedOutput if it is one of the folders or inside one."""
        why = self.holding(target)
        if why is not None:
            raise RefusedOutput(_("will not write into {target}: {why}; choose a folder outside it, like "
                                  "../newsletter-exports", target=target, why=why))
        return target.resolve()


def write_files(folder: Path, files: Mapping[str, bytes], *, private: bool = False) -> list[Path]:
    """Write every file into `folder` (created if needed); `private`: readable by the owner only (0600, folder 0700).
    Raises RefusedOutput, in the writer's words, where the system refuses."""
    mode = 0o600 if private else 0o644
    written = []
    try:
        folder.mkdir(mode=0o700 if private else 0o777, parents=True, exist_ok=True)
        for name, data in files.items():
            path = folder / name
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, mode)
            with os.fdopen(descriptor, "wb") as out:
                os.fchmod(out.fileno(), mode)  # a file that existed keeps its old mode otherwise
                out.write(data)
            written.append(path)
    except OSError as error:
        raise RefusedOutput(_("cannot write into {folder}: {reason}", folder=folder, reason=file_reason(error))) from None
    return written
