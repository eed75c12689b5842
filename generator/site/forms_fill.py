"""Fill a scheme's declared summary forms (scheme/forms.py) from the computed results.

平时考核结果汇总表 (003 篇二 附件4), one per agency and year: a row per quarter with 好等次人数, its
share of those taking part, the names, and those graded 一般 and below or left without a grade.
"Taking part" is the base the scheme's unit-wide quota for that grade counted (so the share agrees
with the quota), else everyone graded.

年度考核情况登记汇总表 (003 篇七 附件2), one per agency and year: a row per person of the yearly
assessment with each quarter's grade (未参加 for a quarter computed without the person),
平时考核优秀率 and 年终考核测评优秀率 as the scheme computed them, from the items the form's `rates:` names
or items so named (else: 按季度计数, quarters graded excellent ÷ quarters the scheme assesses, and the
declared vote columns), 年度考核优秀率 (the yearly total) and 年度考核定等建议 (the grade). 绩效奖励级差建议 and 派驻/挂职 names are not in the data: left blank
for the office to fill in by hand.
"""

from __future__ import annotations

from decimal import Decimal

from generator.core.numbers import fmt, round_half_up
from generator.engine.results import PeriodResult, PersonResult
from generator.project.model import Agency
from generator.scheme.forms import COUNTED, FormDecl, register_sources
from generator.site.ordering import stroke_key
from generator.xlsx.form_sheet import FilledForm, FormCell, HeadCell

QUARTERS = [("Q1", "第一季度"), ("Q2", "第二季度"), ("Q3", "第三季度"), ("Q4", "第四季度")]
FILED_ON = "　　　　年　　月　　日"
NOT_YET = "尚无成绩"  # a quarter the scheme assesses whose results are not in the project yet


def _rate_cell(value: Decimal | None, places: int = 4) -> FormCell:
    return _share(value, 1, places) if value is not None else FormCell("—")


def _share(part: int | Decimal, whole: int | Decimal, places: int = 4) -> FormCell:
    if not whole:
        return FormCell("—")
    value = round_half_up(Decimal(part) / Decimal(whole), places)
    return FormCell(fmt(value * 100, places - 2) + "%", value, "0." + "0" * (places - 2) + "%")


def _names(people: list[PersonResult], with_grade: bool = False, among: list[PersonResult] | None = None) -> str:
    """Names in stroke order; a name two people of the period share (`among`) is told apart by the
    department (and the ID, when that is shared too): 张伟 on the 好 list and 张伟 under 一般 name two people."""
    ordered = sorted(people, key=lambda p: (stroke_key(p.person.name), p.id))
    seen: dict[str, list[PersonResult]] = {}
    for person in among or people:
        seen.setdefault(person.person.name, []).append(person)

    def shown(p: PersonResult) -> str:
        same = seen.get(p.person.name, [])
        if len(same) < 2:
            return p.person.name
        twins = [q for q in same if q.person.department == p.person.department]
        return p.person.name + "（" + "，".join([p.person.department or "", f"编号 {p.id}" if len(twins) > 1 or not p.person.department else ""]).strip("，") + "）"

    return "、".join(shown(p) + (f"（{p.shown_grade}）" if with_grade else "") for p in ordered)


def _taking_part(period: PeriodResult, grade: str) -> set[str]:
    """Who took part, as the quota of `grade` counts them (its base: everyone but those a rule keeps
    out of it, or only the graded), else everyone graded. The row's denominator and the head's
    实际参加考核总人数 both count so: the head once counted only the graded, and left out someone on
    probation whom every row's denominator included."""
    quota = next((q for q in period.assessment.quotas if q.scope == "unit" and q.grade == grade), None)
    if quota is not None and quota.base != "graded":
        return {p.id for p in period.people if p.status == "graded" or not p.outside_base}
    return {p.id for p in period.people if p.status == "graded"}


def _other_scheme(elsewhere: dict[str, str], names: list[str]) -> list[str]:
    """The sentence for quarters a revised (or replaced) scheme assessed that year: not missing, not on this form."""
    if not names:
        return []
    titles = "、".join(dict.fromkeys(elsewhere.values()))
    return [f"{'、'.join(names)}按{titles}考核，不在本表中：本年的表要合并两个方案的结果，请核对后手工填写这些季度"]


