"""The register's rates (年度考核情况登记汇总表) are the scheme's own: found by the item's name only, a scheme
that named its item otherwise (季度优秀比例) got the form's own count of 优秀 quarters ÷ 3 beside a grade made
from 优秀 quarters ÷ the quarters taken part in, and passed the check. Now `rates:` names the item, and a
register whose 平时考核优秀率 is found nowhere is refused with the fix."""

from __future__ import annotations

import re
from decimal import Decimal

from generator.core.problems import Problems, Severity
from generator.site.generate import generate
from tests.unit.test_problem_codes import check_text
from tests.web.test_compare_forms import cells
from tests.web.util import REPO, copy_demo_part

P7 = (REPO / "schemes/s003-p7.yaml").read_text(encoding="utf-8")
RENAMED = P7.replace("name: 平时考核优秀率", "name: 季度优秀比例").replace('expr: 次数("优秀") / 3', 'expr: 次数("优秀") / 期数()')
FORM = "    vote: [年终测评优秀票数, 参加测评总人数]\n"


def _errors(text: str) -> list[tuple[int, str, str]]:
    return [(p.line, p.code, p.message) for p in check_text(text).sorted() if p.severity is Severity.ERROR]


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_seed_passes():
    assert _errors(P7) == []


def test_a_rate_under_another_name_is_refused_with_the_fix():
    errors = _errors(RENAMED)
    assert [(line, code) for line, code, _ in errors] == [(_line(RENAMED, "  - form: 年度考核情况登记汇总表"), "missing-key")]
    assert "rates: {平时考核优秀率: 算这个比率的项目的 code 或名称}" in errors[0][2] and "按季度计数" in errors[0][2]


def test_rates_naming_an_item_by_code_or_name_pass_and_a_wrong_one_is_reported():
    for named in ("pingshi-youxiulv", "季度优秀比例", "按季度计数"):
        assert _errors(RENAMED.replace(FORM, FORM + f"    rates: {{平时考核优秀率: {named}}}\n")) == [], named
    text = RENAMED.replace(FORM, FORM + "    rates: {平时考核优秀率: 季度优秀率}\n")
    assert [(line, code) for line, code, _ in _errors(text)] == [(_line(text, "rates: {"), "unknown-name")]
    text = RENAMED.replace(FORM, FORM + "    rates: {平时考核优秀率: youxiulv-x}\n")
    assert "季度优秀比例" in _errors(text)[0][2]  # the items it could have named


def test_a_rate_that_is_no_rate_and_two_items_of_the_name_are_reported():
    text = RENAMED.replace(FORM, FORM + "    rates: {平时考核优秀率: 季度优秀比例}\n").replace(
        "            name: 季度优秀比例\n            max: 1", "            name: 季度优秀比例\n            max: 100")
    assert "bad-value" in {code for _, code, _ in _errors(text)}
    twice = P7.replace("name: 年终考核测评优秀率", "name: 平时考核优秀率（测评）").replace("name: 平时考核优秀率\n", "name: 平时考核优秀率（季度）\n")
    assert any("有 2 个项目的名称含「平时考核优秀率」" in m for _, _, m in _errors(twice))
    quarterly = (REPO / "schemes/s003-p2.yaml").read_text(encoding="utf-8")
    assert "form: 平时考核结果汇总表" in quarterly
    stray = quarterly.replace("  - form: 平时考核结果汇总表\n", "  - form: 平时考核结果汇总表\n    rates: {平时考核优秀率: x}\n")
    assert any("rates 只用于" in m for _, _, m in _errors(stray))


def test_the_register_shows_the_named_item_not_its_own_count(tmp_path):
    """陶辉雪 joined in Q2 and was 优秀 twice: the scheme's 优秀次数 ÷ 期数() is 100%; the form's own count said 66.67%."""
    root = copy_demo_part(tmp_path, ("baiyang-fgw",))
    (root / "schemes/s003-p7.yaml").write_text(RENAMED.replace(FORM, FORM + "    rates: {平时考核优秀率: 季度优秀比例}\n"), encoding="utf-8")
    problems = Problems()
    g = generate(root, "internal", problems)
    assert not problems.has_errors()
    yearly = next(p for p in g.periods if p.key == "baiyang-fgw/s003-p7/2025/Y")
    rows = {r[1]: r for r in cells(g.files["forms/baiyang-fgw/s003-p7/2025-niandu-dengji-huizongbiao.md"].decode())[2:]}
    for person in yearly.people:
        value = person.item_value_map()["pingshi-youxiulv"]
        assert Decimal(rows[person.person.name][5].rstrip("%")) == (value * 100).quantize(Decimal("0.01"))
    assert rows["陶辉雪"][2:6] == ["未参加", "优秀", "优秀", "100.00%"]
    assert re.search(r"rates", (REPO / "site_templates/pages/guide_scheme.md.j2").read_text(encoding="utf-8"))


