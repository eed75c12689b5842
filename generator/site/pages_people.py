"""Internal edition only: a page per person, and the people index.

A city's archive keeps a person for ten years: some fifty derivations of about 3 KB each. As text
on one page that was 160 KB, and as pages of earlier years it was half of mkdocs' pages and two
thirds of the site's bytes. So a person's one page (people/<agency>/<pid>/) has:

- the whole history as a table — period (a link to its derivation below), assessment, department,
  total, grade;
- the latest year's derivations, then every earlier year's, each a closed <details> whose summary
  says the period, the assessment and the grade;
- the newest derivation as HTML, readable without JavaScript; every other one travels packed
  (packed_text.py, a tenth of the bytes) as its address, summary, text and results row: kaohe.js
  makes its <details> in its section's box when the page loads, so it opens, prints and is found by
  the browser's find like the newest one. Without JavaScript the box says why it is empty. (Until
  the ninth session the latest year's texts were all inline: 35 MB more on a city's internal
  edition; until the eleventh, each packed one was a <details> with its summary in HTML, the
  history's rows said again (33 MB), then an empty element at its address (7 MB); and each history
  row linked to its results row as well as to its derivation (24 MB). A derivation now links to its
  results row.)

Every period has one address on the person's page, people/<agency>/<pid>/#<scheme>-<year>-<label>
(`period_anchor`): its <details> (made by kaohe.js, but for the newest). The results tables link there.
Derivations are kept out of the search index; a person is found by name and ID.

The people index is one sortable table up to PEOPLE_INDEX_SPLIT people; above it, a page of
departments linking to one list per department (the person's latest department), at
people/_<agency>/<department>/ (an agency's code never begins with _).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from generator.core.parallel import ordered_map, worker_count
from generator.engine.explain import explain_text
from generator.engine.results import PeriodResult, PersonResult
from generator.scheme.periods import year_label
from generator.site.model import Page, SiteContext
from generator.site.packed_text import pack_texts
from generator.site.page_memo import memoized_on
from generator.site.people_history import Entry, HistoryKeeper, people_history
from generator.site.render import render
from generator.site.results_layout import is_split, results_page_of

# Up to this many people the index is one table (the demo, a county); above it, a list per department.
PEOPLE_INDEX_SPLIT = 300
# From this many people on, a clean build makes their pages in worker processes (parallel.py).
WORKERS_FROM_PEOPLE = 1000


# The link from a derivation to its period's row in the results table (person.md.j2, kaohe.js).
ROW_LINK = "在本期成绩表中查看"


@dataclass
class Derivation:
    period: PeriodResult
    result: PersonResult
    anchor: str
    text: str
    results_url: str = ""  # its row in the period's results table, relative to the person's page

    @property
    def summary(self) -> str:
        """What its closed <details> says: the period, the assessment and the grade (plain text)."""
        return f"{self.period.period_name} · {self.period.assessment.name}：{self.result.shown_grade}"


def history(ctx: SiteContext) -> dict[tuple[str, str], list[Entry]]:
    """Every (agency, ID)'s results in order: year, periods before their roll-ups, label, scheme.
    A preview updates the last build's (people_history.py)."""
    if ctx.memo is None:
        return people_history(ctx.periods)
    return ctx.memo.kept("people-history", HistoryKeeper).update(ctx.periods)


def build_people(ctx: SiteContext) -> Iterator[Page]:
    """The pages one by one: a city's person pages are hundreds of megabytes of text, and the caller
    keeps each only as the bytes it writes. A clean build makes them in worker processes (parallel.py)."""
    everyone = list(history(ctx).items())
    if ctx.memo is None:
        for pages in ordered_map(_share_pages, (ctx, everyone), len(everyone), worker_count(len(everyone), WORKERS_FROM_PEOPLE)):
            yield from pages
    else:
        keys = ctx.memo.kept("person-keys", PersonKeys)
        keys.start(ctx.periods)
        for (agency, pid), entries in everyone:  # by the person's own results: an edit regrades a whole period but changes few people
            yield from ctx.memo.get_or_build(("person", agency, pid, keys.key((agency, pid), entries)), _person_pages, (ctx, agency, pid, entries))
        keys.keep_only(who for who, _ in everyone)  # someone gone: their old results are let go
    people = [(entries[-1][1], agency, ctx.person_path(agency, pid), len(entries)) for (agency, pid), entries in everyone]
    if ctx.memo is None:
        yield from _people_index(ctx, people)
        return
    # the index shows each person's name, ID, department and count: the preview re-renders it when one of those changed
    shown = hashlib.sha256(repr([(res.person.name, res.id, res.person.department, agency, path, count)
                                 for res, agency, path, count in people]).encode()).hexdigest()
    yield from memoized_on(ctx.memo, ("people-index", shown), _people_index, ctx, people)


