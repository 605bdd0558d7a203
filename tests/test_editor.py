"""The browser editor's configuration cannot drift from what `hub check` accepts: compared with the schema the loader
validates, field by field; and /admin/ stays out of the readers' site (sitemap, search, feeds, their CSP)."""

from __future__ import annotations

import json
from types import SimpleNamespace
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from hub.content import schema as s
from hub.content.load import load_content
from hub.editor.config import SLUG_FIELD, editor_config
from hub.editor.files import EditorError, find_bundle
from hub.editor.policy import editor_policy
from hub.editor.settings import EditorSettings
from hub.outputs.headers import compute_headers, render_headers_file


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    content = load_content(ROOT, ("uk", "en"), "Europe/Kyiv")
    return editor_config(content, EditorSettings(), timezone="Europe/Kyiv")


def collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


def compare(fields: dict[str, dict[str, Any]], schema: type[s.Schema], *, optional: bool = False) -> None:
    """Each option of `schema` is a field of the same name, required exactly when the option is (inside an optional
    object, never: Decap would ask for an event's date with no event), with the values a Choice allows."""
    for name, option in schema.options().items() if isinstance(schema, type) else schema.items():
        assert name in fields, f"the editor has no field '{name}'"
        made = fields[name]
        assert made["required"] == (bool(option.needed) and not optional), name
        if isinstance(option, s.Choice):  # each value with its label in the editor's language
            assert [choice["value"] for choice in made["options"]] == list(option.choices), name
            assert all(choice["label"] != choice["value"] for choice in made["options"]), made["options"]
        if isinstance(option, s.Fields):
            compare(by_name(made["fields"]), option.options, optional=optional or not option.needed)
        if isinstance(option, s.Localized):
            assert [f["name"] for f in made["fields"]] == ["uk", "en"], name


def test_posts_fields_are_the_schemas(config: dict[str, Any]) -> None:
    news = collection(config, "news")
    fields = by_name(news["fields"])
    assert set(fields) == {SLUG_FIELD, "body", *s.PostMetaSchema.options(), *s.PostTextSchema.options()}
    compare(fields, s.PostMetaSchema)
    compare(fields, s.PostTextSchema)
    # the shared fields are saved in the default language's file only; the texts in each language's
    assert {name for name, f in fields.items() if f["i18n"] is True} == {*s.PostTextSchema.options(), "body"}
    assert news["i18n"] == {"structure": "multiple_files", "locales": ["uk", "en"], "default_locale": "uk"}
    assert news["path"] == "{{year}}/{{slug}}/index" and news["slug"] == "{{fields.slug}}"
    assert news["media_folder"] == "" and news["public_folder"] == ""  # pictures in the post's own folder
    assert fields[SLUG_FIELD]["pattern"][0] == s.SLUG_RE.pattern
    assert fields["only_language"]["options"] == [{"label": "Українською", "value": "uk"}, {"label": "Англійською", "value": "en"}]
    assert fields["cover"]["widget"] == "image"
    assert fields["date"]["format"] == "YYYY-MM-DD" and fields["publish_at"]["format"] == "YYYY-MM-DDTHH:mm:ssZ"
    assert "Europe/Kyiv" in fields["publish_at"]["hint"]


def test_topics_projects_and_partners_come_from_their_registries(config: dict[str, Any]) -> None:
    fields = by_name(collection(config, "news")["fields"])
    # topics: the items of news/tags.yml's list, which the editor edits as a collection of its own
    topics = collection(config, "tags")["files"][0]
    assert topics["file"] == "news/tags.yml" and yaml.safe_load((ROOT / topics["file"]).read_text(encoding="utf-8"))["topics"]
    listed = by_name(topics["fields"])["topics"]
    assert listed["widget"] == "list"
    compare(by_name(listed["fields"]), s.TagSchema)
    assert by_name(listed["fields"])[SLUG_FIELD]["pattern"][0] == s.SLUG_RE.pattern
    assert {key: fields["tags"][key] for key in ("widget", "collection", "file", "value_field", "display_fields", "multiple")} == {
        "widget": "relation", "collection": "tags", "file": "tags", "value_field": "topics.*.slug",
        "display_fields": ["topics.*.name.uk"], "multiple": True}
    assert fields["projects"]["widget"] == "relation" and fields["projects"]["collection"] == "projects"
    assert fields["partners"]["widget"] == "relation" and fields["partners"]["collection"] == "partners"
    project = by_name(collection(config, "projects")["fields"])
    assert {project[name]["collection"] for name in ("funders", "partners", "contact")} == {"partners"}
    assert project["contact"]["multiple"] is False


