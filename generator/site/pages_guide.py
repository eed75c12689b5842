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
from generator.site.model import Page, SiteContext
from generator.site.render import render


def rule_entries() -> list[dict]:
    return [
        # Docstrings wrap Chinese lines; joining them with nothing avoids stray spaces mid-sentence.
        {"kind": kind, "title": cls.TITLE, "doc": "".join(inspect.cleandoc(cls.__doc__ or "").splitlines()), "example": cls.EXAMPLE}
        for kind, cls in RULES.items()
    ]


def build_guide(ctx: SiteContext) -> list[Page]:
    # examples use a quarterly scheme (2025-Q1 makes sense for it), preferring 篇二
    quarterly = [c for c, s in sorted(ctx.project.schemes.items()) if s and any(a.period == "季度" for a in s.assessments)]
    seed = "s003-p2" if "s003-p2" in ctx.project.schemes else (quarterly[0] if quarterly else "s003-p2")
    pages = [
        Page("guide/index.md", render("guide_index.md.j2", seed=seed)),
        Page("guide/scheme.md", render("guide_scheme.md.j2", rules=rule_entries(), policies=POLICY_DOCS)),
        Page("guide/results.md", render("guide_results.md.j2", seed=seed)),
        Page("guide/publish.md", render("guide_publish.md.j2", seed=seed)),
        Page("guide/reference.md", render("guide_reference.md.j2", models=reference())),
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
