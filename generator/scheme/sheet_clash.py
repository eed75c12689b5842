"""Sheet options that clash with the scheme's own column names, found before any sheet is read.

A header is matched to the scheme's column names before the office's mapping (sheets/header.py
match_name), and a column the scheme reads is read whatever ignore_columns says. So a mapping whose
source (the office's header text) is itself a scheme column (`columns: {加分: 减分}`, a swap of two
columns) and an ignored column the scheme reads (`ignore_columns: [加分]`) would do nothing, silently:
both are errors, at the settings file's line. check_scheme checks a scheme's `sheet:`, project.discover
an agency's agency.yaml against each scheme it has results for.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.scheme.columns import plan_columns
from generator.scheme.model import Scheme
from generator.scheme.sheet_options import SheetOptions


def header_text(text: str) -> str:
    """A name as a header cell is matched (sheets.tables.normalize_header: no spaces of any kind)."""
    return "".join(str(text).split()).replace("\u3000", "")


def scheme_columns(scheme: Scheme, options: SheetOptions | None = None) -> set[str]:
    """Every column name a sheet of this scheme is read by: each assessment's columns, and the flags column."""
    names = {spec.name for assessment in scheme.assessments for spec in plan_columns(scheme, assessment).all()}
    for flags in (scheme.sheet.flags, options.flags if options else None):
        if flags:
            names.add(flags.column)
    return names


def sheet_option_clashes(options: SheetOptions, scheme: Scheme, whose: str,
                         others: SheetOptions | None = None, siblings: tuple[Scheme, ...] = ()) -> Iterator[tuple[tuple, str, str]]:
    """(path in the settings file, code, message) for each clash of `options` (the agency's, or the
    scheme's own `sheet:`) with the column names of `scheme`. `whose`: where the options are written
    (agency.yaml, 方案的 sheet); `others`: the scheme's options under an agency's, for their mapping;
    `siblings`: the agency's other schemes, one of which the mapping may be meant for."""
    names = scheme_columns(scheme, options)
    about = f"方案「{scheme.name}」（{scheme.code}）"
    for source, target in options.columns.items():
        text = header_text(source)
        if text in names and text != header_text(target):
            # an agency with two schemes, 科室 a column of one and 部门 of the other: the mapping is right for one of them
            meant = [other for other in siblings if text not in scheme_columns(other) and header_text(target) in scheme_columns(other)]
            move = "".join(f"这条对应若是为方案「{other.name}」（{other.code}）的成绩表写的，请把它从 agency.yaml 移到该方案文件的"
                           f" sheet: {{columns: {{{source}: {target}}}}} 下（方案中的对应只作用于该方案）；" for other in meant)
            yield (("columns", source), "column-mapping-ambiguous",
                   f"{whose} 的 columns 中「{source}: {target}」的左边「{source}」本身是{about}的列名：表头为「{source}」的列按方案读作"
                   f"「{source}」，这条对应不起作用，两种读法也无从区分。{move}若本单位表中的「{source}」列实际是「{target}」，"
                   f"请把成绩表的表头改为「{target}」（表头与方案列名一致就不必对应），并删去这一条；否则直接删去这一条。")
    mapped = {header_text(k): v for k, v in {**(others.columns if others else {}), **options.columns}.items()}
    for i, name in enumerate(options.ignore_columns):
        text = header_text(name)
        if text in names:
            yield (("ignore_columns", i), "ignored-column-read",
                   f"{whose} 的 ignore_columns 中的「{name}」是{about}要读取的列，不能忽略：表中有这一列就按方案读取。"
                   f"若这一列正是方案的「{name}」，从 ignore_columns 中删去「{name}」；若本单位不记录这一项，"
                   f"删去表中的这一列，并把「{name}」写入 absent_columns（按全部为空处理）。")
        elif text in mapped and mapped[text] in names:
            yield (("ignore_columns", i), "ignored-column-read",
                   f"{whose} 的 ignore_columns 中的「{name}」在 columns 中对应到{about}的「{mapped[text]}」，会被读取，不能同时忽略；"
                   f"请从 ignore_columns 或 columns 中删去其中一处。")
