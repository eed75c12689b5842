"""SVG bar charts of a grade distribution: titled, described, readable without colour alone.

Pure text; the same numbers give the same bytes. Every label is escaped.
"""

from __future__ import annotations

from html import escape

PALETTE = ["#1f5fa8", "#3f8fd2", "#8cbbe6", "#c9dcf0", "#e8b04b", "#c0504d", "#9e9e9e"]


def text_width(text: str, size: int) -> int:
    """About how wide a label is drawn: a Chinese character (or full-width sign) a square of the font
    size, any other character about half of one."""
    return sum(size if ord(ch) >= 0x2E80 else (size + 1) // 2 for ch in text)


def label_width(labels: list[str], size: int, least: int, most: int) -> int:
    """Room for the labels left of the bars, so that no label runs under a bar (其他等次（不公开） did)."""
    return min(most, max([least] + [text_width(label, size) + 16 for label in labels]))


def bar_chart(title: str, description: str, bars: list[tuple[str, int]], chart_id: str) -> str:
    bar_h, gap, left = 26, 10, 8
    label_w = label_width([label for label, _ in bars], 14, 120, 260)
    # 240 px for the longest bar and 70 for its count: no wider than it needs, so that on a phone (the
    # chart scaled to the screen) the labels stay about 11 px; at 560 px wide they were 9.
    width = label_w + 310
    height = 40 + len(bars) * (bar_h + gap)
    top = max([count for _, count in bars] + [1])
    scale = (width - label_w - 70) / top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kaohe-chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    y = 30
    for i, (label, count) in enumerate(bars):
        w = round(count * scale)
        color = PALETTE[i % len(PALETTE)]
        parts.append(f'<text x="{left}" y="{y + bar_h * 0.7:.0f}" font-size="14">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{max(w, 1)}" height="{bar_h}" fill="{color}"/>')
        parts.append(f'<text x="{label_w + max(w, 1) + 6}" y="{y + bar_h * 0.7:.0f}" font-size="14">{count} 人</text>')
        y += bar_h + gap
    parts.append("</svg>")
    return "".join(parts)
