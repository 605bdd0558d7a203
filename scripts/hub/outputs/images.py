"""Every picture the site publishes, made at the sizes readers need: a post's cover (on the page, in feeds,
in social previews), the pictures its text shows (on the page, at two widths) and a partner's logo.

One pipeline for all of them, made with Pillow at build time from the original, which is only ever read
and never published. The published copies are turned upright (phone photos store their rotation apart),
never enlarged, and keep no metadata but the colour profile: a photo's EXIF, XMP or IPTC can hold where
and when it was taken and with which phone, and for a family visited by a social worker, where they live.

Copies are kept between builds in a cache folder (as Hugo's `resources/_gen`), under a hash of
the original's bytes and of everything else that shapes them: a rebuild with unchanged covers
decodes, resizes and encodes nothing. A first build makes them while the pages are built
(`PictureCopies`): only the copies the feeds enclose are needed before.
"""

from __future__ import annotations

import gc
import hashlib
import io
import multiprocessing
import os
import tempfile
import threading
import zipfile
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from math import ceil
from pathlib import Path
from typing import NamedTuple

import PIL
from PIL import Image, ImageOps

from ..content.errors import ContentError, Problem
from ..messages import _
from ..replacing import replacing
from ..content import digests
from ..content.pictures import PICTURE_ERRORS, ImageError, describe, inspect, unreadable
from .bare import bare
from ..site.pictures import ROLES, Box, Size, Source, content_error, copies, fit, output_format

JPEG_QUALITY = 82


# an empty comment: Pillow would copy the original's (a JPEG comment may say where and who) into the copy
SAVE_OPTIONS = {"JPEG": {"quality": JPEG_QUALITY, "optimize": True, "comment": b""}, "PNG": {"optimize": True}}


DERIVE_GAP = 1.5
"""A smaller size is made from a larger copy holding at least this many times the pixels it needs, not from the
decoded original: measured on 4000×3000 photos, 800 px from the 1200 px copy differs from 800 px straight from
the original by 52 dB PSNR (no visible difference) and takes 2.2 times less."""


BACKGROUND_NICENESS = 10
"""How much lower than the pages the processes making covers in the background run: they take the time the
cores would otherwise idle, and the pages, which the end of the build waits for, go first."""


CACHE_VERSION = 6
"""Raise it when a change to this module changes the copies it makes: every cached copy is then made again."""


RECIPE = repr((CACHE_VERSION, PIL.__version__, SAVE_OPTIONS, DERIVE_GAP)).encode()
"""Everything but the original that shapes the copies (a new Pillow may encode differently): part of the cache key."""


ENTRY = ".zip"
class _Copy(NamedTuple):
    """A picture made while rendering, and the part of the upright original it shows."""

    image: Image.Image
    region: Box

    @property
    def scale(self) -> float:
        return self.image.width / (self.region[2] - self.region[0])


def verify(path: Path) -> None:
    """Decode the whole picture, at an eighth of its size where the format allows: raise ImageError when it is
    cut short or damaged past its header (what `inspect` reads). For `hub check`; a build finds it rendering."""
    inspect(path)
    try:
        with Image.open(path) as image:
            image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
    except PICTURE_ERRORS as error:
        raise unreadable(error) from None


def cached(source: Source, cache: Path) -> bool:
    """Whether a build would take the copies of `source` from the `cache` folder, decoding nothing (`render`): `hub
    check` then need not `verify` it either."""
    try:
        stat = source.path.stat()
        original = digests.known(source.path, stat) or digests.of_bytes(source.path, stat, source.path.read_bytes())
    except OSError:  # gone or unreadable since it was read: `verify` says so
        return False
    return _read_entry(cache / _entry_named(original, source.role), source.sizes) is not None