def quarterly_summary(form: FormDecl, agency: Agency, year: int, periods: dict[str, PeriodResult],
                      elsewhere: dict[str, str] | None = None) -> FilledForm:
    """periods: label → the assessment's period of that year (absent: not computed yet); elsewhere:
    label → 《title》 of the scheme in this one's previous: chain that assessed that quarter instead."""
    elsewhere = elsewhere or {}
    other: list[str] = []
    any_period = next(iter(periods.values()))
    assessment = any_period.assessment
    order = list(assessment.grades.order) if assessment.grades else []
    good = form.good or (order[0] if order else "")
    low = set(form.low if form.low is not None else order[2:])
    rows = []
    missing: list[str] = []
    pending: list[str] = []
    everyone: set[str] = set()
    took_part: set[str] = set()
    for label, name in QUARTERS:
        period = periods.get(label)
        if period is None and label in elsewhere:
            rows.append([FormCell(name), FormCell(f"按{elsewhere[label]}考核")] + [FormCell("")] * 4)
            other.append(name)
            continue
        if label not in assessment.period_labels:
            rows.append([FormCell(name), FormCell("本方案本季度不单独考核")] + [FormCell("")] * 4)
            continue
        if period is None:  # a blank row would read as a quarter left for the office to fill in by hand
            rows.append([FormCell(name), FormCell(NOT_YET)] + [FormCell("")] * 4)
            missing.append(name)
            continue
        everyone.update(p.id for p in period.people)
        pending += _pending(period, name)
        counted = _taking_part(period, good)
        took_part.update(counted)
        goods = [p for p in period.people if p.status == "graded" and p.grade == good]
        lows = [p for p in period.people if (p.status == "graded" and p.grade in low) or p.status != "graded"]
        rows.append([FormCell(name), FormCell(str(len(goods)), len(goods), "0"), _share(len(goods), len(counted), 3),
                     FormCell(_names(goods, among=period.people)), FormCell(""), FormCell(_names(lows, with_grade=True, among=period.people))])
    head = [[HeadCell("考核周期"), HeadCell(f"考核为{good}等次人数"), HeadCell(f"{good}等次人数占实际参加考核总人数比例"),
             HeadCell(f"考核为{good}等次人员名单"), HeadCell(f"因派驻、挂职等原因在接收单位考核为{good}等次人员名单"),
             HeadCell("评定为" + ("、".join(sorted(low, key=order.index)) if low else "一般及以下") + "等次、未定等次人员名单")]]
    meta = [("单位（盖章）", agency.name), ("单位应参加考核总人数", str(len(everyone))),
            ("实际参加考核总人数", str(len(took_part))), ("填报时间", FILED_ON)]
    # the base said as it was counted: a scheme without a unit-wide quota of this grade has no quota base to agree with
    unit_quota = any(q.scope == "unit" and q.grade == good for q in assessment.quotas)
    base = f"与「{good}」等次名额的计算基数相同" if unit_quota else f"本方案没有全单位的「{good}」等次名额，按确定了等次的人数计"
    explain = f"各季度比例的分母是该季度实际参加考核的人数（{base}）；表头的总人数是全年至少参加一个季度考核的人数。"
    return FilledForm("公务员平时考核结果汇总表", f"（{year}年度）", meta, head, rows, form.note or "", [10, 10, 14, 36, 22, 30], explain,
                      missing=missing, pending=pending + _other_scheme(elsewhere, other))


def _pending(period: PeriodResult, name: str) -> list[str]:
    """Who in the period has no final grade yet (a tie at a quota line the committee has not decided):
    the form would file them under 未定等次 and count the line's places short."""
    waiting = [p for p in period.people if p.status == "tied"]
    lines = [f"{name}：{_names(waiting, among=period.people)}名额线上并列，待领导小组决定（在该期的决定文件中逐一确定等次）；"
             "决定之前，表中把他们列为未定等次，人数和比例不含他们"] if waiting else []
    return lines + [f"{name}：{why}" for why in period.held]  # a committee decision gone stale after a correction


