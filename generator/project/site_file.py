"""content/site.yaml: the site's title and, for a reproducible demo, the day the site is built as.

A build_date that is not a date is reported at its line (it used to be ignored, and the 公示 states
were silently worked out for today instead of the day written)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator.core.problems import Problems
from generator.project.model import Project
from generator.scheme.yaml_source import load_yaml

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SITE_KEYS = ("title", "build_date")
MIN_YEAR, MAX_YEAR = 1950, 2199  # as a 公示's start (engine/notice_file.py): outside it is a typo


def load_site(site_file: Path, project: Project, problems: Problems) -> dict:
    """The settings of content/site.yaml; a build_date that is not a date is reported and left out."""
    shown = project.rel(site_file)
    data, marks = load_yaml(site_file, problems, shown)
    if not isinstance(data, dict):
        if data is not None:  # a title alone, or a list: the site would silently take the default title and today
            problems.add(shown, 1, 1, "wrong-type", "site.yaml 应写成 键: 值 的形式，如 title: 某某局考核办法与考核结果"
                         " 和 build_date: 2025-04-10（可以只写其中一个，或不写这个文件）。")
        return {}
    for key in data:  # a misspelt build_date (build-date) was ignored: the 公示 states were those of today
        if key not in SITE_KEYS:
            problems.add(shown, *marks.key((key,)), "unknown-key",
                         f"site.yaml 中不认识的键「{key}」（可用：{'、'.join(SITE_KEYS)}）；请检查拼写。")
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        written = marks.plain.get(("title",), str(title))
        problems.add(shown, *marks.find(("title",)), "wrong-type",
                     f"title 应为网站的标题文字，实际是「{written}」；写成 title: \"{written}\"（加引号），或写出完整的标题。")
    value = data.get("build_date")
    if value is not None and build_day(value) is None:
        written = f"「{value.strip()}」" if isinstance(value, str) else " "
        problems.add(shown, *marks.find(("build_date",)), "bad-value",
                     f"build_date{written}不是日期；写成 2025-04-10 这样的日期（年-月-日，月和日都写两位，且这一天存在，"
                     f"年份在 {MIN_YEAR}—{MAX_YEAR} 之间），或删去这一行，公示状态按生成网站的当天计算。")
        data = {k: v for k, v in data.items() if k != "build_date"}
    return data


def build_day(value) -> dt.date | None:
    """2025-04-10 as written in site.yaml (YAML gives the text), or None when it is not such a day."""
    if not isinstance(value, str) or not _ISO_DAY.match(value.strip()):
        return None
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        return None
    return day if MIN_YEAR <= day.year <= MAX_YEAR else None
