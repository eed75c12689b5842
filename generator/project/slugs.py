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
    claims: dict[str, list[tuple[str, tuple]]] = {}  # former name → the departments that declare it, where
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
                for o in dict.fromkeys(o.strip() for o in old if o.strip() != name):
                    claims.setdefault(o, []).append((name, where))
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
    formerly = _former_names(claims, names, shown, problems)
    for old in formerly:  # a former name keeps the address its pages had (its own, unless another department has it)
        if old not in slugs:
            slugs[old] = derive_slug(old) if derive_slug(old) not in taken else unlisted_slug(old)
    return names, slugs, formerly


def _former_names(claims: dict[str, list[tuple[str, tuple]]], names: list[str], shown: str, problems) -> dict[str, str]:
    """former name → the department that had it; a name still listed, or claimed by two departments, is
    reported and continues none (its sheets' people would be counted twice, or in whichever came last)."""
    formerly: dict[str, str] = {}
    for old, by in claims.items():
        owners = list(dict.fromkeys(name for name, _ in by))
        if old in names:
            problems.add(shown, *by[0][1], "department-formerly-conflict",
                         f"部门「{owners[0]}」的 formerly 写了「{old}」，但「{old}」仍在 departments 中，是现在的部门：一个名称不能既是现部门又是旧名称。"
                         f"若「{old}」已改名为「{owners[0]}」，从 departments 中删去「{old}」；若两个部门都还在，删去 formerly 中的「{old}」。")
        elif len(owners) > 1:
            problems.add(shown, *by[-1][1], "department-formerly-conflict",
                         f"旧名称「{old}」同时写在了{'、'.join(f'「{n}」' for n in owners)}的 formerly 中：以前的「{old}」只能接续为一个现部门。"
                         f"请只在承接它的那个部门下写 formerly: [{old}]（一个部门拆分为几个的，各部门的历年对比从拆分后算起，不写 formerly）。")
        else:
            formerly[old] = owners[0]
    return formerly
