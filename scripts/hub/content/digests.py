"""What a file holds, as a digest of its bytes, read once per version of the file.

A build tells changed files from unchanged ones (hub.engine.mkdocs.build_cache, the picture copies of
hub.outputs.images) by what they hold, not by their modification time: a fresh checkout, as in every CI
run, gives every file a new one. Reading 3.6 GB of phone photos at each build to learn that nothing changed
would cost seconds, so each file's digest is remembered with the modification time and size it had, in
`.cache/hub/digests.json`, and the file is read again only when either differs.

One table per process: processes forked to make picture copies inherit it and hand back what they learn
(`learned`, `learn`).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..replacing import replacing

Record = tuple[int, int, str]
"""A file's modification time (ns), size and digest."""

_known: dict[str, Record] = {}
_used: set[str] = set()


def of(path: Path) -> str:
    """The digest of the bytes of the file at `path`, read only when it changed since it was last read."""
    stat = path.stat()
    digest = known(path, stat)
    if digest is not None:
        return digest
    with path.open("rb") as stream:
        digest = hashlib.file_digest(stream, "blake2b").hexdigest()
    _known[str(path)] = (stat.st_mtime_ns, stat.st_size, digest)
    return digest


def known(path: Path, stat: os.stat_result) -> str | None:
    """The digest of the file at `path` if it is known for its version `stat`, without reading it."""
    record = _known.get(str(path))
    _used.add(str(path))
    return record[2] if record is not None and record[:2] == (stat.st_mtime_ns, stat.st_size) else None


def of_bytes(path: Path, stat: os.stat_result, data: bytes) -> str:
    """The digest of `data`, read from `path` when it had `stat` (taken before reading): remembered for it."""
    digest = hashlib.blake2b(data).hexdigest()
    _known[str(path)] = (stat.st_mtime_ns, stat.st_size, digest)
    _used.add(str(path))
    return digest


def learned(path: Path) -> Record:
    """What this process knows of `path` (after `of` or `of_bytes`), to hand to the process that forked it."""
    return _known[str(path)]


def learn(path: Path, record: Record) -> None:
    """Remember what another process read of `path`."""
    _known[str(path)] = record
    _used.add(str(path))


def load(file: Path) -> None:
    """Remember the digests a build kept in `file`; a missing or damaged file is ignored (the files are read again)."""
    try:
        kept = json.loads(file.read_text(encoding="utf-8"))
        _known.update({path: (int(record[0]), int(record[1]), str(record[2])) for path, record in kept.items()
                       if path not in _known})
    except (OSError, ValueError, TypeError, AttributeError, IndexError):
        pass


def save(file: Path) -> None:
    """Keep in `file` the digests of the files asked for since the process started (the others are forgotten)."""
    kept = {path: _known[path] for path in sorted(_used) if path in _known}
    with replacing(file) as stream:
        stream.write(json.dumps(kept).encode())
