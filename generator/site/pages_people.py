"""Internal edition only: a page per person, pages of their earlier years' derivations, and the people index.

A city's archive keeps a person for ten years: some fifty derivations of about 3 KB each. Inline on
one page that was 160 KB and most of mkdocs' time, so a person's page stays light as years accumulate:

- the person's page (people/<agency>/<pid>/) has the whole history as a table — period, assessment,
  department, total, grade, a link to the results row and one to the derivation — and the latest
  year's derivations inline;
- the earlier years' derivations are on pages of their own (people/<agency>/<pid>/<first year>/),
  whole years packed oldest first up to EARLIER_PAGE_BYTES of derivation text, so that an old
  page keeps its address while years are added after it.

Every period has one address on the person's page, people/<agency>/<pid>/#<scheme>-<year>-<label>
(`period_anchor`): the derivation itself for the latest year, the history row that links to it
for earlier years. The results tables link there, so they do not depend on how a person's years
are laid out. Derivations are kept out of the search index; a person is found by name and ID.

The people index is one sortable table up to PEOPLE_INDEX_SPLIT people; above it, a page of
departments linking to one list per department (the person's latest department), at
people/_<agency>/<department>/ (an agency's code never begins with _).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from generator.engine.explain import explain_text
from generator.engine.results import PeriodResult, PersonResult
from generator.site.model import Page, SiteContext
from generator.site.parallel import ordered_map, worker_count
from generator.site.render import render
from generator.site.results_layout import is_split, results_page_of

# Derivation text per page of earlier years: with the theme (~12 KB) and the escaping of the text, a
# page stays under the 100 KB budget. A single year with more is still one page (no such scheme yet).
EARLIER_PAGE_BYTES = 60_000
# Up to this many people the index is one table (the demo, a county); above it, a list per department.
PEOPLE_INDEX_SPLIT = 300
# From this many people on, a clean build makes their pages in worker processes (parallel.py).
WORKERS_FROM_PEOPLE = 1000

Entry = tuple[PeriodResult, PersonResult]


@dataclass
class Derivation:
    period: PeriodResult
    result: PersonResult
    anchor: str
    text: str
    page: str = ""  # docs path of the page that shows it


def history(ctx: SiteContext) -> dict[tuple[str, str], list[Entry]]:
    """Every (agency, ID)'s results in order: year, periods before their roll-ups, label, scheme."""
    found: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for period in ctx.periods:
        for person in period.people:
            found[(period.agency, person.id)].append((period, person))
    for entries in found.values():
        entries.sort(key=lambda e: (e[0].year, e[0].assessment.rolls_up is not None, e[0].label, e[0].scheme.code))
    return dict(sorted(found.items()))


def earlier_path(ctx: SiteContext, agency: str, pid: str, first_year: int) -> str:
    return ctx.person_path(agency, pid)[: -len(".md")] + f"/{first_year}.md"


def pack_years(sizes: list[tuple[int, int]], budget: int) -> list[list[int]]:
    """Years [(year, bytes)] oldest first → groups of whole years, each within `budget` bytes unless
    one year alone is larger. Packed from the oldest, so a full group never changes again."""
    groups: list[list[int]] = []
    used = 0
    for year, size in sizes:
        if groups and used + size <= budget:
            groups[-1].append(year)
            used += size
        else:
            groups.append([year])
            used = size
    return groups


def build_people(ctx: SiteContext) -> Iterator[Page]:
    """The pages one by one: a city's person pages are hundreds of megabytes of text, and the caller
    keeps each only as the bytes it writes. A clean build makes them in worker processes (parallel.py)."""
    everyone = list(history(ctx).items())
    if ctx.memo is None:
        for pages in ordered_map(_share_pages, (ctx, everyone), len(everyone), worker_count(len(everyone), WORKERS_FROM_PEOPLE)):
            yield from pages
    else:
        for (agency, pid), entries in everyone:  # by the person's own results: an edit regrades a whole period but changes few people
            seen = tuple((per.key, tuple(per.corrections), is_split(per), res.fingerprint()) for per, res in entries)
            yield from ctx.memo.get_or_build(("person", agency, pid, seen), _person_pages, (ctx, agency, pid, entries))
    yield from _people_index(ctx, [(entries[-1][1], agency, ctx.person_path(agency, pid), len(entries)) for (agency, pid), entries in everyone])


def _share_pages(shared: tuple[SiteContext, list], start: int, stop: int) -> list[Page]:
    ctx, everyone = shared
    return [page for (agency, pid), entries in everyone[start:stop] for page in _person_pages(ctx, agency, pid, entries)]


def _person_pages(ctx: SiteContext, agency: str, pid: str, entries: list[Entry]) -> list[Page]:
    path = ctx.person_path(agency, pid)
    latest_year = entries[-1][0].year
    derivations = [Derivation(per, res, ctx.period_anchor(per), explain_text(per, res)) for per, res in entries]
    earlier = [d for d in derivations if d.period.year < latest_year]
    sizes: dict[int, int] = defaultdict(int)
    for d in earlier:
        sizes[d.period.year] += len(d.text.encode("utf-8"))
    groups = pack_years(sorted(sizes.items()), EARLIER_PAGE_BYTES)
    page_of_year = {year: earlier_path(ctx, agency, pid, group[0]) for group in groups for year in group}
    for d in derivations:
        d.page = page_of_year.get(d.period.year, path)
    person = entries[-1][1]
    agency_name = ctx.project.agencies[agency].name
    rows = [(d, ctx.link(path, results_page_of(ctx, d.period, d.result.person.department)) + f"#p-{pid}",
             "#" + d.anchor if d.page == path else ctx.link(path, d.page) + "#" + d.anchor) for d in derivations]
    earlier_links = [(_years_title(group), ctx.link(path, earlier_path(ctx, agency, pid, group[0]))) for group in groups]
    pages = [Page(path, render("person.md.j2", here=path, pid=pid, person=person, agency_name=agency_name, rows=rows,
                               latest_year=latest_year, latest=[d for d in derivations if d.page == path],
                               earlier=earlier_links))]
    for group in groups:
        own = earlier_path(ctx, agency, pid, group[0])
        pages.append(Page(own, render("person_earlier.md.j2", pid=pid, person=person, agency_name=agency_name,
                                      years=_years_title(group), person_link=ctx.link(own, path),
                                      derivations=[d for d in derivations if d.page == own])))
    return pages


def _years_title(group: list[int]) -> str:
    return f"{group[0]} 年" if len(group) == 1 else f"{group[0]}—{group[-1]} 年"


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
