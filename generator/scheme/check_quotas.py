"""The scheme checks of an assessment's quotas: the grade and scope they name, their shares, and the keys
they rank and break ties by (a column that can rank, and its direction where a text reads it 少者优先)."""

from __future__ import annotations

from generator.scheme.columns import plan_columns
from generator.scheme.load import OPTION_WORDS
from generator.scheme.model import Assessment, Scheme
from generator.scheme.policy import rank_key


def check_quotas(scheme: Scheme, assessment: Assessment, apath: tuple, known: set[str], report) -> None:
    """Each quota of `assessment`; `known`: its grades."""
    for qi, quota in enumerate(assessment.quotas):
        if quota.grade not in known:
            report(apath + ("quotas", qi, "grade"), "unknown-name", f"名额限制的等次「{quota.grade}」不在 grades.order 中。")
        if quota.scope not in ("unit", "department") and quota.scope not in {scheme.people.unit, *[i.name for i in [*scheme.inputs, *assessment.inputs]]}:
            report(apath + ("quotas", qi, "scope"), "unknown-name", f"scope「{quota.scope}」应为 unit（全单位）、department（各部门），或 people.unit 声明的列。"
                   + (f"「{quota.scope}」写作 {OPTION_WORDS[quota.scope]}。" if OPTION_WORDS.get(quota.scope) in ("unit", "department") else ""))
        if quota.at_most is not None and quota.at_least is not None and quota.at_least > quota.at_most:
            report(apath + ("quotas", qi), "quota-impossible", "不少于的比例大于不超过的比例。")
        rankable = _rankable(scheme, assessment)
        codes_of = {"总分"} | {item.code for item in assessment.walk()}
        for key in ("rank_by", "break_by"):
            for ki, name in enumerate(getattr(quota, key)):
                column, _ = rank_key(name)
                if column == name.strip() and column not in codes_of and any(w in column for w in _FEWER_WORDS):
                    report(apath + ("quotas", qi, key, ki), "missing-key",
                           f"{key} 中的「{column}」没有写比较方向：不写时按高者优先（{column}多的排在前面），而天数、次数、扣分一般是少者优先。"
                           f"请照原文写明：{column}（少者优先）或 {column}（高者优先）。")
                if column not in rankable:  # read as -∞ for everyone: the order would fall to the next key, unsaid
                    report(apath + ("quotas", qi, key, ki), "unknown-name",
                           f"{key} 中的「{name}」不是总分、本考核的项目代码，也不是成绩表中的数字列，无法据此排序；"
                           f"请改为其中之一（可用：{'、'.join(sorted(rankable)[:15])}{'……' if len(rankable) > 15 else ''}）。")


_FEWER_WORDS = ("天数", "次数", "扣分", "缺勤", "迟到", "请假", "投诉")  # a key naming these is read 少者优先 by most texts


def _rankable(scheme: Scheme, assessment: Assessment) -> set[str]:
    """What a quota may rank by (quotas.rank_value): 总分, an item's code, a number column of the sheet."""
    codes = {item.code for item in assessment.walk()}
    for post in scheme.posts:
        codes.update(i.code for top in post.items for i in top.walk())
    return {"总分"} | codes | {spec.name for spec in plan_columns(scheme, assessment).all() if spec.type == "number"}
