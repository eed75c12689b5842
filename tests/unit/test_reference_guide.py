"""The guide's 《字段参考》 lists every field of every model the user writes, and 《公式写法》 every
function and operator of the formula language, with seed examples that really are in the seeds."""

from __future__ import annotations

from pathlib import Path

from generator.scheme import formula_docs
from generator.scheme.expr import parse_formula
from generator.scheme.json_schema import SCHEMAS
from generator.scheme.reference import reference
from generator.site.pages_guide import build_guide
from generator.site.render import md_escape

REPO = Path(__file__).resolve().parents[2]


class _Ctx:
    class project:  # noqa: N801 - a minimal stand-in for SiteContext.project
        schemes = {"s003-p2": None}


def _page(path: str) -> str:
    return next(p.text for p in build_guide(_Ctx()) if p.path == path)


def _all_models() -> set[type]:
    """Every pydantic model reachable from the three files, found from the JSON Schemas' $defs."""
    names: set[str] = set()
    for model, _title in SCHEMAS.values():
        schema = model.model_json_schema()
        names |= set(schema.get("$defs", {})) | {model.__name__}
    return names


def test_reference_lists_every_model_and_every_field_with_its_description_type_and_default():
    text = _page("guide/reference.md") + _page("guide/reference-rules.md")
    docs = {m.name: m for m in reference()}
    assert set(docs) == _all_models()
    for model, _title in SCHEMAS.values():
        schema = model.model_json_schema()
        for name, definition in [(model.__name__, schema), *schema.get("$defs", {}).items()]:
            doc = docs[name]
            assert f"## {md_escape(doc.heading)} {{#{doc.anchor}}}" in text and name in doc.heading
            assert set(definition["properties"]) == {f.key for f in doc.fields}, name
            for f in doc.fields:
                row = next((line for line in text.splitlines() if line.startswith(f"| `{f.key}` |") and md_escape(f.description) in line), None)
                assert row is not None, f"{name}.{f.key} 不在《字段参考》中"
                assert f.type and (f.required or f.default), f"{name}.{f.key}"
                assert ("**必填**" in row) == f.required


def test_reference_is_two_light_pages_whose_links_land_on_the_model():
    """The files' structure on one page, the scoring rules on another; a link to a model on the other
    page names that page, and every model is on exactly one of them."""
    import re

    pages = {path: _page(path) for path in ("guide/reference.md", "guide/reference-rules.md")}
    where = {anchor: path for path, text in pages.items() for anchor in re.findall(r"\{#(ref-[a-z]+)\}", text)}
    assert len(where) == len(reference())
    assert where["ref-scheme"] == where["ref-item"] == "guide/reference.md"
    assert where["ref-deduct"] == where["ref-tier"] == "guide/reference-rules.md"
    for path, text in pages.items():
        assert len(text.encode()) < 60_000, path
        for target, anchor in re.findall(r"\]\(([\w.-]*)#(ref-[a-z]+)\)", text):
            assert where[anchor] == ("guide/" + target if target else path), (path, target, anchor)


def test_reference_shows_allowed_values_and_ranges():
    fields = {(m.name, f.key): f for m in reference() for f in m.fields}
    assert fields[("Quota", "rounding")].allowed == "floor、ceil、half_up"
    assert fields[("Quota", "at_most")].type.startswith("比例")
    assert fields[("Assessment", "places")].allowed == "0 到 6" and fields[("Assessment", "places")].default == "2"
    assert fields[("Publicity", "public_min_group")].default == "3"
    # no default word: the unit comes from the column's name when not written (事假天数 → 天), and the reference says so
    assert fields[("PerEvent", "unit_name")].default == "不写" and "按列名" in fields[("PerEvent", "unit_name")].description


def test_formula_page_lists_every_function_and_operator():
    text = _page("guide/formula.md")
    assert formula_docs.documented_functions() == formula_docs.language_functions()
    for key in formula_docs.language_functions():
        assert f"### {key} " in text, key
    for word in ("且", "或", "非", ">=", "==", "!="):
        assert word in text


def test_formula_examples_are_quoted_from_the_seeds_and_parse():
    for entry in [*formula_docs.OPERATORS, *formula_docs.FUNCTIONS.values()]:
        expr = entry.example.split("#")[0].strip()
        for prefix in ("expr:", "when:"):
            expr = expr.removeprefix(prefix).strip()
        if expr.startswith('"') and expr.endswith('"'):  # quoted as a whole in YAML
            expr = expr[1:-1]
        parse_formula(expr, None)  # raises if the language does not accept it
        if entry.seed:
            assert entry.example in (REPO / "schemes" / f"{entry.seed}.yaml").read_text("utf-8"), (entry.seed, entry.example)


def test_every_reference_heading_names_the_model_in_chinese_with_balanced_brackets():
    """An HR reader finds a model by its Chinese name: a heading that was only the class name
    (DepartmentEntry) or cut inside a bracket (直接填写的评价列（等次以外（RatingLimit）) read as a slip."""
    import re

    for doc in reference():
        heading = doc.heading
        assert re.search(r"[\u4e00-\u9fff]", heading), heading
        assert heading.count("（") == heading.count("）"), heading
        assert heading.endswith(f"（{doc.name}）"), heading