def test_one_item_under_two_headings_is_reported():
    text = RENAMED.replace(FORM, FORM + "    rates: {平时考核优秀率: 年度考核优秀率}\n")
    assert any("都取自项目「年度考核优秀率」" in m for _, _, m in _errors(text))


def test_a_vote_rate_under_another_name_beside_vote_is_reported():
    """vote: [票数, 总人数] and an item 测评得票率 = 票数 ÷ 总人数 graded on: the form divided the votes itself."""
    text = P7.replace("name: 年终考核测评优秀率", "name: 测评得票率")
    errors = _errors(text)
    assert [(code, "rates: {年终考核测评优秀率: ceping-youxiulv}" in m) for _, code, m in errors] == [("bad-value", True)]
    assert _errors(text.replace(FORM, FORM + "    rates: {年终考核测评优秀率: 测评得票率}\n")) == []


def test_a_yearly_rate_worked_out_in_one_formula_is_no_vote_rate():
    """年度考核优秀率 = 次数("优秀") / 3 × 40% + 票数 ÷ 总人数 × 60% in one item: it reads the votes and is the yearly rate."""
    start = P7.index("      - code: youxiulv")
    end = P7.index("    grades:", start)
    one = ("      - code: youxiulv\n        name: 年度考核优秀率\n        max: 1\n        score:\n          kind: formula\n"
           '          expr: 次数("优秀") / 3 * 0.4 + 年终测评优秀票数 / 参加测评总人数 * 0.6\n'
           "          uses: [年终测评优秀票数, 参加测评总人数]\n")
    text = P7[:start] + one + P7[end:]
    assert [code for _, code, _ in _errors(text)] == ["missing-key"]  # 平时考核优秀率 only: say how the form gets it
    assert _errors(text.replace(FORM, FORM + "    rates: {平时考核优秀率: 按季度计数}\n")) == []


def test_the_quarterly_summary_says_its_base_as_counted(tmp_path):
    """A scheme whose 好 quota is per department: the page said the share's base was the same as the quota's."""
    root = copy_demo_part(tmp_path, ("yunxi-czj",))
    scheme = root / "schemes/s003-p2.yaml"
    text = scheme.read_text(encoding="utf-8")
    assert "scope: unit" in text
    scheme.write_text(text.replace("scope: unit", "scope: department"), encoding="utf-8")
    g = generate(root, "internal", Problems())
    page = g.files["forms/yunxi-czj/s003-p2/2024-pingshi-huizongbiao.md"].decode()
    assert "本方案没有全单位的「好」等次名额，按确定了等次的人数计" in page and "名额的计算基数相同" not in page


def test_scheme_and_agency_text_in_a_form_s_workbook_is_text_not_a_formula(tmp_path):
    """A form's note (scheme text) or an agency's name starting with = was written as an Excel formula: a
    note =HYPERLINK("http://…") became a live link out of the intranet in the form an office prints."""
    import io

    import openpyxl

    root = copy_demo_part(tmp_path, ("baiyang-fgw",))
    note = '=HYPERLINK("http://example.com/x","本表一式两份")'
    scheme = root / "schemes/s003-p7.yaml"
    text = scheme.read_text(encoding="utf-8")
    scheme.write_text(re.sub(r"    note: 备注：.*\n", f"    note: '{note}'\n", text), encoding="utf-8")
    agency = root / "content/baiyang-fgw/agency.yaml"
    agency.write_text(re.sub(r"^name: .*$", "name: '=1+1局'", agency.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    g = generate(root, "internal", Problems())
    workbook = next(v for k, v in g.files.items() if "2024年度-年度考核情况登记汇总表" in k and k.endswith(".xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
    texts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [c.coordinate for c in texts if c.data_type == "f"]
    assert note in [c.value for c in texts] and any(c.value.startswith("=1+1局") for c in texts)
