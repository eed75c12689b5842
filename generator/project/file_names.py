"""A file name in a year folder → what kind of file it is (results, decisions, notice settings, lock)
and, for a decisions or notice file named otherwise (Q1.decision.csv, 2025Q1.decisions.csv,
Q1决定.csv, Q1.notice.yml), the name it should have: such a file is reported, never skipped as an
unknown period, and the message gives the exact name to rename it to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.scheme.periods import PERIOD_NAMES, period_label
from generator.sheets.file_kinds import FOREIGN_FORMATS as FOREIGN  # spreadsheet formats offices save in that Kaohe does not read

RESULT_SUFFIXES = (".xlsx", ".csv")
KINDS = ((".decisions.csv", "decisions"), (".decisions.xlsx", "decisions"), (".notice.yaml", "notice"), (".lock.json", "lock"))
KIND_WORDS = {"decisions": "领导小组决定文件", "notice": "公示设置文件", "lock": "锁定文件"}

# the words a decisions or notice file's name is recognised by, longest first (stripped before the period's name is read)
_DECISION_WORDS = ("领导小组决定", "审定结果", "decisions", "decision", "决定", "审定", "决议")
_NOTICE_WORDS = ("公示设置", "notice", "公示")
_SEPARATORS = re.compile(r"[\s._\-—（）()]+")
_YEAR = re.compile(r"^((?:19|20)\d\d)(?:年(?!度))?")  # 2025年第一季度; 2025年度 keeps its 年度
# the words around the period in an office's name for the meeting's record (2025年第一季度平时考核领导小组会议审定结果)
_FILLER = ("领导小组", "考核委员会", "委员会", "平时", "考核", "会议", "结果", "研究", "名单", "的")

# Files the system or an office program puts beside a sheet, never an input: Windows' thumbnail caches
# and folder settings (written into every folder a network share shows with pictures), Excel's and
# WPS's owner and temporary files while a workbook is open (~$Q1.xlsx, ~WRL0001.tmp), macOS' ._ and
# .DS_Store, the __MACOSX folder of a zip made on a Mac, and any hidden file. Reporting them would fail
# a check for what the office never made.
_SYSTEM_FILES = ("thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini", "icon\r", "__macosx")

# What Windows, WPS and offices add to a copied file's name: Q2 - 副本.csv, Q2 - Copy.csv, Q2(1).csv,
# Q2 (2).csv, Copy of Q2.csv, 副本Q2.csv, Q2备份.csv, Q2.csv.bak, Q2_old.xlsx …
_COPY_ENDINGS = re.compile(r"(?:\s*[-_—]?\s*[(（]?(?:副本|备份|copy|backup|bak|old|旧)[)）]?(?:\s*[(（]?\d+[)）]?)?|\s*[(（]\d+[)）])$", re.IGNORECASE)
_COPY_STARTS = re.compile(r"^(?:副本|备份|copy of|copy)\s*[-_—]?\s*", re.IGNORECASE)
_BACKUP_SUFFIXES = (".bak", ".old", ".backup", ".orig", ".tmp")


def is_folder_view_file(name: str) -> bool:
    """A file the system writes into any folder it shows (Thumbs.db, desktop.ini, .DS_Store): in a built
    site's folder, opened once in Explorer or Finder, it is nobody's work, and replacing the site loses nothing."""
    return name.lower() in _SYSTEM_FILES or name == ".DS_Store"


def is_system_file(name: str) -> bool:
    """A file no office made (see _SYSTEM_FILES): skipped without a word wherever content/ is read."""
    return name.startswith((".", "~")) or name.lower() in _SYSTEM_FILES


def copy_of(name: str) -> str | None:
    """The name a copied or backed-up file was copied from, when that name is a Kaohe input's (a period's
    sheet, decisions or notice file): 「Q2 - 副本.csv」 → 「Q2.csv」; None for any other name."""
    lowered = name.lower()
    for suffix in _BACKUP_SUFFIXES:
        if lowered.endswith(suffix) and "." in name[: -len(suffix)]:
            name = name[: -len(suffix)]
            return name if period_label(split_name(name)[0]) else None
    stem, _, ext = name.rpartition(".")
    original = _COPY_STARTS.sub("", _COPY_ENDINGS.sub("", stem)).strip() + "." + ext
    if not stem or original == name:
        return None
    real_stem, kind = split_name(original)  # Q2.decisions - 副本.csv is a copy of Q2.decisions.csv
    return original if kind != "unknown" and period_label(real_stem) else None


def split_name(name: str) -> tuple[str, str]:
    """(stem, kind): kind is results, decisions, notice, lock, foreign (a spreadsheet format not read) or unknown."""
    lowered = name.lower()
    for suffix, kind in KINDS:
        if lowered.endswith(suffix):
            return name[: -len(suffix)], kind
    for suffix in RESULT_SUFFIXES:
        if lowered.endswith(suffix):
            return name[: -len(suffix)], "results"
    for suffix in FOREIGN:
        if lowered.endswith(suffix):
            return name[: -len(suffix)], "foreign"
    return name.rsplit(".", 1)[0], "unknown"


@dataclass(frozen=True)
class Misnamed:
    kind: str  # decisions | notice
    label: str | None  # the period the name means, if it can be read
    year: int | None  # a year written in the name
    suffix: str  # the right ending: .decisions.csv, .decisions.xlsx, .notice.yaml

    def right_name(self) -> str:
        return f"{self.label or '<考核期>'}{self.suffix}"


def misnamed(name: str) -> Misnamed | None:
    """What a file whose name gives no period means, when its name says decisions or notice."""
    lowered = name.lower()
    ext = lowered.rsplit(".", 1)[-1] if "." in lowered else ""
    kind = ("decisions" if any(w in lowered for w in _DECISION_WORDS) else
            # a results sheet is often named 第一季度公示名单.xlsx: 公示 names a settings file only in a text file's name
            "notice" if "notice" in lowered or ("公示" in lowered and ext in ("yaml", "yml", "txt")) else None)
    if kind is None:
        return None
    stem, _, ext = lowered.rpartition(".") if "." in lowered else (lowered, "", "")
    if kind == "decisions":
        suffix = ".decisions.xlsx" if f".{ext}" in (".xlsx", *FOREIGN) and ext != "txt" else ".decisions.csv"  # a text export is a CSV
    else:
        suffix = ".notice.yaml"
    for word in (*_DECISION_WORDS, *_NOTICE_WORDS, *_FILLER):
        stem = stem.replace(word, " ")
    stem = _SEPARATORS.sub(" ", stem).strip()
    year = None
    if (match := _YEAR.match(stem)) is not None:
        year, stem = int(match.group(1)), stem[match.end():].strip()
    label = period_label(stem.replace(" ", "")) if stem else None
    return Misnamed(kind, label, year, suffix)


def misnamed_words(name: str, guess: Misnamed, folder_year: int, periods_hint: str) -> str:
    """The message for a misnamed decisions or notice file: what it seems to be and its right name."""
    what = KIND_WORDS[guess.kind]
    if guess.label is None:
        rename = f"文件名要写明考核期，改名为 {guess.right_name()}（{periods_hint}）"
    else:
        rename = f"改名为 {guess.right_name()}"
    moved = ""
    if guess.year is not None and guess.year != folder_year:
        moved = f"文件名写的是 {guess.year} 年，却放在 {folder_year}/ 目录中：若是 {guess.year} 年的，请移到 {guess.year}/ 目录并"
    text = (f"「{name}」看来是{what}，但 Kaohe 只认 <考核期>{guess.suffix} 这样的文件名，这个文件没有读取。"
            f"{moved}{rename}；否则把它移出 content/ 目录。")
    if guess.kind == "decisions" and "." + name.rsplit(".", 1)[-1].lower() in FOREIGN and not name.lower().endswith(".txt"):
        text += "（先在 Excel 或 WPS 中「另存为」→「Excel 工作簿（*.xlsx）」。）"
    return text


def copy_words(name: str, original: str, folder: Path) -> str:
    """The message for a copy of an input file left in a year folder (see copy_of): it names the file of
    the same period and kind that the folder holds (Q2.xlsx for a copy 「Q2 - 副本.csv」), if any."""
    stem, kind = split_name(original)
    label = period_label(stem)
    existing = next((p.name for p in sorted(folder.iterdir()) if p.name != name and p.is_file() and not is_system_file(p.name)
                     and split_name(p.name)[1] == kind and period_label(split_name(p.name)[0]) == label), None)
    if existing is not None:
        return (f"「{name}」像是「{existing}」的副本或备份。每一期只读一个文件，副本没有读取，也说不准哪一份才是要公示的："
                f"请核对「{existing}」是定稿的那一份，把副本移出 content/ 目录（或删除）；副本才是定稿的，用它替换「{existing}」。")
    return (f"「{name}」像是「{original}」的副本或备份，而这个目录里没有「{original}」，所以这个文件没有读取。"
            f"它就是本期要用的文件的，请改名为「{original}」；不是的，请把它移出 content/ 目录。")


_YEAR_WORDS = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:\s*年(度)?)?(?!\d)")
_LABEL_WORDS = re.compile(r"(?<![A-Za-z0-9])([QqHhMm])0?(1[0-2]|[1-9])(?![0-9])")


def period_in_name(name: str) -> tuple[str, int | None] | None:
    """The one period a results file's name says among other words, and the year it names:
    2025年第二季度平时考核.xlsx → (Q2, 2025), 2025年度考核.xlsx → (Y, 2025). None when it says none or two."""
    stem = name.rsplit(".", 1)[0]
    years = _YEAR_WORDS.findall(stem)
    text = _YEAR_WORDS.sub(" ", stem)
    found: set[str] = set()
    for letter, number in _LABEL_WORDS.findall(text):
        label = f"M{int(number):02d}" if letter.upper() == "M" else f"{letter.upper()}{number}"
        found.update([label] if label in PERIOD_NAMES else [])
    for label, words in sorted(PERIOD_NAMES.items(), key=lambda pair: -len(pair[1])):  # 12月 before 2月
        if words in text:
            found.add(label)
            text = text.replace(words, " ")
    if found & {"S1", "S2"}:
        found.discard("SY")  # 2025-2026学年第二学期: a term named with its 学年
    if not found and any(whole for _, whole in years):
        found.add("Y")  # 2025年度考核: the year's own words name the period
    year = {int(y) for y, _ in years}
    return (found.pop(), year.pop() if len(year) == 1 else None) if len(found) == 1 else None


def period_name_words(name: str, label: str, named_year: int | None, folder_year: int) -> str:
    """The message for a results file whose name says its period among other words."""
    ext = "." + name.rsplit(".", 1)[-1] if "." in name else ".xlsx"
    words = PERIOD_NAMES[label]
    moved = (f"文件名写的是 {named_year} 年，却放在 {folder_year}/ 目录中：若是 {named_year} 年的，请移到 {named_year}/ 目录并改名；"
             if named_year is not None and named_year != folder_year else "")
    return (f"「{name}」看来是{words}（{label}）的成绩表，但 Kaohe 只认 {label}{ext} 或 {words}{ext} 这样的文件名，这个文件没有读取。"
            f"{moved}请改名为 {label}{ext}；本期已有成绩表的，这个文件是多余的，请把它移出 content/ 目录。本期及汇总本期的考核（年度、学年）在改好之前不计算。")
