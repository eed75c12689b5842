"""What must never be in the public edition, and a scanner that looks for it in every published file.

Secrets: every person's ID, every total score as the site shows it (fmt with the assessment's
places), every committee decision's reason (理由 in *.decisions.csv). The one exception is a
scheme's own choice: where a period's publicity.columns include 总分, the totals of the people
listed on that period's 公示 may appear on that 公示 page, its downloads and its search entries.
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from generator.core.numbers import fmt
from generator.engine.compute import load_everything
from generator.site.download_names import period_base
from generator.site.model import SiteContext, url_of
from generator.site.pages_notice import notice_people


@dataclass
class Secrets:
    ids: set[str] = field(default_factory=set)
    odd_ids: set[str] = field(default_factory=set)  # IDs with characters other than letters and digits
    totals: set[str] = field(default_factory=set)
    reasons: set[str] = field(default_factory=set)
    allowed_totals: dict[str, set[str]] = field(default_factory=dict)  # site page URL prefix → totals it may show
    skipped_totals: int = 0


def secrets(root: Path) -> Secrets:
    project, periods, _ = load_everything(root)
    found = Secrets()
    for period in periods:
        for person in period.people:
            found.ids.add(person.id)
            if person.total is not None:
                shown = fmt(person.total, period.assessment.places)
                # a whole number (85) cannot be told apart from the 85 of a handbook's band or a count; a
                # total with decimals (87.35, 90.00) can. Whole-number totals are caught by the column check
                # instead: no public table outside an allowed 公示 has a 总分/得分 column at all.
                if "." in shown:
                    found.totals.add(shown)
                else:
                    found.skipped_totals += 1
        publicity = period.scheme.publicity_for(period.assessment)
        if "总分" in publicity.columns and publicity.publish and period.notice and period.notice.start:
            page = url_of(SiteContext.notice_path(period))
            download = period_base(period, "公示名单") + "."
            listed = {fmt(p.total, period.assessment.places) for p in notice_people(period) if p.total is not None}
            listed |= {fmt(p.total) for p in notice_people(period) if p.total is not None}  # an XLSX number cell: 93.6 (format 0.00)
            for prefix in (page, download):
                found.allowed_totals.setdefault(prefix, set()).update(listed)
    for path in (root / "content").rglob("*.decisions.csv"):
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        for row in csv.DictReader(io.StringIO(text)):
            reason = (row.get("理由") or "").strip()
            if reason:
                found.reasons.add(reason)
    found.odd_ids = {i for i in found.ids if not ALNUM.fullmatch(i)}
    return found


def texts(site: Path, only_html: bool = False):
    """(url-ish key for allowances, label, text) for every data-bearing file of a built site, and
    the list of all file names (an ID in a download's or a page's name is a leak too)."""
    if not only_html:
        yield "", "(file names)", "\n".join(p.relative_to(site).as_posix() for p in sorted(site.rglob("*")))
    for path in sorted(site.rglob("*"), key=lambda p: (p.suffix != ".html", p)):  # pages before the search index
        if not path.is_file() or only_html and path.suffix != ".html":
            continue
        rel = path.relative_to(site).as_posix()
        if rel.startswith("assets/"):  # the theme's and our own static files: no data goes there
            continue
        suffix = path.suffix.lower()
        if suffix == ".html":
            raw = path.read_text("utf-8")
            key = rel[: -len("index.html")] if rel.endswith("index.html") else rel
            yield key, rel, raw + "\n" + html.unescape(re.sub(r"<[^>]+>", " ", raw))
        elif rel == "search/search_index.json":
            data = json.loads(path.read_text("utf-8"))
            for doc in data["docs"]:
                key = doc["location"].split("#")[0]
                text = f"{doc.get('title', '')}\n{doc.get('text', '')}"
                # jieba's segments are joined with U+200B: look at the text both spaced and glued
                yield key, f"{SEARCH} › {doc['location']}", text.replace("\u200b", " ") + "\n" + text.replace("\u200b", "")
            yield "", rel, json.dumps(data.get("config", {}), ensure_ascii=False)
        elif suffix == ".xlsx":
            workbook = openpyxl.load_workbook(path)
            cells = [str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
            workbook.close()
            with zipfile.ZipFile(path) as archive:  # and every XML part (shared strings, properties…)
                xml = "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
            yield rel, rel, "\n".join(cells) + "\n" + html.unescape(xml)
        elif suffix == ".gz":
            yield rel, rel, gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        else:  # csv, json (manifest), xml (sitemap), txt …
            yield rel, rel, path.read_bytes().decode("utf-8-sig", "replace")


ALNUM = re.compile(r"[0-9A-Za-z]+")
DECIMAL = re.compile(r"(?<![0-9.])[0-9]+\.[0-9]+(?![0-9%])")
STATIC = ("guide/", "handbooks/")
SEARCH = "search/search_index.json"
# a score column in a table (<th>总分</th>), a CSV header (…,总分,…) or an XLSX cell that is exactly 总分
SCORE_HEADER = re.compile(r"(?:<th[^>]*>\s*|^|,|\n)(总分|得分|总成绩|分数)(?=\s*</th>|,|\n|$)", re.M)  # pages made from the program and the schemes only, never from results


def static_sources(root: Path) -> str:
    """The text the static pages are made from: templates, the program's own texts, the schemes."""
    repo = Path(__file__).resolve().parents[2]
    parts = [p.read_text("utf-8", "replace") for p in sorted((repo / "site_templates").rglob("*")) if p.is_file()]
    parts += [p.read_text("utf-8") for p in sorted((repo / "generator").rglob("*.py"))]
    parts += [p.read_text("utf-8") for p in sorted((root / "schemes").glob("*.yaml"))]
    return "\n".join(parts)


