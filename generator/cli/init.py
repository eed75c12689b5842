"""`kaohe init`: a new project for an agency, from a seed scheme, that checks and builds."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
import shutil
from pathlib import Path

from generator.core.clock import today
from generator.core.errors import EXIT_OK, UsageError
from generator.core.problems import Problems
from generator.project.scaffold import GITIGNORE, REPO, _readme, sample_sheet
from generator.project.slugs import derive_slug
from generator.scheme.json_schema import SCHEMA_HINT, scheme_json_schema
from generator.scheme.load import load_scheme
from generator.scheme.periods import period_last_day, period_last_month
from generator.scheme.slugs import URL_CODE_WORDS, url_code_ok

DEFAULT_AGENCY = "我的单位"  # --agency's default (cli/__init__.py)


def _yaml(text: str) -> str:
    """The name as one YAML string: plain when it can be (what an office expects to read), quoted
    (JSON is YAML) when a colon, #, quote, bracket or the like would make it something else."""
    if re.fullmatch(r"[^\s:#'\"{}\[\],&*!|>%@`?-][^:#'\"{}\[\],&*!|>%@`]*", text) and not text.endswith(" ") and not text.isascii():
        return text  # (an ASCII name could read as true, null or a number)
    return json.dumps(text, ensure_ascii=False)


def cmd_init(args) -> int:
    target = Path(args.dir)
    for place in (target, *target.parents):  # the nearest that exists must be a folder: 笔记.txt/新站点 is no place
        if place.exists() or place.is_symlink():
            if not place.is_dir():
                raise UsageError(f"「{place}」是一个文件，不是目录，不能在{'其中' if place == target else '其下'}新建站点；请换一个新目录的名称。")
            break
    if target.exists() and any(target.iterdir()):
        raise UsageError(f"目录「{target}」不是空的；请换一个新目录。")
    seed = REPO / "schemes" / f"{args.seed}.yaml"
    if not seed.exists():
        known = "、".join(sorted(p.stem for p in (REPO / "schemes").glob("*.yaml")))
        raise UsageError(f"没有名为「{args.seed}」的示例方案（可选：{known}）。")
    problems = Problems()
    scheme, _ = load_scheme(seed, problems)
    if scheme is None:
        raise UsageError(f"示例方案 {seed.name} 无法读取。")
    name = " ".join(str(args.agency).split())
    if not name:
        raise UsageError("请写明单位名称。")
    agency_code = getattr(args, "code", None) or _code_for(name)
    if not url_code_ok(agency_code):  # it is a folder name under content/: never ../ or a path
        raise UsageError(f"单位代码「{agency_code}」{URL_CODE_WORDS}，如 yunxi-czj。")
    departments = ["办公室", "业务一科", "业务二科"]
    assessment = scheme.assessments[0]
    year, label = _sample_period(assessment.period_labels, today())
    made = not target.exists()
    try:
        _write(target, seed, scheme, assessment, name, agency_code, departments, year, label)
    except BaseException:  # a full disk or an interrupt: no half-made project left to be mistaken for one
        if made:
            shutil.rmtree(target, ignore_errors=True)
        raise
    return EXIT_OK


def _write(target: Path, seed: Path, scheme, assessment, name: str, agency_code: str, departments: list[str], year: int, label: str) -> None:
    (target / "schemes").mkdir(parents=True)
    text = seed.read_text(encoding="utf-8")
    if not text.startswith(SCHEMA_HINT):  # the first line points editors at schema.json
        text = SCHEMA_HINT + "\n" + text
    (target / "schemes" / seed.name).write_text(text, encoding="utf-8")
    (target / "schemes" / "schema.json").write_text(scheme_json_schema(), encoding="utf-8")
    (target / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    results = target / "content" / agency_code / scheme.code / str(year)
    if target.resolve() not in results.resolve().parents:
        raise UsageError(f"单位目录会写到「{target}」以外，已停止。")
    results.mkdir(parents=True)
    (target / "content" / agency_code / "agency.yaml").write_text(
        f"name: {_yaml(name)}\n"
        f"departments: [{', '.join(departments)}]   # 改成本单位的部门（科室）名称\n"
        f"issuer: {_yaml(name + '考核工作领导小组')}      # 公示落款\n"
        "contact: 人事科（电话 0000-0000000）        # 受理复核的部门和电话\n",
        encoding="utf-8",
    )
    (results / f"{label}.csv").write_bytes(sample_sheet(scheme, assessment, departments))
    # a 公示 that starts today, so the first build shows one with names (delete or change the date)
    (results / f"{label}.notice.yaml").write_text(f"start: {today().isoformat()}   # 公示开始日期\n", encoding="utf-8")
    if (REPO / "content" / "holidays.yaml").is_file():  # the days off the built-in calendar does not know yet
        shutil.copy(REPO / "content" / "holidays.yaml", target / "content" / "holidays.yaml")
    (target / "content" / "site.yaml").write_text(f"title: {_yaml(name + '考核办法与考核结果')}\n", encoding="utf-8")
    (target / "README.md").write_text(_readme(name, scheme.code, agency_code, year, label), encoding="utf-8")
    print(f"已在 {target} 新建站点：方案 schemes/{seed.name}，单位目录 content/{agency_code}/，示例成绩 {results.relative_to(target)}/{label}.csv。")
    print(f"下一步：cd {shlex.quote(str(target))} && kaohe check && kaohe serve")


def _sample_period(labels: list[str], day: dt.date) -> tuple[int, str]:
    """The latest period already over on `day`, so the sample 公示 starting today is one a check accepts
    (a 年度考核's 公示 may start in the year's last month): this year's, else last year's last one."""
    for label in reversed(labels):
        starts = period_last_month(day.year, label) if label == "Y" else period_last_day(day.year, label) + dt.timedelta(days=1)
        if starts <= day:
            return day.year, label
    return day.year - 1, labels[-1]


def _code_for(name: str) -> str:
    """The agency folder's name when --code is not given: the name in pinyin (某某局 → moumouju), as a
    department's address is made; danwei for the default name or when no usable pinyin comes out."""
    if name == DEFAULT_AGENCY:
        return "danwei"
    code = derive_slug(name)[:30].strip("-")
    return code if url_code_ok(code) and any(ch.isalpha() for ch in name) else "danwei"
