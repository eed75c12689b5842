"""Every problem code used anywhere in generator/ is registered, and every entry is complete."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import generator
from generator.core.problems import CODES, Problems, Severity

ROOT = Path(generator.__file__).parent
KEBAB = re.compile(r"^[a-z]+(?:-[a-z]+)+$")


def _strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str) and KEBAB.match(n.value)}


def _call_name(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def used_codes() -> dict[str, set[str]]:
    """Kebab-case string literals in the places a problem code is written.

    - problems.add(file, line, column, CODE, message, ...)  → the 4th argument (or code=)
    - report(path, CODE, message) / report(CODE, message)   → local helpers
    - FormulaError(message, CODE)                           → becomes a problem code
    - Outcome problems: (column, CODE, message) tuples
    - a variable named `code` assigned before being passed on
    """
    found: dict[str, set[str]] = {}

    def note(strings: set[str], where: str) -> None:
        for s in strings:
            found.setdefault(s, set()).add(where)

    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = _call_name(node)
                args = node.args
                if name == "add" and len(args) >= 5:
                    note(_strings(args[3]), rel)
                elif name in ("report", "report_problem"):
                    for arg in args[:2]:  # report(path, CODE, message) or report(CODE, message)
                        note(_strings(arg), rel)
                elif name == "FormulaError" and len(args) >= 2:
                    note(_strings(args[1]), rel)
                for kw in node.keywords:
                    if kw.arg == "code":
                        note(_strings(kw.value), rel)
            elif isinstance(node, ast.Tuple) and len(node.elts) == 3:
                note(_strings(node.elts[1]), rel)
            elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "code" for t in node.targets):
                note(_strings(node.value), rel)
    return found


def test_every_used_code_is_registered():
    used = used_codes()
    assert len(used) >= 45, "the scan found too few codes: it no longer sees how codes are written"
    unregistered = {code: sorted(files) for code, files in used.items() if code not in CODES}
    assert unregistered == {}


def test_registry_covers_the_engine_codes_seen_in_tests():
    # a sample of codes the scan must find, so that it cannot silently find nothing
    used = used_codes()
    for code in (
        "yaml-syntax",
        "unknown-key",
        "not-a-number",
        "number-not-finite",
        "score-negative",
        "missing-component",
        "period-missing",
        "bad-formula",
    ):
        assert code in used, code


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_entry_is_complete(code):
    info = CODES[code]
    assert KEBAB.match(code), code
    for field in ("title", "fix", "example"):
        text = getattr(info, field)
        assert isinstance(text, str) and text.strip() == text and len(text) >= 2, (code, field)
        assert not re.search(r"TODO|TBD|FIXME|XXX|待补|占位|lorem", text, re.IGNORECASE), (code, field, text)
    assert re.search(r"[\u4e00-\u9fff]", info.title), "titles are Chinese"
    assert re.search(r"[\u4e00-\u9fff]", info.fix), "fixes are Chinese"
    assert info.title != info.fix


def test_titles_are_unique():
    titles = [info.title for info in CODES.values()]
    assert len(titles) == len(set(titles))


def test_unregistered_code_is_refused_at_runtime():
    with pytest.raises(KeyError):
        Problems().add("f", 1, 1, "no-such-code", "x")


def test_problems_sort_dedupe_and_format():
    problems = Problems()
    problems.add("b.csv", 2, "D", "not-a-number", "「优」不是数字", where="b.csv › 第2行 › D列「得分」")
    problems.add("a.yaml", 10, 3, "unknown-key", "不认识的键")
    problems.add("a.yaml", 2, 1, "bands-gap", "空档")
    problems.add("a.yaml", 2, 1, "bands-gap", "空档")  # the same problem twice is shown once
    problems.add("a.yaml", 1, None, "defect-acknowledged", "原文缺陷", Severity.NOTE)
    problems.add("b.csv", 1, "AA", "unknown-column", "多了一列", Severity.WARNING)
    assert [(p.file, p.line, p.code) for p in problems] == [
        ("a.yaml", 1, "defect-acknowledged"),
        ("a.yaml", 2, "bands-gap"),
        ("a.yaml", 10, "unknown-key"),
        ("b.csv", 1, "unknown-column"),
        ("b.csv", 2, "not-a-number"),
    ]
    assert [p.code for p in problems.errors] == ["bands-gap", "unknown-key", "not-a-number"]
    assert [p.code for p in problems.warnings] == ["unknown-column"]
    assert [p.code for p in problems.notes] == ["defect-acknowledged"]
    formatted = [p.format() for p in problems]
    assert formatted[0] == "a.yaml:1: [defect-acknowledged]（已知缺陷） 原文缺陷"
    assert formatted[2] == "a.yaml:10:3: [unknown-key] 不认识的键"
    assert formatted[4] == "b.csv › 第2行 › D列「得分」: [not-a-number] 「优」不是数字"
    assert problems.sorted()[4].as_dict()["where"] == "b.csv › 第2行 › D列「得分」"
