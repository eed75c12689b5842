"""Compute every period of a project: load each results sheet, grade, apply quotas and decisions.

Periods of an assessment are computed before the roll-ups that read them (a year's 年度考核
reads the same year's quarters). The result is the whole computed model; nothing is written.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.core.problems import Problem, Problems, Severity
from generator.engine.consequences import apply_consequences
from generator.engine.copied_files import report_copied_files
from generator.engine.decision_check import apply_decisions
from generator.engine.decisions import load_decisions, other_grades
from generator.engine.explainer import Explainer, functions_for
from generator.engine.former_names import report_departments_spelled_apart, report_former_names_mixed
from generator.engine.grade import PersonGrader
from generator.engine.group_spellings import report_groups_spelled_apart
from generator.engine.id_names import report_id_names
from generator.engine.id_twins import report_id_twins
from generator.engine.ids import report_lost_zeros, rollup_blocked
from generator.engine.model_cache import ModelCache
from generator.engine.notice_file import load_notice
from generator.engine.office_columns import check_office_columns
from generator.engine.period_dates import attach_period
from generator.engine.prepared import prepared
from generator.engine.quota_count import recount
from generator.engine.quotas import apply_quota
from generator.engine.rating_limits import check_rating_limits
from generator.engine.relative_groups import attach_group_figures
from generator.engine.results import PeriodResult
from generator.engine.rollup_roster import absent_periods, fold_into, left_out, unmade_source
from generator.engine.sheet_mappings import report_unused_mappings
from generator.engine.sheet_prefetch import ReadAhead
from generator.project.discover import discover
from generator.project.model import PeriodFiles, Project
from generator.scheme.periods import labels_within
from generator.sheets.dates_after_period import check_dates_in_period
from generator.sheets.header import header_row_test
from generator.sheets.period_counts import check_period_counts
from generator.sheets.period_words import check_sheet_period
from generator.sheets.rows import LoadedSheet, PersonRow, load_sheet
from generator.sheets.tables import read_table


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """The computed model is a large tree of small objects without reference cycles (freed by
    reference counting alone); while it grows, Python's cyclic collector would re-scan all of it
    again and again — a quarter of the time on a city's archive. Pause it meanwhile, then freeze
    what exists (gc.freeze): the model lives until the build ends, and page rendering and mkdocs
    would otherwise scan its millions of objects again in every full collection."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def compute_project(project: Project, problems: Problems, cache: ModelCache | None = None, workers: int | None = None) -> list[PeriodResult]:
    """Every period, roll-ups after the periods they read. With a cache (kaohe serve), a period
    whose inputs did not change since the last build is reused instead of graded again. Without
    one, the sheets are read ahead in `workers` processes (sheet_prefetch.py; None: as many as the
    machine has cores, for a project of many sheets)."""
    results: list[PeriodResult] = []
    done: dict[tuple[str, str, int, str], PeriodResult] = {}

    def order(entry: PeriodFiles) -> tuple:
        # a roll-up after the periods it reads, which may be roll-ups themselves (月 → 季度 → 年度)
        scheme = project.schemes[entry.scheme]
        return (entry.agency, entry.scheme, entry.year, rollup_depth(scheme, scheme.assessment_for_label(entry.label)), entry.label)

    entries = sorted(project.periods, key=order)
    ahead = ReadAhead(project, entries, _read_rows, 1 if cache else workers)
    with cyclic_gc_paused():
        try:
            for entry in entries:
                if _needs_refused(project, entry):
                    continue  # a file it needs was refused (.xls, .ods) and reported once
                if _reads_stripped_ids(project, entry, results):
                    continue  # its periods hold IDs stripped of their zeros: reported below, not split in two
                period = (_cached_period(project, entry, done, problems, cache) if cache
                          else compute_period(project, entry, done, problems, ahead.take(entry)))
                if period is not None:
                    done[entry.key] = period
                    results.append(period)
        finally:
            ahead.close()
    report_lost_zeros(results, problems)
    report_id_names(results, problems)
    report_id_twins(results, problems)
    report_former_names_mixed(project, results, problems)
    report_departments_spelled_apart(project, results, problems)
    report_groups_spelled_apart(results, problems)
    report_copied_files(project, {p.files[0]: len(p.people) for p in results if p.files}, problems)
    report_unused_mappings(project, entries, results, problems)
    return results


def rollup_depth(scheme, assessment) -> int:
    """0 for a period graded from its sheet, 1 for a roll-up of such periods, 2 for a roll-up of roll-ups…
    (the scheme check refuses a cycle; the bound keeps a refused one from looping)."""
    depth = 0
    while assessment is not None and assessment.rolls_up and depth < len(scheme.assessments):
        assessment, depth = scheme.assessment(assessment.rolls_up), depth + 1
    return depth