def tokens(text: str, found: Secrets) -> tuple[set[str], set[str]]:
    """(IDs, totals) in `text`: an ID is a whole run of letters and digits (0012 in 编号 0012, not in
    20012); a total is a whole decimal number (87.35, not in 187.35 or 87.35%)."""
    ids = {t for t in ALNUM.findall(text) if t in found.ids}
    ids |= {i for i in found.odd_ids if i in text}
    return ids, {t for t in DECIMAL.findall(text) if t in found.totals}


def find_leaks(site: Path, found: Secrets, root: Path) -> dict[str, list[tuple[str, str]]]:
    """{"id"|"total"|"reason": [(file, what)]} of everything secret found in the site."""
    static_ids, static_totals = tokens(static_sources(root), found)
    leaks: dict[str, list[tuple[str, str]]] = {"id": [], "total": [], "reason": []}
    on_page: dict[str, set[str]] = {}  # the HTML page's own tokens, for its search entries
    for key, label, text in texts(site):
        allowed_totals: set[str] = set()
        for prefix, totals in found.allowed_totals.items():
            if key.startswith(prefix):
                allowed_totals |= totals
        ids, totals = tokens(text, found)
        if label.endswith(".html"):
            on_page[key] = ids | totals
        elif label.startswith(SEARCH) and key in on_page:
            # the search text runs table cells together (人数 1 0 0 1 → 1001, 79.00 + 名次 10 → 79.0010): a
            # run that is no token of the page itself is such an artefact. The page is checked on its own.
            ids &= on_page[key]
            totals &= on_page[key]
        totals -= allowed_totals
        if key.startswith(STATIC):  # a number or code that the scheme or the guide itself contains
            ids -= static_ids
            totals -= static_totals
        if not allowed_totals and not key.startswith(STATIC) and label != "(file names)":
            totals |= {f"表头「{h}」" for h in SCORE_HEADER.findall(text)}
        leaks["id"] += [(label, i) for i in sorted(ids)]
        leaks["total"] += [(label, t) for t in sorted(totals)]
        leaks["reason"] += [(label, r[:30]) for r in sorted(found.reasons) if r in text]
    return leaks


def seen_anywhere(site: Path, words: set[str]) -> set[str]:
    """Which of `words` occur on some page of the site (for the sanity check on the internal edition)."""
    hits: set[str] = set()
    for _, _, text in texts(site, only_html=True):
        hits.update(t for t in ALNUM.findall(text) if t in words)
        hits.update(w for w in words if not ALNUM.fullmatch(w) and w in text)
    return hits


# --- The inference rule: no public figure pins a grade on a person (issue 12).
# A reader knows who works in a department and reads the 公示. Whatever the department page shows of a
# period must let them deduce nothing about one un-named person's grade, and nothing at all may show of
# a period whose 公示 has not started.

