"""Problems found in user input, as values.

Every stage (YAML loading, scheme checks, result sheets, the engine) reports what is wrong by
appending a `Problem` to a `Problems` collector instead of raising. The CLI prints them all at
once, sorted by place, and exits non-zero if any is an error. The codes are stable English
kebab-case; the messages are Chinese because the HR office reads them.

Each code is registered in `CODES` (core/problem_codes.py) with a title, an example and the fix: the
user guide renders one entry per code from this table, and a test fails if a code is used but not
registered.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from generator.core.problem_codes import CODES, CodeInfo

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def printable(text: str) -> str:
    """Text from user data as it may reach a terminal: every control character (an ESC that would
    clear the screen, a bidi override that would reorder the line) written out as \\x1b or \\u202e."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


class Severity(enum.Enum):
    ERROR = "error"  # stops the build
    WARNING = "warning"  # shown, does not stop the build (unless --strict)
    NOTE = "note"  # an acknowledged defect of a source document
    INFO = "info"  # for the office to know before the 公示 (an override moved an entered grade); never fails


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file."""

    file: str
    line: int | None
    column: int | str | None  # a 1-based number in text files, a letter (D) in sheets
    code: str
    message: str
    severity: Severity = Severity.ERROR
    # How a person sees the place in a sheet: 成绩表.xlsx › Sheet1 › 第12行 › D列「得分」
    where: str = ""
    sheet: str | None = None

    def sort_key(self) -> tuple:
        col = self.column
        if isinstance(col, int):
            col_key = (0, col, "")
        else:  # a sheet's column letter: D before AA
            letters = str(col or "")
            col_key = (1, len(letters), letters)
        return (self.file, self.sheet or "", self.line or 0, col_key, self.code, self.message)

    def place(self) -> str:
        if self.where:
            return self.where
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        label = {Severity.ERROR: "", Severity.WARNING: "（警告）", Severity.NOTE: "（已知缺陷）", Severity.INFO: "（说明）"}
        return printable(f"{self.place()}: [{self.code}]{label[self.severity]} {self.message}")

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": printable(self.message),
            "where": printable(self.place()),
        }


@dataclass
class Problems:
    """An append-only collection of problems."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        file: str,
        line: int | None,
        column: int | str | None,
        code: str,
        message: str,
        severity: Severity = Severity.ERROR,
        where: str = "",
        sheet: str | None = None,
    ) -> None:
        if code not in CODES:
            raise KeyError(f"problem code {code!r} is not registered in CODES")
        self.items.append(Problem(file, line, column, code, message, severity, where, sheet))

    def extend(self, other: Iterable[Problem]) -> None:
        self.items.extend(other)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        unique = {p: None for p in self.items}  # the same problem found twice is shown once
        return sorted(unique, key=Problem.sort_key)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity is Severity.WARNING]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity is Severity.NOTE]

    @property
    def infos(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity is Severity.INFO]

    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.items)


def code_titles() -> Iterable[tuple[str, CodeInfo]]:
    return CODES.items()
