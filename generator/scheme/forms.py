"""The official summary forms a scheme's offices file upward (`forms:` in a scheme file).

    forms:
      - form: 平时考核结果汇总表          # 003 篇二 附件4: per quarter 好等次人数, its share, names
        assessment: pingshi              # the quarterly assessment it summarises
        good: 好                         # optional: the grade counted (default: the first grade)
        low: [一般, 较差]                 # optional: listed as 一般及以下 (default: the third grade on)
      - form: 年度考核情况登记汇总表        # 003 篇七 附件2: per person 平时定等, 优秀率, 定等建议
        assessment: niandu               # the yearly assessment (its rolls_up gives the quarters)
        vote: [年终测评优秀票数, 参加测评总人数]   # input columns of 年终考核测评优秀率
        rates: {平时考核优秀率: jidu-bili}   # optional: which item of the yearly assessment fills a rate column

The register's rates are the scheme's own, read from an item of the yearly assessment (register_sources):
named under `rates:`, else the item so named. A 平时考核优秀率 found nowhere is refused, not counted by the
form (its count could differ from the rate the grade was made from); `按季度计数` says to count.

The site's internal edition offers each declared form per year as XLSX and as a printable A4 page
(site/pages_forms.py), filled from the computed results.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.scheme.base import Strict

FORM_KINDS = ("平时考核结果汇总表", "年度考核情况登记汇总表")
RATE_COLUMNS = ("平时考核优秀率", "年终考核测评优秀率", "年度考核优秀率")
COUNTED = "按季度计数"  # rates: {平时考核优秀率: 按季度计数}: the form counts 优秀 quarters ÷ the quarters assessed

# Both forms are laid out by quarter (a row, or a column, per 第一季度…第四季度).
QUARTER_LABELS = ("Q1", "Q2", "Q3", "Q4")


class FormDecl(Strict):
    """一张向上级报送的汇总表：内部版按单位和年份生成可打印的 A4 页面和 XLSX。"""

    form: Literal["平时考核结果汇总表", "年度考核情况登记汇总表"] = Field(
        description="汇总表的名称（两种之一）。例：平时考核结果汇总表"
    )
    assessment: str = Field(
        description="汇总哪一种考核（写其 code）；年度考核情况登记汇总表写汇总各季度结果的年度考核。例：pingshi"
    )
    good: str | None = Field(None, description="统计人数的等次（默认最高等次）。例：好")
    low: list[str] | None = Field(None, description="列为「一般及以下」的等次（默认第三个等次起）。例：[一般, 较差]")
    vote: tuple[str, str] | None = Field(
        None, description="年终考核测评优秀率所用的两列：优秀票数、参加测评总人数。例：[年终测评优秀票数, 参加测评总人数]"
    )
    rates: dict[Literal["平时考核优秀率", "年终考核测评优秀率", "年度考核优秀率"], str] = Field(
        {}, description="年度考核情况登记汇总表的三栏优秀率各取年度考核中的哪一项（写项目的 code 或名称）；不写的栏取与栏目同名的项目。"
        "年度考核不计算平时考核优秀率的，写「平时考核优秀率: 按季度计数」，由本表按「优秀次数 ÷ 方案考核的季度数」计算。"
        "例：{平时考核优秀率: 季度优秀比例, 年终考核测评优秀率: ceping}")
    note: str | None = Field(None, description="印在表下的说明（默认用原文的「本表一式……」）。例：本表一式两份")


def check_forms(scheme, report) -> None:
    """Each declared form names an assessment of the right kind, grades it has and declared inputs."""
    for i, form in enumerate(scheme.forms):
        path = ("forms", i)
        assessment = scheme.assessment(form.assessment)
        if assessment is None:
            report(path + ("assessment",), "unknown-name", f"汇总表「{form.form}」的 assessment「{form.assessment}」不是本方案中任何考核的 code。")
            continue
        order = list(assessment.grades.order) if assessment.grades else []
        if form.form == "平时考核结果汇总表":
            _quarterly(form, assessment, path, report, f"「{form.form}」按季度逐行填写，assessment 应是季度考核")
        if form.form == "年度考核情况登记汇总表":
            source = scheme.assessment(assessment.rolls_up) if assessment.rolls_up else None
            if source is None:
                report(path + ("assessment",), "bad-value", f"「{form.form}」要列出各季度平时考核定等，assessment 应是汇总季度结果的年度考核（有 rolls_up）。")
            else:
                _quarterly(form, source, path, report, f"「{form.form}」按季度列出平时考核定等，assessment 所汇总的考核（rolls_up）应是季度考核")
            # the rates are sought in a register's right assessment only: over a wrong one, that is the one problem
            sources, troubles = register_sources(form, assessment) if source is not None else ({}, [])
            for key, code, message in troubles:
                report(path + key, code, message)
            if source is not None and sources.get("年度考核优秀率") is None and not _is_rate(assessment):
                report(path + ("assessment",), "bad-value",
                       f"「{form.form}」的「年度考核优秀率」一栏按百分数填写，但考核「{assessment.name}」的总分不是 0 到 1 之间的比率"
                       f"（total_max 是 {assessment.total_max if assessment.total_max is not None else '未写'}），表上会印出 8500.00% 这样的数。"
                       "请确认这张表适用于本考核：总分是优秀率的，写 total_max: 1；另有一项算优秀率的，在汇总表写 rates: {年度考核优秀率: 该项的 code}。")
            used = assessment.model_dump_json()  # the columns its formulas use (score.uses, expr)
            for column in form.vote or ():
                if column not in {c.name for c in scheme.inputs} and f'"{column}"' not in used and column not in used:
                    report(path + ("vote",), "unknown-name", f"vote 中的「{column}」既不是方案 inputs 中声明的列，也不是考核「{assessment.name}」的公式所用的列。")
        elif form.rates:
            report(path + ("rates",), "bad-value", f"rates 只用于「年度考核情况登记汇总表」，「{form.form}」的比例由本表按名额的基数计算；请删去 rates。")
        for grade in [g for g in [form.good, *(form.low or [])] if g]:
            if order and grade not in order:
                report(path, "unknown-name", f"汇总表「{form.form}」中的等次「{grade}」不是考核「{assessment.name}」的等次（{'、'.join(order)}）。")


def _quarterly(form, assessment, path, report, what: str) -> None:
    """A form laid out by quarter over periods that are not quarters would have no figure in any row."""
    labels = assessment.period_labels
    if labels and all(label in QUARTER_LABELS for label in labels):
        return
    from generator.scheme.periods import PERIOD_NAMES

    shown = "、".join(PERIOD_NAMES.get(label, label) for label in labels[:4]) + ("……" if len(labels) > 4 else "")
    report(path + ("assessment",), "bad-value",
           f"{what}，但考核「{assessment.name}」（{assessment.code}）的期是 {shown}，不是季度：这张表的每个季度都会是空的。"
           f"请把 assessment 改为按季度考核的那种考核，或删去这张汇总表。")


def _is_rate(assessment) -> bool:
    """The register prints the yearly 年度考核优秀率 as a percent: the total, when no item gives it, is a rate (at most 1)."""
    return assessment.total_max is not None and assessment.total_max == 1


def register_sources(form: FormDecl, assessment) -> tuple[dict[str, str | None], list[tuple[tuple, str, str]]]:
    """Where each rate column of the register comes from: column → an item code of the yearly assessment,
    COUNTED, or None (年终考核测评优秀率: the vote columns or a dash; 年度考核优秀率: the total). Also the
    problems (key path under the form, code, message). The check and the filling read the same answer, so
    a form that passed the check shows the rates the grade was made from."""
    items = list(assessment.walk())
    found: dict[str, str | None] = {}
    troubles: list[tuple[tuple, str, str]] = []
    for column in RATE_COLUMNS:
        named = form.rates.get(column)
        if named is not None:
            if named.strip() == COUNTED and column == "平时考核优秀率":
                found[column] = COUNTED
                continue
            item = next((i for i in items if i.code == named.strip()), None) or next((i for i in items if i.name == named.strip()), None)
            if item is None:
                counted = f"；要由本表按季度等次计算，写 {COUNTED}" if column == "平时考核优秀率" else ""
                troubles.append((("rates", column), "unknown-name",
                                 f"rates 中「{column}」写的「{named}」不是考核「{assessment.name}」中任何项目的 code 或名称"
                                 f"（项目：{'、'.join(i.name for i in items[:8])}{'……' if len(items) > 8 else ''}）{counted}。"))
                continue
        else:
            exact = [i for i in items if i.name == column]
            near = exact or [i for i in items if column in i.name]
            if len(near) > 1:
                troubles.append((("form",), "bad-value",
                                 f"考核「{assessment.name}」中有 {len(near)} 个项目的名称含「{column}」（{'、'.join(i.name for i in near)}），"
                                 f"不知道表上的「{column}」填哪一个；请在汇总表写 rates: {{{column}: 该项的 code}}。"))
                continue
            if not near:
                found[column] = None
                reads = [i for i in items if column == "年终考核测评优秀率" and form.vote and i.rule is not None
                         and all(c in (getattr(i.rule, "expr", "") or "") for c in form.vote)
                         and not any(other in i.name for other in RATE_COLUMNS) and i.code not in form.rates.values()
                         and i.name not in form.rates.values()]  # the yearly rate's own formula reads the votes too
                if reads and len(items) > 1:  # the scheme works the rate out under another name: the form's own division may differ
                    troubles.append((("form",), "bad-value",
                                     f"项目「{reads[0].name}」用 {'、'.join(form.vote)} 计算，像是年终考核测评优秀率，表上却会按 vote 自行相除，可能与定等所用的数不同；"
                                     f"请在汇总表写 rates: {{年终考核测评优秀率: {reads[0].code}}}（它不是测评优秀率的，写 rates 指明是哪一项）。"))
                if column == "平时考核优秀率":
                    troubles.append((("form",), "missing-key",
                                     f"考核「{assessment.name}」中没有名为「平时考核优秀率」的项目，表上这一栏不知道填定等所用的哪个数。"
                                     f"请在汇总表写 rates: {{平时考核优秀率: 算这个比率的项目的 code 或名称}}；年度考核不计算平时考核优秀率的，"
                                     f"写 rates: {{平时考核优秀率: {COUNTED}}}，本表按「优秀次数 ÷ 方案考核的季度数」计算。"))
                continue
            item = near[0]
        if item.max is None or item.max > 1:
            troubles.append((("rates", column) if named is not None else ("form",), "bad-value",
                             f"表上的「{column}」按百分数填写，但项目「{item.name}」的满分是 {item.max if item.max is not None else '未写'}，"
                             f"不是 0 到 1 之间的比率，表上会印出 8500.00% 这样的数；请给该项写 max: 1（按比率计算），或在 rates 中改写算这个比率的项目。"))
            continue
        twice = next((other for other, code in found.items() if code == item.code), None)
        if twice is not None:  # one number printed under two headings: one of them is not what the grade was made from
            troubles.append((("rates", column) if named is not None else ("form",), "bad-value",
                             f"表上的「{twice}」和「{column}」都取自项目「{item.name}」，同一个数印在两栏；请在 rates 中为其中一栏写算它的那一项。"))
            continue
        found[column] = item.code
    return found, troubles