DIST_TABLE = re.compile(r'<table class="kaohe-dist".*?<thead><tr><th>等次</th>(.*?)<th>合计</th></tr></thead>.*?<tr><th>人数</th>(.*?)</tr>', re.S)
SECTION = re.compile(r'<h2 id="([^"]+)"')
QUOTA_LINE = re.compile(r"<li>((?:全单位|本部门)「([^」<]+)」[^<]*)</li>")


def _build_date(root: Path):
    """The day the build counts 公示 states from, as generator.core.clock decides it."""
    import yaml

    from generator.core.clock import build_date

    path = root / "content" / "site.yaml"
    settings = yaml.safe_load(path.read_text("utf-8")) if path.is_file() else {}
    return build_date(settings if isinstance(settings, dict) else {})


def summary_inferences(root: Path, site: Path) -> tuple[list[str], int]:
    """(violations, number of period sections checked) on the public department pages."""
    import datetime as dt

    from generator.engine.quotas import count_places
    from generator.site.pages_notice import published_grades

    project, periods, _ = load_everything(root)
    today = _build_date(root)
    violations: list[str] = []
    checked = 0
    for period in periods:
        publicity = period.scheme.publicity_for(period.assessment)
        order = list(period.assessment.grades.order) if period.assessment.grades else []
        started = bool(publicity.publish and period.notice and period.notice.start
                       and dt.date.fromisoformat(str(period.notice.start)) <= today)
        listed = {p.id for p in notice_people(period)} if started and not period.unresolved_ties else set()
        published = set(published_grades(period))
        # the 公示 pins a grade on each person it lists only if it shows the 等次 column or lists one grade
        pins_grades = "等次" in publicity.columns or len(published) <= 1
        open_grades = [g for g in order if g not in published]
        # a 公示 of every grade names everyone with a grade: whoever it leaves out has none (a status); of
        # every grade but one, whoever it leaves out has that grade or none. A reader who knows the
        # department finds them in any count that still includes them
        every_listed = bool(order) and len(open_grades) <= 1
        members: dict[str, list] = {}
        for person in period.people:
            members.setdefault(person.person.department, []).append(person)
        anchor = f"{period.scheme.code}-{period.label}"
        for department, people in members.items():
            slug = project.agencies[period.agency].slug_of(department) if period.agency in project.agencies else None
            page = site / "departments" / period.agency / str(slug) / str(period.year) / "index.html"
            if not page.is_file():
                continue
            text = page.read_text("utf-8")
            parts = SECTION.split(text)
            body = next((parts[i + 1] for i in range(1, len(parts) - 1, 2) if parts[i] == anchor), None)
            if body is None:
                continue
            body = body.split("<h2", 1)[0]
            where = f"{page.relative_to(site)}#{anchor}"
            if not started or period.unresolved_ties:
                violations.append(f"{where}: 公示尚未开始（或未公示），却显示了本期")
                continue
            checked += 1
            if every_listed:
                named_here = sum(1 for p in people if p.id in listed)
                totals = [int(n) for n in re.findall(r"本期参加考核 (\d+) 人", body)]
                if (dist := DIST_TABLE.search(body)):
                    totals.append(int(re.findall(r'<td class="num">(\d+)</td>', dist.group(2))[-1]))
                if any(t != named_here for t in totals):
                    violations.append(f"{where}: 公示列出全部等次或只差一个（{named_here} 人），部门人数 {totals} 却算进了名单以外的人")
            # A quota line may show what the page's reader has already: the scope's headcount (the
            # department pages and the archive show it) and, where the 公示 pins grades, how many of the
            # scope it lists with that grade. Anything else — the quota's base (参加考核 without those of
            # no grade), the places it gives — tells by subtraction how many got no grade.
            for line, grade in QUOTA_LINE.findall(body):
                scope = period.people if line.startswith("全单位") else people
                public = {len(scope)} | ({sum(1 for p in scope if p.id in listed and p.grade == grade)} if pins_grades else set())
                places = {count_places(len(scope), q.at_most, q.rounding or "floor")[0]  # the handbook's share of the headcount
                          for q in period.assessment.quotas if q.grade == grade and q.at_most is not None}
                public |= places | {n - a for n in public for a in places if n > a}  # beyond those places
                figures = {int(n) for n in re.findall(r"(\d+) 人", html.unescape(line))}
                if figures - public:
                    violations.append(f"{where}: 名额行「{line}」的 {sorted(figures - public)} 不是公示名单或参加人数给出的数字")
            table = DIST_TABLE.search(body)
            if not table:
                continue
            labels = [html.unescape(x) for x in re.findall(r"<th>(.*?)</th>", table.group(1))]
            counts = [int(x) for x in re.findall(r'<td class="num">(\d+)</td>', table.group(2))][: len(labels)]
            if not pins_grades:
                if [lab for lab in labels if lab in order]:
                    violations.append(f"{where}: 公示不列各人等次，部门统计却按等次计数（{dict(zip(labels, counts))}）")
                continue
            unnamed = [p for p in people if p.id not in listed]
            shown = {lab: c for lab, c in zip(labels, counts) if lab in open_grades}
            for grade in published:
                if grade in labels and counts[labels.index(grade)] != sum(1 for p in people if p.id in listed and p.grade == grade):
                    violations.append(f"{where}: 「{grade}」人数与公示名单不符")
            if len(open_grades) < 2 or not unnamed:
                continue
            rest = len(unnamed) - sum(shown.values())
            possible = {g for g, c in shown.items() if c > 0} | ({g for g in open_grades if g not in shown} if rest > 0 else set())
            if len(possible) <= 1:
                violations.append(f"{where}: 除去公示名单上的 {len(people) - len(unnamed)} 人，其余 {len(unnamed)} 人的等次可以推算出来（{shown}）")
            k = publicity.public_min_group
            for grade, count in shown.items():
                if 0 < count < k or len(unnamed) - k < count < len(unnamed) + 1 and count:
                    violations.append(f"{where}: 「{grade}」{count} 人（未公示 {len(unnamed)} 人）：小于 {k} 人的组可以推算出个人等次")
        # quota lines only with a shown distribution, only for published grades (checked on the page text)
    for page in sorted((site / "departments").rglob("index.html")):
        text = page.read_text("utf-8")
        for grade in re.findall(r"「([^」]+)」名额", text):
            if not any(grade in published_grades(p) for p in periods):
                violations.append(f"{page.relative_to(site)}: 名额行公开了不公示的等次「{grade}」")
        # a quota line of a merge_short pool (A、B合并计算) says which departments the pool joins: a choice
        # made by their quota bases, which leave out people of no grade
        for line in re.findall(r"<li>([^<]*「[^」<]+」公示 \d+ 人[^<]*)</li>", text):
            if not line.startswith(("全单位「", "本部门「")):
                violations.append(f"{page.relative_to(site)}: 名额行「{html.unescape(line)}」写出了合并计算的部门")
    return violations, checked


