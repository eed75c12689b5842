"""What a public department summary may show: no more than the 公示 does.

The rule (the guide's 《公开版的统计》 and every handbook state it):

1. Nothing of a period before its 公示 starts, nothing of a period whose 公示 is not published
   (publish: false, no notice, an unresolved tie) — not even its quota lines.
2. The grades the 公示 publishes are counted from the 公示 list itself: those figures are already
   public. Other grades appear only if the scheme opts in (publicity.summary_grades).
3. An opted-in grade is counted among the people the 公示 does *not* name (a reader who knows the
   department subtracts the named ones). Its figure is shown only if it cannot pin a person:
   - primary suppression: a count c is shown only if c == 0 or k <= c <= u - k, where u is the number
     of un-named people and k the scheme's public_min_group (so neither the cell nor its complement
     is a group smaller than k — a member of it knowing their own grade learns nothing about one
     other person);
   - complementary suppression: the people in no shown cell form one remaining group; if it is not
     empty and only one grade is left that they can have (while the 公示 alone left two or more),
     the smallest shown cell is withdrawn too, and again until that is no longer so;
   - the remaining group is shown as one figure (其他等次) only if it is 0 or at least k.
   The cells use k of at least 3 whatever the scheme sets (CELL_FLOOR). With public_min_group: 1, two
   un-named colleagues shown as 较好 1 and 一般 1 each read the other's grade from their own; with 2, a
   reader who knows this rule reads a cell that is not shown as not 0 (a 0 is shown): of two un-named
   people, opted-in 较好 missing tells the 一般 one that the other is 较好. From 3 on, nothing is pinned
   even so (tests/publish/test_summary_privacy.py tries every split of small groups).
4. A department smaller than k shows no distribution at all. Quota lines are shown only for the
   grades the 公示 publishes, only where the distribution is shown, and only with the 公示's own count:
   the quota's base leaves out people of no grade, so it, the places it gives and any excess, set
   against the headcount, would count them.
5. A 公示 of several grades without its 等次 column pins no grade on anyone: no grade is counted.
6. A 公示 of every grade names everyone who has one, so whoever it leaves out has none: public counts
   (a department's, the archive's headcount) count only the people it names. So does a 公示 of every grade
   but one: whoever it leaves out is of that grade (不称职) or of none, and a count of them tells a reader
   who finds a colleague missing that the colleague was assessed.
7. A period reopened and corrected, and the other periods of its agency, scheme and year (its grades
   reach them through the roll-ups), show no opted-in grade: the pages from before the correction are
   kept by readers, the 更正说明 says whom it is about, and two sets of safe figures compared tell that
   person's new grade (办公室 较差 0 before, a 较差 cell not shown after). The 其他等次 figure changes only
   where the 公示's own list does.
Quota lines never say which departments a merge_short pool joins (pages_department.py): the pool is made
by the departments' quota bases, which leave out people of no grade.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

OTHER = "其他等次（不公开）"
CELL_FLOOR = 3  # the smallest group a shown figure may be (summary_privacy rule 3)


def cell_floor(k: int) -> int:
    """The k the cells are held to: the scheme's public_min_group, never below CELL_FLOOR."""
    return max(k, CELL_FLOOR)


@dataclass
class PublicCells:
    labels: list[str]
    counts: list[int]


def public_cells(order: list[str], published: list[str], opt_in: list[str], named: Counter, unnamed: Counter, k: int) -> PublicCells:
    """The cells a public summary shows. `named`: grade → people of the group on the 公示;
    `unnamed`: grade or status → the group's other people."""
    k = cell_floor(k)
    u = sum(unnamed.values())
    candidates = [g for g in order if g in opt_in and g not in published]
    shown = [g for g in candidates if unnamed[g] == 0 or k <= unnamed[g] <= u - k]
    baseline = len([g for g in order if g not in published])  # what the 公示 alone leaves open
    while shown:
        rest = u - sum(unnamed[g] for g in shown)
        open_grades = [g for g in order if g not in published and g not in shown]
        if rest > 0 and len(open_grades) <= 1 < baseline or 0 < rest < k:
            shown.remove(min(shown, key=lambda g: (unnamed[g], order.index(g))))
            continue
        break
    labels = list(published) + shown
    counts = [named[g] for g in published] + [unnamed[g] for g in shown]
    rest = u - sum(unnamed[g] for g in shown)
    if rest and (not shown or rest >= k):
        labels.append(OTHER)
        counts.append(rest)
    elif rest:  # cannot happen after the loop above; never show a small remainder
        labels, counts = list(published), [named[g] for g in published]
        labels.append(OTHER)
        counts.append(u)
    return PublicCells(labels, counts)
