"""Rule handbooks: one page per scheme, every rule in Chinese words generated from the rule itself."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from generator.core.numbers import fmt
from generator.engine.not_assessed import of_periods
from generator.scheme.bands import analyze
from generator.scheme.expr import compiled
from generator.scheme.item_places import places_words
from generator.scheme.model import Assessment, Item, Scheme, Section
from generator.scheme.periods import PERIOD_NAMES, year_words
from generator.scheme.rules.formula import FormulaRule
from generator.scheme.rules.period import PeriodScore
from generator.scheme.rules.relative import Relative
from generator.site.handbook_conditions import override_words
from generator.site.handbook_titles import page_titles
from generator.site.model import Page, SiteContext
from generator.site.prose import PER_TEXT_SECONDS, relative_links, render_prose
from generator.site.render import render
from generator.site.summary_privacy import cell_floor

_CN = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    if n <= 10:
        return _CN[n - 1]
    if n < 20:
        return "十" + _CN[n - 11]
    tens, ones = divmod(n, 10)
    return _CN[tens - 1] + "十" + (_CN[ones - 1] if ones else "")


def official_number(level: int, n: int) -> str:
    """一、 （一） 1. （1）: the numbering of Chinese official documents."""
    if level == 0:
        return f"{cn_number(n)}、"
    if level == 1:
        return f"（{cn_number(n)}）"
    if level == 2:
        return f"{n}."
    return f"（{n}）"


@dataclass
class SectionView:
    number: str
    title: str
    body: str
    level: int
    anchor: str
    html: str = ""  # the body as sanitised one-line HTML (prose.py); the body itself never reaches a page


_OWN_NUMBER = re.compile(r"\s*(第[一二三四五六七八九十百零〇两\d]+[章节条部分篇]|[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十百\d]+[）)]|\d+[、．.](?!\d)|[①-⑳])")


def flatten_sections(sections: list[Section], level: int = 0, prefix: str = "s") -> list[SectionView]:
    """Numbered 一、（一）1.（1） by level, unless the original's titles at that level carry their own
    numbers (「一、指导思想」): then they are shown as written, and an unnumbered one (前言) stays so."""
    out: list[SectionView] = []
    own = any(_OWN_NUMBER.match(section.title) for section in sections)
    for i, section in enumerate(sections, start=1):
        anchor = f"{prefix}-{i}"
        out.append(SectionView("" if own else official_number(level, i), section.title, section.body.strip(), level, anchor))
        out.extend(flatten_sections(section.sections, level + 1, anchor))
    return out


@dataclass
class ItemRow:
    code: str
    name: str
    depth: int
    max: str
    standard: str
    how: str


def item_rows(items: list[Item], depth: int = 0, names: dict[str, str] | None = None,
              combine: Literal["sum", "weighted"] = "sum", into: str = "总分", source: Assessment | None = None,
              within: str = "") -> list[ItemRow]:
    """`combine` and `into`: how these items enter what they make up (the total, or a parent item),
    so that each says how it is kept before it is weighted (四舍五入保留 2 位小数后按 50% 计入总分)."""
    rows: list[ItemRow] = []
    names = names or {}
    for item in items:
        if item.by_post:
            how = "按岗位分别设置，见下方各岗位项目表"
        elif item.children:
            how = "各子项得分之和" if item.combine == "sum" else "各子项按权重合成：" + "、".join(
                f"{c.name} {fmt(c.weight * 100)}%" if c.weight is not None else f"{c.name}（未写权重）" for c in item.children)  # unweighted: kaohe check reports it
            if item.missing == "reweight":  # as grading leaves a child out (engine/not_assessed.py)
                how += ("；未参加某期考核（不在该期成绩表中）的，该子项不计，按其余子项的权重之和折算" if all(of_periods(c) for c in item.children)
                        else "；未填写的子项不计，按已填子项的权重之和折算")
        else:
            how = _rule_words(item, names, source, within)
        kept = places_words(item, combine, into)
        how = f"{how}{'' if not how or how.endswith('。') else '；'}{kept}" if kept else how
        if item.note:  # the key's description promises it under the item
            how = f"{how}{'' if not how or how.endswith('。') else '。'}说明：{item.note}"
        rows.append(ItemRow(item.code, item.name, depth, fmt(item.max) if item.max is not None else "—", item.standard or "", how))
        rows.extend(item_rows(item.children, depth + 1, names, item.combine, f"「{item.name}」", source, within))
    return rows


def _rule_words(item: Item, names: dict[str, str], source: Assessment | None, within: str = "") -> str:
    rule = item.rule
    if rule is None:
        return ""
    if isinstance(rule, (FormulaRule, Relative)):
        return rule.describe(item, names)
    if isinstance(rule, PeriodScore) and source is not None:  # the rolled-up assessment by its own name (半年考核)
        return rule.describe(item, within + source.name, {i.code: i.name for i in source.walk()})
    return rule.describe(item)


def total_words(assessment: Assessment) -> str:
    """总分为各项得分之和 / 总分 = 平时考核得分 × 50% + 年度量化评价得分 × 50%, then the adjustments."""
    if assessment.combine == "weighted":
        words = "总分 = " + " + ".join(f"{i.name} × {fmt((i.weight or 0) * 100)}%" for i in assessment.items)
        return words + ("，再加上加减分" if assessment.adjustments else "")
    return "总分为各项得分之和" + ("加上加减分" if assessment.adjustments else "")


def band_view(assessment: Assessment) -> dict | None:
    grades = assessment.grades
    if grades is None:
        return None
    gaps = []
    if grades.bands:
        _, found = analyze(grades.bands, assessment.places, None, assessment.total_max)
        for gap in found:
            if gap.low is None or gap.high is None:
                continue
            target = gap.below if grades.gap_policy == "lower" else gap.above if grades.gap_policy == "upper" else None
            gaps.append((gap.words(), target.grade if target else "无（须补齐分数段）"))
    return {
        "order": grades.order,
        "bands": [(b.grade, b.words()) for b in grades.bands],
        "entered": grades.entered,
        "gaps": gaps,
        "no_grade": grades.no_grade,
    }


def total_max_words(assessment: Assessment) -> str:
    if assessment.total_max is None:
        return ""
    cap = fmt(assessment.total_max)
    if assessment.total_may_exceed:
        return f"总分满分 {cap} 分，加分后总分可以超过 {cap} 分。"
    if assessment.total_capped:
        return f"总分最高 {cap} 分，加分后超过 {cap} 分的按 {cap} 分计。"
    return f"总分最高 {cap} 分。"


def assessment_view(scheme: Scheme, assessment: Assessment) -> dict:
    by_post = [i for i in assessment.walk() if i.by_post]
    source = scheme.assessment(assessment.rolls_up) if assessment.rolls_up else None
    within = f"本{assessment.period}之内的" if source is not None and assessment.period != "年度" else ""  # a quarter reads its own months
    names = {i.code: i.name for i in [*assessment.walk(), *(i for post in scheme.posts for top in post.items for i in top.walk())]}
    return {
        "a": assessment,
        "period_words": "、".join(PERIOD_NAMES[label] for label in assessment.period_labels),
        "items": item_rows(assessment.items, names=names, combine=assessment.combine, source=source, within=within),
        "total_words": total_words(assessment),
        "posts": [(p.name, item_rows(p.items, names=names, into=f"「{by_post[0].name}」", source=source, within=within)) for p in scheme.posts] if by_post else [],
        "adjustments": [a.words() for a in assessment.adjustments] + [c.words({a.name: a.kind for a in assessment.adjustments}) for c in assessment.adjustment_caps],
        "bands": band_view(assessment),
        # 各部门 as the scheme names its departments: 各教研组, 各庭
        "quotas": [(q.text + "。" if q.text else "") + q.words(names).replace("各部门", f"各{scheme.people.department}", 1) for q in assessment.quotas]
        + [r.text + "。" + r.words() if r.text else r.words() for r in assessment.rating_limits],
        "overrides": override_words(scheme, assessment),
        "consequences": [f"{c.reason}：{c.then}（条件：{compiled(c.when).describe(names)}）" for c in assessment.consequences],
        "source": source,
        "places": assessment.places,
        "total_max_words": total_max_words(assessment),
        "publicity": scheme.publicity_for(assessment),
        "cell_floor": cell_floor(scheme.publicity_for(assessment).public_min_group),
    }


def changes_since(old: Scheme, new: Scheme) -> list[str]:
    """What changed between two versions: items added, removed, re-pointed; bands changed."""
    lines: list[str] = []
    for assessment in new.assessments:
        before = old.assessment(assessment.code)
        if before is None:
            lines.append(f"新增考核「{assessment.name}」")
            continue
        old_items = {i.code: i for i in before.walk()}
        new_items = {i.code: i for i in assessment.walk()}
        for code, item in new_items.items():
            if code not in old_items:
                lines.append(f"{assessment.name}：新增项目「{item.name}」（{fmt(item.max)} 分）")
            elif old_items[code].max != item.max:
                lines.append(f"{assessment.name}：「{item.name}」由 {fmt(old_items[code].max)} 分改为 {fmt(item.max)} 分")
        for code, item in old_items.items():
            if code not in new_items:
                lines.append(f"{assessment.name}：删除项目「{item.name}」")
        old_bands = [(b.grade, b.words()) for b in (before.grades.bands if before.grades else [])]
        new_bands = [(b.grade, b.words()) for b in (assessment.grades.bands if assessment.grades else [])]
        if old_bands != new_bands:
            lines.append(f"{assessment.name}：等次分数段调整为 " + "；".join(f"{g} {w}" for g, w in new_bands))
    for assessment in old.assessments:
        if new.assessment(assessment.code) is None:
            lines.append(f"删除考核「{assessment.name}」")
    return lines


def defect_place(scheme: Scheme, at: str) -> str:
    """Where a known defect of the source text sits, in the reader's words: 岗位「…」 or the item's name."""
    if at.startswith("posts/"):
        return f"岗位「{at.removeprefix('posts/')}」"
    items = {code: name for a in scheme.assessments for code, name in a.item_names().items()}
    for post in scheme.posts:
        items.update((i.code, i.name) for item in post.items for i in item.walk())
    return f"「{items[at]}」" if at in items else at


def _section_html(ctx: SiteContext, schemes: list[Scheme]) -> dict[str, list[SectionView]]:
    """Every scheme's sections with their bodies rendered and sanitised, all in one worker run."""
    return render_sections(ctx.project, schemes, ctx.problems)


