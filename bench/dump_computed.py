"""Dump a whole computed project as text, to prove a speed change changed nothing: every result (its
items, totals, grades, statuses and late steps), every quota, every problem in order and the follow-on
counts. Run it with two checkouts of Kaohe over the same project and compare the files with cmp:

    python bench/dump_computed.py /path/to/old/checkout bench/out/city /tmp/old.txt
    python bench/dump_computed.py /path/to/new/checkout bench/out/city /tmp/new.txt
    cmp /tmp/old.txt /tmp/new.txt

(The sessions' figures in README.md were proved so; an optional fourth argument sets the workers.)"""

import sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])  # the checkout whose code computes

from generator.core.problems import Problems  # noqa: E402
from generator.engine.compute import compute_project  # noqa: E402
from generator.project.discover import discover  # noqa: E402


def main() -> None:
    problems = Problems()
    project = discover(Path(sys.argv[2]), problems)
    periods = compute_project(project, problems, workers=int(sys.argv[4]) if len(sys.argv) > 4 else None)
    with open(sys.argv[3], "w", encoding="utf-8") as out:
        for p in periods:
            out.write(f"== {p.agency} {p.scheme.code} {p.year} {p.label} {p.assessment.code} files={p.files}\n")
            for r in p.people:
                out.write(repr((r.person.id, r.person.name, [(c, str(v)) for c, v in r.item_pairs()], str(r.raw_total), str(r.total),
                                r.band_grade, r.grade, r.status, r.status_label, r.reason, r.protected, r.outside_base, r.decided,
                                [(s.stage, s.text) for s in r.late_steps or ()])) + "\n")
            for q in p.quotas:
                out.write("Q " + repr(q) + "\n")
            out.write("P " + repr([(x.file, x.line, x.column, x.code, x.message, x.severity.name) for x in p.problems]) + "\n")
            out.write("F " + repr(sorted(p.follow_ons.items())) + "\n")
        for x in problems.sorted():
            out.write("ALL " + repr((x.file, x.line, x.column, x.code, x.message, x.severity.name, x.where)) + "\n")
        out.write("CAUSED " + repr(sorted((repr(k), v) for k, v in problems.caused.items())) + "\n")


if __name__ == "__main__":
    main()
