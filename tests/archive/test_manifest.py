"""manifest.json: every input with its hash (and for results files the detected encoding and row
count), the scheme versions, the engine and dependency versions, every output with a hash that
matches the file on disk; and every page's footer shows the manifest's data version."""

from __future__ import annotations

import hashlib
import json
from importlib import metadata

import yaml

from generator import ENGINE_VERSION
from generator.engine.compute import load_everything
from generator.site.manifest import DEPENDENCIES, data_version
from tests.archive.util import check_complete, results_files


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_manifest_lists_inputs_versions_and_outputs(small_build):
    root = small_build.root
    assert small_build.proc.returncode == 0, small_build.proc.stdout + small_build.proc.stderr
    manifest = check_complete(root / "site")  # every output listed, hashes match the files on disk
    assert manifest["audience"] == "public"

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


def test_every_page_footer_shows_the_data_version(small_build):
    site = small_build.root / "site"
    version = json.loads((site / "manifest.json").read_text("utf-8"))["data_version"]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    missing = [p.relative_to(site).as_posix() for p in pages if f"数据版本 <code>{version}</code>" not in p.read_text("utf-8")]
    assert missing == []
