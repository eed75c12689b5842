"""Hostile input: each file ends as reported problems — `kaohe check` exits 1 with the expected problem
code — within a bounded time and memory, never a traceback, never a hang. Each case runs the real CLI
in its own process under a wall-clock timeout and an address-space limit. Then hypothesis: random
bytes as a results sheet and random text as a scheme only ever give 0 or 1 with problems."""

from __future__ import annotations

import io
import json
import resource
import shutil
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from tests.archive.util import env

SECONDS = 10  # on an idle machine; scaled by how much slower a clean check runs at that moment
HANG = 90  # seconds after which a check counts as hung, whatever the load
MEMORY = 1536 * 1024 * 1024  # address space, bytes

SCHEME = """\
format: kaohe/1
code: t1
name: 测试方案
issuer: 测试局
version: "1"
effective_year: 2025
assessed: 全体人员
assessments:
  - code: ps
    name: 平时考核
    period: 季度
    items:
      - code: df
        name: 得分
        max: 100
    grades:
      order: [好, 较好]
      bands:
        - {grade: 好, at_least: 90}
        - {grade: 较好, below: 90}
"""
AGENCY = "name: 测试局\ndepartments: [办公室, 财务科]\n"
HEADER = "编号,姓名,部门,得分\n"
GOOD = HEADER + "001,张三,办公室,91\n002,李四,财务科,85.5\n"
SHEET = "content/ag/t1/2025/Q1.csv"


def project(root: Path, scheme: str = SCHEME, sheet: str | bytes | None = GOOD, name: str = SHEET) -> Path:
    (root / "schemes").mkdir(parents=True)
    (root / "schemes" / "t1.yaml").write_text(scheme, encoding="utf-8")
    (root / "content" / "ag" / "t1" / "2025").mkdir(parents=True)
    (root / "content" / "ag" / "agency.yaml").write_text(AGENCY, encoding="utf-8")
    if sheet is not None:
        data = sheet.encode("utf-8") if isinstance(sheet, str) else sheet
        (root / name).write_bytes(data)
    return root


def _limit():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def check(root: Path) -> tuple[int, list[str], str, float]:
    """(exit code, problem codes, output, seconds) of `kaohe check --format json` in its own process."""
    started = time.monotonic()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "generator.cli", "-C", str(root), "check", "--format", "json"],
            env=env(), capture_output=True, text=True, timeout=HANG, preexec_fn=_limit,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"kaohe check hung (> {HANG} s)")
    elapsed = time.monotonic() - started
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output and "内部错误" not in output and "MemoryError" not in output, output[-2000:]
    codes = sorted({p["code"] for p in json.loads(proc.stdout)["problems"] if p["severity"] == "error"}) if proc.stdout.strip() else []
    return proc.returncode, codes, output, elapsed


CLEAN_IDLE = 1.0  # seconds of a clean check on an idle 2-core machine (1.6 s at load 5)


def assert_bounded(elapsed: float, tmp_path: Path, what: str) -> None:
    """Hostile input costs no more than SECONDS on an idle machine. Under load (CI, other work on the
    same cores) every process is slower alike, so a slow case is compared with a clean check timed at
    that moment: the bound grows with the machine's slowdown, never with the input."""
    if elapsed < SECONDS:
        return
    now = check(project(tmp_path / "clean-now"))[3]
    slowdown = max(1.0, now / CLEAN_IDLE)
    assert elapsed < SECONDS * slowdown, f"{what}: {elapsed:.1f} s (a clean check took {now:.1f} s just now)"


