"""A content/<agency>/agency.yaml read: the agency's name, departments (with their slugs and former
names), issuer and contact, and the sheet options it sets for its results (columns, ignore_columns …)."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from generator.core.problems import Problems
from generator.project.model import Agency, Project
from generator.project.safe_paths import safe_path
from generator.project.slugs import department_slugs
from generator.scheme.load import report_validation_error
from generator.scheme.settings import AgencyFile, keys_of
from generator.scheme.sheet_clash import header_text
from generator.scheme.sheet_options import SHEET_KEYS, SheetOptions
from generator.scheme.yaml_source import Marks, load_yaml

AGENCY_KEYS = keys_of(AgencyFile)


def load_agency(agency_dir: Path, project: Project, problems: Problems) -> tuple[Agency | None, Marks | None]:
    file = agency_dir / "agency.yaml"
    shown = project.rel(file)
    if not file.exists():
        problems.add(project.rel(agency_dir), None, None, "agency-missing", "单位目录中没有 agency.yaml（写明 name 和 departments）。")
        return None, None
    if not safe_path(project.root, file, project, problems):
        return None, None
    before = len(problems.items)
    data, marks = load_yaml(file, problems, shown)
    if not isinstance(data, dict):
        if data is not None:
            problems.add(shown, 1, 1, "wrong-type", "agency.yaml 应是映射：name: … departments: [...]")
        elif len(problems.items) == before:  # empty or only comments: the agency's results would not be read at all
            problems.add(shown, 1, 1, "missing-key", "agency.yaml 是空的，这个单位的成绩都没有读到；请写明单位全称和部门，"
                         "如 name: 某某县财政局 和 departments: [办公室, 预算股]。")
        return None, None
    name = data.get("name")
    departments = data.get("departments") or []
    if not isinstance(name, str) or not name:
        problems.add(shown, *marks.find(("name",)), "missing-key", "agency.yaml 缺少 name（单位全称）。")
        return None, None
    if not isinstance(departments, list):
        parts = [w for w in re.split(r"[、，,；;\s]+", str(departments)) if w][:6]  # 办公室、预算股 typed as a sentence
        problems.add(shown, *marks.find(("departments",)), "wrong-type", "departments 应是部门名称的列表，名称之间用英文逗号，外加方括号："
                     f"写成 departments: [{', '.join(parts) or '办公室, 预算股'}{', …' if len(parts) == 6 else ''}]。")
        departments = []
    departments, slugs, formerly = department_slugs(departments, marks, shown, problems)
    for key in data:
        if key not in AGENCY_KEYS:
            known = "、".join(k for k in AGENCY_KEYS if k != "code")
            problems.add(shown, *marks.key((key,)), "unknown-key", f"agency.yaml 中不认识的键「{key}」（可用：{known}）。")
    sheet, options = None, {k: data[k] for k in SHEET_KEYS if k in data}  # columns, ignore_columns … (AgencyFile)
    try:
        sheet = SheetOptions.model_validate(options) if options else None
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            report_validation_error(error, data, marks, problems)
    code = agency_dir.name
    if sheet is not None:
        project.mapping_marks[shown] = {header_text(k): marks.key(("columns", k)) for k in sheet.columns}
    return Agency(code, name, departments, data.get("issuer"), data.get("contact"), shown, sheet, slugs, formerly), marks
