"""Write generated files into `docs/`, touching only what changed, so `mkdocs serve` does not loop."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path


def sync_tree(root: Path, owned: Iterable[str], files: Mapping[str, bytes]) -> int:
    """Make the `owned` folders of `root` hold exactly `files`; return how many files were written."""
    written = 0
    for relative, content in files.items():
        path = root / relative
        if path.is_file() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written += 1
    for folder in owned:
        base = root / folder
        if not base.exists():
            continue
        for path in sorted(base.rglob("*"), reverse=True):
            relative = path.relative_to(root).as_posix()
            if path.is_file() and relative not in files:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written
