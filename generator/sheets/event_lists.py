"""An event-list cell (疫情防控:3；表彰:2) and an awards-by-matter cell (抗洪抢险:市级表彰、县级表彰；信息工作:县级表彰)
→ their typed values, each reported at its cell (through the `report` of values.typed) when it would be misread:
a negative value, two events written as one, a number inside an event's name, an award the scheme does
not list."""

from __future__ import annotations

import re
from decimal import Decimal

from generator.core.numbers import NotANumber, fmt, parse_decimal
from generator.core.problems import Severity
from generator.core.spelling import spelling_key
from generator.scheme.rules.base import ColumnSpec
from generator.sheets.cells import BLANK_MARKS

_EVENT_SPLIT_RE = re.compile(r"[；;、，,\n]+")
_MATTER_SPLIT_RE = re.compile(r"[；;\n]+")  # awards by matter: 抗洪抢险:市级表彰、县级表彰；信息工作:县级表彰
_AWARD_SPLIT_RE = re.compile(r"[、，,]+")
# what an event's name holds when two events were written without a ；between them: 疫情防控:3 表彰:2, 表彰2分疫情3分
_JOINED_EVENT_RE = re.compile(r"[:：]\s*[+＋\-−－]?[0-9０-９]|[0-9０-９]\s*分|[0-9０-９]\s+\S")
# a number between two characters of an event's name written without ":": 抢险4表彰3 (抢险 4 and 表彰 3, or
# one event 第3季度表彰 of 3 points: a warning, not an error)
_NUMBER_INSIDE_RE = re.compile(r"[\u4e00-\u9fff]([0-9０-９]+(?:[.．][0-9０-９]+)?)[\u4e00-\u9fff]")
_EVENT_RE = re.compile(r"^(?P<name>.*?)[:：]?\s*(?P<value>[+＋]?[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*分?$")


def _event_name(text: str) -> str:
    """An event's or matter's name as compared for 同一事项: 抗 洪抢险, 抗洪抢险　and ＱＣ小组 are 抗洪抢险 and QC小组."""
    return spelling_key(text)


def events(text: str, spec: ColumnSpec, report) -> list[tuple[str, Decimal]] | None:
    """疫情防控:3；表彰:2分 → [(疫情防控, 3), (表彰, 2)]; a bare number is one event without a name."""
    if not text or text == "0" or text in BLANK_MARKS:
        return []
    events: list[tuple[str, Decimal]] = []
    for part in (p.strip() for p in _EVENT_SPLIT_RE.split(text)):
        if not part:
            continue
        found = _EVENT_RE.match(part)
        if found is None:
            report("event-list-invalid", f"「{part}」看不出分值；「{spec.name}」逐项写 事项:分值，多项用「；」分隔，如 疫情防控:3；表彰:2。")
            return None
        try:
            value = parse_decimal(found.group("value"))
        except NotANumber as exc:
            report("event-list-invalid", f"「{part}」的分值{exc.reason}；写成 事项:分值，如 疫情防控:3。")
            return None
        name = found.group("name").strip()
        if name.endswith(("-", "−", "－")):
            report("event-list-invalid", f"「{part}」的分值带负号，会被当作 {fmt(value)} 分计入「{spec.name}」；"
                                         "逐项写正的分值，如 表彰:3（扣分请填在方案的扣分列）。")
            return None
        if _JOINED_EVENT_RE.search(name):
            report("event-list-invalid", f"「{part}」像是几项写在了一起，只会按最后一个分值计 {fmt(value)} 分；"
                                         f"「{spec.name}」的多项之间用「；」分隔，如 疫情防控:3；表彰:2。")
            return None
        if ":" not in part and "：" not in part and (inside := _NUMBER_INSIDE_RE.search(name)) is not None:
            report("event-list-invalid", f"「{part}」按一项「{name}」计 {fmt(value)} 分，但事项名中间夹着数字 {inside.group(1)}，"
                                         f"像是几项写在了一起（如「{name[:inside.end(1)]}」和「{name[inside.end(1):]}{found.group('value')}」）。"
                                         f"若是几项，用「；」分隔并写明分值，如 {name[:inside.start(1)]}:{inside.group(1)}；{name[inside.end(1):]}:{found.group('value')}；"
                                         "若事项名本来就带数字（如 第3季度表彰），写成 事项:分值 即可消除此提示。", Severity.WARNING)
        events.append((_event_name(name), value))
    return events


def award_events(text: str, spec: ColumnSpec, report) -> list[tuple[str, str]] | None:
    """抗洪抢险:市级表彰、县级表彰；信息工作:县级表彰 → [(抗洪抢险, 市级表彰), (抗洪抢险, 县级表彰), (信息工作,
    县级表彰)]: matters separated by ；, the awards of one matter by 、. An award written without a matter
    (县级表彰) is a matter of its own. Every award must be one the scheme lists: never skipped."""
    if not text or text == "0" or text in BLANK_MARKS:
        return []
    found: list[tuple[str, str]] = []
    bad: list[str] = []
    for entry in (e.strip() for e in _MATTER_SPLIT_RE.split(text)):
        if not entry:
            continue
        colon = re.search(r"[:：]", entry)
        matter = _event_name(entry[: colon.start()]) if colon else ""
        if colon and not entry[colon.end():].strip(" 、，,"):
            bad.append(entry)  # 抗洪抢险: with no award after it
        for award in (a.strip() for a in _AWARD_SPLIT_RE.split(entry[colon.end():] if colon else entry)):
            if award and award not in spec.choices:
                bad.append(award)
            elif award:
                found.append((matter, award))
    if bad:
        report("unknown-choice", f"「{'、'.join(bad)}」不是「{spec.name}」的可选奖项（{'、'.join(spec.choices)}）。"
                                 f"逐项写 事项:奖项，同一事项的几项奖项用「、」分隔，不同事项用「；」分隔，"
                                 f"如 抗洪抢险:{'、'.join(spec.choices[:2])}；奖项名称照方案填写。")
        return None
    return found
