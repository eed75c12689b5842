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