def _reads_stripped_ids(project: Project, entry: PeriodFiles, results: list[PeriodResult]) -> bool:
    assessment = project.schemes[entry.scheme].assessment_for_label(entry.label)
    if assessment is None or not assessment.rolls_up:
        return False
    group = [p for p in results if (p.agency, p.scheme.code) == (entry.agency, entry.scheme)]
    sources = [p for p in group if p.year == entry.year and p.assessment.code == assessment.rolls_up and labels_within([p.label], entry.label)]
    return bool(sources) and rollup_blocked(sources, group)


def _needs_refused(project: Project, entry: PeriodFiles) -> bool:
    if not project.refused:
        return False
    scheme = project.schemes[entry.scheme]
    assessment = scheme.assessment_for_label(entry.label)
    source = scheme.assessment(assessment.rolls_up) if assessment and assessment.rolls_up else None
    labels = {entry.label, *(labels_within(source.period_labels, entry.label) if source else [])}
    return any((r.agency, r.scheme, r.year) == (entry.agency, entry.scheme, entry.year) and r.label in labels for r in project.refused)


def _cached_period(project: Project, entry: PeriodFiles, done: dict, problems: Problems, cache: ModelCache) -> PeriodResult | None:
    scheme = project.schemes[entry.scheme]
    assessment = scheme.assessment_for_label(entry.label)
    sources = []
    if assessment is not None and assessment.rolls_up:  # the same year's periods of the same scheme
        sources = sorted(p.input_key for (a, s, y, _), p in done.items() if (a, s, y) == (entry.agency, entry.scheme, entry.year))
    key = cache.key(project, entry, sources)
    period = cache.get(key)
    if period is None:
        read, sheet_key = None, None
        if entry.results is not None:  # read again only if the sheet (or what reading it reads) changed
            sheet_key = cache.sheet_key(project, entry)
            read = cache.sheet(sheet_key)
            if read is None:
                found = Problems()
                read = (*_read_rows(project, entry, found), found)
                cache.keep_sheet(sheet_key, read)
        period = compute_period(project, entry, done, problems, read)
        if period is not None:
            period.input_key = key
            cache.put(key, period, sheet_key)
        return period
    # Same inputs: the same grades. What the rest of the build attaches is attached afresh.
    period.scheme, period.assessment = scheme, assessment
    period.corrections, period.ended_early = [], None
    problems.extend(period.problems)
    for cause, count in period.follow_ons.items():
        problems.follow_from(cause, count)
    return period


def _read_rows(project: Project, entry: PeriodFiles, local: Problems) -> tuple[str | None, list[PersonRow], frozenset[str] | None]:
    """The people of a period's results sheet, read and checked (what is wrong reported in `local`),
    the encoding it was read in and the header texts a `columns` mapping matched (None: no header
    found). Called here, or ahead in a worker (sheet_prefetch.py)."""
    assert entry.results is not None
    scheme = project.schemes[entry.scheme]
    assessment = scheme.assessment_for_label(entry.label)
    assert assessment is not None
    agency = project.agencies[entry.agency]
    facts = prepared(scheme, assessment)
    options = scheme.sheet.merged(agency.sheet).for_period(f"{entry.year}-{entry.label}")
    table = read_table(entry.results, project.rel(entry.results), local, header_row_test(facts.plan, scheme.people.id, options))
    if table is None:
        return None, [], None
    sheet: LoadedSheet | None = load_sheet(table, scheme, facts.plan, set(agency.departments) | set(agency.formerly) or None, local, options, facts.readers,
                                           assessment)
    if sheet is not None:
        check_sheet_period(table, sheet.header_row, entry.year, entry.label, local)
        check_period_counts(sheet, facts.plan.by_name(), entry.year, entry.label, local)
        check_dates_in_period(sheet, facts.plan.by_name(), entry.year, entry.label, local)
    return table.encoding, sheet.people if sheet else [], sheet.mapped if sheet else None


