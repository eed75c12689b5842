"""The docs tree of one audience: every page and file, from the graded periods.

`generate()` puts {docs-relative path: bytes} into a dict (tests, tools) or into a DocsWriter
(docs_writer.py), which writes only the files whose bytes changed — so mkdocs' dirty rebuild in
`serve` touches a handful of pages — and removes files no longer produced. `kaohe build` writes as
it goes; the preview writes once its rebuild turned out without errors.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from generator.archive.locks import check_locks
from generator.core.clock import build_date
from generator.core.controls import CONTROL_RE
from generator.core.problems import Problems
from generator.engine.compute import compute_project
from generator.engine.model_cache import ModelCache
from generator.engine.results import PeriodResult, PersonResult
from generator.project.discover import discover
from generator.project.model import Project
from generator.project.safe_paths import safe_path
from generator.site.model import SiteContext
from generator.site.notice_lock import check_notice_locks
from generator.site.page_memo import PageMemo, per_period, site_key
from generator.site.pages_archive import build_archive, build_home, build_notice_index
from generator.site.pages_compare import build_compare
from generator.site.pages_department import build_departments
from generator.site.pages_forms import build_forms
from generator.site.pages_guide import build_guide
from generator.site.pages_handbook import build_handbooks
from generator.site.pages_internal import build_results
from generator.site.pages_notice import build_notices, listed_people
from generator.site.pages_people import build_people
from generator.site.pages_reading import build_reading_guide
from generator.site.prose import relative_links, render_prose
from generator.site.render import yaml_string
from generator.site.workdays import load_calendar

ASSETS = Path(__file__).resolve().parents[2] / "site_templates" / "assets"


@dataclass
class Generated:
    files: MutableMapping[str, bytes]  # a dict, or the DocsWriter that wrote them
    project: Project
    periods: list[PeriodResult]
    ctx: SiteContext
    notices: int
    jieba_words: list[str] = field(default_factory=list)
    own_pages: list[tuple[str, str]] = field(default_factory=list)  # content/pages/*.md: (title, docs path), for the nav


def generate(root: Path, audience: str, problems: Problems, cache: ModelCache | None = None, memo: PageMemo | None = None,
             files: MutableMapping[str, bytes] | None = None) -> Generated:
    """The whole docs tree, in memory or (`files`: a DocsWriter) written as it is made. `kaohe serve`
    passes the cache and memo it keeps between rebuilds, so that a one-cell edit regrades one period
    and re-renders the pages it shows on."""
    project = discover(root, problems)
    if cache is not None:
        cache.start()
    periods = compute_project(project, problems, cache)
    if cache is not None:
        cache.finish()
    return generate_from(project, periods, audience, problems, memo, files)


def generate_from(project: Project, periods: list[PeriodResult], audience: str, problems: Problems, memo: PageMemo | None = None,
                  files: MutableMapping[str, bytes] | None = None) -> Generated:
    check_locks(project, periods, problems)  # frozen periods: before any page shows a result
    calendar = load_calendar(project, problems)
    today = build_date(project.settings)
    if memo is not None:
        content = project.root / "content"
        memo.start(site_key(project, audience, today, [content / "holidays.yaml", content / "site.yaml"]))
    ctx = SiteContext(project, periods, audience, today, calendar, problems, project.settings, memo=memo)
    check_notice_locks(ctx)  # a closed period's 公示 must still show what was frozen
    files = {} if files is None else files

    put_text = getattr(files, "put_text", None)  # a DocsWriter takes the text itself (it may know it unchanged)

    def add_pages(pages) -> None:
        for page in pages:
            if put_text is not None:
                put_text(page.path, page.text)
            else:
                files[page.path] = page.text.encode("utf-8")

    notice_pages, assets, notices = build_notices(ctx)
    add_pages(notice_pages)
    add_pages([build_notice_index(ctx, notices)])
    add_pages(build_handbooks(ctx))
    department_pages, department_assets, department_index = build_departments(ctx)
    add_pages(department_pages)
    assets.extend(department_assets)
    add_pages(build_archive(ctx, department_index))
    add_pages([build_reading_guide(ctx)])
    if ctx.internal:  # the operator's manual: commands, files and keys, not for the public
        add_pages(build_guide(ctx))
    add_pages([build_home(ctx, notices)])
    if ctx.internal:
        result_pages, result_assets = build_results(ctx)
        add_pages(result_pages)
        assets.extend(result_assets)
        add_pages(build_people(ctx))
        for extra_pages, extra_assets in (build_compare(ctx), build_forms(ctx)):  # leaders' comparisons, filed forms
            add_pages(extra_pages)
            assets.extend(extra_assets)
    made: dict[str, bytes] = {}
    for asset in assets:
        # two different downloads under one name would leave one page linking another's figures: a bug, never silent
        if made.setdefault(asset.path, asset.data) != asset.data:
            raise RuntimeError(f"两个不同的下载文件同名：{asset.path}")
        files[asset.path] = asset.data
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            files["assets/" + path.relative_to(ASSETS).as_posix()] = path.read_bytes()
    _refuse_case_twins(files)
    own_pages = hand_written(project, files, problems)
    words = _jieba_words(ctx, memo)
    if memo is not None:
        memo.finish()
    return Generated(files, project, periods, ctx, len(notices), words, own_pages)


def _refuse_case_twins(files: MutableMapping[str, bytes]) -> None:
    """Two of the site's files whose names differ only in case would be one file on the Windows or Mac
    share an office copies its site to, one page silently replacing the other (person_code and
    download_name make none): a bug, never silent."""
    seen: dict[str, str] = {}
    for path in files:
        other = seen.setdefault(path.casefold(), path)
        if other != path:
            raise RuntimeError(f"两个文件的名称只差大小写，复制到 Windows 共享时会互相覆盖：{other}、{path}")


def hand_written(project: Project, files: MutableMapping[str, bytes], problems: Problems) -> list[tuple[str, str]]:
    """content/pages/*.md, rendered into `files`: (title, docs path) of each, for the nav. Also what
    `kaohe check` runs (a page the build refuses fails the check)."""
    made: list[tuple[str, str]] = []
    pages = project.root / "content" / "pages"
    if not pages.is_dir() or not safe_path(project.root, pages, project, problems):  # a link is not even listed
        return made
    found = [p for p in sorted(pages.rglob("*.md")) if safe_path(project.root, p, project, problems)]
    texts = [_page_text(project, p, problems) for p in found]
    headings = [next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), None) for text in texts]
    # the first "# " line is the page's title (mkdocs shows it as the page's heading): not its body too
    bodies = [_without_title(text) if h else text for text, h in zip(texts, headings)]
    for path, heading, html in zip(found, headings, render_prose(bodies)):
        shown = project.rel(path)
        if html is None:
            problems.add(shown, None, None, "text-too-complex", "这一页在限定时间内未能排版完成（大量重复的 [ * _ 等符号）；请改为普通文字。")
            continue
        links = relative_links(html)
        if links:  # rendered here, not by mkdocs: a link to another page (x.md) would not be made into its address
            problems.add(shown, None, None, "prose-relative-link",
                         f"这一页链接到{'、'.join(f'「{h}」' for h in links)}：自己写的页面不能链接网站中的页面或文件"
                         "（页面的地址由程序生成，这样的链接打不开）；请删去链接、只留文字（[文字](地址) 改为 文字），"
                         "如「见《平时考核实施办法》」；本页内的 #… 链接可以保留（网址写成文字即可，内网网站不链接外网）。")
        # a hand-written page is prose like a scheme's sections: rendered and sanitised, never raw
        where = "pages/" + path.relative_to(pages).as_posix()
        title = " ".join((heading or path.stem).split())
        # its own <h1>, escaped: without one the theme prints the title as its heading unescaped
        files[where] = f"---\ntitle: {yaml_string(title)}\n---\n\n<h1>{escape(title, quote=False)}</h1>\n\n{html}\n".encode()
        made.append((title, where))
    return made


def _page_text(project: Project, path: Path, problems: Problems) -> str:
    """A hand-written page's text; one that is not UTF-8, or holds invisible control or format
    characters, is reported (the page is still shown, those characters replaced)."""
    raw = path.read_bytes()
    shown = project.rel(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.add(shown, None, None, "encoding-unknown", "这一页不是 UTF-8 编码；请用记事本或 VS Code「另存为」UTF-8 编码。")
        text = raw.decode("utf-8", "replace")
    for number, line in enumerate(text.splitlines(), start=1):
        found = CONTROL_RE.findall(line)
        if found:
            problems.add(shown, number, None, "control-character",
                         f"这一行含有看不见的控制字符或格式字符（{'、'.join(f'U+{ord(c):04X}' for c in dict.fromkeys(found))}），"
                         "会改变文字的显示方向或藏起文字；请删去（看不见的字符可把这段文字重新输入）。")
    return CONTROL_RE.sub("\ufffd", text)


def _without_title(text: str) -> str:
    """The page without its first "# " line (the title the heading shows)."""
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("# "))  # there is one: its heading was found
    return "\n".join(lines[:index] + lines[index + 1:])


def rule_words(scheme) -> set[str]:
    """Words of a scheme staff search for, kept whole in the index: grades, 不确定等次 and the other
    labels, item, column and adjustment names (急难险重表现突出 is found by 急难险重)."""
    words: set[str] = {i.name for i in scheme.inputs}
    for assessment in scheme.assessments:
        words.update(i.name for i in assessment.walk())
        words.update(i.name for i in assessment.inputs)
        words.update(a.name for a in assessment.adjustments)
        words.update(o.label for o in assessment.overrides if o.label)
        if assessment.grades:
            words.update(assessment.grades.order)
            words.add(assessment.grades.no_grade)
            if assessment.grades.entered:
                words.add(assessment.grades.entered)
    return {w for w in words if len(w) <= 12 and re.fullmatch(r"[\u3400-\u9fff]+", w)}


def _jieba_words(ctx: SiteContext, memo: PageMemo | None = None) -> list[str]:
    """Names and departments for jieba's user dictionary, so 欧阳明辉 is one word, not 欧阳明/辉.

    Only names on this edition's pages: in the public edition, the names its 公示 list once the list
    is out (begun, not held), and no other: a word makes jieba cut the text around it otherwise, so a
    name nobody may read yet would change the search index wherever its characters stand side by side
    in public text (最高|均 → 最|高均 for a 高均 on no 公示 out). The dictionary file is a build input
    and is never copied into the site.
    """
    words: set[str] = set()
    for agency in ctx.project.agencies.values():
        words.add(agency.name)
        words.update(agency.departments)
    for scheme in ctx.project.schemes.values():
        words.update(rule_words(scheme))
    for period in ctx.periods:
        if ctx.internal:
            words |= per_period(memo, "words", period, lambda p: _people_words(p.people))
        elif ctx.has_notice(period) and _list_out(ctx, period):
            # the people the list names, as a set: notice_people would put every list in 姓氏笔画 order again for nothing
            words |= per_period(memo, "notice-words", period, lambda p: _people_words(listed_people(p)))
    # one `word freq tag` a line in the dictionary: a space, tab or line break inside a word would break its line
    return sorted(w for w in words if w and len(w) > 1 and not any(c in " \t\r\n" for c in w))


def _list_out(ctx: SiteContext, period: PeriodResult) -> bool:
    """Whether the period's 公示 page shows its list: it has begun and is not held (pages_notice)."""
    state = ctx.notice_state(period)
    return state.state != "未开始" and not state.blocked


def _people_words(people: list[PersonResult]) -> set[str]:
    words: set[str] = set()
    for person in people:
        words.add(person.person.department)
        words.add(person.person.name)
        words.update(part for part in person.person.name.split("·") if len(part) > 1)
    return words