def test_projects_partners_and_pages_fields_are_the_schemas(config: dict[str, Any]) -> None:
    projects = by_name(collection(config, "projects")["fields"])
    assert set(projects) == {SLUG_FIELD, "body", *s.ProjectMetaSchema.options(), *s.ProjectTextSchema.options()}
    compare(projects, s.ProjectMetaSchema)
    compare(projects, s.ProjectTextSchema)
    partners = by_name(collection(config, "partners")["fields"])
    assert set(partners) == {SLUG_FIELD, *s.PartnerSchema.options()}
    compare(partners, s.PartnerSchema)
    # a description is a few sentences in each language: a box of several lines, not a one-line field
    assert {f["widget"] for f in partners["description"]["fields"]} == {"text"}
    assert {f["widget"] for f in partners["name"]["fields"]} == {"string"}
    for name in ("pages", "methodology"):
        pages = collection(config, name)
        compare(by_name(pages["fields"]), s.PageSchema)
        assert pages["create"] is False  # a new page needs its place in mkdocs.yml's navigation


def test_the_editor_speaks_ukrainian_and_signs_in_through_the_settings() -> None:
    content = load_content(ROOT, ("uk", "en"), "Europe/Kyiv")
    settings = EditorSettings(repo="ngo/hub", base_url="https://auth.example.org", auth_endpoint="oauth/auth")
    config = editor_config(content, settings, timezone="Europe/Kyiv")
    assert config["locale"] == "uk"
    assert config["backend"] == {"name": "github", "repo": "ngo/hub", "branch": "main", "squash_merges": True,
                                 "cms_label_prefix": "cms/", "base_url": "https://auth.example.org", "auth_endpoint": "oauth/auth"}
    assert config["publish_mode"] == "editorial_workflow" and "local_backend" not in config
    policy = editor_policy(settings)
    assert "connect-src 'self' blob: data: https://api.github.com https://auth.example.org;" in policy
    assert "frame-ancestors 'none'" in policy


def test_a_missing_or_other_bundle_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "package-lock.json").write_text(json.dumps({"packages": {"node_modules/decap-cms": {"version": "3.16.3"}}}))
    package = tmp_path / "node_modules" / "decap-cms"
    (package / "dist").mkdir(parents=True)
    with pytest.raises(EditorError, match="is not installed: run './run build'"):
        find_bundle(tmp_path)
    (package / "package.json").write_text(json.dumps({"version": "3.1.0"}))
    (package / "dist" / "decap-cms.js").write_text("")
    with pytest.raises(EditorError, match="holds decap-cms 3.1.0, but package-lock.json pins 3.16.3"):
        find_bundle(tmp_path)


def test_admin_is_kept_out_of_the_readers_site(site: Path) -> None:
    admin = site / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "http" not in page.replace('name="viewport"', "")  # nothing from another host
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["collections"][0]["name"] == "news" and "local_backend" not in config
    assert (admin / "decap-cms.js").stat().st_size > 1_000_000
    assert not list(admin.glob("*.map"))
    for name in ("sitemap.xml", "feed.xml", "en/feed.xml"):
        assert "/admin" not in (site / name).read_text(encoding="utf-8")
    indexed = [p for p in (site / "pagefind").rglob("*") if "admin" in p.name]
    assert indexed == []
    headers = (site / "_headers").read_text(encoding="utf-8")
    block = headers.split("\n/admin/*\n", 1)[1].split("\n\n", 1)[0]
    assert "  ! Content-Security-Policy" in block and "'unsafe-eval'" in block and "X-Robots-Tag: noindex" in block
    readers = headers.split("\n/*\n", 1)[1].split("\n\n", 1)[0]
    assert "'unsafe-eval'" not in readers and "api.github.com" not in readers


def test_the_editors_policy_replaces_the_readers_only_in_its_folder(tmp_path: Path) -> None:
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "index.html").write_text("<!doctype html><script>inline()</script>")
    (tmp_path / "index.html").write_text("<!doctype html><p>home</p>")
    headers = compute_headers(tmp_path, sections={"admin": "default-src 'self'"})
    text = render_headers_file(headers)
    assert "/admin/*\n  Cache-Control: public, max-age=300\n  ! Content-Security-Policy\n  Content-Security-Policy: default-src 'self'" in text
    assert "sha256" not in text  # the editor's page is not scanned for the readers' policy


def test_hub_check_annotates_a_pull_request_at_the_file_and_line(tmp_path: Path) -> None:
    """`hub check --format github`: what the workflow prints so that GitHub shows each problem on the editor's pull
    request, at its file and line."""
    from hub.commands.check import as_github
    from hub.content.errors import Problem

    workspace = SimpleNamespace(root=tmp_path)  # only the project's folder is read
    problems = [Problem(tmp_path / "news/2026/x/index.uk.md", "unknown topic 'trainng', did you mean: 'training'?\nsee tags",
                        line=3, field="tags"),
                Problem(tmp_path / "news/2026/x/index.en.md", "100% long", severity="warning", code="summary-length")]
    assert as_github(problems, workspace) == [
        "::error file=news/2026/x/index.uk.md,line=3,title=tags::unknown topic 'trainng', did you mean: 'training'?%0Asee tags",
        "::warning file=news/2026/x/index.en.md,title=summary-length::100%25 long",
    ]