NOTICE_ROWS = re.compile(r'<table class="kaohe-notice-list(?: filterable)?">\s*<thead><tr>(.*?)</tr></thead>\s*<tbody>(.*?)</tbody>', re.S)  # filterable: a long list


def notice_place_gaps(root: Path, site: Path) -> tuple[list[str], int]:
    """(violations, 公示 pages with a 名次 column checked): a 公示's places are counted among the people
    it lists. A place counted among everyone skips a number (1, 2, 4) where someone not listed scored
    between two who are — someone a rule kept from the grade, which the 公示 does not say."""
    _, periods, _ = load_everything(root)
    violations: list[str] = []
    checked = 0
    for period in periods:
        page = site / url_of(SiteContext.notice_path(period)) / "index.html"
        found = NOTICE_ROWS.search(page.read_text("utf-8")) if page.is_file() else None
        if not found:
            continue
        headers = [html.unescape(h) for h in re.findall(r"<th>(.*?)</th>", found.group(1))]
        if "名次" not in headers:
            continue
        checked += 1
        at = headers.index("名次")
        places = sorted(int(row[at]) for row in re.findall(r"<tr>(.*?)</tr>", found.group(2), re.S)
                        for row in [re.findall(r"<td>(.*?)</td>", row)] if row[at].isdigit())
        ranking = period.scheme.publicity_for(period.assessment).ranking
        expected = 1
        for i, place in enumerate(places):
            if i and place == places[i - 1] and ranking != "ordinal":
                continue
            if place != expected:
                violations.append(f"{page.relative_to(site)}: 名次 {places} 跳过了 {expected}（有未列入公示的人排在中间）")
                break
            # the next place: dense and ordinal count on by one; competition skips the places the equal ones took
            expected = place + 1 if ranking in ("dense", "ordinal") else place + places.count(place)
    return violations, checked


