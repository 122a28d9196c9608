"""Server-rendered SVG bar charts: geometry computed here, drawn by templates/events/_bars.svg."""

from __future__ import annotations

from dataclasses import dataclass

from events.selectors.coverage import Line


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: float
    text_y: int


@dataclass(frozen=True)
class BarChart:
    title: str
    width: int
    height: int
    label_width: int
    bar_area: int
    bars: tuple[Bar, ...]

    @property
    def value_x(self) -> int:
        return self.label_width + 6


def bar_chart(
    title: str, lines: list[Line], *, width: int = 640, row: int = 26, label_width: int = 210
) -> BarChart | None:
    """Horizontal bars of `participants` per line; None when there is nothing to draw."""
    if not lines:
        return None
    top = max(line.participants for line in lines) or 1
    bar_area = width - label_width - 60
    bars = tuple(
        Bar(
            label=line.label if len(line.label) <= 28 else line.label[:27] + "…",
            value=line.participants,
            y=index * row + 4,
            width=round(bar_area * line.participants / top, 1),
            text_y=index * row + 4 + row // 2 + 1,
        )
        for index, line in enumerate(lines)
    )
    return BarChart(
        title=title,
        width=width,
        height=len(lines) * row + 8,
        label_width=label_width,
        bar_area=bar_area,
        bars=bars,
    )
