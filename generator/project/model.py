"""What discovery finds on disk: the project, its agencies and each period's files, as values.

project/discover.py fills them in; every later stage reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.project.slugs import unlisted_slug
from generator.scheme.model import Scheme
from generator.scheme.sheet_options import SheetOptions


@dataclass
class Agency:
    code: str
    name: str
    departments: list[str]
    issuer: str | None = None  # who signs the 公示; defaults to the name
    contact: str | None = None  # where to raise a 复核
    file: str = ""
    sheet: SheetOptions | None = None  # the office's own column names, ignored/absent columns, ID width, flags
    slugs: dict[str, str] = field(default_factory=dict)  # department → address (project/slugs.py)
    formerly: dict[str, str] = field(default_factory=dict)  # a department's name before a rename → its name now

    def names_of(self, department: str) -> list[str]:
        """The department's name and the names it had before (agency.yaml formerly:), newest first."""
        return [department] + [old for old, now in self.formerly.items() if now == department]

    def slug_of(self, department: str) -> str:
        return self.slugs.get(department) or unlisted_slug(department)


@dataclass
class Refused:
    """A results file in a format Kaohe does not read (.xls, .ods): reported once; the periods and
    roll-ups that would need it are not graded, so that no follow-on problem buries the one that matters."""

    agency: str
    scheme: str
    year: int
    label: str


@dataclass
class PeriodFiles:
    agency: str
    scheme: str
    year: int
    label: str
    results: Path | None = None
    decisions: Path | None = None
    notice: Path | None = None
    lock: Path | None = None

    @property
    def key(self) -> tuple[str, str, int, str]:
        """(agency, scheme, year, label): the period, whichever files it has."""
        return (self.agency, self.scheme, self.year, self.label)


@dataclass
class Project:
    root: Path
    schemes: dict[str, Scheme] = field(default_factory=dict)
    scheme_files: dict[str, str] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    periods: list[PeriodFiles] = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    refused: list[Refused] = field(default_factory=list)
    # scheme files that did not load: the code they declare (and their file name) -> the file, so
    # that their results directories are not also reported as belonging to no scheme
    broken_schemes: dict[str, str] = field(default_factory=dict)
    # settings file (agency.yaml, a scheme's file) → the (line, column) of each `columns` mapping, by its
    # source as a header is matched: where a mapping no sheet uses is reported (engine/sheet_mappings.py)
    mapping_marks: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)

    def rel(self, path: Path) -> str:
        try:
            return shown_name(path.relative_to(self.root).as_posix())
        except ValueError:
            return shown_name(path.as_posix())


def shown_name(name: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 (a folder unzipped from a
    Chinese-Windows archive) shown as \\xbf escapes instead of failing the output."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
