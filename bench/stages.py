#!/usr/bin/env python3
"""The measuring side of bench/run.py; each command runs in its own child process and prints one JSON line.

    python bench/stages.py engine DIR --repeat N     grading throughput against a bare Decimal loop
    python bench/stages.py build DIR AUDIENCE OUT    one `kaohe build`, timed stage by stage

Both call Kaohe's own functions; the timers are wrappers put around them, nothing is re-implemented.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

# KAOHE_BENCH_CODE: another checkout's code measured with this harness (an older harness may not run it)
ROOT = Path(os.environ.get("KAOHE_BENCH_CODE") or Path(__file__).resolve().parents[1])
sys.path.insert(0, str(ROOT))


# --- engine ------------------------------------------------------------------------------------
def engine(root: Path, repeat: int) -> dict:
    """compute_project with every file read once and cached, so the timed runs are the grading only:
    PersonGrader per person, quotas, committee decisions, roll-up histories — as compute_project does."""
    from generator.core.problems import Problems
    from generator.engine import compute as C
    from generator.project.discover import discover
    from generator.scheme.columns import plan_columns

    sheets: dict = {}
    tables: dict = {}
    decisions: dict = {}
    notices: dict = {}
    real_read, real_load, real_decisions, real_notice = C.read_table, C.load_sheet, C.load_decisions, C.load_notice

    def read_table(path, shown, problems, *args, **kwargs):  # read_table's own options (a header test) passed on
        if path not in tables:
            tables[path] = real_read(path, shown, problems, *args, **kwargs)
        return tables[path]

    def load_sheet(table, scheme, *args, **kwargs):
        key = (id(table), scheme.code)
        if key not in sheets:
            sheets[key] = real_load(table, scheme, *args, **kwargs)
        return sheets[key]

    def load_decisions(path, *args):
        if path not in decisions:
            decisions[path] = real_decisions(path, *args)
        return decisions[path]

    def load_notice(project, entry, problems):
        if entry.notice not in notices:
            notices[entry.notice] = real_notice(project, entry, problems)
        return notices[entry.notice]

    # A period's sheet read and checked as a sheet (its title against the period, counts of days against
    # the period's length: compute._read_rows), once: reading is not grading, whether a check of the
    # sheet runs inside load_sheet or just after it. Until the fifteenth session only load_sheet was
    # cached, so the sheet checks run after it were timed as the engine's.
    real_rows = C._read_rows
    rows: dict = {}

    def read_rows(project, entry, local):
        key = (entry.agency, entry.scheme, entry.year, entry.label)
        if key not in rows:
            rows[key] = real_rows(project, entry, local)
        return rows[key]

    C.read_table, C.load_sheet, C.load_decisions, C.load_notice, C._read_rows = read_table, load_sheet, load_decisions, load_notice, read_rows
    started = time.perf_counter()
    project = discover(root, Problems())
    discover_s = time.perf_counter() - started
    started = time.perf_counter()
    periods = C.compute_project(project, Problems(), workers=1)  # cold: reads and checks every file (here, to be kept)
    cold_s = time.perf_counter() - started
    results = sum(len(p.people) for p in periods)

    # The bare loop: the same people, the same Decimal item values (sheet cells that feed items; in a
    # roll-up, the person's totals of the periods it reads), summed and nothing else.
    totals = {(p.agency, p.scheme.code, p.year, p.label): {r.id: r.total for r in p.people} for p in periods}
    prepared = []
    for p in periods:
        plan = plan_columns(p.scheme, p.assessment)
        columns = [s.name for s, _ in plan.items if s.type in ("number", "amounts")]
        sources = []
        if p.assessment.rolls_up:
            source = p.scheme.assessment(p.assessment.rolls_up)
            sources = [totals[k] for label in source.period_labels if (k := (p.agency, p.scheme.code, p.year, label)) in totals]
        prepared.append(([r.person for r in p.people], columns, sources))
    zero = Decimal(0)

    def bare_of(groups: list) -> int:
        count = 0
        for rows, columns, sources in groups:
            for row in rows:
                values = row.values
                total = zero
                for column in columns:
                    value = values.get(column)
                    if value is None:
                        continue
                    if type(value) is list:
                        for amount in value:
                            total += amount
                    else:
                        total += value
                for source in sources:
                    value = source.get(row.id)
                    if value is not None:
                        total += value
                count += 1
        return count

    # Where the ratio is lost: each assessment's CPU time in the engine (compute_period wrapped: its
    # quotas, decisions and consequences included) and in the bare loop, alternating as below, three
    # times after the timed runs; the median of each. Attribution only: the wrapper costs a little.
    kinds = [f"{p.scheme.code}/{p.assessment.code}" for p in periods]

    def by_assessment() -> dict:
        engine_cpu: dict = defaultdict(list)  # kind → CPU seconds, one entry a run
        bare_cpu: dict = defaultdict(list)
        real_period = C.compute_period
        spent: dict = defaultdict(float)  # this run's, cleared after each

        def compute_period(project, entry, *args, **kwargs):
            cpu = time.process_time()
            period = real_period(project, entry, *args, **kwargs)
            if period is not None:
                spent[f"{period.scheme.code}/{period.assessment.code}"] += time.process_time() - cpu
            return period

        for _ in range(3):
            spent.clear()
            C.compute_period = compute_period
            try:
                C.compute_project(project, Problems(), workers=1)
            finally:
                C.compute_period = real_period
            passed: dict = defaultdict(float)
            for kind, one in zip(kinds, prepared):
                cpu = time.process_time()
                bare_of([one])
                passed[kind] += time.process_time() - cpu
            for kind in set(kinds):
                engine_cpu[kind].append(spent[kind])
                bare_cpu[kind].append(passed[kind])
        counts: dict = defaultdict(int)
        for kind, one in zip(kinds, prepared):
            counts[kind] += len(one[0])
        return {kind: {"results": counts[kind], "engine_cpu_s": statistics.median(engine_cpu[kind]), "bare_cpu_s": statistics.median(bare_cpu[kind])}
                for kind in sorted(counts)}

    # Engine and bare loop alternate, so that both see the same load of a shared machine. Each run is
    # timed twice: wall clock, and the CPU time of this process (what the ratio is judged on: a busy
    # machine stretches a long run's wall time more than a short one's, never its CPU time).
    engine_runs, engine_cpu, bare_runs, bare_cpu = [], [], [], []
    for _ in range(max(repeat, 3)):
        started, cpu = time.perf_counter(), time.process_time()
        periods = C.compute_project(project, Problems(), workers=1)
        engine_runs.append(time.perf_counter() - started)
        engine_cpu.append(time.process_time() - cpu)
        started, cpu = time.perf_counter(), time.process_time()
        count = bare_of(prepared)
        bare_runs.append(time.perf_counter() - started)
        bare_cpu.append(time.process_time() - cpu)
        assert count == results
    assessments = by_assessment()
    engine_s, bare_s = statistics.median(engine_runs), statistics.median(bare_runs)
    engine_c, bare_c = statistics.median(engine_cpu), statistics.median(bare_cpu)
    return {
        "results": results, "periods": len(periods), "discover_s": discover_s, "load_and_compute_s": cold_s,
        "engine_s": engine_s, "engine_runs": engine_runs, "bare_s": bare_s, "bare_runs": bare_runs,
        "engine_cpu_s": engine_c, "engine_cpu_runs": engine_cpu, "bare_cpu_s": bare_c, "bare_cpu_runs": bare_cpu,
        "engine_rate": results / engine_c, "bare_rate": results / bare_c,
        "engine_wall_rate": results / engine_s, "bare_wall_rate": results / bare_s,
        "by_assessment": assessments,
    }


# --- build -------------------------------------------------------------------------------------
def kind_of(rel: str) -> str:
    parts = rel.split("/")
    if len(parts) == 1:
        return "home" if parts[0] in ("index.md", "index.html", "404.html") else parts[0]
    first = parts[0]
    if len(parts) == 2 and parts[1] in ("index.md", "index.html"):
        return f"{first} (index)"
    return first


def build(root: Path, audience: str, out: Path) -> dict:
    """One `kaohe build` (generator.site.build.build_site), timed by wrappers around its stages."""
    from generator.site import build as B
    from generator.site import generate as G

    marks: dict[str, float] = {}
    spans: dict[str, float] = defaultdict(float)

    def timed(module, name, label=None):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            marks.setdefault(f"{label or name}_start", t)
            try:
                result = real(*args, **kwargs)
            finally:
                spans[label or name] += time.perf_counter() - t
            return timed_items(result, label or name) if inspect.isgenerator(result) else result

        setattr(module, name, wrapper)

    def timed_items(items, label):
        """A builder that yields its pages one by one: its time is spent while they are taken."""
        while True:
            t = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                spans[label] += time.perf_counter() - t
                return
            spans[label] += time.perf_counter() - t
            yield item

    for name in ("generate", "run_mkdocs", "scan_site", "write_manifest", "inputs_record"):
        timed(B, name)
    from generator.site import docs_writer as W

    timed(W, "write_if_changed", "write_docs")  # the docs tree is written as it is generated (within generate)
    for name in ("discover", "compute_project", "check_locks", "load_calendar", "build_notices", "build_notice_index", "build_handbooks",
                 "build_departments", "build_archive", "build_guide", "build_home", "build_results", "build_people", "_jieba_words"):
        timed(G, name, f"generate.{name}")

    # mkdocs' own per-page work, by page kind (the docs tree's first directory)
    import mkdocs.commands.build as MB

    per_kind: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])

    def page_timer(name, slot):
        real = getattr(MB, name)

        def wrapper(page, *args, **kwargs):
            t = time.perf_counter()
            try:
                return real(page, *args, **kwargs)
            finally:
                entry = per_kind[kind_of(page.file.src_uri)]
                entry[slot] += time.perf_counter() - t
                if slot == 1:
                    entry[0] += 1

        setattr(MB, name, wrapper)

    page_timer("_populate_page", 1)  # Markdown → HTML
    page_timer("_build_page", 2)  # theme template → file (nav, search index entry)

    started = time.perf_counter()
    code, problems, stats = B.build_site(root, audience, False, str(out), B.Progress(True))
    total = time.perf_counter() - started
    if code != 0:
        for problem in problems.sorted()[:20]:
            print(problem.format(), file=sys.stderr)
        raise SystemExit(f"build failed with exit code {code}")
    own = marks["run_mkdocs_start"] - started
    after = total - own - spans["run_mkdocs"]
    site = site_stats(out)
    return {
        "audience": audience, "in_process_s": total, "generator_s": own, "mkdocs_s": spans["run_mkdocs"], "after_s": after,
        "stages": dict(spans), "mkdocs_pages": {k: {"pages": v[0], "markdown_s": v[1], "theme_s": v[2]} for k, v in sorted(per_kind.items())},
        "people": stats.get("people"), "periods": stats.get("periods"), **site,
    }


def site_stats(site: Path) -> dict:
    pages = 0
    size = 0
    largest = (0, "")
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        n = path.stat().st_size
        size += n
        if path.suffix == ".html":
            rel = path.relative_to(site).as_posix()
            pages += 1
            largest = max(largest, (n, rel))
            entry = kinds[kind_of(rel)]
            entry[0] += 1
            entry[1] += n
            entry[2] = max(entry[2], n)
    index = site / "search" / "search_index.json"
    return {
        "pages": pages, "site_bytes": size, "search_index_bytes": index.stat().st_size if index.exists() else 0,
        "largest_html_bytes": largest[0], "largest_html": largest[1],
        "html_kinds": {k: {"pages": v[0], "bytes": v[1], "max_bytes": v[2]} for k, v in sorted(kinds.items())},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("engine")
    p.add_argument("root")
    p.add_argument("--repeat", type=int, default=3)
    p = sub.add_parser("build")
    p.add_argument("root")
    p.add_argument("audience", choices=["public", "internal"])
    p.add_argument("out")
    args = parser.parse_args(argv)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: the same notice states every run
    if args.command == "engine":
        result = engine(Path(args.root).resolve(), args.repeat)
    else:
        result = build(Path(args.root).resolve(), args.audience, Path(args.out).resolve())
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
