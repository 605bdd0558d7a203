"""The files of `/admin/`: Decap CMS's bundle, vendored from `node_modules/` at the version `package-lock.json` pins
(never from a CDN), the page that loads it, the hub's script and the generated `config.yml`.

The page is for the site's communicators, not its readers: `noindex`, no link to it from any page, and it is never
a MkDocs page, so the sitemap, the search index and the feeds never see it; the response headers give `/admin/` a
policy of its own (hub.outputs.headers), which allows only what the editor needs.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from html import escape
from pathlib import Path

from ..messages import _

PACKAGE = "decap-cms"
FOLDER = "admin"
BUNDLE = "decap-cms.js"
SCRIPT = Path(__file__).with_name("admin") / "hub-admin.js"


class EditorError(Exception):
    """The editor's bundle is missing or is not the version package-lock.json pins."""


@dataclass(frozen=True)
class Bundle:
    folder: Path
    """`node_modules/decap-cms/dist`."""
    version: str

    def files(self) -> list[Path]:
        """The bundle, the chunks it loads on demand, its WebAssembly modules and licence notice; not the source maps
        (25 MB) nor the second copy (`cms.js`)."""
        names = [BUNDLE, f"{BUNDLE}.LICENSE.txt"]
        found = [self.folder / name for name in names if (self.folder / name).is_file()]
        found += sorted(self.folder.glob(f"*.{BUNDLE}")) + sorted(self.folder.glob("*.wasm"))
        return found


CODE_ROOT = Path(__file__).resolve().parents[3]
"""The project the hub's code is in: where `./run` installs the npm tools, also for a site built elsewhere (the tests')."""


def find_bundle(root: Path) -> Bundle:
    """Decap CMS as `npm ci` installed it into `node_modules`, checked against `package-lock.json`: those of the site's
    folder `root` if it has them, else those of the project the code is in."""
    if not (root / "node_modules" / PACKAGE).is_dir() and (CODE_ROOT / "package-lock.json").is_file():
        root = CODE_ROOT
    lock = root / "package-lock.json"
    try:
        pinned = json.loads(lock.read_text(encoding="utf-8"))["packages"][f"node_modules/{PACKAGE}"]["version"]
    except (OSError, ValueError, KeyError):
        raise EditorError(_("{file} pins no version of {package}, the browser editor: run 'npm install --save-exact {package}'",
                            file=lock, package=PACKAGE)) from None
    package = root / "node_modules" / PACKAGE
    try:
        installed = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        installed = None
    if installed is None or not (package / "dist" / BUNDLE).is_file():
        raise EditorError(_("the browser editor ({package} {version}) is not installed: run './run build', which installs it "
                            "with 'npm ci', or 'npm ci --ignore-scripts' in {folder}", package=PACKAGE, version=pinned, folder=root))
    if installed != pinned:
        raise EditorError(_("node_modules holds {package} {installed}, but package-lock.json pins {pinned}: run 'npm ci "
                            "--ignore-scripts' in {folder}", package=PACKAGE, installed=installed, pinned=pinned, folder=root))
    return Bundle(package / "dist", installed)


def index_html(title: str, lang: str, styles: list[str]) -> str:
    """The editor's page: no inline script or style (the policy allows none), nothing from another host."""
    return f"""<!doctype html>
<html lang="{escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<title>{escape(title)}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<script src="{BUNDLE}"></script>
<script src="hub-admin.js" data-styles="{escape(' '.join(styles))}"></script>
</body>
</html>
"""


def write_admin(site: Path, bundle: Bundle, config_text: str, *, title: str, lang: str) -> Path:
    """Write `/admin/` into the built `site`; returns its folder. The preview is styled with the site's stylesheets."""
    folder = site / FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for file in bundle.files():
        shutil.copyfile(file, folder / file.name)
    styles = sorted(f"../{path.relative_to(site).as_posix()}" for path in (site / "assets" / "stylesheets").glob("main.*.min.css"))
    styles += [f"../{path.relative_to(site).as_posix()}" for path in [site / "assets" / "hub.css"] if path.is_file()]
    shutil.copyfile(SCRIPT, folder / SCRIPT.name)
    (folder / "config.yml").write_text(config_text, encoding="utf-8")
    (folder / "index.html").write_text(index_html(title, lang, styles), encoding="utf-8")
    return folder
