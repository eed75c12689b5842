"""Readable, stable department addresses: departments/<agency>/<slug>/<year>/.

A department's slug is the one declared in agency.yaml (`departments: [{name: 办公室, slug: office}]`),
else derived from its name: Chinese characters as toneless pinyin (pypinyin's offline dictionary,
version pinned in constraints.txt so the same name always gives the same address), ASCII letters and
digits kept lowercased, everything else dropped (办公室 → bangongshi, 第1科 → di1ke). Two departments
of one agency that come out the same (长安科/常安科) are reported (department-slug-collision) with the
fix: declare a slug for one of them. A department found only in results files, not listed in
agency.yaml, gets its derived slug plus a short hash of its name, so that it can never take a listed
department's address.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from generator.scheme.settings import DepartmentEntry, keys_of

DEPARTMENT_KEYS = keys_of(DepartmentEntry)

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")
MAX_DERIVED = 40


@lru_cache(maxsize=4096)
def derive_slug(name: str) -> str:
    """The address a department gets when agency.yaml declares none (pure function of the name)."""
    from pypinyin import Style, lazy_pinyin

    parts: list[str] = []
    for piece in lazy_pinyin(name, style=Style.NORMAL, errors=lambda text: [c for c in text]):
        for ch in piece.lower():
            if ("a" <= ch <= "z") or ("0" <= ch <= "9"):
                parts.append(ch)
            elif ch == "ü" or ch == "v":
                parts.append("v")
    slug = "".join(parts)[:MAX_DERIVED]
    return slug or "d" + _hash(name)


def unlisted_slug(name: str) -> str:
    return f"{derive_slug(name)[:MAX_DERIVED - 7]}-{_hash(name)[:6]}"


def _hash(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]


def department_slugs(entries: list, marks, shown: str, problems) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """agency.yaml's departments (names, or {name, slug, formerly} mappings) → (names, name → slug,
    former name → name).

    Every problem at once: a wrong entry, a malformed declared slug, two departments with one slug."""
    names: list[str] = []
    slugs: dict[str, str] = {}
    taken: dict[str, str] = {}  # slug → the department that has it
    formerly: dict[str, str] = {}
    for i, entry in enumerate(entries):
        where = marks.find(("departments", i))
        declared = None
        if isinstance(entry, dict):
            name, declared = entry.get("name"), entry.get("slug")
            extra = sorted(str(k) for k in entry if k not in DEPARTMENT_KEYS)
            if extra:
                problems.add(shown, *where, "unknown-key", f"部门条目中不认识的键「{extra[0]}」（可用：{'、'.join(DEPARTMENT_KEYS)}）。")
            old = entry.get("formerly") or []
            if not isinstance(old, list) or not all(isinstance(o, str) and o.strip() for o in old):
                problems.add(shown, *where, "wrong-type", f"部门「{name}」的 formerly 应是更名前名称的列表，如 formerly: [综合股]。")
            elif isinstance(name, str):
                formerly.update({o.strip(): name for o in old if o.strip() != name})
        else:
            name = entry
        if not isinstance(name, str) or not name.strip():
            problems.add(shown, *where, "wrong-type", "departments 的每一项应是部门名称，或写成 {name: 部门名称, slug: 网址名}。")
            continue
        if declared is not None and (not isinstance(declared, str) or not SLUG_RE.match(declared)):
            problems.add(shown, *where, "department-slug-invalid",
                         f"部门「{name}」的 slug「{declared}」不能用作网址：只能用小写字母、数字和 -，不超过 40 个字符，如 bangongshi。")
            declared = None
        slug = declared or derive_slug(name)
        if slug in taken and taken[slug] != name:
            how = "写明的" if declared else "由名称拼音得到的"
            problems.add(shown, *where, "department-slug-collision",
                         f"部门「{name}」{how}网址名「{slug}」与部门「{taken[slug]}」相同，两个部门的页面会互相覆盖；"
                         f"请为其中一个写明不同的 slug，如 {{name: {name}, slug: {slug}2}}。")
            slug = unlisted_slug(name)  # the build still never overwrites a page
        taken[slug] = name
        if name not in slugs:
            names.append(name)
            slugs[name] = slug
    for old in formerly:  # a former name keeps the address its pages had (its own, unless another department has it)
        if old not in slugs:
            slugs[old] = derive_slug(old) if derive_slug(old) not in taken else unlisted_slug(old)
    return names, slugs, formerly