def never_public(root: Path) -> set[str]:
    """IDs of the people no public page may name: on no 公示 whose list has been published by the build date."""
    import datetime as dt

    _, periods, _ = load_everything(root)
    today = _build_date(root)
    shown: set[str] = set()
    for period in periods:
        publicity = period.scheme.publicity_for(period.assessment)
        if publicity.publish and period.notice and period.notice.start and not period.unresolved_ties \
                and dt.date.fromisoformat(str(period.notice.start)) <= today:
            shown |= {p.id for p in notice_people(period)}
    return {p.id for period in periods for p in period.people} - shown


def side_by_side(site: Path) -> str:
    """Two Han characters that the public search index cuts apart (…最高|均…), taken from a handbook, and
    that jieba keeps together once they are a word of its dictionary (as a person's name is): the name
    that would show in the index, were it in the public edition's dictionary."""
    import jieba

    plain, named = jieba.Tokenizer(), jieba.Tokenizer()
    data = json.loads((site / SEARCH).read_text("utf-8"))
    for doc in data["docs"]:
        if not doc["location"].startswith("handbooks/"):
            continue
        words = doc["text"].split("\u200b")
        for a, b in zip(words, words[1:]):
            if not (re.fullmatch(r"[\u4e00-\u9fff]{2,}", a) and re.fullmatch(r"[\u4e00-\u9fff]{2,}", b)):
                continue
            name, run = a[-1] + b[0], a + b
            named.add_word(name, 100000, "nz")
            if name in named.lcut(run) and name not in plain.lcut(run):
                return name
            named.del_word(name)
    raise AssertionError("no two words side by side in the handbooks' search text that a name would join")


INDEX_ROW = re.compile(r'<tr><td[^>]*><a href="([^"]+)">.*?</tr>', re.S)


def notice_index_counts(root: Path, site: Path) -> tuple[list[str], int]:
    """(violations, rows checked) on the public list of 公示 (notices/index.html): a 公示 that has not
    begun, or is held for a committee decision, shows no figure of its list — not how many it will name."""
    import datetime as dt

    _, periods, _ = load_everything(root)
    today = _build_date(root)
    out: dict[str, bool] = {}  # notice URL → its list is out (begun and not held)
    for period in periods:
        if period.notice and period.notice.start:
            begun = dt.date.fromisoformat(str(period.notice.start)) <= today
            out[url_of(SiteContext.notice_path(period))] = begun and not period.unresolved_ties and not period.held
    violations: list[str] = []
    checked = 0
    page = site / "notices" / "index.html"
    for row in INDEX_ROW.finditer(page.read_text("utf-8")):
        target = (page.parent / row.group(1)).resolve().relative_to(site.resolve()).as_posix().rstrip("/") + "/"
        if target not in out:
            continue
        checked += 1
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)]
        if not out[target] and any(c.isdigit() for c in cells[-1:]):
            violations.append(f"notices/index.html: 「{cells[0]}」（{cells[2]}）尚未公示，却给出人数 {cells[-1]}")
    return violations, checked


ARCHIVE_ROW = re.compile(r'<tr><td>([^<]*)</td>\s*<td><a href="[^"]*">[^<]*</a> · ([^<]*)</td>\s*<td>([^<]*)</td>\s*<td class="num">(\d+)</td>')


def archive_headcounts(root: Path, site: Path) -> tuple[list[str], int]:
    """(violations, rows checked) of the public year archive: where a 公示 lists every grade (or every one
    but one), the period's 人数 is how many it names — one more is someone without a grade (or of the one
    grade not listed), and the reader knows who."""
    _, periods, _ = load_everything(root)
    every = {(html.escape(p.agency_name, quote=False), html.escape(p.assessment.name, quote=False), p.period_name): p
             for p in periods if p.assessment.grades and len(set(p.assessment.grades.order) - set(_published(p))) <= 1}
    violations: list[str] = []
    checked = 0
    for page in sorted((site / "archive").glob("*/index.html")):
        for agency, assessment, period_name, shown in ARCHIVE_ROW.findall(page.read_text("utf-8")):
            period = every.get((agency, assessment, period_name))
            if period is None:
                continue
            checked += 1
            named = len(notice_people(period))
            if int(shown) != named:
                violations.append(f"{page.relative_to(site)}: {period.key} 人数 {shown}，公示列出全部等次共 {named} 人")
    return violations, checked


def _published(period) -> list[str]:
    from generator.site.pages_notice import published_grades

    return published_grades(period)
