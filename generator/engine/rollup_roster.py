"""A roll-up's roster against its periods: a period with no sheet at all, and someone in every
period left out of the year's own sheet (both warnings; compute.compute_period calls them)."""

from __future__ import annotations

from operator import attrgetter

from generator.core.problems import Problems, Severity
from generator.engine.results import PeriodResult
from generator.project.model import PeriodFiles
from generator.scheme.periods import period_words
from generator.sheets.rows import PersonRow

_ID = attrgetter("id")


def absent_periods(absent: list[str], entry: PeriodFiles, name: str, source: str, folder: str, problems: Problems) -> None:
    """The year's own sheet is there but a period it sums has no sheet: the year would be graded on the
    others alone. (A roll-up without a sheet of its own, results_optional, is a year in progress.)"""
    words = "、".join(f"{period_words(label)}（{label}）" for label in absent)
    problems.add(folder, None, None, "rollup-period-absent",
                 f"{entry.year}年{name}汇总{source}的各期，但 {folder}/ 中没有{words}的成绩表：年度结果只按已有的期计算（写了 missing: error 的项目逐人报缺期）。"
                 f"请先放好该期成绩表；该期确实不考核的，在方案的{source}中用 labels 列出考核的期。", Severity.WARNING, first=True)


def left_out(rows: list[PersonRow], sources: dict[str, PeriodResult], name: str, shown: str, problems: Problems) -> None:
    """Someone in every period of the year but not in the year's own sheet is not graded for the year
    (a joiner or a leaver, in only some periods, is not reported)."""
    periods = [sources[label] for label in sorted(sources)]
    everywhere = set(periods[0].by_id())
    for period in periods[1:]:
        everywhere &= period.by_id().keys()
    missing = everywhere.difference(map(_ID, rows))  # sets in C; the people only when someone is missing
    if not missing:
        return
    for person in periods[-1].people:
        if person.id in missing:
            problems.add(shown, None, None, "person-missing-from-year",
                         f"{person.person.name}（{person.id}）在本年各期（{'、'.join(p.period_name for p in periods)}）的成绩表中都有，但不在本表中：{name}不计算此人，名额的基数也不含此人。"
                         "请在本表中补上一行；此人确实不参加的，可不理会。", Severity.WARNING)
