"""阅读指南: the reader's guide of both editions — how to read a 公示, how to raise an objection and ask
for 复核, what each grade means under each scheme in use, and where the rules and (internal edition)
each person's derivation are. Written for staff, never for the operator: no command, file or key.
The operator's manual (pages_guide) is built into the internal edition only.
"""

from __future__ import annotations

from generator.site.model import Page, SiteContext
from generator.site.render import render

PATH = "guide/reading.md"


def scheme_entries(ctx: SiteContext) -> list[dict]:
    """Per scheme in use: its handbook link, 公示 days and objection words, and its grades with their bands."""
    used = {p.scheme.code for p in ctx.periods}
    entries = []
    for code in sorted(used):
        scheme = ctx.project.schemes[code]
        assessments = []
        for assessment in scheme.assessments:
            grades = assessment.grades
            if grades is None:
                continue
            bands = {b.grade: b.words() for b in grades.bands}
            rows = [(g, bands.get(g, "由考核组评定（不按分数段）" if grades.entered else "")) for g in grades.order]
            publicity = scheme.publicity_for(assessment)
            shown = publicity.grades or grades.order[:1]
            special = [(o.label or grades.no_grade, o.reason) for o in assessment.overrides if o.kind == "no_grade"]
            assessments.append({"name": assessment.name, "grades": rows, "special": special,
                                "published": shown, "days": publicity.days, "objection": publicity.objection})
        entries.append({"scheme": scheme, "link": ctx.link(PATH, ctx.handbook_path(scheme)), "assessments": assessments})
    return entries


def build_reading_guide(ctx: SiteContext) -> Page:
    return Page(PATH, render(
        "guide_reading.md.j2",
        internal=ctx.internal,
        schemes=scheme_entries(ctx),
        links={k: ctx.link(PATH, v) for k, v in {
            "notices": "notices/index.md", "handbooks": "handbooks/index.md", "departments": "departments/index.md",
            "people": "people/index.md", "results": "results/index.md",
        }.items()},
    ))
