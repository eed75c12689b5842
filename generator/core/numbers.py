"""Exact numbers: Decimal from text, 四舍五入 rounding, Chinese-friendly formatting.

Nothing here ever goes through float. `0.4*90.3 + 0.3*90.1 + 0.3*89.5` is 90.00 in Decimal and
89.99999999999999 in float; the second is a person wrongly denied 优秀.
"""

from __future__ import annotations

import decimal
import re
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

# Plenty of digits for sums of weighted scores; rounding happens only where a scheme says.
CONTEXT = decimal.Context(prec=50, rounding=ROUND_HALF_UP, Emax=10**6, Emin=-(10**6))
decimal.setcontext(CONTEXT)

_FULLWIDTH = str.maketrans("０１２３４５６７８９．－＋，％\u2212\ufe63", "0123456789.-+,%--")  # and − (U+2212), ﹣ (U+FE63)
_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_SPLIT_DIGITS_RE = re.compile(r"\d[\s\u3000]+[\d.]|\.[\s\u3000]+\d")  # 8 5, 8 .5, 8. 5: digits a blank splits
MAX_DIGITS = 30  # a score with more digits than this is not a score


# A "plain" number (plain_number): what the compiled grading may add Decimal(0) to by leaving the
# addition out (engine/plain_proof.py). Bounded so that sums of thousands of them stay exact.
PLAIN_PLACES = 6
PLAIN_DIGITS = 15
PLAIN_AMOUNTS = 9999  # amounts in one cell (扣分 3、4.5…) whose sum is proved exact


def plain_number(value: object) -> bool:
    """A finite Decimal, not -0, with 0 to PLAIN_PLACES decimals and under 10^PLAIN_DIGITS: one that
    Decimal(0) + value leaves as it is, to the sign and the exponent (0 + -0 is 0, 0 + 1E+1 is 10)."""
    if type(value) is not Decimal or not value.is_finite() or (not value and value.is_signed()):
        return False
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and -PLAIN_PLACES <= exponent <= 0 and value.adjusted() < PLAIN_DIGITS


class NotANumber(ValueError):
    """The text is not a plain decimal number (优, 1e999, NaN, 12abc)."""

    def __init__(self, text: str, reason: str):
        super().__init__(reason)
        self.text = text
        self.reason = reason


def normalize_text(text: str) -> str:
    """Full-width digits to ASCII, thousands separators and surrounding blanks removed."""
    cleaned = text.translate(_FULLWIDTH).strip().replace("\u3000", "").replace(" ", "")
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?", cleaned):
        cleaned = cleaned.replace(",", "")
    return cleaned


def parse_decimal(text: str | int | Decimal) -> Decimal:
    """Parse a plain decimal number written the way people type it in Excel.

    Accepts 85, 85.5, ８５.５, +3, -2.5, " 85 ", 1,234.5. Rejects exponents, NaN, Infinity and
    anything else, so that a cell holding 1e999 is reported, not silently made infinite.
    """
    if isinstance(text, Decimal):
        if not text.is_finite():
            raise NotANumber(str(text), "不是有限的数")
        return text
    if isinstance(text, bool):
        raise NotANumber(str(text), "是真假值，不是数字")
    if isinstance(text, int):
        return Decimal(text)
    cleaned = str(text)
    if not _NUMBER_RE.match(cleaned):  # a number as typed ("85.5", the usual case) needs no cleaning
        if _SPLIT_DIGITS_RE.search(cleaned.translate(_FULLWIDTH)):
            raise NotANumber(str(text), "的数字中间有空格，看不出是几（「8 5」是 85 还是 8.5？）；请删去空格")
        cleaned = normalize_text(cleaned)
    if not _NUMBER_RE.match(cleaned):
        lowered = cleaned.lower()
        if lowered.lstrip("+-") in {"nan", "inf", "infinity", "snan"} or re.fullmatch(
            r"[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+", lowered
        ):
            raise NotANumber(str(text), "不是有限的普通数字（不支持科学计数法、NaN、无穷大）")
        raise NotANumber(str(text), "不是数字")
    if len(cleaned.lstrip("+-").replace(".", "")) > MAX_DIGITS:
        raise NotANumber(str(text), f"位数超过 {MAX_DIGITS} 位")
    return Decimal(cleaned)


def parse_share(text: str | Decimal | int) -> Decimal:
    """A share written as 40%, 40 %, 0.4 or ４０％ → Decimal('0.40'). A bare number is a fraction
    as written (30 is 30 times, not 30%: the caller refuses it rather than guess; 1 and 2 would
    otherwise mean 100% and 2%)."""
    if isinstance(text, (Decimal, int)) and not isinstance(text, bool):
        return Decimal(text)
    cleaned = normalize_text(str(text))
    if cleaned.endswith("%"):
        return parse_decimal(cleaned[:-1]) / 100
    return parse_decimal(cleaned)


def round_half_up(value: Decimal, places: int) -> Decimal:
    """四舍五入 at `places` decimals: 89.995 → 90.00 at 2 places (Python's round() would not)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def floor_int(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


def ceil_int(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def places_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


# The text of each number shown, made once: a city's derivations show a few thousand distinct numbers
# millions of times. The key holds the sign, because -0 equals 0 (and hashes alike) but shows "-0".
_SHOWN: dict[tuple, str] = {}
_SHOWN_MAX = 200_000


def fmt(value: Decimal | None, places: int | None = None) -> str:
    """Show a number without float noise: 90.00 stays 90.00 when places=2; 3 stays 3."""
    if value is None:
        return "—"
    key = (value, places, value.is_signed(), False)
    text = _SHOWN.get(key) if value.is_finite() else None
    if text is None:
        text = _fmt(value, places)
        if value.is_finite() and len(_SHOWN) < _SHOWN_MAX:
            _SHOWN[key] = text
    return text


def _fmt(value: Decimal, places: int | None) -> str:
    if places is not None:
        value = round_half_up(value, places)
        return f"{value:.{places}f}"
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def fmt_at_most(value: Decimal | None, places: int) -> str:
    """A computed value shown with at most `places` decimals: 18.5 stays 18.5; a mean of quarters
    87.666… (fifty digits in Decimal) is shown ≈87.67 — rounded for display only, marked as such."""
    if value is None:
        return "—"
    key = (value, places, value.is_signed(), True)
    text = _SHOWN.get(key) if value.is_finite() else None
    if text is None:
        text = fmt(value) if places_of(value.normalize()) <= places else "≈" + fmt(round_half_up(value, places), places)
        if value.is_finite() and len(_SHOWN) < _SHOWN_MAX:
            _SHOWN[key] = text
    return text


def fmt_share(value: Decimal) -> str:
    """0.4 → 40%, 0.125 → 12.5%."""
    return fmt(value * 100) + "%"