def compute_period(project: Project, entry: PeriodFiles, done: dict, problems: Problems,
                   read: tuple[str | None, list[PersonRow], frozenset[str] | None, Problems] | None = None) -> PeriodResult | None:
    """One period graded. `read`: its sheet as a worker read it (sheet_prefetch.py) or as the preview
    read it for an earlier grading (ModelCache.sheet), else read here."""
    scheme = project.schemes[entry.scheme]
    assessment = scheme.assessment_for_label(entry.label)
    agency = project.agencies[entry.agency]
    assert assessment is not None
    local = Problems()
    rows: list[PersonRow] = []
    files: list[str] = []
    encoding = None
    mapped: frozenset[str] | None = None
    shown = ""
    if entry.results is not None:
        shown = project.rel(entry.results)
        files.append(shown)
        if read is not None:
            encoding, rows, mapped, found = read
            local.extend(found)  # first, as reading here would have found them
        else:
            encoding, rows, mapped = _read_rows(project, entry, local)
    sources: dict[str, PeriodResult] = {}
    unmade: Problem | None = None  # a roll-up whose middle level was never graded
    if assessment.rolls_up:
        source = scheme.assessment(assessment.rolls_up)
        own = labels_within(source.period_labels, entry.label) if source else []  # a quarter reads its own months
        sources = {label: done[key] for label in own if (key := (entry.agency, entry.scheme, entry.year, label)) in done}
        absent = [label for label in own if label not in sources]
        folder = project.rel(project.root / "content" / entry.agency / entry.scheme / str(entry.year))
        if not sources:
            unmade = unmade_source(entry, assessment.name, source, scheme, done, folder, local)
        # a year sheet made, or a year without one to be published, decided or closed: taken as complete
        if absent and sources and (entry.results is not None or entry.notice or entry.decisions or entry.lock):
            absent_periods(absent, entry, assessment.name, source, scheme, folder, local)
        if entry.results is None:
            rows = _people_from(sources)
            shown = f"{folder}（由各期汇总）"
        elif sources and rows:
            left_out(rows, sources, assessment.name, shown, local)
    if entry.results is not None:  # a roll-up made of its periods' rows has no sheet of its own to compare within
        attach_group_figures(scheme, assessment, rows)
    rows = attach_period(scheme, assessment, rows, entry.year, entry.label, entry.results is not None)
    grader = PersonGrader(scheme, assessment, shown, local, explain=False)
    if entry.results is not None:
        grader.causes.missing = missing_columns(local, shown)
    explainer = Explainer(scheme, assessment, shown, sources, entry.results is not None)
    people = grader.grade_all(rows, explainer.history_of if assessment.rolls_up else None, explainer)
    if unmade is not None:
        fold_into(unmade, shown, local)
    period = PeriodResult(scheme, assessment, agency.code, agency.name, entry.year, entry.label, files, people, encoding=encoding, mapped=mapped)
    check_rating_limits(assessment, people, shown, local)
    if assessment.grades is not None:
        # the line's values at the places they are shown (民主测评 93.00, 总分 90.00), not as bare numbers
        places = {"总分": assessment.places, **{i.code: i.places for i in assessment.walk() if i.places is not None}}
        for quota in assessment.quotas:
            period.quotas.extend(apply_quota(quota, assessment.grades, people, local, shown, assessment.item_names(), places))
    applied, decisions_shown = [], shown
    if entry.decisions is not None:
        decisions_shown = project.rel(entry.decisions)
        files.append(decisions_shown)
        people = scheme.people
        decisions = load_decisions(entry.decisions, decisions_shown, people.id, assessment.grades, local,
                                   scheme.sheet.merged(agency.sheet).columns, tuple(c for c in (people.department, people.post, people.unit) if c),
                                   (entry.year, entry.label), other_grades(scheme, assessment))
        # a roll-up's rules count the earlier periods' grades (次数("一般")): a decided grade is held to them too
        applied = apply_decisions(decisions, period, assessment.grades, decisions_shown, local, lambda person: explainer.history_of(person.person))
    recount(period, applied, decisions_shown, shown, local)  # one truth for every count the pages show
    for label in sorted(sources):  # a roll-up reads its periods' grades: its 公示 waits for what they wait for
        if sources[label].unresolved_ties or sources[label].held:
            period.held.append(f"汇总的{sources[label].period_name}{sources[label].assessment.name}还有名额线上的并列或过时的决定，须领导小组先作决定")
    if entry.results is not None:  # the office's own 总分, 等次, 名次 against the grades as they now stand
        check_office_columns(period, shown, local)
    apply_consequences(period, lambda person: functions_for(explainer, person), explainer.grades_of_all)
    if entry.notice is not None:
        files.append(project.rel(entry.notice))
        period.notice = load_notice(project, entry, local)
        if not scheme.publicity_for(assessment).publish or assessment.grades is None:  # no 公示 page is made from it
            why = "方案规定这一考核不公示（publicity 中 publish: false）" if assessment.grades is not None else "这一考核不定等次（方案没有 grades），没有公示名单"
            local.add(project.rel(entry.notice), None, None, "notice-unused",
                      f"{why}，这个公示设置文件不会生成公示页。要公示的，改方案的 publicity；不公示的，删去这个文件。", Severity.WARNING)
    period.problems = local.sorted()
    period.follow_ons = dict(local.caused)
    problems.extend(local)
    return period


def _people_from(sources: dict[str, PeriodResult]) -> list[PersonRow]:
    """A roll-up with no sheet of its own: everyone who appears in its periods, latest row wins."""
    people: dict[str, PersonRow] = {}
    for label in sorted(sources):
        for result in sources[label].people:
            people[result.id] = result.person
    return [people[k] for k in sorted(people)]


def missing_columns(problems: Problems, shown: str) -> dict[str, Problem]:
    """The columns a sheet lacks → the problem that says so: what follows from it for each row
    (a formula with nothing to compute from) is counted on that problem instead of listed."""
    found: dict[str, Problem] = {}
    for problem in problems.items:
        if problem.code == "missing-column" and problem.file == shown and problem.subject:
            found.setdefault(problem.subject, problem)
    return found


def load_everything(root: Path):
    """Discover the project under root and compute every period; problems collected, none raised."""
    problems = Problems()
    project = discover(root, problems)
    periods = compute_project(project, problems)
    return project, periods, problems
