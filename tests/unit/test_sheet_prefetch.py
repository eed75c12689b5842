"""Sheets read ahead in worker processes (engine/sheet_prefetch.py) give the run that reads them in the
build's own process: the same problems in the same order, with the same follow-ons, and the same
result for every person of every period — on the demo, and on a copy of it whose sheets an office
got wrong in many ways at once (the workers find those problems, the build reports them)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.engine.sheet_prefetch import _pack, _unpack
from generator.sheets.own_columns import OwnCell
from generator.sheets.rows import CellPlaces, PersonRow, SheetRows

REPO = Path(__file__).resolve().parents[2]


def _copy_demo(dest: Path) -> Path:
    shutil.copytree(REPO / "schemes", dest / "schemes")
    shutil.copytree(REPO / "content", dest / "content")
    return dest


# Run in a fresh interpreter: core/parallel.py reads in this process whenever another thread is alive
# (forking beside threads is unsafe), and earlier tests of a session may leave one (a preview's).
_RUN = """
import json, os, sys
from pathlib import Path
from generator.core.problems import Problems
from generator.engine import compute
from generator.project.discover import discover

root, workers, log = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
real = compute._read_rows

def read_and_say_where(project, entry, local):
    with log.open("a") as out:
        out.write(f"{os.getpid()}\\n")
    return real(project, entry, local)

compute._read_rows = read_and_say_where
problems = Problems()
periods = compute.compute_project(discover(root, problems), problems, workers=workers)
seen = [(p.key, p.encoding, p.files, [(r.id, r.fingerprint()) for r in p.people], [q.format() for q in p.problems]) for p in periods]
print(json.dumps({"pid": os.getpid(), "periods": seen, "problems": [q.format() for q in problems.items],
                  "follow_ons": sorted((q.format(), n) for q, n in problems.follow_ons().items())}, ensure_ascii=False))
"""


def _run(root: Path, workers: int, log: Path) -> tuple[dict, set[str]]:
    """compute_project with `workers`: what it found, and which processes read the sheets (other than its own)."""
    proc = subprocess.run([sys.executable, "-c", _RUN, str(root), str(workers), str(log)], capture_output=True, text=True,
                          cwd=REPO, timeout=600, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout)
    readers = set(log.read_text().split()) - {str(found.pop("pid"))}
    log.unlink()
    return found, readers


def _rows(path: Path) -> tuple[list[list[str]], str]:
    """The sheet's rows and the encoding it is in (the demo has GBK sheets too)."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return list(csv.reader(io.StringIO(raw.decode(encoding), newline=""))), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError(f"{path}: neither UTF-8 nor GB18030")


def _write(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def _spoil(root: Path) -> int:
    """Breaks one thing in each of several results sheets, each differently."""
    sheets = sorted(p for p in (root / "content").rglob("*.csv") if not p.name.endswith(".decisions.csv"))
    spoiled = 0
    for i, path in enumerate(sheets[:8]):
        rows, encoding = _rows(path)
        header = next((k for k, row in enumerate(rows) if len([c for c in row if c]) > 3), None)
        if header is None or len(rows) < header + 3:
            continue
        first, width = rows[header + 1], len(rows[header])
        kind = i % 6
        if kind == 0:
            first[width - 1] = "优"  # a word in what is most likely a number column
        elif kind == 1:
            rows.append(list(first))  # a duplicate ID
        elif kind == 2:
            first[min(5, width - 1)] = "74%"
        elif kind == 3:
            rows[header] = [*rows[header], "备注二"]  # a column the scheme does not know
            for row in rows[header + 1:]:
                row.append("x")
        elif kind == 4:
            first[0] = ""
            first[1] = "=HYPERLINK(\"http://evil.example\")"
        else:
            _write(path, rows, "gb18030" if encoding == "utf-8-sig" else "utf-8-sig")  # saved the other way: read, and said so
            spoiled += 1
            continue
        _write(path, rows, encoding)
        spoiled += 1
    return spoiled


@pytest.mark.parametrize("spoil", [False, True], ids=["demo", "spoiled"])
def test_reading_ahead_changes_nothing(tmp_path, spoil):
    root = _copy_demo(tmp_path / "p")
    if spoil:
        assert _spoil(root) >= 6
    here, others = _run(root, 1, tmp_path / "readers")
    assert not others  # read in its own process
    ahead, others = _run(root, 3, tmp_path / "readers")
    assert len(others) >= 2  # read in workers indeed
    assert here["periods"] and here == ahead
    if spoil:
        assert len(here["problems"]) >= 6  # every spoiled sheet said something
    else:
        assert not [p for p in here["problems"] if "错误" in p]


def test_a_packed_sheet_unpacks_to_the_same_people():
    words = {"得分": "D列「得分」"}
    people = [
        PersonRow("001", "张三", "办公室", None, None, {"得分": 1, "试用期": False}, 3, CellPlaces("a.csv › 第3行", words)),
        PersonRow("002", "李四", "财务科", "科员", "本级", {"得分": None}, 4, CellPlaces("a.csv › 第4行", words),
                  (OwnCell("total", "合计", 5, "88", "n", None),)),  # the office's own 总分 travels too
        PersonRow("003", "王五", "", None, None, {}, 5, {"得分": "手填的位置"}),
    ]
    back = _unpack(_pack(people))
    for a, b in zip(people, back, strict=True):
        assert (a.id, a.name, a.department, a.post, a.unit, a.values, a.row) == (b.id, b.name, b.department, b.post, b.unit, b.values, b.row)
        assert list(a.values) == list(b.values)  # the order of the values kept too
        assert a.places.get("得分") == b.places.get("得分")
        assert a.own == b.own
    assert back[0].places.column_words is back[1].places.column_words  # shared again, as the loader shares them


def test_what_reading_proved_travels_with_the_packed_people():
    """A sheet's SheetRows.unplain (engine/plain_proof.py) comes back from a worker as it went; rows
    that proved nothing (a plain list) come back proving nothing."""
    row = PersonRow("001", "张三", "办公室", None, None, {"得分": 1}, 3, {})
    for unplain in (frozenset(), frozenset({"得分"})):
        proved = SheetRows([row])
        proved.unplain = unplain
        back = _unpack(_pack(proved))
        assert isinstance(back, SheetRows) and back.unplain == unplain
    back = _unpack(_pack([row]))
    assert not isinstance(back, SheetRows) and getattr(back, "unplain", None) is None