def _rates(person: PersonResult, sources: dict[str, str | None]) -> dict[str, Decimal | None]:
    """The register's rates as the scheme computed them, from the items the check resolved (forms.register_sources):
    the form shows the value the grade was made from, whatever the scheme divides by (3, or the quarters the
    person took part in), rather than a count of its own. An item with no value for this person is None (a dash)."""
    values = person.item_value_map()
    return {column: values.get(code) for column, code in sources.items() if code is not None and code != COUNTED}


def yearly_register(form: FormDecl, agency: Agency, yearly: PeriodResult, quarters: dict[str, PeriodResult],
                    elsewhere: dict[str, str] | None = None) -> FilledForm:
    elsewhere = elsewhere or {}
    scheme, assessment = yearly.scheme, yearly.assessment
    source = scheme.assessment(assessment.rolls_up) if assessment.rolls_up else None
    labels = [(label, name) for label, name in QUARTERS if source and label in source.period_labels]
    order = list(assessment.grades.order) if assessment.grades else []
    excellent = form.good or (order[0] if order else "")
    sources, _ = register_sources(form, assessment)  # the check refused a form whose rates it cannot place
    head = [
        [HeadCell("序号", rowspan=2), HeadCell("姓名", rowspan=2), HeadCell("平时考核定等", colspan=max(len(labels), 1)),
         HeadCell("平时考核优秀率", rowspan=2), HeadCell("年终考核测评优秀率", rowspan=2), HeadCell("年度考核优秀率", rowspan=2),
         HeadCell("年度考核定等建议", rowspan=2), HeadCell("绩效奖励级差建议", rowspan=2)],
        [HeadCell(name) for _, name in labels] or [HeadCell("—")],
    ]
    rows = []
    people = sorted(yearly.people, key=lambda p: (p.person.row, p.id))
    for i, person in enumerate(people, start=1):
        grades = []
        for label, _ in labels:
            found = quarters[label].person(person.id) if label in quarters else None
            # a quarter computed without this person: not a blank, which the page asks the office to fill in
            grades.append(found.shown_grade if found else ("未参加" if label in quarters else f"见{elsewhere[label]}" if label in elsewhere else NOT_YET))
        computed = _rates(person, sources)
        regular = _share(sum(1 for g in grades if g == excellent), len(labels)) if labels else FormCell("—")
        if "平时考核优秀率" in computed:
            regular = _rate_cell(computed["平时考核优秀率"])
        vote = FormCell("—")
        if "年终考核测评优秀率" in computed:
            vote = _rate_cell(computed["年终考核测评优秀率"])
        elif form.vote:
            votes, voters = (person.person.values.get(c) for c in form.vote)
            try:
                vote = _share(Decimal(str(votes)), Decimal(str(voters)))
            except Exception:  # a missing vote: the engine has reported it on the row
                vote = FormCell("—")
        total = _share(person.total, 1, max(assessment.places, 2)) if person.total is not None else FormCell("—")
        if "年度考核优秀率" in computed:  # an item so named, where the total is not the rate itself
            total = _rate_cell(computed["年度考核优秀率"], max(assessment.places, 2))
        rows.append([FormCell(str(i), i, "0"), FormCell(_names([person], among=yearly.people))] + [FormCell(g) for g in grades or [""]]
                    + [regular, vote, total, FormCell(person.shown_grade), FormCell("")])
    title = f"{agency.name}{yearly.year}年度考核情况登记汇总表"
    meta = [("填报单位（盖章）", agency.name), ("填报时间", FILED_ON)]
    return FilledForm(title, f"依据：{scheme.title}", meta, head, rows, form.note or "",
                      [6, 10] + [10] * max(len(labels), 1) + [12, 14, 12, 14, 14],
                      missing=[name for label, name in labels if label not in quarters and label not in elsewhere],
                      pending=[line for label, name in labels if label in quarters for line in _pending(quarters[label], name)]
                      + _pending(yearly, "年度考核")
                      + _other_scheme(elsewhere, [name for label, name in labels if label not in quarters and label in elsewhere]))