def render_sections(project, schemes: list[Scheme], problems) -> dict[str, list[SectionView]]:
    """Also what `kaohe check` runs, so that a body the build cannot render fails the check too."""
    views = {scheme.code: flatten_sections(scheme.sections) for scheme in schemes}
    flat = [(code, view) for code, sections in views.items() for view in sections]
    for (code, view), html in zip(flat, render_prose([view.body for _, view in flat])):
        if html is None:
            file = project.scheme_files.get(code, code)
            problems.add(file, _title_line(project.root / file, view.title), None, "text-too-complex",
                         f"第「{view.number}{view.title}」节的正文在 {PER_TEXT_SECONDS:g} 秒内未能排版完成（大量重复的 [ * _ 等符号）；请改为普通文字。")
        links = relative_links(html)
        if links:  # a page the scheme cannot know: its handbook's address is made here, and the editions differ
            file = project.scheme_files.get(code, code)
            problems.add(file, _title_line(project.root / file, view.title, links[0]), None, "prose-relative-link",
                         f"第「{view.number}{view.title}」节的正文链接到{'、'.join(f'「{h}」' for h in links)}：方案正文不能链接网站中的页面"
                         "（手册的地址由程序生成，公开版和内部版的页面也不同，这样的链接多半打不开）；请删去链接、只留文字"
                         "（[文字](地址) 改为 文字），引用其他办法时写出名称，如《平时考核实施办法》；本页内的 #… 链接可以保留。")
        view.html = html or ""
    return views


