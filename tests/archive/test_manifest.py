"""manifest.json. The internal edition's: every input with its hash (and for results files the
detected encoding and row count). The public edition's: only what the public site shows — the scheme
files (every handbook is public), never a file under content/ (a sheet's hash confirms a draft, a row
count or a decisions file says what the 公示 does not). Both: the scheme versions, the engine and
dependency versions, every output with a hash that matches the file on disk; every page's footer
shows the manifest's data version, on the public edition derived only from what that edition shows."""

from __future__ import annotations

import hashlib
import json
import re
from importlib import metadata
from types import SimpleNamespace

import pytest
import yaml

from generator import ENGINE_VERSION
from generator.engine.compute import load_everything
from generator.site.manifest import DEPENDENCIES, data_version
from tests.archive.util import check_complete, edit_csv_cell, kaohe, make_project, results_files, tree_hashes


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_internal_manifest_lists_inputs_versions_and_outputs(two_editions):
    root = two_editions.root
    manifest = check_complete(root / "site-internal")  # every output listed, hashes match the files on disk
    assert manifest["audience"] == "internal"

    inputs = {r["path"]: r for r in manifest["inputs"]}
    on_disk = sorted(p for p in [*(root / "schemes").glob("*.yaml"), *(root / "content").rglob("*")] if p.is_file())
    assert sorted(inputs) == sorted(p.relative_to(root).as_posix() for p in on_disk)
    for path in on_disk:
        assert inputs[path.relative_to(root).as_posix()]["sha256"] == sha(path)

    _, periods, _ = load_everything(root)
    people = {p.files[0]: len(p.people) for p in periods if p.files}
    sheets = results_files(root)
    assert any(p.suffix == ".csv" for p in sheets) and any(p.suffix == ".xlsx" for p in sheets)
    for path in sheets:
        record = inputs[path.relative_to(root).as_posix()]
        if path.suffix == ".csv":
            assert record["encoding"] in ("UTF-8", "UTF-8（带 BOM）", "GB18030/GBK", "UTF-16"), record
        else:
            assert record["encoding"] == "xlsx", record
        assert record["rows"] == people[record["path"]] > 0
    for rel, record in inputs.items():
        if rel.endswith((".yaml", ".decisions.csv")):
            assert "rows" not in record and "encoding" not in record, record

    for code, scheme in manifest["schemes"].items():
        data = yaml.safe_load((root / scheme["file"]).read_text("utf-8"))
        assert data["code"] == code and str(data["version"]) == scheme["version"] and data["name"] == scheme["name"]
    assert manifest["versions"]["kaohe-engine"] == ENGINE_VERSION
    for name in DEPENDENCIES:
        assert manifest["versions"][name] == metadata.version(name)

    assert manifest["data_version"] == data_version(manifest["inputs"])
    assert "content/heting-kx/s001-kexie/2025/年度.csv" in inputs and "content/heting-kx/s001-kexie/2025/Y.notice.yaml" in inputs


def test_public_manifest_versions_and_outputs(small_build):
    root = small_build.root
    assert small_build.proc.returncode == 0, small_build.proc.stdout + small_build.proc.stderr
    manifest = check_complete(root / "site")  # every output listed, hashes match the files on disk
    assert manifest["audience"] == "public"
    for code, scheme in manifest["schemes"].items():
        data = yaml.safe_load((root / scheme["file"]).read_text("utf-8"))
        assert data["code"] == code and str(data["version"]) == scheme["version"] and data["name"] == scheme["name"]
    assert manifest["versions"]["kaohe-engine"] == ENGINE_VERSION


def test_every_page_footer_shows_the_data_version(small_build):
    site = small_build.root / "site"
    version = json.loads((site / "manifest.json").read_text("utf-8"))["data_version"]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    missing = [p.relative_to(site).as_posix() for p in pages if f"数据版本 <code>{version}</code>" not in p.read_text("utf-8")]
    assert missing == []


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    """A project with a published agency and one whose scheme is not published (publish: false): its
    public edition; the same after private sheets were edited (one never published, one whose 公示 has
    not started) and a 公示 file added for the unpublished one; then its internal edition."""
    root = make_project(tmp_path_factory.mktemp("editions") / "proj", ["yunxi-czj", "heting-kx"])
    builds = {}
    proc = kaohe(root, "build", "--quiet")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    builds["public"] = tree_hashes(root / "site")
    unpublished = root / "content/heting-kx/s001-kexie/2025/年度.csv"
    not_started = root / "content/yunxi-czj/s003-p2/2025/Q2.csv"  # its 公示 starts 2025-07-09, after the build date
    assert edit_csv_cell(unpublished, "KX02", "迟到早退次数", "3") != "3"
    assert edit_csv_cell(not_started, "0001", "工作负荷", "11.5") != "11.5"
    (root / "content/heting-kx/s001-kexie/2025/Y.notice.yaml").write_text("start: 2026-01-12\ndays: 5\n", encoding="utf-8")
    proc = kaohe(root, "build", "--quiet")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    builds["public-after"] = tree_hashes(root / "site")
    proc = kaohe(root, "build", "--quiet", "--audience", "internal")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return SimpleNamespace(root=root, builds=builds)


def test_public_manifest_lists_only_what_the_public_site_shows(two_editions):
    root = two_editions.root
    text = (root / "site" / "manifest.json").read_text("utf-8")
    manifest = json.loads(text)
    assert manifest["audience"] == "public"
    # the schemes are published (every handbook is public): their files and hashes; nothing under content/
    schemes = sorted(p.relative_to(root).as_posix() for p in (root / "schemes").glob("*.yaml"))
    assert sorted(r["path"] for r in manifest["inputs"]) == schemes
    for record in manifest["inputs"]:
        assert set(record) == {"path", "sha256"} and record["sha256"] == sha(root / record["path"])
    for secret in ("content/", "heting", "decisions", "rows", "encoding", "年度.csv", "Q2.csv"):
        assert secret not in text, secret
    assert sorted(manifest["schemes"]) == sorted(p.stem for p in (root / "schemes").glob("*.yaml"))
    check_complete(root / "site")


def test_private_sheets_change_nothing_on_the_public_site(two_editions):
    """Not even by subtraction: two builds that differ only in sheets the 公示 does not show (a scheme
    with publish: false; a period whose 公示 has not started) give byte-identical public sites —
    manifest, data version in every footer and all."""
    before, after = two_editions.builds["public"], two_editions.builds["public-after"]
    assert before == after, sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))[:10]


# Jinja syntax in a site file is a template mkdocs copied instead of rendering (sitemap.xml was one)
_JINJA = re.compile(r"\{%-?\s*(?:for|if|set|block|extends|include|macro|end\w+)\b|\{\{-?\s*[\w.]+\s*(?:\||\}\})")


@pytest.mark.parametrize("edition", ["site", "site-internal"])
def test_no_sitemap_and_no_unrendered_template(two_editions, edition):
    site = two_editions.root / edition
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    raw = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # a workbook, an image, a font
        rel = path.relative_to(site).as_posix()
        # the theme's bundled scripts hold {{ in their own code (brace expansion); for them, only Jinja's forms
        if (rel.startswith("assets/javascripts/") and _JINJA.search(text)) or (not rel.startswith("assets/javascripts/") and ("{%" in text or "{{" in text)):
            raw.append(rel)
    assert raw == []