def stripped(path: Path) -> bytes | None:
    """The picture at `path` upright and without its metadata, in its own format and size; None when its file holds
    nothing but the picture (`bare`). For the pictures of `docs/`, which MkDocs publishes as they are; `hub check`
    calls it too. Raises ContentError for a file that is no picture to publish, or is cut short or damaged."""
    try:
        inspect(path)  # its kind and size, before anything is decoded
        data = path.read_bytes()
        if bare(data):
            return None
        with Image.open(io.BytesIO(data)) as image:
            fmt = "JPEG" if image.format == "MPO" else image.format
            if fmt not in SAVE_OPTIONS:
                raise ImageError(_("holds more than its picture (its metadata, or data after it): save it as JPEG or PNG, "
                                   "which the site then publishes without it"))
            upright = ImageOps.exif_transpose(image)
            prepared = _prepared(upright, fmt, "transparency" in image.info or image.mode in ("RGBA", "LA", "PA"))
            return _encoded(prepared, fmt, image.info.get("icc_profile"), progressive=False)
    except ImageError as error:
        raise ContentError([Problem(path, _("the picture '{name}' {problem}", name=path.name, problem=error))]) from None
    except PICTURE_ERRORS as error:
        raise ContentError([Problem(path, _("the picture '{name}' {problem}", name=path.name, problem=unreadable(error)))]) from None


def render(source: Source, cache: Path | None = None) -> dict[str, bytes]:
    """The bytes of each copy of `source`, keyed like `copies`; read from the `cache` folder when made before."""
    sizes = source.sizes
    try:
        if cache is None:
            return _render(source.path.read_bytes(), sizes, source.path)
        stat = source.path.stat()
        known = digests.known(source.path, stat)
        stored = _read_entry(cache / _entry_named(known, source.role), sizes) if known is not None else None
        if stored is not None:
            return stored
        original = source.path.read_bytes()  # the bytes rendered are the bytes the entry is named after
        entry = cache / _entry_named(digests.of_bytes(source.path, stat, original), source.role)
        stored = _read_entry(entry, sizes) if known is None else None  # a checkout gave it a new modification time
        if stored is not None:
            return stored
        made = _render(original, sizes, source.path)
    except PICTURE_ERRORS as error:
        raise content_error(source, unreadable(error)) from None
    _write_entry(entry, made)
    return made