class PersonKeys:
    """A preview's key for each person's page: one hash of what the page shows of each of the
    person's results (their periods' identity, corrections and split, and each result's
    fingerprint). Made again only for a person whose results changed (HistoryKeeper hands back the
    very list of a person an edit did not touch) or when a period's shown state changed; a one-cell
    edit once made 200,000 pairs into 5,000 tuples, each hashed five times by the memo."""

    def __init__(self) -> None:
        self.shown: dict[int, str] = {}
        self.periods: list[PeriodResult] = []  # held so that their ids stay theirs
        self.made: dict[tuple[str, str], tuple[list[Entry], str]] = {}

    def start(self, periods: list[PeriodResult]) -> None:
        shown = {id(per): repr((per.key, tuple(per.corrections), is_split(per))) for per in periods}
        if any(self.shown.get(i, s) != s for i, s in shown.items()):
            self.made = {}  # a correction or a split changed: some pages show it, all keys are made again
        self.shown, self.periods = shown, list(periods)

    def key(self, who: tuple[str, str], entries: list[Entry]) -> str:
        made = self.made.get(who)
        if made is not None and made[0] is entries:
            return made[1]
        shown = self.shown
        digest = hashlib.sha256("\n".join([f"{shown[id(per)]}\t{res.fingerprint()}" for per, res in entries]).encode()).hexdigest()
        self.made[who] = (entries, digest)
        return digest

    def keep_only(self, people) -> None:
        wanted = set(people)
        if len(wanted) != len(self.made):
            self.made = {who: made for who, made in self.made.items() if who in wanted}


def _share_pages(shared: tuple[SiteContext, list], start: int, stop: int) -> list[Page]:
    ctx, everyone = shared
    return [page for (agency, pid), entries in everyone[start:stop] for page in _person_pages(ctx, agency, pid, entries)]


def _person_pages(ctx: SiteContext, agency: str, pid: str, entries: list[Entry]) -> list[Page]:
    path = ctx.person_path(agency, pid)
    latest_year = entries[-1][0].year
    derivations = [Derivation(per, res, ctx.period_anchor(per), explain_text(per, res),
                              ctx.link(path, results_page_of(ctx, per, res.person.department)) + f"#p-{pid}") for per, res in entries]
    # every derivation but the newest travels packed, earlier years' first (the history's order)
    newest, others = derivations[-1], derivations[:-1]
    earlier = sum(1 for d in others if d.period.year < latest_year)
    packed, size = pack_texts([[d.anchor, d.summary, d.text, d.results_url] for d in others]) if others else ("", 0)
    schemes, ambiguous = _schemes_of(derivations)
    rows = [(d, d.period.assessment.name in ambiguous) for d in derivations]
    return [Page(path, render("person.md.j2", pid=pid, person=entries[-1][1], agency_name=ctx.project.agencies[agency].name,
                              schemes=[(scheme, ctx.link(path, ctx.handbook_path(scheme)), names) for scheme, names in schemes],
                              rows=rows, latest_year=latest_year, newest=newest,
                              latest_words=year_label(latest_year, [per.label for per, _ in entries if per.year == latest_year]), latest_packed=len(others) - earlier,
                              earlier_packed=earlier, ROW_LINK=ROW_LINK,
                              packed=packed, packed_size=size))]


def _schemes_of(derivations: list[Derivation]) -> tuple[list[tuple], set[str]]:
    """The schemes of a person's history, each with its assessments' names in the order they first
    appear, said once above the table; and the assessment names that more than one of them uses
    (年度考核 under two agencies' schemes), whose rows name their scheme too. A row used to name its
    scheme every time: 3 KB of each person's page, the same words forty times."""
    schemes: dict[str, tuple] = {}
    users: dict[str, set[str]] = defaultdict(set)
    for d in derivations:
        scheme, name = d.period.scheme, d.period.assessment.name
        names = schemes.setdefault(scheme.code, (scheme, []))[1]
        if name not in names:
            names.append(name)
        users[name].add(scheme.code)
    return list(schemes.values()), {name for name, codes in users.items() if len(codes) > 1}


def _people_index(ctx: SiteContext, people: list[tuple[PersonResult, str, str, int]]) -> list[Page]:
    """One table of everyone, or (above PEOPLE_INDEX_SPLIT) a page of departments and a list per department."""
    index = "people/index.md"
    names = {code: agency.name for code, agency in ctx.project.agencies.items()}
    if len(people) <= PEOPLE_INDEX_SPLIT:
        rows = [(res, names[agency], ctx.link(index, path), count) for res, agency, path, count in people]
        return [Page(index, render("people_index.md.j2", rows=rows, departments=None, total=len(people)))]
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for res, agency, path, count in people:
        groups[(agency, res.person.department)].append((res, agency, path, count))
    pages, summary = [], []
    for agency in sorted({a for a, _ in groups}):
        listed = list(ctx.project.agencies[agency].departments)
        present = [d for a, d in groups if a == agency]
        for department in [d for d in listed if d in present] + sorted(d for d in present if d not in listed):
            own = f"people/_{agency}/{ctx.department_slug(agency, department)}.md"
            members = groups[(agency, department)]
            rows = [(res, names[agency], ctx.link(own, path), count) for res, agency, path, count in members]
            pages.append(Page(own, render("people_index.md.j2", rows=rows, departments=None, total=len(members),
                                          heading=f"{names[agency]} · {department}", up=ctx.link(own, index))))
            summary.append((names[agency], department, ctx.link(index, own), len(members)))
    pages.insert(0, Page(index, render("people_index.md.j2", rows=None, departments=summary, total=len(people))))
    return pages
