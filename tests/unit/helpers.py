"""Shared helpers for the engine's unit tests: tiny schemes and result sheets written to tmp_path.

A scheme is built as a Python dict (numbers as str/int so the YAML text is exact) and dumped to
YAML; tests that check line/column positions write literal YAML text instead.
"""

from __future__ import annotations

import copy
import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from generator.engine.compute import load_everything

AGENCY = "ag"
YEAR = "2025"
DEPARTMENTS = ["办公室", "财务科", "人事科"]


def item(code: str, name: str, max: Any = None, **kw: Any) -> dict:
    d: dict[str, Any] = {"code": code, "name": name}
    if max is not None:
        d["max"] = max
    d.update(kw)
    return d


def assessment(items: list[dict], *, code: str = "ps", name: str = "平时考核", period: str = "季度", **kw: Any) -> dict:
    return {"code": code, "name": name, "period": period, "items": items, **kw}


def scheme(*assessments: dict, code: str = "t1", **kw: Any) -> dict:
    return {
        "format": "kaohe/1",
        "code": code,
        "name": "测试方案",
        "issuer": "测试局",
        "version": "1",
        "effective_year": 2025,
        "assessed": "全体人员",
        **kw,
        "assessments": list(assessments),
    }


GRADES_4 = {
    "order": ["好", "较好", "一般", "较差"],
    "bands": [
        {"grade": "好", "at_least": 90},
        {"grade": "较好", "at_least": 75, "below": 90},
        {"grade": "一般", "at_least": 60, "below": 75},
        {"grade": "较差", "below": 60},
    ],
}


def simple_scheme(**assessment_kw: Any) -> dict:
    """One entered item 得分 (max 100), four grades by bands, whole-number totals unless told."""
    items = assessment_kw.pop("items", [item("df", "得分", 100)])
    assessment_kw.setdefault("grades", copy.deepcopy(GRADES_4))
    return scheme(assessment(items, **assessment_kw))


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def csv_text(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def make_project(
    root: Path,
    scheme_data: dict | str,
    files: dict[str, str | bytes] | None = None,
    *,
    departments: list[str] | None = None,
    agency: str | None = AGENCY,
) -> Path:
    """schemes/<code>.yaml plus content/<agency>/<code>/<YEAR>/<name> for each of `files`."""
    text = scheme_data if isinstance(scheme_data, str) else dump(scheme_data)
    code = scheme_data["code"] if isinstance(scheme_data, dict) else yaml.safe_load(scheme_data)["code"]
    write(root / "schemes" / f"{code}.yaml", text)
    (root / "content").mkdir(parents=True, exist_ok=True)
    if agency is not None:
        deps = DEPARTMENTS if departments is None else departments
        write(root / "content" / agency / "agency.yaml", dump({"name": "测试单位", "departments": deps}))
        for name, content in (files or {}).items():
            write(root / "content" / agency / code / YEAR / name, content)
    return root


def run(root: Path):
    """discover + compute, as `kaohe check` does: (project, periods, problems)."""
    return load_everything(root)


def people_csv(rows: list[list[Any]], columns: list[str]) -> str:
    return csv_text(["编号", "姓名", "部门", *columns], rows)


def grade_sheet(root: Path, scheme_data: dict, columns: list[str], rows: list[list[Any]], label: str = "Q1", extra: dict | None = None):
    """Write one sheet (编号, 姓名, 部门, *columns) for `label` and compute. Returns (period, problems)."""
    files = {f"{label}.csv": people_csv(rows, columns), **(extra or {})}
    make_project(root, scheme_data, files)
    _, periods, problems = run(root)
    period = next((p for p in periods if p.label == label), None)
    return period, problems


def by_id(period) -> dict:
    return {p.id: p for p in period.people}


def codes(problems) -> list[str]:
    return [p.code for p in problems.sorted()]


def places(problems, code: str | None = None) -> list[tuple]:
    """[(line, column, code)] of the problems (optionally only one code), in display order."""
    return [(p.line, p.column, p.code) for p in problems.sorted() if code is None or p.code == code]


def D(text: str) -> Decimal:
    return Decimal(text)


def xlsx_bytes(rows: list[list[Any]], *, merge: list[str] = (), sheet: str = "成绩") -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for rng in merge:
        ws.merge_cells(rng)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def grade_one(root: Path, items: list[dict], values: dict[str, Any], **assessment_kw: Any):
    """Grade a single person (编号 1, 张三, 办公室) with `values` by column. Returns (person, problems)."""
    assessment_kw.setdefault("grades", None)
    data = simple_scheme(items=items, **assessment_kw)
    period, problems = grade_sheet(root, data, list(values), [["1", "张三", "办公室", *values.values()]])
    assert period is not None, problems.sorted()
    return by_id(period)["1"], problems


def handbook_text(data: Any) -> str:
    """The handbook page's Markdown for a scheme (a dict, or a loaded Scheme), as built, without a site."""
    from generator.scheme.model import Scheme
    from generator.site.pages_handbook import assessment_view, flatten_sections
    from generator.site.render import render

    s = data if isinstance(data, Scheme) else Scheme.model_validate(data)
    return render("handbook.md.j2", s=s, page_title=s.name, sections=flatten_sections(s.sections), assessments=[assessment_view(s, a) for a in s.assessments],
                  previous=None, previous_link="", changes=[], defects=[], usage=[])

