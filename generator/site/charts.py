"""SVG bar charts of a grade distribution: titled, described, readable without colour alone.

Pure text; the same numbers give the same bytes. Every label is escaped.

Each label stands on its own line above its bar, and every chart is CHART_WIDTH wide: scaled to a
phone (a 390 px screen leaves 358 px for it) its words stay at least 12 px. Labels left of the bars
took a third of the width: the comparison charts were 530 px wide and their labels 8.8 px on a phone,
the summaries' 11 px. A label longer than the chart is wide goes on to a second line, never under a
bar nor out of the picture.
"""

from __future__ import annotations

from html import escape

PALETTE = ["#1f5fa8", "#3f8fd2", "#8cbbe6", "#c9dcf0", "#e8b04b", "#c0504d", "#9e9e9e"]
CHART_WIDTH = 360
FONT = 14
LINE = 18  # one line of FONT-sized text
MARGIN = 4
COUNT_ROOM = 64  # right of the longest bar: its count (128 人)


def text_width(text: str, size: int) -> int:
    """About how wide a label is drawn: a Chinese character (or full-width sign) a square of the font
    size, any other character about half of one."""
    return sum(size if ord(ch) >= 0x2E80 else (size + 1) // 2 for ch in text)


def label_lines(text: str, room: int = CHART_WIDTH - 2 * MARGIN, size: int = FONT) -> list[str]:
    """`text` cut into lines no wider than `room` (character by character: a name has no spaces)."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and text_width(line + ch, size) > room:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line]


def label_text(text: str, x: int, y: int) -> tuple[list[str], int]:
    """The <text> elements of a label whose first line ends at baseline `y` + LINE - 4, and the y below it."""
    parts = []
    for line in label_lines(text):
        y += LINE
        parts.append(f'<text x="{x}" y="{y - 4}" font-size="{FONT}">{escape(line)}</text>')
    return parts, y


def svg_open(title: str, description: str, chart_id: str, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kaohe-chart" role="img" viewBox="0 0 {CHART_WIDTH} {height}" '
        f'width="{CHART_WIDTH}" height="{height}" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]


def bar_chart(title: str, description: str, bars: list[tuple[str, int]], chart_id: str, base: int | None = None) -> str:
    """One bar per grade, each with its count; `base`: the people the bars are of, written under them
    (the bars are scaled to the largest, so their lengths alone do not say of how many)."""
    bar_h, gap = 20, 10
    span = CHART_WIDTH - MARGIN - COUNT_ROOM
    top = max([count for _, count in bars] + [1])
    body: list[str] = []
    y = 4
    for i, (label, count) in enumerate(bars):
        lines, y = label_text(label, MARGIN, y)
        body += lines
        y += 2
        w = max(round(count * span / top), 1)
        body.append(f'<rect x="{MARGIN}" y="{y}" width="{w}" height="{bar_h}" fill="{PALETTE[i % len(PALETTE)]}"/>')
        body.append(f'<text x="{MARGIN + w + 6}" y="{y + 15}" font-size="{FONT}">{count} 人</text>')
        y += bar_h + gap
    if base is not None:
        body.append(f'<text x="{MARGIN}" y="{y + 10}" font-size="{FONT}">共 {base} 人</text>')
        y += LINE
    return "".join(svg_open(title, description, chart_id, y) + body + ["</svg>"])
