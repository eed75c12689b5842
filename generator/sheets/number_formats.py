"""What a cell's number format shows when it is not the number the cell holds.

Excel's format is up to four sections (positive; negative; zero; text), each chosen by the value's
sign or by a condition ([>=60]0;"不及格"). A section with a digit placeholder (0 # ?) shows the number
(its decimals are number-shown-rounded's business, xlsx_reader.py); a section without one shows only
its literal text: nothing for ;;; (a score hidden from the printed list), a word (不及格, 有, —), or
another number ("95"). A literal digit beside the placeholders ("1"0) shows another number too. An
office checks and prints what the sheet shows: a value graded otherwise is the silent wrongness a
passing check must exclude (values.py reports it). Formats Kaohe does not take apart — dates,
fractions, scientific, percentages, @ — give None here and are read as before.
"""

from __future__ import annotations

import re
from decimal import Decimal

from generator.core.numbers import fmt, round_half_up

_TOKEN_RE = re.compile(r'"[^"]*"?|\\.|\[[^\]]*\]?|_.|\*.|[0#?][0#?,.]*|[.,][0#?][0#?,.]*|.', re.DOTALL)
_CONDITION_RE = re.compile(r"\[(<=|>=|<>|=|<|>)\s*(-?[0-9]+(?:\.[0-9]+)?)\]")
_GENERAL_RE = re.compile(r"general|g/通用格式", re.IGNORECASE)
_NOT_TAKEN_APART = set("%Ee/@yYmMdDhHsS")  # percentages, scientific, fractions, text, dates: read as before
# Beyond Excel's 15 significant digits no score is meant, and 四舍五入 at the shown decimals would go over
# Decimal's 28 digits (1E+300 formatted 0.0"/100" raised InvalidOperation): left to the column's checks
_HUGE = Decimal("1E15")
_SECTIONS: dict[str, tuple[tuple[tuple[str, str], ...], ...] | None] = {}


def shown_otherwise(number_format: str, value: object) -> str | None:
    """The text `number_format` shows for `value` (an int or float, or str for a text cell) when that is
    not the number it holds: a section's literal text ("" for nothing), or a number beside literal
    digits. None when the cell shows what it holds, or the format is not one taken apart here."""
    if not number_format or number_format == "General":
        return None
    sections = _SECTIONS.get(number_format, ())
    if sections == ():
        sections = _sections(number_format)
        if len(_SECTIONS) < 2000:
            _SECTIONS[number_format] = sections
    if not sections:
        return None
    if isinstance(value, str):  # text: the fourth section; without one Excel shows the text as it is
        if len(sections) < 4 or any(kind == "@" for kind, _ in sections[3]):
            return None
        return "".join(text for kind, text in sections[3] if kind == "text")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)  # type: ignore[arg-type]
    if not number.is_finite() or abs(number) >= _HUGE:
        return None  # 1e999 read as inf: reported as no finite number (values.py); 1E+300: over the column's maximum
    chosen = _section_for(sections[:3], number)
    if chosen is None:
        return None
    section, negative_section = chosen
    kinds = {kind for kind, _ in section}
    if "other" in kinds or "@" in kinds:
        return None
    if "number" not in kinds and "general" not in kinds:
        return "".join(text for kind, text in section if kind == "text")
    return _render(section, number, negative_section) if _has_digit(section) else None


def shown_decimals(number_format: str, value: float) -> int | None:
    """How many decimals the section of a format of several sections ([>=60]0.00;0, 0;-0.0) that shows `value`
    shows: which one is decided by the value. None when it is no plain number section."""
    sections = _sections(number_format) if number_format not in _SECTIONS else _SECTIONS[number_format]
    if not sections or len(sections) < 2:
        return None
    number = Decimal(repr(value))
    if not number.is_finite() or abs(number) >= _HUGE:
        return None
    chosen = _section_for(sections[:3], number)
    if chosen is None or {kind for kind, _ in chosen[0]} - {"number", "text", "decor", "condition"}:
        return None
    runs = [text for kind, text in chosen[0] if kind == "number"]
    return len(runs[-1].split(".", 1)[1].replace(",", "")) if runs and "." in runs[-1] else 0 if runs else None


def _has_digit(section: tuple[tuple[str, str], ...]) -> bool:
    return any(kind == "text" and any(ch.isdigit() for ch in text) for kind, text in section)


def _render(section: tuple[tuple[str, str], ...], number: Decimal, negative_section: bool) -> str:
    """The section's literal text with the number in place of its placeholders (a negative section shows
    no sign of its own)."""
    shown = []
    for kind, text in section:
        if kind == "text":
            shown.append(text)
        elif kind in ("number", "general"):
            decimals = len(text.split(".", 1)[1].replace(",", "")) if "." in text else 0
            value = abs(number) if negative_section else number
            shown.append(fmt(round_half_up(value, decimals), decimals) if kind == "number" else fmt(value))
    return "".join(shown)


def _section_for(sections: tuple, number: Decimal) -> tuple[tuple[tuple[str, str], ...], bool] | None:
    """The section Excel shows `number` by, and whether it is the negative one (no sign shown)."""
    conditions = [next((text for kind, text in s if kind == "condition"), None) for s in sections]
    if any(conditions):
        for section, condition in zip(sections, conditions):
            if condition is None or _holds(condition, number):
                return section, False
        return None
    if len(sections) == 1:
        return sections[0], False
    if number < 0:
        return sections[1], True
    if number == 0 and len(sections) >= 3:
        return sections[2], False
    return sections[0], False


def _holds(condition: str, number: Decimal) -> bool:
    found = _CONDITION_RE.fullmatch(condition)
    if found is None:
        return False
    op, bound = found.group(1), Decimal(found.group(2))
    return {"<": number < bound, "<=": number <= bound, ">": number > bound, ">=": number >= bound,
            "=": number == bound, "<>": number != bound}[op]


def _sections(number_format: str) -> tuple[tuple[tuple[str, str], ...], ...] | None:
    """The format's sections, each a tuple of (kind, text): text (a literal as shown), number (a run of
    placeholders), general, condition, @, other (what is not taken apart here). None for a format
    that is not taken apart at all."""
    sections: list[tuple[tuple[str, str], ...]] = []
    current: list[tuple[str, str]] = []
    for token in _tokens(number_format):
        if token == ";":
            sections.append(tuple(current))
            current = []
            continue
        current.append(_token_kind(token))
    sections.append(tuple(current))
    return tuple(sections) if len(sections) <= 4 else None


def _tokens(number_format: str) -> list[str]:
    tokens: list[str] = []
    rest = number_format
    while rest:
        general = _GENERAL_RE.match(rest)
        token = general.group(0) if general else _TOKEN_RE.match(rest).group(0)  # type: ignore[union-attr]
        tokens.append(token)
        rest = rest[len(token):]
    return tokens


def _token_kind(token: str) -> tuple[str, str]:
    if token[0] == '"':
        return "text", token.strip('"')
    if token[0] == "\\":
        return "text", token[1:]
    if token[0] == "[":
        return ("condition", token) if _CONDITION_RE.fullmatch(token) else ("decor", token)  # [Red], [$-804], [DBNum1]…
    if token[0] in "_*":
        return "decor", token
    if _GENERAL_RE.fullmatch(token):
        return "general", token
    if token[0] in "0#?" or (token[0] in ".," and len(token) > 1):
        return "number", token
    if token == "@":
        return "@", token
    if token in _NOT_TAKEN_APART:
        return "other", token
    return "text", token  # 分, a blank, - + ( ) ¥: shown as they are
