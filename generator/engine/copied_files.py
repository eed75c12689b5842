"""A period's results sheet that is byte for byte another period's.

An office starts a period by copying the last one's folder or file and replacing its contents. A
sheet never replaced grades this period with the other period's scores (a CSV has no title to give
it away), and the 公示 goes out without a word. Real results of two periods are never the same
bytes (the scores, the rows, a title differ), so a copy is an error on the later file, naming the
earlier. A sheet of fewer than five people may repeat by chance and is not held to it; a period
whose results truly repeat the last one's (all full marks) gets out by a title row naming its period
above the header. Decisions files are not held to this: one
meeting may decide the same person for two periods in the same words (补定 after a case closed);
a copied one is caught by its meeting's date (decision_dates.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.core.problems import Problems
from generator.project.model import PeriodFiles, Project
from generator.scheme.periods import period_words

# a sheet of a few people may repeat the last period's by chance (the same two scores twice); of five
# or more, every score and row the same is a copy
MIN_PEOPLE = 5


def _digest(path: Path) -> bytes | None:
    try:
        if path.stat().st_size == 0:  # an empty file is reported where it is read
            return None
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").digest()
    except OSError:  # reported where it is read
        return None


def _name(entry: PeriodFiles) -> str:
    return f"{entry.year} 年{period_words(entry.label)}"


def report_copied_files(project: Project, people: dict[str, int], problems: Problems) -> None:
    """Every results sheet with the bytes of one seen before (in period order). `people`: the number
    of people each sheet (by its shown path) was read with."""
    seen: dict[bytes, tuple[PeriodFiles, Path]] = {}
    for entry in sorted(project.periods, key=lambda e: (e.agency, e.scheme, e.year, e.label)):
        path = entry.results
        if path is None or people.get(project.rel(path), 0) < MIN_PEOPLE:
            continue
        digest = _digest(path)
        if path is None or digest is None:
            continue
        earlier, earlier_path = seen.setdefault(digest, (entry, path))
        if earlier_path == path:
            continue
        problems.add(project.rel(path), None, None, "file-copied",
                     f"这个成绩表与 {project.rel(earlier_path)}（{_name(earlier)}）逐字节完全相同：多半是复制了那一期的文件后忘了换成{_name(entry)}的成绩，"
                     "本期就会按那一期的成绩计算、公示。请换成本期的成绩；两期成绩确实完全一样的（如人人满分），"
                     "在表头上方加一行标题写明考核期（如「2025年第二季度平时考核」），两个文件就不再相同。")
