"""IDs that a spreadsheet stripped of their leading zeros.

An office opens last quarter's CSV (or Kaohe's own 成绩.csv download) in Excel, WPS or LibreOffice
and saves it as .xlsx: 0001 becomes the number 1. Kaohe would then see a new person, and every
yearly average would silently lose that quarter. Across the periods of one agency and scheme, an
all-digit ID that equals a known zero-padded ID once its zeros are restored (1 → 0001), or that is
shorter than the width every zero-padded ID of the agency shares, is reported at its cell with the
cause and the fix; so is a padded ID written elsewhere with another count of zeros (001 and 0001). A roll-up reading a period with such IDs is not graded (its people would be
split in two), so the one problem that matters is not buried under follow-on ones.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from generator.core.problems import Problems
from generator.engine.results import PeriodResult
from generator.sheets.rows import place_letter


def lost_zeros(periods: list[PeriodResult]) -> list[tuple[PeriodResult, str, str]]:
    """(period, ID as found, the ID it should be) for every stripped ID among these periods, which
    must be of one agency and scheme."""
    padded: dict[str, set[str]] = defaultdict(set)  # 1 → {0001}
    widths: set[int] = set()
    for period in periods:
        for pid in _digit_ids(period)[0]:
            padded[pid.lstrip("0")].add(pid)
            widths.add(len(pid))
    if not padded:
        return []
    width = next(iter(widths)) if len(widths) == 1 else None
    shared = Counter(len(pid) for spellings in padded.values() for pid in spellings) if width is None else Counter()
    found = []
    for period in periods:
        if not period.files or period.files[0].endswith("（由各期汇总）"):
            continue
        if width is None:
            found.extend(_other_widths(period, padded, shared))
        for pid in _digit_ids(period)[1]:
            candidates = sorted(c for c in padded.get(pid, ()) if period.person(c) is None)
            if candidates:
                found.append((period, pid, candidates[0]))
            elif width is not None and len(pid) < width and period.person(pid.zfill(width)) is None:
                found.append((period, pid, pid.zfill(width)))
    return found


def _other_widths(period: PeriodResult, padded: dict[str, set[str]], widths: Counter) -> list[tuple[PeriodResult, str, str]]:
    """The period's zero-padded IDs written elsewhere with another count of zeros (001 here, 0001 in another
    period): typed so, never stripped, yet as much another person. The spelling meant is the one of the
    width most of the group's padded IDs share (`widths`: how many have each; the longer on a tie); both in
    one period are two people."""
    found = []
    for pid in _digit_ids(period)[0]:
        spellings = padded[pid.lstrip("0")]
        if len(spellings) > 1:
            meant = max(spellings, key=lambda s: (widths[len(s)], len(s)))
            if meant != pid and period.person(meant) is None:
                found.append((period, pid, meant))
    return found


def _digit_ids(period: PeriodResult) -> tuple[list[str], list[str]]:
    """(zero-padded all-digit IDs, all-digit IDs without a leading 0) of a period, in order; worked
    out once per period (a roll-up asks again for every period of its group)."""
    facts = period.__dict__.get("_digit_ids")
    if facts is None or facts[0] != len(period.people):
        padded, plain = [], []
        ids = period.by_id()
        for pid in (p.person.id for p in period.people) if any(map(str.isdigit, ids)) else ():  # most periods: none (tested in C)
            if pid.isdigit():
                if not pid.startswith("0"):
                    plain.append(pid)
                elif pid.strip("0"):
                    padded.append(pid)
        facts = period.__dict__["_digit_ids"] = (len(period.people), padded, plain)
    return facts[1], facts[2]


def report_lost_zeros(periods: list[PeriodResult], problems: Problems) -> None:
    groups: dict[tuple[str, str], list[PeriodResult]] = defaultdict(list)
    for period in periods:
        groups[(period.agency, period.scheme.code)].append(period)
    for group in groups.values():
        for period, pid, meant in lost_zeros(group):
            person = period.person(pid)
            assert person is not None
            row = person.person
            id_name = period.scheme.people.id
            place = row.places.get(id_name)
            cause = (f"前导 0 的个数不同，这里会被当成另一个人。请改为「{meant}」" if pid.startswith("0") else
                     "表格软件（Excel、WPS、LibreOffice）把编号当成数字，去掉了前导 0，这里会被当成另一个人。"
                     f"请把「{id_name}」列设为「文本」格式后改回「{meant}」（或输入 '{meant}）")
            problems.add(period.files[0], row.row, place_letter(row.places, id_name), "id-lost-zeros",
                         f"{id_name}「{pid}」在本单位其他考核期或本表中是「{meant}」这样带前导 0 的写法：{cause}；"
                         f"如本单位编号固定位数，可在 agency.yaml 中写 id_width: {len(meant)}。",
                         where=place or "", sheet=None)


def rollup_blocked(sources: list[PeriodResult], group: list[PeriodResult]) -> bool:
    """True when a source period of a roll-up has a stripped ID (reported by report_lost_zeros)."""
    keys = {id(p) for p in sources}
    return any(id(period) in keys for period, _, _ in lost_zeros(group))