class PictureCopies:
    """The copies of every published picture: those needed while the pages are built at once, the others in the
    background while the pages are built (making them is most of a first build's extra time)."""

    def __init__(self, pictures: Sequence[Source], cache: Path | None, first: Collection[Source], complete: bool = True,
                 fork: bool = False) -> None:
        """Start making the copies of the pictures in `first` (see `settle`): with `fork`, in processes forked from this
        one, else on threads. `complete`: `pictures` are all those published (the cache then forgets the others; the
        preview asks for some)."""
        self.pictures = list(pictures)
        self.cache = cache
        self.complete = complete
        self.ready: dict[str, bytes] = {}
        """The copies made so far and held in memory, by site-relative path: only where there is no cache."""
        self.stored: dict[str, Source] = {}
        """The copies made so far in the cache, by site-relative path, with the picture they are of: not in this
        process's memory (at 2,000 posts they weigh hundreds of megabytes, the feeds' alone 30 MB)."""
        # Processes: the memory threads decode in stays with this process once freed (each thread has its own malloc
        # arena), 180 MB at 2,000 posts that every process forked from it later would share
        self._pool: Executor | None = _processes() if fork else ThreadPoolExecutor()
        self._closing: list[threading.Thread] = []
        """The threads of a pool that ended itself once it made its last copy (`_submit`), which `settle` waits for."""
        self._called_back = threading.Event()
        """Set once every copy under way has called back (`_submit`): a future's `result` returns before its callbacks
        run, and the last one's ending of the pool must not run at the same time as `settle`'s (a process pool's
        `shutdown` is not safe to call from two threads at once)."""
        first = set(first)
        self._later = [source for source in self.pictures if source not in first]
        self._under_way = self._submit([source for source in self.pictures if source in first])

    def settle(self) -> None:
        """Wait for the copies asked for so far, and for the threads or processes making them to end: a process may
        then fork."""
        if self._pool is not None:
            try:
                for source, made in self._under_way:
                    data = made.result()
                    if isinstance(data, tuple):  # kept in the cache only: read back one by one as the site is written
                        digests.learn(source.path, data)
                        self._note_stored(source)
                    else:
                        self.ready |= _published([source], [data])
                self._called_back.wait()
            finally:
                self._pool.shutdown(cancel_futures=True)
                self._pool, self._under_way = None, []
                self._closed()

    def start(self, fork: bool) -> None:
        """Make the other copies in the background: with `fork`, in processes forked from this one, at a lower
        priority than the pages (so no thread of this process may be running); else on threads of this one."""
        self.settle()
        if fork:
            # The objects of this process, built so far, are left out of the garbage collector's passes from now on,
            # here and in the processes forked from it: its passes write to every object they visit, so that a forked
            # process would soon hold a copy of every page of memory it shares (190 MB each at 2,000 posts)
            gc.freeze()
            # Processes, not threads: the pages' own Python code would share one interpreter lock with them
            self._pool = _processes(BACKGROUND_NICENESS)
        else:
            self._pool = ThreadPoolExecutor()
        self._under_way, self._later = self._submit(self._later), []

    def made(self) -> Mapping[str, bytes]:
        """The copies made so far (see `settle`), read from the cache as each is asked for: the feeds read the size
        of theirs."""
        return _Copies(self.ready, self.stored, self.cache)

    def finish(self) -> Mapping[str, bytes]:
        """Every copy (waiting for those under way), read from the cache as each is asked for; the cache then forgets
        the pictures no longer published."""
        self.settle()
        if self.cache is not None and self.complete:
            _forget_others(self.cache, self.pictures)
        return self.made()

    def discard(self) -> None:
        """Stop making copies: the build failed."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)  # the copies under way: a second at most
            self._pool, self._under_way = None, []
            self._closed()

    def _closed(self) -> None:
        """Wait for the pools' own threads to end: a process pool still closing down as Python exits may write to the
        pipe it just closed, and a failed build's message would end with that traceback (Python 3.11's
        concurrent.futures.process._python_exit; a pool asked to end without waiting forgets its thread, so that a
        later `shutdown()` does not wait for it either)."""
        for thread in self._closing:
            thread.join()
        self._closing = []

    def _submit(self, pictures: list[Source]) -> list[tuple[Source, Future[dict[str, bytes] | digests.Record]]]:
        """Make the copies of `pictures`: into the cache if there is one (their bytes never cross to this process).
        Those the cache holds already are only noted; the threads or processes end once the others are made (idle,
        two forked processes would hold 100 MB to the end of a build at 2,000 posts)."""
        pool = self._pool
        assert pool is not None
        if self.cache is not None:
            cache = self.cache
            held = {source for source in pictures if _held(source, cache)}
            for source in held:
                self._note_stored(source)
            pictures = [source for source in pictures if source not in held]
        task = _store if self.cache is not None else render
        under_way = [(source, pool.submit(task, source, self.cache)) for source in pictures]
        remaining = len(under_way)
        lock = threading.Lock()
        submitter = threading.current_thread()
        self._called_back = called_back = threading.Event()

        def made(future: Future[object]) -> None:
            nonlocal remaining
            with lock:
                remaining -= 1
                if remaining:
                    return
                try:
                    # a cancelled copy: `settle` or `discard` is ending the pool, and a thread pool's `shutdown` calls
                    # back holding the lock that another `shutdown` would wait for forever
                    if future.cancelled():
                        return
                    if threading.current_thread() is submitter:
                        # every copy was made before its callback was added (below): on this thread, not the pool's,
                        # which `settle` may call from another (the build's covers), that would wait for this one
                        pool.shutdown()
                    else:
                        # on the pool's own thread, which cannot wait for itself to end: `settle` does (`_closed`)
                        self._closing.append(threading.current_thread())
                        pool.shutdown(wait=False)
                finally:
                    called_back.set()

        if not under_way:
            pool.shutdown()  # nothing was started
            called_back.set()
        for _source, future in under_way:
            future.add_done_callback(made)
        return under_way

    def _note_stored(self, source: Source) -> None:
        """The copies of `source` are in the cache: `_Copies` reads them from there."""
        self.stored.update(dict.fromkeys((copy.src for copy in copies(source).values()), source))


def _processes(niceness: int = 0) -> ProcessPoolExecutor:
    """Processes forked from this one, `niceness` lower in priority."""
    return ProcessPoolExecutor(mp_context=multiprocessing.get_context("fork"), initializer=os.nice, initargs=(niceness,))


def _store(source: Source, cache: Path) -> digests.Record:
    """Make the copies of `source` into the `cache`, for `_Copies` to read back; what was learned of its original."""
    render(source, cache)
    return digests.learned(source.path)


def _held(source: Source, cache: Path) -> bool:
    """Whether the `cache` lists the copies of `source`, whose original is known unchanged since it was read: its entry
    is not read (`_Copies` reads it, and makes it again if it is damaged)."""
    try:
        known = digests.known(source.path, source.path.stat())
    except OSError:  # gone since it was read: `render` says so
        return False
    return known is not None and _listed(cache / _entry_named(known, source.role), source.sizes)


class _Copies(Mapping[str, bytes]):
    """The copies of a build, by site-relative path: those held in memory, and those read from the cache when asked for."""

    def __init__(self, ready: dict[str, bytes], stored: dict[str, Source], cache: Path | None) -> None:
        self._ready, self._stored, self._cache = ready, stored, cache
        self._last: tuple[Source, dict[str, bytes]] | None = None
        """The copies of the picture read last: its sizes are asked for one after another, and its entry holds all."""

    def __getitem__(self, path: str) -> bytes:
        if path in self._ready:
            return self._ready[path]
        source = self._stored[path]
        name = next(name for name, copy in copies(source).items() if copy.src == path)
        assert self._cache is not None
        if self._last is None or self._last[0] != source:
            self._last = source, render(source, self._cache)  # from its entry; made again if the entry was lost since
        return self._last[1][name]

    def __iter__(self) -> Iterator[str]:
        return iter([*self._ready, *(path for path in self._stored if path not in self._ready)])

    def __len__(self) -> int:
        return len(self._ready.keys() | self._stored.keys())


def _published(pictures: Sequence[Source], rendered: Iterable[dict[str, bytes]]) -> dict[str, bytes]:
    """The copies `render` made of `pictures`, in the same order, by site-relative path."""
    files = {}
    for source, data in zip(pictures, rendered, strict=True):
        planned = copies(source)
        files.update({planned[name].src: data[name] for name in source.sizes})
    return files


def _entry(path: Path, role: str) -> str:
    """The name of the cache entry of the copies of the picture at `path` in `role`."""
    return _entry_named(digests.of(path), role)


def _entry_named(original: str, role: str) -> str:
    """The entry of the copies in `role` of an original of digest `original` (hub.content.digests)."""
    return hashlib.sha256(RECIPE + repr(ROLES[role]).encode() + original.encode()).hexdigest() + ENTRY


def _read_entry(entry: Path, sizes: Collection[str]) -> dict[str, bytes] | None:
    """The copies stored in `entry`, or None when it is missing or damaged (a checksum fails, it is cut short…)."""
    try:
        with zipfile.ZipFile(entry) as archive:
            return {name: archive.read(name) for name in sizes}
    except Exception:  # noqa: BLE001 — a damaged archive fails in many ways (BadZipFile, EOFError, KeyError…): make them again
        return None


def _listed(entry: Path, sizes: Collection[str]) -> bool:
    """Whether `entry` lists every copy in `sizes`: its table of contents only, at the end of the file."""
    try:
        with zipfile.ZipFile(entry) as archive:
            return set(sizes) <= set(archive.namelist())
    except Exception:  # noqa: BLE001 — as in _read_entry
        return False


def _write_entry(entry: Path, copies: dict[str, bytes]) -> None:
    """Store `copies` whole or not at all: written to a temporary file that then takes the entry's name."""
    with replacing(entry) as file, zipfile.ZipFile(file, "w") as archive:  # stored: JPEG and PNG do not shrink
        for name, data in copies.items():
            archive.writestr(name, data)


