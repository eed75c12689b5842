#!/usr/bin/env python3
"""Kaohe's benchmark: the engine, the generator and mkdocs, a live preview, side by side in one run.

    python bench/run.py --size county --repeat 3      # about ten minutes on 2 cores
    python bench/run.py --size city --repeat 1        # the whole city archive; most of an hour
    python bench/run.py --size county --only engine   # one part (check, engine, public, internal, preview)

The fixture (bench/make_fixture.py) is written to bench/out/<size>/ when it is not there yet.
Every figure is the median of N runs; each build and the preview run in a child process, whose
peak memory (ru_maxrss) is read when it exits. Results: a table on stdout and bench/out/<size>-results.json.

Figures and targets
  engine        person-period results per second of the grading itself (PersonGrader, quotas,
                decisions, roll-ups, as compute_project does, with every file already read) against a bare
                loop that only sums the same Decimal item values for the same people: ratio ≥ 1/3.
                Runs alternate and are timed in CPU seconds of the process (wall clock shown too)
  generator     Kaohe's own time in `kaohe build` (load, check, compute, render, write the docs
                tree) against the `mkdocs build` of that tree, per edition: ≤ 50%
  site          total build time (city: public ≤ 25 s, internal ≤ 150 s), pages, site size (city
                internal ≤ 300 MB), public search index < 5 MB, largest HTML page < 100 KB, peak
                memory of a build < 1.5 GB
  preview       `kaohe serve`: ready on an unchanged project (warm) ≤ 15 s; one cell of one results
                file changed, time until the served page shows it: ≤ 2 s in both editions
  growth        `--growth`: the city at 1/4, 1/2 and whole, and how each figure grows
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
EPOCH = "1767225600"  # SOURCE_DATE_EPOCH 2026-01-01: every run sees the same 公示 states

PARTS = ("check", "engine", "public", "internal", "preview")
MB = 1024 * 1024
KB = 1024
TOTAL_LIMIT_S = {"public": 25, "internal": 150}  # issue 15's targets for a whole city's `kaohe build`
SIZES = ["city", "city-half", "city-quarter", "county"]
GROWTH = ["city-quarter", "city-half", "city"]  # --growth: the same city at 1/4, 1/2 and whole


def child_env() -> dict:
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = EPOCH
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_child(args: list[str], log: Path | None = None) -> tuple[dict, float, int, float]:
    """Run a child to completion: (its JSON line, wall seconds, peak RSS in bytes, CPU seconds)."""
    started = time.perf_counter()
    with open(log or os.devnull, "ab") as err:
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=err, env=child_env(), cwd=ROOT)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}); see {log}")
    line = out.decode("utf-8").strip().splitlines()[-1]
    return json.loads(line), wall, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime


# --- the parts ---------------------------------------------------------------------------------
def ensure_fixture(size: str, log: Path) -> Path:
    project = OUT / size
    if not (project / ".kaohe-bench-fixture").exists():
        print(f"writing the {size} fixture to {project} …", flush=True)
        subprocess.run([sys.executable, str(HERE / "make_fixture.py"), "--size", size, "--out", str(project)], check=True, cwd=ROOT)
    return project


def check(project: Path, log: Path) -> dict:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "-C", str(project), "check", "--format", "json"],
                          capture_output=True, env=child_env(), cwd=ROOT)
    wall = time.perf_counter() - started
    with open(log, "ab") as f:
        f.write(proc.stderr)
    try:
        payload = json.loads(proc.stdout.decode("utf-8"))
        severities = {k: payload[k] for k in ("errors", "warnings", "notes")}
    except (ValueError, KeyError):
        severities = {"unreadable output": 1}
    return {"exit": proc.returncode, "seconds": wall, "problems": severities}


def engine(project: Path, repeat: int, log: Path) -> dict:
    result, wall, rss, cpu = run_child([sys.executable, str(HERE / "stages.py"), "engine", str(project), "--repeat", str(repeat)], log)
    result["peak_rss"] = rss
    return result


def builds(project: Path, audience: str, repeat: int, log: Path) -> dict:
    runs = []
    for i in range(repeat):
        shutil.rmtree(project / ".build" / audience, ignore_errors=True)  # a cold docs tree: everything written
        site = OUT / f"{project.name}-site-{audience}"
        result, wall, rss, cpu = run_child([sys.executable, str(HERE / "stages.py"), "build", str(project), audience, str(site)], log)
        result.update(total_s=wall, peak_rss=rss, cpu_s=cpu)
        runs.append(result)
        print(f"  {audience} build {i + 1}/{repeat}: {wall:.1f} s (Kaohe {result['generator_s']:.1f} s, mkdocs {result['mkdocs_s']:.1f} s), "
              f"{result['pages']} pages, peak {rss / MB:.0f} MB", flush=True)
    median = {k: statistics.median(r[k] for r in runs) for k in ("total_s", "generator_s", "mkdocs_s", "after_s", "in_process_s", "peak_rss", "cpu_s")}
    last = runs[-1]  # the per-stage and per-page-kind breakdown is the last run's, with its own mkdocs time
    return {**last, **median, "last_mkdocs_s": last["mkdocs_s"],
            "runs": [{k: r[k] for k in ("total_s", "generator_s", "mkdocs_s", "peak_rss")} for r in runs]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 600) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def pick_cell(project: Path) -> tuple[Path, str, str, int, int, str]:
    """The change: one item score of one person in the latest 平时考核 CSV of the first agency that has one."""
    for agency in sorted(p for p in (project / "content").iterdir() if (p / "s003-p2").is_dir()):
        years = sorted((agency / "s003-p2").iterdir())
        for label in ("Q1", "Q2", "Q3"):
            path = years[-1] / f"{label}.csv"
            if not path.exists():
                continue
            rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
            header = rows[0]
            col = header.index("工作负荷")
            flags = [header.index(h) for h in ("试用期", "立案调查", "工伤", "急难险重表现突出", "不服从安排")]
            for i, row in enumerate(rows[1:], 1):
                if all(not row[j] for j in flags) and float(row[col]) <= 14:
                    period = f"{years[-1].name}年第{'一二三'[int(label[1]) - 1]}季度"
                    return path, agency.name, row[header.index("编号")], i, col, period
    raise SystemExit("no cell to change in the fixture")


def set_cell(path: Path, row: int, col: int, value: str) -> None:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    rows[row][col] = value
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def shown_total(html: str, period: str) -> str | None:
    # the history row: period, assessment (its scheme's title in a span where two schemes share the
    # name), department, total (cells may leave out their end tags; 总分 has had a class)
    match = re.search(re.escape(period) + r'</a>(?:</td>)?<td>(?:<span[^>]*>[^<]*</span>)?[^<]*平时考核[^<]*(?:</td>)?<td>[^<]*(?:</td>)?<td(?: class="num")?>([^<]*)', html)
    return match.group(1) if match else None


def preview(project: Path, audience: str, repeat: int, log: Path, start_timeout: float) -> dict:
    """`kaohe serve --audience A` in a child; change one cell, wait until the served site shows it.

    Internal: the person's page is fetched until it shows the new total. Public: a +0.5 rarely changes
    what the public pages show (counts), so the figure is the time until serve reports the served site
    updated (its last step, after mkdocs wrote the pages), and the department page is then fetched."""
    from generator.site.serve import PREVIEW_DONE

    path, agency, pid, row, col, period = pick_cell(project)
    original = path.read_bytes()
    shutil.rmtree(project / ".build" / f"serve-{audience}", ignore_errors=True)  # the first start is cold
    page = f"/people/{agency}/{pid}/" if audience == "internal" else "/"
    out = OUT / f"serve-{audience}.out"
    proc, port, started = start_serve(project, audience, out)
    url = f"http://127.0.0.1:{port}{page}"

    def updates() -> int:
        return out.read_bytes().decode("utf-8", "replace").count(PREVIEW_DONE)

    times: list[float] = []
    try:
        html = wait_served(proc, url, out, started, start_timeout)
        ready = time.perf_counter() - started
        print(f"  {audience} preview serving after {ready:.1f} s", flush=True)
        time.sleep(2)  # let the watcher take its first look at the tree
        base = shown_total(html, period) if audience == "internal" else "0"
        if base is None:
            raise SystemExit(f"cannot find the {period} total on {url}")
        rows = list(csv.reader(io.StringIO(original.decode("utf-8-sig"), newline="")))
        first = rows[row][col]
        for i in range(repeat):
            changed = i % 2 == 0
            value = str(float(first) + 0.5).removesuffix(".0") if changed else first
            expect = f"{float(base) + (0.5 if changed else 0):.2f}"
            seen = updates()
            t0 = time.perf_counter()
            if changed:
                set_cell(path, row, col, value)
            else:
                path.write_bytes(original)
            while True:
                if audience == "internal":
                    status, html = fetch(url)
                    if status == 200 and shown_total(html, period) == expect:
                        break
                elif updates() > seen:
                    break
                if proc.poll() is not None:
                    raise SystemExit(f"kaohe serve exited ({proc.returncode}); see {out}")
                if time.perf_counter() - t0 > start_timeout:
                    raise SystemExit("the preview never showed the change")
                time.sleep(0.05)
            times.append(time.perf_counter() - t0)
            if audience == "public" and fetch(url)[0] != 200:
                raise SystemExit("the public preview stopped serving after the change")
            print(f"  {audience} preview update {i + 1}/{repeat}: {times[-1]:.1f} s", flush=True)
            time.sleep(3)  # let a rebuild caused by the rebuild itself (if any) pass
    finally:
        path.write_bytes(original)
        stop(proc)  # serve writes its cache on the way out
        with open(log, "ab") as err:
            err.write(out.read_bytes())
    warm = warm_start(project, audience, page, log, start_timeout)
    print(f"  {audience} preview serving after {warm:.1f} s on the unchanged project (warm)", flush=True)
    return {"ready_s": ready, "warm_ready_s": warm, "update_s": statistics.median(times), "updates": times,
            "page": page, "file": str(path.relative_to(project))}


def start_serve(project: Path, audience: str, out: Path) -> tuple[subprocess.Popen, int, float]:
    """`kaohe serve --audience A` in its own session (so that stop() reaches its children), output to `out`."""
    port = free_port()
    with open(out, "wb") as sink:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "-C", str(project), "serve", "--audience", audience,
                                 "--addr", f"127.0.0.1:{port}"], stdout=sink, stderr=sink, env=child_env(), cwd=ROOT,
                                start_new_session=True)
    return proc, port, started


def wait_served(proc: subprocess.Popen, url: str, out: Path, started: float, timeout: float) -> str:
    """The page's HTML, once `kaohe serve` answers for it."""
    while True:
        status, html = fetch(url, timeout=5)
        if status == 200:
            return html
        if proc.poll() is not None:
            raise SystemExit(f"kaohe serve exited ({proc.returncode}); see {out}")
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"kaohe serve did not answer within {timeout:.0f} s")
        time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    """Stop `kaohe serve` as Ctrl-C does, giving it time to write its cache (minutes for a city)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(900)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def warm_start(project: Path, audience: str, page: str, log: Path, start_timeout: float) -> float:
    """Seconds from starting `kaohe serve` again on the project its last session left unchanged to the
    first page served."""
    out = OUT / f"serve-{audience}-warm.out"
    proc, port, started = start_serve(project, audience, out)
    try:
        wait_served(proc, f"http://127.0.0.1:{port}{page}", out, started, start_timeout)
        return time.perf_counter() - started
    finally:
        stop(proc)
        with open(log, "ab") as err:
            err.write(out.read_bytes())


# --- the report --------------------------------------------------------------------------------
def fmt_s(x: float) -> str:
    return f"{x:.2f} s" if x < 10 else f"{x:.1f} s"


def fmt_bytes(n: float) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / KB:.0f} KB"


def table(r: dict) -> list[tuple[str, str, str, str]]:
    """The figures of the parts that ran (bench/run.py --only runs some)."""
    rows = []
    city = r["size"] == "city"  # the absolute targets are set for the whole city
    e = r.get("engine")
    if e is not None:
        ratio = e["engine_rate"] / e["bare_rate"]
        rows.append(("engine: results per CPU second (grading)", f"{e['engine_rate']:,.0f}/s", "", ""))
        rows.append(("bare loop: results per CPU second (sum of Decimals)", f"{e['bare_rate']:,.0f}/s", "", ""))
        rows.append(("engine / bare", f"1/{1 / ratio:.1f} ({ratio:.3f})", "≥ 1/3", "met" if ratio >= 1 / 3 else "MISSED"))
        if "engine_wall_rate" in e:
            wall = e["engine_wall_rate"] / e["bare_wall_rate"]
            rows.append(("engine / bare, wall clock", f"1/{1 / wall:.1f} ({e['engine_wall_rate']:,.0f}/s against {e['bare_wall_rate']:,.0f}/s)", "", ""))
        for kind, a in e.get("by_assessment", {}).items():
            share = a["engine_cpu_s"] / a["bare_cpu_s"] if a["bare_cpu_s"] else float("inf")
            rows.append((f"  engine / bare, {kind}", f"1/{share:.1f} ({a['results']:,} results, {a['engine_cpu_s']:.2f} s against {a['bare_cpu_s']:.2f} s)", "", ""))
        rows.append(("load + check + compute (cold)", fmt_s(e["load_and_compute_s"]), "", ""))
    for audience in ("public", "internal"):
        b = r.get(audience)
        if b is None:
            continue
        share = b["generator_s"] / b["mkdocs_s"]
        rows.append((f"{audience}: Kaohe's own time", fmt_s(b["generator_s"]), "", ""))
        rows.append((f"{audience}: mkdocs build", fmt_s(b["mkdocs_s"]), "", ""))
        rows.append((f"{audience}: Kaohe / mkdocs", f"{share:.0%}", "≤ 50%", "met" if share <= 0.50 else "MISSED"))
        limit = TOTAL_LIMIT_S[audience] if city else None
        rows.append((f"{audience}: total build (kaohe build)", fmt_s(b["total_s"]), f"≤ {limit} s" if limit else "",
                     ("met" if b["total_s"] <= limit else "MISSED") if limit else ""))
        rows.append((f"{audience}: pages", f"{b['pages']:,}", "", ""))
        size_limit = 300 * MB if city and audience == "internal" else None
        rows.append((f"{audience}: site size", fmt_bytes(b["site_bytes"]), "≤ 300 MB" if size_limit else "",
                     ("met" if b["site_bytes"] <= size_limit else "MISSED") if size_limit else ""))
        if audience == "public":
            rows.append(("public: search index", fmt_bytes(b["search_index_bytes"]), "< 5 MB", "met" if b["search_index_bytes"] < 5 * MB else "MISSED"))
        else:
            rows.append(("internal: search index", fmt_bytes(b["search_index_bytes"]), "", ""))
        rows.append((f"{audience}: largest HTML page", f"{fmt_bytes(b['largest_html_bytes'])} ({b['largest_html']})", "< 100 KB",
                     "met" if b["largest_html_bytes"] < 100 * KB else "MISSED"))
        rows.append((f"{audience}: peak memory (ru_maxrss)", fmt_bytes(b["peak_rss"]), "< 1.5 GB", "met" if b["peak_rss"] < 1.5 * 1024 * MB else "MISSED"))
    return rows + _preview_rows(r)


def _preview_rows(r: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    for audience in ("public", "internal"):
        p = r.get("preview", {}).get(audience)
        if p is None:
            continue
        full = r.get(audience, {}).get("total_s")
        rows.append((f"{audience} preview: serve ready (cold)", fmt_s(p["ready_s"]), "", ""))
        if "warm_ready_s" in p:
            rows.append((f"{audience} preview: serve ready (warm, unchanged project)", fmt_s(p["warm_ready_s"]), "≤ 15 s",
                         "met" if p["warm_ready_s"] <= 15 else "MISSED"))
        rows.append((f"{audience} preview: one cell → served site shows it", fmt_s(p["update_s"]), "≤ 2 s", "met" if p["update_s"] <= 2 else "MISSED"))
        if full:
            rows.append((f"{audience} preview update / full build", f"{p['update_s'] / full:.0%}", "", ""))
    return rows


def print_report(r: dict) -> str:
    e = r.get("engine")
    counted = f"{e['results']:,} person-period results in {e['periods']} periods; " if e else ""
    lines = [f"Kaohe benchmark — {r['size']}: {counted}median of {r['repeat']}; {r['machine']}"]
    rows = table(r)
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    head = ("figure", "value", "target", "")
    lines.append("  ".join(h.ljust(w) for h, w in zip(head, widths)))
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    for audience in ("public", "internal"):
        b = r.get(audience)
        if b is None:
            continue
        lines.append("")
        lines.append(f"{audience}: where the time goes (s) — Kaohe stages, then mkdocs per page kind (markdown + theme)")
        stages = {k.removeprefix("generate."): v for k, v in b["stages"].items() if k.startswith("generate.")}
        lines.append("  Kaohe: " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1]) if v >= 0.05)
                     + f"; writing the docs (within generate) {b['stages'].get('write_docs', 0):.1f}, inputs_record {b['stages'].get('inputs_record', 0):.1f}"
                     + f"; after mkdocs (scan, manifest, swap) {b['after_s']:.1f}")
        kinds = b["mkdocs_pages"]
        lines.append("  mkdocs: " + ", ".join(f"{k} {v['pages']}p {v['markdown_s'] + v['theme_s']:.1f}" for k, v in
                                            sorted(kinds.items(), key=lambda kv: -(kv[1]['markdown_s'] + kv[1]['theme_s']))))
        other = b["last_mkdocs_s"] - sum(v["markdown_s"] + v["theme_s"] for v in kinds.values())
        lines.append(f"  mkdocs outside pages (nav, search index, theme assets, copying): {other:.1f}")
        lines.append("  HTML by kind: " + ", ".join(f"{k} {v['pages']}p {fmt_bytes(v['bytes'])} (max {fmt_bytes(v['max_bytes'])})"
                                                   for k, v in sorted(b["html_kinds"].items(), key=lambda kv: -kv[1]["bytes"])))
    text = "\n".join(lines)
    print(text)
    return text


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0
    return f"{os.cpu_count()} cores {model}, Python {platform.python_version()}, load {load:.1f} at start"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Kaohe benchmark (see the module docstring)")
    parser.add_argument("--size", choices=SIZES, default="county")
    parser.add_argument("--growth", action="store_true",
                        help="run city-quarter, city-half and city one after another (no preview) and print how time and memory grow")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; medians are shown (default 3)")
    parser.add_argument("--project", help="benchmark this project directory instead of the fixture")
    parser.add_argument("--skip-preview", action="store_true", help="leave out the kaohe serve measurement")
    parser.add_argument("--only", help="run only these parts, comma-separated: " + ",".join(PARTS) + " (e.g. --only engine)")
    args = parser.parse_args(argv)
    parts = set(PARTS) - ({"preview"} if args.skip_preview else set())
    if args.only:
        parts = {p.strip() for p in args.only.split(",") if p.strip()}
        if not parts <= set(PARTS):
            parser.error(f"--only takes {', '.join(PARTS)}")
    OUT.mkdir(parents=True, exist_ok=True)
    if args.growth:
        return growth(args.repeat)
    log = OUT / f"{args.size}-run.log"
    log.write_bytes(b"")
    project = Path(args.project).resolve() if args.project else ensure_fixture(args.size, log)
    report: dict = {"size": args.size, "repeat": args.repeat, "machine": machine(), "project": str(project)}
    print(f"{report['machine']}; log: {log}", flush=True)
    if "check" in parts:
        print("kaohe check …", flush=True)
        report["check"] = check(project, log)
        print(f"  exit {report['check']['exit']}, {report['check']['problems']}, {report['check']['seconds']:.1f} s", flush=True)
    if "engine" in parts:
        print("engine …", flush=True)
        report["engine"] = engine(project, args.repeat, log)
        print(f"  {report['engine']['engine_rate']:,.0f} results per CPU second against {report['engine']['bare_rate']:,.0f}/s bare", flush=True)
    for audience in ("public", "internal"):
        if audience not in parts:
            continue
        print(f"{audience} builds …", flush=True)
        report[audience] = builds(project, audience, args.repeat, log)
    if "preview" in parts:
        print("preview (kaohe serve) …", flush=True)
        report["preview"] = {audience: preview(project, audience, max(args.repeat, 2), log, start_timeout=3600)
                             for audience in ("public", "internal")}
    print()
    report["text"] = print_report(report)
    name = f"{args.size}-results.json" if parts >= set(PARTS) - {"preview"} else f"{args.size}-{'-'.join(sorted(parts))}-results.json"
    (OUT / name).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def growth(repeat: int) -> int:
    """The city at a quarter, a half and whole, in one run: each figure over the quarter's, against
    the results' own growth (linear growth keeps the two columns equal)."""
    runs = {}
    for size in GROWTH:
        print(f"== {size}", flush=True)
        log = OUT / f"{size}-run.log"
        log.write_bytes(b"")
        project = ensure_fixture(size, log)
        runs[size] = {"engine": engine(project, repeat, log), **{a: builds(project, a, repeat, log) for a in ("public", "internal")}}
    base = runs[GROWTH[0]]
    figures = [("results", lambda r: r["engine"]["results"], "{:,.0f}"),
               ("engine grading (s)", lambda r: r["engine"]["results"] / r["engine"]["engine_rate"], "{:.2f}")]
    for a in ("public", "internal"):
        figures += [(f"{a}: Kaohe (s)", lambda r, a=a: r[a]["generator_s"], "{:.1f}"),
                    (f"{a}: mkdocs (s)", lambda r, a=a: r[a]["mkdocs_s"], "{:.1f}"),
                    (f"{a}: total (s)", lambda r, a=a: r[a]["total_s"], "{:.1f}"),
                    (f"{a}: peak memory (MB)", lambda r, a=a: r[a]["peak_rss"] / MB, "{:,.0f}"),
                    (f"{a}: site (MB)", lambda r, a=a: r[a]["site_bytes"] / MB, "{:,.0f}")]
    lines = [f"Growth — {machine()}", "| figure | " + " | ".join(GROWTH) + " |", "| --- |" + " --- |" * len(GROWTH)]
    for name, get, form in figures:
        cells = [f"{form.format(get(runs[s]))} (×{get(runs[s]) / get(base):.2f})" for s in GROWTH]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    text = "\n".join(lines)
    print(text)
    (OUT / "growth-results.json").write_text(json.dumps({"runs": runs, "text": text}, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