def xlsx(rows: list[list]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("成绩")
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


GOOD_ROWS = [["编号", "姓名", "部门", "得分"], ["001", "张三", "办公室", 91], ["002", "李四", "财务科", 85.5]]


def declared_huge(data: bytes) -> bytes:
    """The same XLSX, its central directory claiming that each part unpacks to 3 GB (a zip bomb's shape)."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at != -1:
        out[at + 24:at + 28] = struct.pack("<I", 3_000_000_000)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def real_bomb() -> bytes:
    """An XLSX whose sheet unpacks to 600 MB of zeros (about 600 KB on disk)."""
    good = zipfile.ZipFile(io.BytesIO(xlsx(GOOD_ROWS)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in good.infolist():
            if info.filename.endswith("sheet1.xml"):
                with bomb.open(info.filename, "w", force_zip64=True) as part:
                    chunk = b"\0" * (1 << 20)
                    for _ in range(600):
                        part.write(chunk)
            else:
                bomb.writestr(info, good.read(info.filename))
    return out.getvalue()


def _replace_sheet(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in source.infolist():
            part = source.read(info.filename)
            new.writestr(info.filename, change(part) if info.filename.endswith("sheet1.xml") else part)
    return out.getvalue()


def declared_dimension(data: bytes) -> bytes:
    """What Excel writes when whole columns are formatted: <dimension ref="A1:XFD1048576"/>."""
    return _replace_sheet(data, lambda xml: xml.replace(b"<sheetViews>", b'<dimension ref="A1:XFD1048576"/><sheetViews>', 1))


def sparse_rows() -> bytes:
    """100,000 rows, each with one cell in column ALK (999): a 0.5 MB file, 100 million cells if padded."""
    body = "".join(f'<row r="{i}"><c r="ALK{i}"><v>1</v></c></row>' for i in range(3, 100_003)).encode()
    return _replace_sheet(xlsx(GOOD_ROWS[:2]), lambda xml: xml.replace(b"</sheetData>", body + b"</sheetData>", 1))


def deep_yaml(levels: int) -> str:
    return SCHEME.replace("        max: 100\n", "        max: 100\n        description: " + "[" * levels + "]" * levels + "\n")


def alias_bomb() -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return SCHEME + "\n".join(lines) + "\n"


CASES = {
    # results sheets
    "truncated-xlsx": dict(sheet=lambda: xlsx(GOOD_ROWS)[:900], name="content/ag/t1/2025/Q1.xlsx", codes=["sheet-unreadable"]),
    "xlsx-declaring-3gb": dict(sheet=lambda: declared_huge(xlsx(GOOD_ROWS)), name="content/ag/t1/2025/Q1.xlsx", codes=["file-too-large"]),
    "xlsx-600mb-of-zeros": dict(sheet=real_bomb, name="content/ag/t1/2025/Q1.xlsx", codes=["file-too-large"]),
    "empty-xlsx": dict(sheet=b"", name="content/ag/t1/2025/Q1.xlsx", codes=["sheet-unreadable"]),
    "csv-in-big5": dict(sheet=lambda: "編號,姓名,部門,得分\n001,張三,辦公室,91\n002,陳麗華,財務科,85\n".encode("big5"),
                        codes=["header-not-found"]),  # valid GB18030 bytes (strict decoding decides): garbled, no header, says why
    "csv-of-random-bytes": dict(sheet=lambda: bytes((i * 7919 + 13) % 251 for i in range(20000)), codes=["encoding-unknown"]),
    "binary-named-csv": dict(sheet=lambda: Path(sys.executable).resolve().read_bytes()[:65536], codes=["encoding-unknown"]),
    "empty-csv": dict(sheet=b"", codes=["sheet-unreadable"]),  # 文件是空的：多半是保存、下载或复制时出了错
    "csv-10mb-cell": dict(sheet=lambda: HEADER + "001,张三,办公室," + "9" * 10_000_000 + "\n", codes=["file-too-large"]),
    "xlsx-10mb-cell": dict(sheet=lambda: xlsx([GOOD_ROWS[0], ["001", "张三", "办公室", "9" * 10_000_000]]),
                           name="content/ag/t1/2025/Q1.xlsx", codes=["file-too-large"]),
    "csv-100000-columns": dict(sheet=lambda: HEADER.strip() + "," * 100_000 + "\n" + GOOD.split("\n", 1)[1], codes=["file-too-large"]),
    "xlsx-16384-columns": dict(sheet=lambda: xlsx([GOOD_ROWS[0] + ["x"] * 16380, *GOOD_ROWS[1:]]),
                               name="content/ag/t1/2025/Q1.xlsx", codes=["file-too-large"]),
    "csv-50mb-of-empty-cells": dict(sheet=lambda: GOOD + ("," * 998 + "\n") * 50_000, codes=["file-too-large"]),
    "xlsx-100000-sparse-rows": dict(sheet=sparse_rows, name="content/ag/t1/2025/Q1.xlsx", codes=["file-too-large"]),
    "csv-1e999-nan-inf": dict(sheet=HEADER + "001,张三,办公室,1e999\n002,李四,财务科,NaN\n003,王五,办公室,-Infinity\n", codes=["number-not-finite"]),
    "csv-long-number": dict(sheet=HEADER + "001,张三,办公室," + "9" * 5000 + "\n", codes=["not-a-number"]),
    # schemes
    "yaml-alias-bomb": dict(scheme=alias_bomb(), codes=["yaml-too-complex"]),
    "yaml-1000-deep": dict(scheme=deep_yaml(1000), codes=["yaml-too-complex"]),
    "yaml-1000-deep-mappings": dict(scheme=SCHEME + "".join("  " * i + f"k{i}:\n" for i in range(1000)), codes=["yaml-too-complex"]),
    "yaml-400000-items": dict(scheme=SCHEME + "extra: [" + "1," * 400_000 + "1]\n", codes=["yaml-too-complex"]),
    "yaml-3mb": dict(scheme=SCHEME + "extra: [" + "1," * 1_500_000 + "1]\n", codes=["file-too-large"]),
    "yaml-1e999": dict(scheme=SCHEME.replace("max: 100", "max: 1e999"), codes=["bad-value"]),
    "yaml-nan": dict(scheme=SCHEME.replace("max: 100", "max: .nan"), codes=["bad-value"]),
    "yaml-huge-integer": dict(scheme=SCHEME.replace("max: 100", "max: 1" + "0" * 5000), codes=["bad-value"]),
    "yaml-empty": dict(scheme="", codes=["missing-key"]),
    "yaml-formula-import": dict(scheme=SCHEME + "    overrides:\n      - kind: no_grade\n        when: \"__import__('os').system('x')\"\n        reason: 测试\n",
                                codes=["bad-formula"]),
    "yaml-score-formula-import": dict(scheme=SCHEME.replace("        max: 100\n", "        max: 100\n        score: {kind: formula, expr: \"__import__('os').system('x')\"}\n"),
                                      codes=["bad-formula"]),
    # a binary file's NUL bytes are control characters at their line and column (i16g), not a YAML syntax error
    "yaml-binary": dict(scheme=lambda: Path(sys.executable).resolve().read_bytes()[:4096].decode("latin-1"), codes=["control-character"]),
}


def _value(v):
    return v() if callable(v) else v


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_input_is_reported(tmp_path, case):
    spec = CASES[case]
    root = project(tmp_path / "p", scheme=_value(spec.get("scheme", SCHEME)), sheet=_value(spec.get("sheet", GOOD)), name=spec.get("name", SHEET))
    code, codes, output, elapsed = check(root)
    assert code == 1, output[-2000:]
    assert set(spec["codes"]) <= set(codes), (codes, output[-2000:])
    assert_bounded(elapsed, tmp_path, case)


def test_xlsx_declaring_a_huge_dimension_is_read_as_it_is(tmp_path):
    """Not hostile at all: Excel declares A1:XFD1048576 when whole columns are formatted. The 3,000
    people are read, quickly — not each row padded to 16,384 cells (49 million)."""
    rows = [GOOD_ROWS[0]] + [[f"{i:05d}", f"人员{i}", "办公室", 80] for i in range(1, 3001)]
    root = project(tmp_path / "p", sheet=declared_dimension(xlsx(rows)), name="content/ag/t1/2025/Q1.xlsx")
    code, codes, output, elapsed = check(root)
    assert code == 0 and codes == [], output[-2000:]
    assert json.loads(output)["periods"] == ["ag/t1/2025/Q1"]
    assert_bounded(elapsed, tmp_path, "huge dimension")


def test_links_and_files_outside_are_reported(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "Q1.csv").write_text(GOOD, encoding="utf-8")
    (outside / "Q1.decisions.csv").write_text("编号,姓名,等次,理由\n001,张三,好,测试\n", encoding="utf-8")
    (outside / "Q1.notice.yaml").write_text("start: 2025-04-08\ndays: 5\n", encoding="utf-8")
    root = project(tmp_path / "p", sheet=None)
    year = root / "content" / "ag" / "t1" / "2025"
    for name in ("Q1.csv", "Q1.decisions.csv", "Q1.notice.yaml"):
        (year / name).symlink_to(outside / name)
    (root / "schemes" / "t2.yaml").symlink_to(outside / "Q1.notice.yaml")
    code, codes, output, _ = check(root)
    assert code == 1 and codes == ["file-is-symlink"], output
    problems = json.loads(output[: output.rindex("}") + 1])["problems"]
    assert sorted(p["file"] for p in problems if p["code"] == "file-is-symlink") == [
        "content/ag/t1/2025/Q1.csv", "content/ag/t1/2025/Q1.decisions.csv", "content/ag/t1/2025/Q1.notice.yaml", "schemes/t2.yaml"]


# --- fuzzing: anything at all as a results file or a scheme


def _fuzz_root(tmp: Path) -> Path:
    root = tmp / "fuzz"
    if root.exists():
        shutil.rmtree(root)
    return project(root)


def _run_check(root: Path) -> int:
    import contextlib

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["-C", str(root), "check"])
    assert "内部错误" not in out.getvalue(), out.getvalue()
    return code


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(data=st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8")),
    st.lists(st.lists(st.sampled_from(["001", "张三", "办公室", "91", "", "1e999", "NaN", "优", '"', "\n", ",", "编号", "姓名", "部门", "得分", "-0", "９１"]),
                      max_size=8), max_size=8).map(lambda rows: "\n".join(",".join(r) for r in rows).encode("utf-8")),
))
def test_fuzz_results_csv(tmp_path_factory, data):
    root = _fuzz_root(tmp_path_factory.getbasetemp())
    (root / SHEET).write_bytes(data)
    assert _run_check(root) in (0, 1)


_GOOD_XLSX = xlsx(GOOD_ROWS)


def _mutated(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for at, value in edits:
        out[at % len(out)] = value
    return bytes(out)


def _with_sheet_xml(xml: bytes) -> bytes:
    """The good workbook with its sheet's XML replaced (zip intact, content hostile)."""
    good = zipfile.ZipFile(io.BytesIO(_GOOD_XLSX))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as new:
        for info in good.infolist():
            new.writestr(info.filename, xml if info.filename.endswith("sheet1.xml") else good.read(info.filename))
    return out.getvalue()


@FUZZ
@given(data=st.one_of(
    st.binary(max_size=2000),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8).map(lambda e: _mutated(_GOOD_XLSX, e)),
    st.binary(max_size=500).map(_with_sheet_xml),
    st.text(max_size=500).map(lambda t: _with_sheet_xml(
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + t.encode("utf-8") + b"</sheetData></worksheet>")),
))
def test_fuzz_results_xlsx(tmp_path_factory, data):
    root = _fuzz_root(tmp_path_factory.getbasetemp())
    (root / SHEET).unlink()
    (root / "content/ag/t1/2025/Q1.xlsx").write_bytes(data)
    assert _run_check(root) in (0, 1)


_YAML_BITS = st.sampled_from([
    "format: kaohe/1\n", "code: t1\n", "name: x\n", "assessments:\n", "  - code: ps\n", "    items:\n", "      - code: df\n",
    "        max: 100\n", "        max: 1e999\n", "        max: .nan\n", "&a [x]\n", "*a\n", "<<: *a\n", "[[[[", "]]", "{", "}", ": ", "- ",
    "\t", "'", '"', "!!python/object:os.system x\n", "? a\n", "%YAML 1.1\n", "---\n", "...\n", "\0", "\ufeff", "  ",
])


@FUZZ
@given(text=st.one_of(st.text(max_size=1500), st.lists(_YAML_BITS, max_size=40).map("".join), st.lists(_YAML_BITS, max_size=20).map(lambda b: SCHEME + "".join(b))))
def test_fuzz_scheme_yaml(tmp_path_factory, text):
    root = _fuzz_root(tmp_path_factory.getbasetemp())
    (root / "schemes" / "t1.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
    assert _run_check(root) in (0, 1)
