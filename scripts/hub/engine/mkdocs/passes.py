"""The other languages' builds: in forked processes next to the default language's, or one after another.

mkdocs-static-i18n builds the default language, then re-runs the whole build for each other
language from its `on_post_build`: on two cores, one of them idles. The hub plugin drives those
passes instead. Each other language is built into a scratch folder of its own (its pass also
writes the shared theme files and a `404.html` at the root, which must not race the default
pass's), and only its language folder and its 404 page are moved into the site afterwards.

Forking shares everything loaded so far (the content, the catalog, the theme) at no cost, and a
child's pass is an ordinary MkDocs build: the same plugin events, the same templates. Where
there is no `fork` (Windows), a single core, or a long-lived `mkdocs serve` process with its
server threads, the passes run one after the other in the same process.
"""

from __future__ import annotations

import logging
import gc
import os
import pickle
import shutil
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from mkdocs.commands import build as build_module
from mkdocs.exceptions import Abort, PluginError

from ...build.collected import Collected
from ...messages import _

RESULT = ".pass-result.pickle"
"""The file in a pass's scratch folder that carries its result back to the default pass."""
BUILD_LOGS = ("Cleaning site directory", "Building documentation to directory", "Documentation built in")
"""MkDocs's messages about a build as a whole: a language's pass is part of one."""


@dataclass
class LanguagePass:
    """One other language's build, under way or finished, into its own scratch folder."""

    lang: str
    scratch: Path
    pid: int | None = None
    """The forked process building it; None when it runs in this process."""

    def finish(self, run: Callable[[Path], Collected]) -> Collected:
        """Wait for the forked pass, or run it here; then its result. Raises PluginError if it failed."""
        if self.pid is None:
            return run(self.scratch)
        _pid, status = os.waitpid(self.pid, 0)
        self.pid = None
        if os.waitstatus_to_exitcode(status) != 0:
            raise PluginError(_("the '{lang}' pages could not be built: see the errors above", lang=self.lang))
        with (self.scratch / RESULT).open("rb") as stream:
            return pickle.load(stream)

    def move_into(self, site: Path) -> None:
        """Put the pass's language folder and its 404 page into `site`; drop the rest of its scratch folder."""
        target = site / self.lang
        if target.exists():  # `mkdocs serve` cleans the site only at the start of its builds
            shutil.rmtree(target)
        os.replace(self.scratch / self.lang, target)
        if (self.scratch / "404.html").exists():
            os.replace(self.scratch / "404.html", target / "404.html")
        self.discard()

    def discard(self) -> None:
        if self.pid is not None:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
            self.pid = None
        shutil.rmtree(self.scratch, ignore_errors=True)


def can_fork(command: str | None) -> bool:
    """Fork for `mkdocs build` on Linux with more than one core for this process; never in the preview server. macOS
    has `fork` but warns against it in a process that has run system frameworks' threads, and no `sched_getaffinity`:
    there (and on Windows) the passes run one after the other, with the same result."""
    return command in ("build", "gh-deploy") and hasattr(os, "sched_getaffinity") and len(os.sched_getaffinity(0)) > 1


def start(lang: str, site_dir: Path, run: Callable[[Path], Collected], fork: bool) -> LanguagePass:
    """Prepare the pass of `lang`; with `fork`, start `run(scratch folder)` in a child process at once."""
    for left in site_dir.parent.glob(f".{site_dir.name}.{lang}-*"):  # by a build that was interrupted
        shutil.rmtree(left, ignore_errors=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.{lang}-", dir=site_dir.parent))
    language_pass = LanguagePass(lang, scratch)
    if not fork:
        return language_pass
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()  # see hub.outputs.images.PictureCopies.start
    pid = os.fork()
    if pid:
        language_pass.pid = pid
        return language_pass
    _child(run, scratch)  # never returns


@contextmanager
def quiet_build_logs() -> Iterator[None]:
    """Leave out MkDocs's messages about a whole build from a language's pass."""
    logger = logging.getLogger(build_module.__name__)  # `properdocs.commands.build` under ProperDocs
    logger.addFilter(_whole_build)
    try:
        yield
    finally:
        logger.removeFilter(_whole_build)


def _whole_build(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(BUILD_LOGS)


def _child(run: Callable[[Path], Collected], scratch: Path) -> NoReturn:
    code = 1
    try:
        result = run(scratch)
        with (scratch / RESULT).open("wb") as stream:
            pickle.dump(result, stream)
        code = 0
    except Abort:
        pass  # MkDocs has logged why
    except BaseException:
        traceback.print_exc()
    finally:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)  # not `exit`: the parent's cleanup handlers belong to the parent
