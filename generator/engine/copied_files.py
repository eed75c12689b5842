"""A period's results sheet that is byte for byte another period's.

An office starts a period by copying the last one's folder or file and replacing its contents. A
sheet never replaced grades this period with the other period's scores (a CSV has no title to give
it away), and the 公示 goes out without a word. Real results of two periods are never the same
bytes (the scores, the rows, a title differ), so a copy is an error on the later file, naming the
earlier. A sheet of fewer than five people may repeat by chance and is not held to it; a period
whose results truly repeat the last one's gets out by a title row naming its period above the header.
A sheet in which every person's results are alike (a small unit's month of nobody late or away: every
迟到次数 0, every 得分 100) repeats month after month as the truth does, and the office's way of making it
is to copy last month's and change nothing: a copy cannot be told from it, so it is a warning.
Decisions files are not held to this: one meeting may decide the same person for two periods in the same words (补定 after a case closed);
a copied one is caught by its meeting's date (decision_dates.py).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

from generator.core.problems import Problems, Severity
from generator.project.model import PeriodFiles, Project
from generator.scheme.periods import period_title
from generator.sheets.tables import read_table

# a sheet of a few people may repeat the last period's by chance (the same two scores twice); of five
# or more, every score and row the same is a copy
MIN_PEOPLE = 5
# the columns that tell people apart rather than grade them
_IDENTITY_RE = re.compile(r"编号|工号|序号|姓名|名字|部门|科室|处室|股室|单位|岗位|职务|职级|职称|性别|身份证|备注|人员类别|类别")
_HEADER_RE = re.compile(r"姓名|编号|工号")  # a header row holds one of them


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # reported where it is read
        return 0


def _digest(path: Path) -> bytes | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").digest()
    except OSError:  # reported where it is read
        return None


def _alike(path: Path, shown: str) -> bool:
    """Whether every person of the sheet has the same results: each column below the header that is no
    identity column (编号, 姓名, 部门…) holds one value throughout."""
    table = read_table(path, shown, Problems(), lambda texts: any(_HEADER_RE.search(t) for t in texts))  # a workbook's results tab
    rows = [[c.value.strip() for c in cells] for cells in (table.rows if table is not None else []) if any(c.value.strip() for c in cells)]
    start = next((i for i, row in enumerate(rows) if any(_HEADER_RE.search(text) for text in row)), None)
    if start is None or len(rows) <= start + 1:
        return False
    graded = [i for i, text in enumerate(rows[start]) if text and not _IDENTITY_RE.search(text)]
    return bool(graded) and all(len({row[i] if i < len(row) else "" for row in rows[start + 1:]}) == 1 for i in graded)


def _name(entry: PeriodFiles) -> str:
    return period_title(entry.year, entry.label)


def report_copied_files(project: Project, people: dict[str, int], problems: Problems) -> None:
    """Every results sheet with the bytes of one seen before (in period order). `people`: the number
    of people each sheet (by its shown path) was read with."""
    entries = [e for e in sorted(project.periods, key=lambda e: (e.agency, e.scheme, e.year, e.label))
               if e.results is not None and people.get(project.rel(e.results), 0) >= MIN_PEOPLE]
    sizes = {e.results: _size(e.results) for e in entries}
    # only a file the size of another can be its copy: the others are not read again (every preview
    # rebuild runs this, and a city's archive is 150 sheets); an empty file is reported where it is read
    shared = {size for size, n in Counter(sizes.values()).items() if n > 1 and size > 0}
    seen: dict[bytes, tuple[PeriodFiles, Path]] = {}
    for entry in entries:
        path = entry.results
        if sizes[path] not in shared:
            continue
        digest = _digest(path)
        if digest is None:
            continue
        earlier, earlier_path = seen.setdefault(digest, (entry, path))
        if earlier_path == path:
            continue
        if _alike(path, project.rel(path)):
            problems.add(project.rel(path), None, None, "file-copied",
                         f"这个成绩表与 {project.rel(earlier_path)}（{_name(earlier)}）逐字节完全相同，表中每个人的成绩也都一样（如人人满分、都没有扣分）："
                         f"{_name(entry)}确实如此的，可忽略此提示（或在表头上方加一行标题写明考核期）；"
                         f"若是复制了那一期的文件后忘了换成{_name(entry)}的成绩，请换成本期的成绩。", Severity.WARNING)
            continue
        problems.add(project.rel(path), None, None, "file-copied",
                     f"这个成绩表与 {project.rel(earlier_path)}（{_name(earlier)}）逐字节完全相同：多半是复制了那一期的文件后忘了换成{_name(entry)}的成绩，"
                     "本期就会按那一期的成绩计算、公示。请换成本期的成绩；两期成绩确实完全一样的（如人人满分），"
                     "在表头上方加一行标题写明考核期（如「2025年第二季度平时考核」），两个文件就不再相同。")
