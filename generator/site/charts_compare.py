"""Stacked share bars for comparisons: one bar per row (a department, a year), one segment per grade.

Pure text, offline, the same numbers give the same bytes; every label escaped; each segment has a
<title> with its count and share, and the page shows the same numbers in a table beside it. The
layout is charts.py's: the legend and each row's label on lines of their own above the bars, the
chart CHART_WIDTH wide, so that on a phone every word stays at least 12 px.
"""

from __future__ import annotations

from html import escape

from generator.site.charts import CHART_WIDTH, COUNT_ROOM, FONT, LINE, MARGIN, PALETTE, label_text, svg_open, text_width


def stacked_chart(title: str, description: str, grades: list[str], rows: list[tuple[str, list[int]]], chart_id: str) -> str:
    bar_h, gap = 20, 10
    span = CHART_WIDTH - MARGIN - COUNT_ROOM
    body: list[str] = []
    x, y = MARGIN, 4
    for i, grade in enumerate(grades):  # legend: colour and name, so no colour stands alone; as many lines as it needs
        item = 16 + text_width(grade, FONT)
        if x > MARGIN and x + item > CHART_WIDTH - MARGIN:
            x, y = MARGIN, y + LINE
        body.append(f'<rect x="{x}" y="{y + 3}" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>')
        body.append(f'<text x="{x + 16}" y="{y + LINE - 4}" font-size="{FONT}">{escape(grade)}</text>')
        x += item + 14
    y += LINE + 6
    for label, counts in rows:
        lines, y = label_text(label, MARGIN, y)
        body += lines
        y += 2
        total = sum(counts)
        left = 0
        for i, (grade, count) in enumerate(zip(grades, counts)):
            if not count or not total:
                continue
            start = round(left * span / total)
            end = round((left + count) * span / total)
            left += count
            body.append(f'<rect x="{MARGIN + start}" y="{y}" width="{max(end - start, 1)}" height="{bar_h}" '
                        f'fill="{PALETTE[i % len(PALETTE)]}"><title>{escape(label)} {escape(grade)} {count} 人</title></rect>')
        body.append(f'<text x="{MARGIN + span + 6}" y="{y + 15}" font-size="{FONT}">{total} 人</text>')
        y += bar_h + gap
    return "".join(svg_open(title, description, chart_id, y) + body + ["</svg>"])