def _forget_others(cache: Path, pictures: Sequence[Source]) -> None:
    """Remove the entries of pictures no longer published (or changed since): the cache does not grow without end."""
    used = {_entry(source.path, source.role) for source in pictures}
    for entry in cache.glob("*" + ENTRY):
        if entry.name not in used:
            entry.unlink(missing_ok=True)


def _render(original: bytes, sizes: dict[str, Size], path: Path) -> dict[str, bytes]:
    """Every size of a picture, from the bytes of its original (read from `path`)."""
    with Image.open(io.BytesIO(original)) as image:  # closing it frees the pixels: all is made inside
        picture = describe(image, path)
        planned = {name: fit(picture, size) for name, size in sizes.items()}
        # JPEG decodes at 1/2, 1/4 or 1/8 of its size when that is still enough: much faster
        scale = max(_need(*plan) for plan in planned.values())
        image.draft(None, (ceil(image.width * scale), ceil(image.height * scale)))
        image.load()
        ImageOps.exif_transpose(image, in_place=True)
        whole = (0.0, 0.0, float(picture.width), float(picture.height))
        copies: dict[str, list[_Copy]] = {}
        """By output format: the decoded picture in the colours of the format, then each size made from it."""
        result = {}
        for name in sorted(sizes, key=lambda name: _need(*planned[name]), reverse=True):  # the largest first, to derive from
            box, target = planned[name]
            fmt = output_format(picture, sizes[name])
            made = copies.setdefault(fmt, [_Copy(_prepared(image, fmt, picture.transparent), whole)])
            resized = _resized(_derive_from(made, box, target), box, target, sizes[name].resample)
            made.append(_Copy(resized, box))
            result[name] = _encoded(resized, fmt, image.info.get("icc_profile"), sizes[name].progressive)
    return {name: result[name] for name in sizes}


