"""The engine seam: the hub's core imports no engine, and the site builds the same on MkDocs and on ProperDocs."""

from __future__ import annotations

import ast
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path


from conftest import NOW, ROOT

HUB = ROOT / "scripts" / "hub"
ENGINES = ("mkdocs", "material", "mkdocs_static_i18n", "properdocs")


def imported(path: Path) -> set[str]:
    """The top-level packages a module imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_engine_folder_imports_the_engine() -> None:
    """A move to another engine touches `hub/engine/` alone."""
    outside = {path.relative_to(HUB).as_posix(): sorted(imported(path) & set(ENGINES))
               for path in HUB.rglob("*.py") if "engine" not in path.relative_to(HUB).parts}
    assert {path: names for path, names in outside.items() if names} == {}


def test_the_layers_import_only_downwards() -> None:
    """commands → engine → build → editor → outputs, newsletter → site → content: a layer never imports one above it."""
    order = ["content", "site", "outputs", "newsletter", "editor", "build", "engine", "commands"]
    for path in HUB.rglob("*.py"):
        layer = path.relative_to(HUB).parts[0]
        if layer not in order:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level:
                package = path.relative_to(HUB).parts[: len(path.relative_to(HUB).parts) - node.level]
                target = (*package, *(node.module or "").split("."))[0] if package else (node.module or "").split(".")[0]
                if target in order:
                    above = order.index(target) > order.index(layer) and {layer, target} != {"outputs", "newsletter"}
                    assert not above, f"{path.relative_to(HUB)} imports hub.{target}, a layer above hub.{layer}"


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_properdocs_builds_the_same_site(project: Path, site: Path, tmp_path: Path) -> None:
    """ProperDocs 1.6 (`./run properdocs build`, in an environment without MkDocs) writes every file MkDocs writes, byte for byte."""
    copy = tmp_path / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site", ".cache"))
    env = {**os.environ, "HUB_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(ROOT / "run"), "properdocs", "build", "-f", str(copy / "mkdocs.yml")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "mkdocs" not in subprocess.run([str(ROOT / ".venv-properdocs" / "bin" / "python"), "-m", "pip", "list"],
                                          capture_output=True, text=True).stdout.lower().split(), "no MkDocs in its environment"
    built, expected = snapshot(copy / "site"), snapshot(site)
    assert sorted(built) == sorted(expected)
    assert [path for path in built if built[path] != expected[path]] == []


def test_the_internals_of_mkdocs_static_i18n_the_hub_uses_are_still_there() -> None:
    """hub.engine.mkdocs.i18n drives the language passes through three names the plugin does not document: a release
    that renames one must fail here, not in the middle of a build."""
    from mkdocs_static_i18n.plugin import I18n

    from hub.engine.mkdocs.i18n import INTERNALS

    plugin = I18n()
    missing = [name for name in INTERNALS if not hasattr(plugin, name)]
    assert missing == [], f"mkdocs-static-i18n no longer has {missing}: update hub/engine/mkdocs/i18n.py"


def test_the_live_reload_servers_internals_the_preview_swaps_are_still_there(tmp_path: Path) -> None:
    """hub.engine.mkdocs.preview.watch_natively replaces MkDocs's polling observer and moves its watch lists."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert isinstance(server._watched_paths, dict) and isinstance(server._watch_refs, dict), \
            "MkDocs's live-reload server changed: update hub/engine/mkdocs/preview.py (watch_natively)"
    finally:
        server.server_close()


def test_only_the_adapter_names_other_packages_private_names() -> None:
    """No line outside hub/engine/ reaches into a dependency's `_private` names or mkdocs-static-i18n's internals."""
    private = re.compile(r"\b(?:server|config|schema|i18n|plugin|Config)\._[a-z]\w*|\.(?:building|current_language)\b")
    found = [f"{path.relative_to(HUB)}:{number}" for path in HUB.rglob("*.py") if "engine" not in path.relative_to(HUB).parts
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if private.search(line)]
    assert found == []
