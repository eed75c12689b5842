"""Stacked share bars for comparisons: one bar per row (a department, a year), one segment per grade.

Pure text, offline, the same numbers give the same bytes; every label escaped; each segment has a
<title> with its count and share, and the page shows the same numbers in a table beside it.
"""

from __future__ import annotations

from html import escape

from generator.site.charts import PALETTE, label_width


def stacked_chart(title: str, description: str, grades: list[str], rows: list[tuple[str, list[int]]], chart_id: str) -> str:
    bar_h, gap, right = 22, 8, 60
    label_w = label_width([label for label, _ in rows], 13, 150, 280)
    legend_w = sum(24 + 14 * len(grade) for grade in grades)
    # no wider than the bars and the legend need: scaled to a phone, the labels stay readable (at 640 px they were 7 px)
    width = label_w + max(right + 320, legend_w)
    legend_h = 26
    height = 30 + legend_h + len(rows) * (bar_h + gap)
    span = width - label_w - right
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kaohe-chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    x = label_w
    for i, grade in enumerate(grades):  # legend: colour and name, so no colour stands alone
        parts.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>')
        parts.append(f'<text x="{x + 16}" y="19" font-size="13">{escape(grade)}</text>')
        x += 24 + 14 * len(grade)
    y = 30 + legend_h - 8
    for label, counts in rows:
        total = sum(counts)
        parts.append(f'<text x="4" y="{y + bar_h * 0.72:.0f}" font-size="13">{escape(label)}</text>')
        left = 0
        for i, (grade, count) in enumerate(zip(grades, counts)):
            if not count or not total:
                continue
            start = round(left * span / total)
            end = round((left + count) * span / total)
            left += count
            parts.append(f'<rect x="{label_w + start}" y="{y}" width="{max(end - start, 1)}" height="{bar_h}" '
                         f'fill="{PALETTE[i % len(PALETTE)]}"><title>{escape(label)} {escape(grade)} {count} 人</title></rect>')
        parts.append(f'<text x="{label_w + span + 6}" y="{y + bar_h * 0.72:.0f}" font-size="13">{total} 人</text>')
        y += bar_h + gap
    parts.append("</svg>")
    return "".join(parts)
