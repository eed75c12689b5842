"""A roll-up's roster against its periods: a period with no sheet at all, and someone in every
period left out of the year's own sheet (both warnings; compute.compute_period calls them)."""

from __future__ import annotations

from operator import attrgetter

from generator.core.problems import Problem, Problems, Severity
from generator.engine.results import PeriodResult
from generator.project.model import PeriodFiles
from generator.scheme.periods import period_words, year_words
from generator.sheets.rows import PersonRow

_ID = attrgetter("id")


def absent_periods(absent: list[str], entry: PeriodFiles, name: str, assessment, scheme, folder: str, problems: Problems) -> None:
    """The year's own sheet is there but a period it sums has no sheet: the year would be graded on the
    others alone. (A roll-up without a sheet of its own, results_optional, is a year in progress.) A
    period made of others without a sheet of its own (a quarter of months) misses those periods' sheets."""
    source = assessment.name
    below = scheme.assessment(assessment.rolls_up) if assessment.results_optional and assessment.rolls_up else None
    words = "、".join(f"{period_words(label)}（{label}）" for label in absent) + (f"各期{below.name}" if below is not None else "")
    problems.add(folder, None, None, "rollup-period-absent",
                 f"{year_words(entry.year, entry.label)}{name}汇总{source}的各期，但 {folder}/ 中没有{words}的成绩表：{period_words(entry.label)}结果只按已有的期计算（写了 missing: error 的项目逐人报缺期）。"
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


def unmade_source(entry: PeriodFiles, name: str, source, scheme, done: dict, folder: str, problems: Problems) -> Problem | None:
    """A roll-up of roll-ups whose middle level was never graded (季度考核 rolls up the months but has no
    sheet of its own and no results_optional: true): one problem saying so, instead of one per person
    and period that the year cannot sum."""
    if source is None or not source.rolls_up or source.results_optional:
        return None
    below = scheme.assessment(source.rolls_up)
    if below is None or not any((entry.agency, entry.scheme, entry.year, label) in done for label in below.period_labels):
        return None
    return problems.add(folder, None, None, "period-missing",
                        f"{entry.year}年{name}汇总{source.name}的各期，但{source.name}一期也没有计算：它汇总{below.name}，却没有自己的成绩表，"
                        f"也没有写 results_optional: true。请在方案的{source.name}中写 results_optional: true（人员和分数取自各期{below.name}），"
                        f"或放好{source.name}各期的成绩表。", first=True)


def fold_into(cause: Problem, shown: str, problems: Problems) -> None:
    """The per-person period-missing problems of this roll-up are counted on their cause, not listed."""
    kept = [p for p in problems.items if not (p.code == "period-missing" and p.file == shown)]
    problems.follow_from(cause, len(problems.items) - len(kept))
    problems.items[:] = kept
