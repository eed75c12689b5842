"""Plain words: the handbooks and derivations state the rules in the reader's words.

- Every formula and condition of every seed scheme, printed as the handbook prints it, reads back
  as the same formula: the printed rule is the rule that grades (brackets included).
- No item code, scheme key, option value or period label (Q1, H1) appears in any handbook or
  derivation of the demo.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator.core.problems import Problems
from generator.engine.compute import compute_project
from generator.engine.explain import explain_lines
from generator.project.discover import discover
from generator.scheme.expr import compiled, parse_formula
from generator.scheme.expr_readback import parse_described, same_formula
from generator.scheme.json_schema import scheme_json_schema
from generator.scheme.periods import PERIOD_NAMES
from generator.scheme.rules.formula import FormulaRule
from generator.site.generate import generate

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def project():
    problems = Problems()
    found = discover(REPO, problems)
    return found, problems


def _formulas(scheme):
    """(where, source, code → name) of every formula and condition in a scheme."""
    for assessment in scheme.assessments:
        names = assessment.item_names()
        items = list(assessment.walk()) + [i for post in scheme.posts for item in post.items for i in item.walk()]
        for item in items:
            if isinstance(item.rule, FormulaRule):
                yield f"{scheme.code}/{item.code}", item.rule.expr, names
        for n, override in enumerate(assessment.overrides):
            for text in (override.when, override.requires):
                if text:
                    yield f"{scheme.code}/{assessment.code}/overrides/{n}", text, names


def test_every_seed_formula_reads_back_as_itself(project):
    found, _ = project
    count = 0
    for scheme in found.schemes.values():
        for where, source, names in _formulas(scheme):
            formula = compiled(source)
            words = formula.describe(names)
            back = parse_described(words, names)
            assert same_formula(formula, back), f"{where}: 「{source}」 printed as 「{words}」 reads back as 「{back.source}」"
            count += 1
    assert count >= 10  # the seeds have formulas and conditions in several schemes


@pytest.mark.parametrize(
    "source, words",
    [
        ("(一般+较差)*2 > n", "（一般 + 较差） × 2 大于 n"),
        ('次数("好") * 2 >= 期数()', "次数（「好」） × 2 大于或等于 期数"),
        ("a - (b - c)", "a − （b − c）"),
        ("not (a and b) or c", "并非（a 并且 b） 或者 c"),
        ("(a or b) and c", "（a 或者 b） 并且 c"),
        ("a / (b * c)", "a ÷ （b × c）"),
    ],
)
def test_formulas_print_with_the_brackets_they_need(source, words):
    formula = parse_formula(source, None)
    assert formula.describe() == words
    assert same_formula(formula, parse_described(words))


def test_a_formula_prints_item_names_not_codes():
    formula = parse_formula("pingshi >= 85", None)
    assert formula.describe({"pingshi": "平时考核成绩"}) == "平时考核成绩 大于或等于 85"
    assert same_formula(formula, parse_described("平时考核成绩 大于或等于 85", {"pingshi": "平时考核成绩"}))


def _keys_and_values() -> set[str]:
    """Every property name and option value of the scheme format (gap_policy, lower, missing, error…)."""
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            found.update(k for k in node.get("properties", {}) if isinstance(k, str))
            for key in ("enum", "const"):
                values = node.get(key)
                found.update(v for v in (values if isinstance(values, list) else [values]) if isinstance(v, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(scheme_json_schema()))
    return {w for w in found if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", w)}


def _words(text: str) -> set[str]:
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"<svg.*?</svg>", "", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)  # tags and their attributes are not read
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = re.sub(r"\{[#:.][^}]*\}", "", text)  # attr_list anchors
    text = re.sub(r'^!!! \w+', "", text, flags=re.M)  # admonition kinds
    text = html.unescape(text).replace("\\", "")
    return set(re.findall(r"(?<![A-Za-z0-9_\-])[A-Za-z_][A-Za-z0-9_\-]*(?![A-Za-z0-9_\-])", text))


def test_no_code_key_or_english_label_in_handbooks_or_derivations(project):
    found, problems = project
    codes = {item.code for s in found.schemes.values() for a in s.assessments for item in a.walk()}
    codes |= {i.code for s in found.schemes.values() for post in s.posts for item in post.items for i in item.walk()}
    forbidden = codes | _keys_and_values() | set(PERIOD_NAMES)
    leaks: dict[str, str] = {}
    files = generate(REPO, "public", Problems()).files
    handbooks = [p for p in files if p.startswith("handbooks/") or p == "guide/reading.md"]
    assert len(handbooks) >= 13
    for path in handbooks:
        for word in _words(files[path].decode("utf-8")) & forbidden:
            leaks.setdefault(word, path)
    periods = compute_project(found, problems)
    explained = 0
    for period in periods:
        for person in period.people[:3] + period.people[-2:]:  # every scheme's steps, not every person
            for word in _words("\n".join(explain_lines(period, person))) & forbidden:
                leaks.setdefault(word, f"{period.scheme.code} {period.label} {person.id}")
            explained += 1
    assert explained > 200
    assert not leaks, f"codes, keys or English labels shown to readers: {leaks}"


def test_derivation_sections_are_numbered_without_gaps(project):
    found, problems = project
    numerals = "一二三四五六七八九十"
    for period in compute_project(found, problems):
        for person in period.people[:2]:
            heads = [line.split("、", 1)[0] for line in explain_lines(period, person) if re.match(rf"^[{numerals}]、", line)]
            assert heads == list(numerals[: len(heads)]), (period.scheme.code, person.id, heads)


def test_derivations_show_no_long_decimals(project):
    """A quotient (27 ÷ 31 has fifty digits in Decimal) is shown ≈ at the item's places, never in full."""
    found, problems = project
    long = re.compile(r"\d+\.\d{7,}")
    seen = []
    for period in compute_project(found, problems):
        for person in period.people[:3]:
            for line in explain_lines(period, person):
                if long.search(line):
                    seen.append(f"{period.scheme.code} {period.label} {person.id}: {line.strip()}")
    assert not seen, "\n".join(seen[:5])