def _title_line(path, title: str, then: str | None = None) -> int | None:
    """The line of the section's `title:` in the scheme file (the site stage has no YAML marks); with
    `then`, of the first line from there that holds that text (a link in the body), if one does."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    found = next((i for i, line in enumerate(lines, start=1) if "title:" in line and title in line), None)
    if found is not None and then:
        return next((i for i, line in enumerate(lines[found - 1:], start=found) if then in line), found)
    return found


def build_handbooks(ctx: SiteContext) -> list[Page]:
    pages = []
    schemes = sorted(ctx.project.schemes.values(), key=lambda s: (s.issuer, s.code))
    entries = []
    section_views = _section_html(ctx, schemes)
    titles = page_titles(schemes)
    for scheme in schemes:
        path = ctx.handbook_path(scheme)
        previous = ctx.project.schemes.get(scheme.previous or "")
        # 2025年, or 2025—2026学年 for a school's periods (its 2025 folder holds the 学年 beginning then)
        usage = sorted({(p.agency_name, year_words(p.year, p.label)) for p in ctx.periods if p.scheme.code == scheme.code})
        text = render(
            "handbook.md.j2",
            s=scheme,
            page_title=titles[scheme.code],
            sections=section_views[scheme.code],
            assessments=[assessment_view(scheme, a) for a in scheme.assessments],
            previous=previous,
            previous_link=ctx.link(path, ctx.handbook_path(previous)) if previous else "",
            changes=changes_since(previous, scheme) if previous else [],
            defects=[(defect_place(scheme, d.at), d.reason) for d in scheme.acknowledged_defects],
            usage=usage,
        )
        pages.append(Page(path, text))
        entries.append((scheme, ctx.link("handbooks/index.md", path)))
    pages.append(Page("handbooks/index.md", render("handbooks_index.md.j2", entries=entries)))
    return pages
