"""The folders of content/ as offices name them: an agency folder (a code that becomes URLs and file
names), a scheme folder (the scheme's code, not its title) and a year folder (four digits, not
2025年): whether a name is right and, when it is not, the name to give the folder."""

from __future__ import annotations

import re
from pathlib import Path

from generator.core.problems import Problems
from generator.project.model import Project, shown_name
from generator.project.slugs import derive_slug
from generator.scheme.slugs import URL_CODE_WORDS, url_code_ok


def _suggested(name: str) -> str:
    """A folder name in pinyin for a Chinese one (云溪县财政局 → yunxixiancaizhengju), as department
    addresses are made; heting-kx when nothing usable comes out."""
    slug = derive_slug(name.strip())
    return slug if url_code_ok(slug) and any(ch.isalpha() for ch in name) else "heting-kx"


def folder_name_ok(path: Path, project: Project, problems: Problems, kind: str) -> bool:
    """Agency folders become URLs and file names: a safe code, and UTF-8 to begin with."""
    shown = project.rel(path)
    if shown_name(path.name) != path.name:
        problems.add(shown, None, None, "folder-name-invalid", f"{kind}目录名不是 UTF-8 编码（多半是从 Windows 压缩包解出的 GBK 文件名），无法识别；请把目录改名为拼音代码，如 heting-kx。")
        return False
    if not url_code_ok(path.name):
        problems.add(shown, None, None, "folder-name-invalid", f"{kind}目录名「{path.name}」{URL_CODE_WORDS}；请改名，如 {_suggested(path.name)}"
                     + ("（中文全称写在 agency.yaml 的 name 中）。" if kind == "单位" else "。"))
        return False
    return True


YEAR_RE = re.compile(r"^(19|20)\d\d$")
_YEAR_IN = re.compile(r"(19|20)\d\d")


def not_a_year(name: str) -> str:
    """A year folder named as offices name it (2025年, 2025年度, 2025 with a blank): the name to give it."""
    years = [m.group(0) for m in _YEAR_IN.finditer(name)]
    if len(years) == 1:
        return f"「{name}」不是年份目录的名字：目录名只写四位年份，请改名为「{years[0]}」。"
    return f"「{name}」不是年份；成绩放在以年份命名的目录中，如 2024/。"


def not_a_scheme(name: str, project: Project) -> str:
    """A scheme folder named by the scheme's title rather than its code: the code to name it by."""
    known = "、".join(sorted(project.schemes)) or "无"
    wanted = name.strip()
    same = [s.code for s in project.schemes.values() if wanted in (s.name, s.short_name, s.code.lower())]
    if len(same) == 1:
        return f"目录名「{name}」不是方案的 code：方案目录以方案的 code 命名，请改名为「{same[0]}」。"
    return f"目录名「{name}」不是任何方案的 code（现有：{known}）。"