def _need(box: Box, target: tuple[int, int]) -> float:
    """How many pixels of the target one pixel of the upright original becomes (1.0: a 1:1 copy)."""
    return target[0] / (box[2] - box[0])


def _derive_from(copies: list[_Copy], box: Box, target: tuple[int, int]) -> _Copy:
    """A copy that holds `box` at the target's scale, to cut it out of (a social preview of a landscape photo, from
    its page copy: sharper and faster than resampling the original again); else the smallest that holds it with
    DERIVE_GAP times the pixels needed; else the decoded picture."""
    holding = [copy for copy in copies[1:] if _holds(copy.region, box)]
    same = [copy for copy in holding if _one_to_one(copy, box, target)]
    # products, not ratios: 1200 px for 800 px is exactly 1.5 times, where 0.4 / 0.2 is not
    able = [copy for copy in holding
            if copy.image.width * (box[2] - box[0]) >= DERIVE_GAP * target[0] * (copy.region[2] - copy.region[0])]
    return next(iter(same), None) or min(able, key=lambda copy: copy.scale, default=copies[0])


def _one_to_one(copy: _Copy, box: Box, target: tuple[int, int]) -> bool:
    """Whether `box` spans the target's size in `copy`'s pixels (within rounding): `_resized` then cuts it out."""
    image, region = copy
    width = (box[2] - box[0]) * image.width / (region[2] - region[0])
    height = (box[3] - box[1]) * image.height / (region[3] - region[1])
    return abs(width - target[0]) <= 0.5 and abs(height - target[1]) <= 0.5


def _holds(region: Box, box: Box) -> bool:
    return region[0] <= box[0] and region[1] <= box[1] and box[2] <= region[2] and box[3] <= region[3]


def _resized(source: _Copy, box: Box, target: tuple[int, int], resample: Image.Resampling) -> Image.Image:
    """The `box` of the upright picture at `target` size, taken from `source`: cut out at 1:1, else resampled."""
    image, region = source
    x_scale = image.width / (region[2] - region[0])
    y_scale = image.height / (region[3] - region[1])
    left, right = (box[0] - region[0]) * x_scale, (box[2] - region[0]) * x_scale
    top, bottom = (box[1] - region[1]) * y_scale, (box[3] - region[1]) * y_scale
    width, height = target
    if abs(right - left - width) > 0.5 or abs(bottom - top - height) > 0.5:
        return image.resize(target, resample, box=(left, top, right, bottom))
    # 1:1 but for rounding: a copy of the pixels is sharper than any resampling, and costs nothing
    x = min(max(0, round((left + right - width) / 2)), image.width - width)
    y = min(max(0, round((top + bottom - height) / 2)), image.height - height)
    return image if (x, y, width, height) == (0, 0, *image.size) else image.crop((x, y, x + width, y + height))


def _prepared(image: Image.Image, fmt: str, transparent: bool) -> Image.Image:
    """The picture in the colours `fmt` stores; a transparent one flattened on white for JPEG."""
    if fmt == "PNG" or not transparent:
        mode = "RGBA" if transparent else "RGB"
        return image if image.mode == mode else image.convert(mode)
    rgba = image.convert("RGBA")
    return Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba).convert("RGB")


def _encoded(image: Image.Image, fmt: str, icc: bytes | None, progressive: bool) -> bytes:
    """`image` saved as `fmt`, with no metadata but the colour profile."""
    options = SAVE_OPTIONS[fmt] | ({"progressive": True} if progressive and fmt == "JPEG" else {})
    # Pillow holds the GIL while it encodes into BytesIO but not into a real file: threads then encode side by side
    with tempfile.TemporaryFile() as file:
        image.save(file, fmt, icc_profile=icc, **options)
        file.seek(0)
        return file.read()

