"""使用说明: the user guide, built into the same site from the code that implements the rules.

Rule kinds come from generator.scheme.rules.RULES (their docstrings and EXAMPLEs), policy kinds from
generator.scheme.policy_docs.POLICY_DOCS and problem codes from generator.core.problems.CODES, so the guide
cannot fall behind the engine. A test fails if any of them has no entry.
"""

from __future__ import annotations

import inspect

from generator.core.problems import CODES
from generator.scheme import formula_docs
from generator.scheme.policy_docs import POLICY_DOCS
from generator.scheme.reference import reference
from generator.scheme.rules import RULES
from generator.scheme.sheet_options import DEFAULT_GRADES, DEFAULT_IGNORED, DEFAULT_RANKS, DEFAULT_TOTALS
from generator.site.model import Page, SiteContext
from generator.site.render import render


def rule_entries() -> list[dict]:
    return [
        # Docstrings wrap Chinese lines; joining them with nothing avoids stray spaces mid-sentence.
        {"kind": kind, "title": cls.TITLE, "doc": "".join(inspect.cleandoc(cls.__doc__ or "").splitlines()), "example": cls.EXAMPLE}
        for kind, cls in RULES.items()
    ]


# 《字段参考》 is two pages, so that each stays light (on one page it was 106 KB): the files and their
# structure, and the scoring rules (what is written under an item's `score`, and what they hold).
REFERENCE_PAGES = (("guide/reference.md", "字段参考", "方案文件、单位设置和公示设置的结构；计分规则（项目的 score）见[字段参考：计分规则](reference-rules.md)。"),
                   ("guide/reference-rules.md", "字段参考：计分规则", "项目的 `score` 中可以写的每一种计分规则及其各部分；文件的结构见[字段参考](reference.md)。"))


def _is_rule_part(model) -> bool:
    """A model written only inside an item's score: a rule, or a part of one (a tier, a level)."""
    places = model.used_at.split("：", 1)[1].split("、") if "：" in model.used_at else []
    return bool(places) and all(".score" in place for place in places)


def reference_pages() -> list[Page]:
    models = reference()
    parts = ([m for m in models if not _is_rule_part(m)], [m for m in models if _is_rule_part(m)])
    page_of = {m.anchor: path for (path, _, _), group in zip(REFERENCE_PAGES, parts) for m in group}
    pages = []
    for (path, title, intro), group in zip(REFERENCE_PAGES, parts):
        # a link to a model on the other page names that page (a Markdown link mkdocs resolves and checks)
        links = {anchor: ("" if where == path else where.split("/")[-1]) + "#" + anchor for anchor, where in page_of.items()}
        pages.append(Page(path, render("guide_reference.md.j2", models=group, title=title, intro=intro, links=links)))
    return pages


def build_guide(ctx: SiteContext) -> list[Page]:
    # examples use a quarterly scheme (2025-Q1 makes sense for it), preferring 篇二
    quarterly = [c for c, s in sorted(ctx.project.schemes.items()) if s and any(a.period == "季度" for a in s.assessments)]
    seed = "s003-p2" if "s003-p2" in ctx.project.schemes else (quarterly[0] if quarterly else "s003-p2")
    pages = [
        Page("guide/index.md", render("guide_index.md.j2", seed=seed)),
        Page("guide/scheme.md", render("guide_scheme.md.j2", rules=rule_entries(), policies=POLICY_DOCS)),
        Page("guide/results.md", render("guide_results.md.j2", seed=seed, ignored=DEFAULT_IGNORED,
                                        own={"总分": DEFAULT_TOTALS, "等次": DEFAULT_GRADES, "名次": DEFAULT_RANKS})),
        Page("guide/publish.md", render("guide_publish.md.j2", seed=seed)),
        *reference_pages(),
        Page("guide/formula.md", render(
            "guide_formula.md.j2",
            operators=formula_docs.OPERATORS,
            functions=list(formula_docs.FUNCTIONS.items()),
            names=formula_docs.NAMES,
            where=formula_docs.WHERE,
            yaml_note=formula_docs.YAML_NOTE,
        )),
        Page("guide/problems.md", render("guide_problems.md.j2", codes=sorted(CODES.items()))),
    ]
    return pages
