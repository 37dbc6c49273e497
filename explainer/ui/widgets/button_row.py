"""A row of buttons that wraps onto the next line when the window is too narrow for it.

Textual's horizontal layout never wraps: at 80 columns the last buttons were cut to "Look up"
with no term. This layout places children left to right and starts a new line when one does
not fit.
"""

from __future__ import annotations

from fractions import Fraction

from textual.geometry import NULL_OFFSET, Region, Size
from textual.layout import ArrangeResult, Layout, WidgetPlacement
from textual.widget import Widget


class FlowLayout(Layout):
    name = "flow"

    def arrange(self, parent: Widget, children: list[Widget], size: Size,
                greedy: bool = True) -> ArrangeResult:
        parent.pre_layout(self)
        viewport = parent.app.viewport_size
        placements: list[WidgetPlacement] = []
        x = y = line_height = 0
        for child in children:
            box = child._get_box_model(size, viewport, Fraction(size.width),
                                       Fraction(size.height))
            width, height, margin = int(box.width), int(box.height), box.margin
            needed = margin.left + width + margin.right
            if x and x + needed > size.width:  # a new line, unless it is the first button
                x, y, line_height = 0, y + line_height, 0
            region = Region(x + margin.left, y + margin.top, width, height)
            placements.append(WidgetPlacement(region, NULL_OFFSET, margin, child))
            x += needed
            line_height = max(line_height, margin.top + height + margin.bottom)
        return placements


class ButtonRow(Widget):
    """Buttons side by side, wrapping when narrow."""

    DEFAULT_CSS = "ButtonRow { height: auto; width: 1fr; }"

    def __init__(self, *children: Widget, classes: str | None = None) -> None:
        super().__init__(*children, classes=classes)
        self._flow = FlowLayout()

    @property
    def layout(self) -> Layout:
        return self._flow
