"""Every key a user writes is described where the user meets it: on hover in an editor (the JSON
Schema) and in the guide. The walk is generic, so a field added later without a description fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.scheme.json_schema import SCHEMA_HINT, SCHEMAS, json_schema, scheme_json_schema

REPO = Path(__file__).resolve().parents[2]


def undescribed(schema: dict) -> list[str]:
    """Every property (at any depth, in $defs too) whose schema has no Chinese description."""
    missing: list[str] = []

    def walk(node, where: str) -> None:
        if isinstance(node, dict):
            for key, sub in (node.get("properties") or {}).items():
                text = sub.get("description", "") if isinstance(sub, dict) else ""
                if not text or not any("\u4e00" <= ch <= "\u9fff" for ch in text) or "例：" not in text:
                    missing.append(f"{where}.{key}")
            for key, sub in node.items():
                walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{where}[{i}]")

    walk(schema, "")
    return missing


@pytest.mark.parametrize("which", sorted(SCHEMAS))
def test_every_property_has_a_chinese_description_with_an_example(which):
    schema = json_schema(which)
    assert len(schema.get("properties", {})) >= 5
    assert undescribed(schema) == []


def test_the_walk_finds_a_property_without_description():
    schema = {"properties": {"a": {"description": "说明。例：1"}}, "$defs": {"X": {"properties": {"b": {"type": "string"}}}}}
    assert undescribed(schema) == ["/$defs/X.b"]


def test_committed_schema_is_current():
    committed = (REPO / "schemes" / "schema.json").read_text("utf-8")
    assert committed == scheme_json_schema(), "运行 kaohe schema --out schemes/schema.json 后提交"
    assert json.loads(committed)["$defs"]["Quota"]["properties"]["rounding"]["description"]


def test_every_seed_scheme_starts_with_the_relative_schema_hint():
    seeds = sorted((REPO / "schemes").glob("*.yaml"))
    assert seeds
    for path in seeds:
        assert path.read_text("utf-8").splitlines()[0] == SCHEMA_HINT, path.name
    assert SCHEMA_HINT.endswith("$schema=./schema.json")
