"""Which problem a per-person problem only follows from, so that it is counted there, not listed.

A column missing from a sheet makes every person's formula over it fail; a cell the sheet loader
already reported (empty, not a number, not one of the choices) makes the item that reads it fail;
an item without a score makes the formula over that item fail. Listing each of these once per person
buries the one line that says what to change; `kaohe check` prints that line and "另有 N 个问题由此引起".
"""

from __future__ import annotations

from generator.core.problems import Problem, Problems, Severity
from generator.scheme.dates import calls_dates
from generator.scheme.expr import FormulaError, compiled
from generator.sheets.rows import place_letter


class Causes:
    def __init__(self, problems: Problems, file: str, item_names: dict[str, str]):
        self.problems = problems
        self.file = file
        self.item_names = item_names
        # columns the sheet lacks → the problem saying so (set by compute after reading the sheet)
        self.missing: dict[str, Problem] = {}
        self._index: dict[str, Problem] | None = None

    def _indexed(self) -> dict[str, Problem]:
        """The sheet's own errors, by cell place and by row (#12), built once when first needed."""
        if self._index is None:
            self._index = {}
            for p in self.problems.items:
                if p.severity is Severity.ERROR and p.file == self.file:
                    if p.where:
                        self._index.setdefault(p.where, p)
                    self._index.setdefault(f"#{p.line}", p)
        return self._index

    def cell(self, where: str) -> Problem | None:
        return self._indexed().get(where) if where else None

    def missing_input(self, rule, column: str) -> Problem | None:
        if not self.missing:
            return None
        if column in self.missing:
            return self.missing[column]
        names = set(rule.names())
        if getattr(rule, "expr", None):
            names |= compiled(rule.expr).names
        return next((self.missing[n] for n in sorted(names) if n in self.missing), None)

    def row(self, row: int, column: str) -> Problem | None:
        """For a formula that fails on an item without a score: that row's earlier problem."""
        if column not in self.item_names:
            return None
        recent = (p for p in reversed(self.problems.items[-20:]) if p.line == row and p.file == self.file and p.severity is Severity.ERROR)
        return next(recent, None) or self._indexed().get(f"#{row}")

    def of(self, rule, column: str, where: str, row: int) -> Problem | None:
        """The problem that a rule's problem with `column` on `row` follows from, if any."""
        return self.missing_input(rule, column) or self.cell(where) or self.row(row, column)

    def condition_failed(self, person, reason: str, text: str, values: dict, exc: FormulaError) -> None:
        """A rule's condition that cannot be judged is a problem, never silently false (unless none of
        its inputs is filled, and it reads no date: a blank date decides nothing, scheme/dates.py); counted on its
        cause when it only follows from one."""
        formula = compiled(text)
        if exc.code != "missing-value" or (all(values.get(name) is None for name in formula.names) and not calls_dates(formula.tree)):
            return  # a formula that does not parse was reported by the scheme check
        # Any input already reported (its column missing, its cell empty or not a number) is the cause,
        # whichever of the formula's names comes first: 工伤 且 天数 > 应出勤天数 / 2 with 应出勤天数
        # empty follows from that cell, not from 工伤.
        for column in exc.names:
            cause = self.missing.get(column) or self.cell(person.places.get(column, ""))
            if cause is not None:
                self.problems.follow_from(cause)
                return
        # else at the first input without a value, where the fix is
        empty = [n for n in exc.names if values.get(n) is None] or list(exc.names)
        column = empty[0] if empty else ""
        where = person.places.get(column, "") if column else ""
        self.problems.add(self.file, person.row, place_letter(person.places, column) if column else None, "missing-value",
                          f"{person.name}（{person.id}）：特殊情形「{reason.rstrip('。')}」{exc}；请补填后重新检查。", where=where)
