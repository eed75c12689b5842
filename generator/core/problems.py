"""Problems found in user input, as values.

Every stage (YAML loading, scheme checks, result sheets, the engine) reports what is wrong by
appending a `Problem` to a `Problems` collector instead of raising. The CLI prints them all at
once, sorted by place, and exits non-zero if any is an error. The codes are stable English
kebab-case; the messages are Chinese because the HR office reads them.

Each code is registered in `CODES` (core/codes.py, re-exported here) with a title, an example and
the fix: the user guide renders one entry per code from this table, and a test fails if a code is
used but not registered.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from generator.core.codes import CODES, CodeInfo, code_titles
from generator.core.controls import FORMAT_CHARS

__all__ = ["CODES", "CodeInfo", "Problem", "Problems", "Severity", "code_titles", "printable"]

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + FORMAT_CHARS + "]")  # and CR: a line of output


def clip(text: str, width: int = 20) -> str:
    """A cell or value quoted in a message: at most `width` characters, and … where it was cut, so that
    a cut is never read as the whole text."""
    return text if len(text) <= width else text[:width] + "…"


def printable(text: str) -> str:
    """Text from user data as it may reach a terminal: every control character (an ESC that would
    clear the screen, a bidi override that would reorder the line) written out as \\x1b or \\u202e."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                         else f"\\u{ord(m.group()):04x}" if ord(m.group()) < 0x10000 else f"\\U{ord(m.group()):08x}", text)


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
    # A root cause recognised as such (a YAML slip: an unquoted comma, a full-width colon…): listed
    # before every other problem, because the others often only follow from it.
    first: bool = False
    # What the problem is about, as data for the code that counts follow-on problems (the column a
    # sheet lacks): never parsed back out of the Chinese message. Not part of identity or order.
    subject: str | None = field(default=None, compare=False)

    def sort_key(self) -> tuple:
        col = self.column
        if isinstance(col, int):
            col_key = (0, col, "")
        else:  # a sheet's column letter: D before AA
            letters = str(col or "")
            col_key = (1, len(letters), letters)
        return (not self.first, self.file, self.sheet or "", self.line or 0, col_key, self.code, self.message)

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
    # Problems that only follow from another one are not listed but counted on their cause: a
    # Problem, or a file (counted on that file's first problem). See follow_ons().
    caused: dict[Problem | str, int] = field(default_factory=dict)

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
        first: bool = False,
        subject: str | None = None,
    ) -> Problem:
        if code not in CODES:
            raise KeyError(f"problem code {code!r} is not registered in CODES")
        problem = Problem(file, line, column, code, message, severity, where, sheet, first, subject)
        self.items.append(problem)
        return problem

    def follow_from(self, cause: Problem | str, count: int = 1) -> None:
        """Count `count` problems that only follow from `cause` (a problem, or any problem of a file)."""
        self.caused[cause] = self.caused.get(cause, 0) + count

    def follow_ons(self) -> dict[Problem, int]:
        """How many suppressed problems follow from each listed problem."""
        listed = self.sorted()
        counts: dict[Problem, int] = {}
        for cause, count in self.caused.items():
            root = cause if isinstance(cause, Problem) else next((p for p in listed if p.file == cause), None)
            if root is not None:
                counts[root] = counts.get(root, 0) + count
        return counts

    def extend(self, other: Iterable[Problem]) -> None:
        if isinstance(other, Problems):  # with what follows from its problems
            self.items.extend(other.items)
            for cause, count in other.caused.items():
                self.follow_from(cause, count)
            return
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
