"""`hub preview`: the site on this computer, rebuilt whenever a file is saved."""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
from contextlib import suppress
from urllib.parse import urlsplit

from ..content.errors import ContentError
from ..engine.mkdocs.preview import DRAFTS
from ..engine.mkdocs.project import CONFIG, Workspace, add_root_option, fail
from ..messages import _

HOST = "127.0.0.1"
STOP_WAIT = 10
"""Seconds the server is given to stop after Ctrl+C before it is told to stop at once."""
READY = "Serving on"
"""What `mkdocs serve` logs once the first build is done and the server listens."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "preview", help=_("see the site on this computer while you write"),
        description=_("Build the site and show it in your browser at the address printed, with the newest post's address. "
                      "Every time you save a file the site is rebuilt and the page reloads by itself; a mistake that "
                      "stops the build is shown in the browser, with its file, line and fix. Stop it with Ctrl+C. "
                      "Drafts and posts scheduled for later are shown only with --drafts, marked as such."))
    parser.add_argument("--port", type=int, help=_("the port to use (default: a free one)"))
    parser.add_argument("--open", action="store_true", help=_("open the browser when the preview is ready"))
    parser.add_argument("--drafts", action="store_true",
                        help=_("also show drafts and posts scheduled for later, each marked (never on the real site)"))
    add_root_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    workspace = Workspace.find(args.root)
    port = args.port or free_port()
    if args.port and not _is_free(port):
        fail(_("port {port} is in use (perhaps by another preview): leave out --port to get a free one", port=port))
    base = f"http://{HOST}:{port}{urlsplit(workspace.site_url).path or '/'}"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"{HOST}:{port}",
               "--config-file", str(workspace.root / CONFIG), *(["--open"] if args.open else [])]
    print(_("Building the preview (this takes a few seconds) for {address} …", address=base), flush=True)
    # Ctrl+C stops the preview even when whatever started it ignores SIGINT (a shell's background job does): a
    # handler, unlike an ignored signal, is reset for the server when it starts
    signal.signal(signal.SIGINT, signal.default_int_handler)
    server = subprocess.Popen(command, cwd=workspace.root, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", DRAFTS: "1" if args.drafts else ""})
    assert server.stderr is not None
    signal.signal(signal.SIGTERM, lambda *_signal: sys.exit(143))  # stopped by another program: stop the server too
    try:
        announced = False
        for line in server.stderr:  # MkDocs' own log shows the build's progress
            sys.stderr.write(line)
            if READY in line and not announced:
                announced = True
                print(_ready(workspace, base, args.drafts), flush=True)
        return server.wait()
    except KeyboardInterrupt:  # Ctrl+C reaches the server too: let it stop, though not for ever (`finally`)
        with suppress(subprocess.TimeoutExpired):
            server.wait(timeout=STOP_WAIT)
        return 0
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
        return True


def _ready(workspace: Workspace, base: str, drafts: bool) -> str:
    """The addresses to open: the home page in each language and the newest post."""
    urls = workspace.urls
    lines = ["", _("The preview is ready: {addresses}",
                   addresses="  ".join(f"{lang} {base}{urls.home(lang)}" for lang in workspace.languages))]
    try:
        content = workspace.load()
    except ContentError:
        lines.append(_("The content has problems: the browser shows them, and the site once they are fixed."))
        return "\n".join(lines)
    catalog = workspace.catalog(content)
    newest = content.posts[0] if content.posts else None
    if newest is not None and not newest.is_published(catalog.now) and not drafts:
        lines.append(_("The newest post, {folder}, is a draft or scheduled for later: the preview shows it once it is "
                       "published, or now with 'hub preview --drafts'.", folder=newest.source.relative_to(workspace.root).as_posix()))
    shown = newest if drafts else (catalog.published[0] if catalog.published else None)
    if shown is not None:
        lines.append(_("Newest post: {addresses}", addresses="  ".join(f"{lang} {base}{urls.post(lang, shown)}"
                                                                       for lang in workspace.languages if lang in shown.text)))
    lines.append(_("The page reloads by itself when you save a file. Stop the preview with Ctrl+C."))
    return "\n".join(lines)
