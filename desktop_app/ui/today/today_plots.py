"""The Today view's plots (pyqtgraph, imported only when the Today view opens)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from desktop_app.domain.enums import Circle, InteractionKind
from desktop_app.services.dashboard import Funnel, WeeklyActivity

PALETTE = (
    QColor(66, 133, 244),
    QColor(46, 160, 67),
    QColor(230, 160, 20),
    QColor(155, 89, 182),
    QColor(215, 58, 73),
    QColor(120, 130, 140),
)
CIRCLE_SHORT = {
    Circle.INNER: "Inner",
    Circle.CLOSE: "Close",
    Circle.FAMILIAR: "Familiar",
    Circle.ACQUAINTANCE: "Acquaint.",
}
TOP_KINDS = 5  # the busiest kinds get their own colour; the rest share "Other"


def kind_label(kind: str) -> str:
    try:
        return InteractionKind(kind).label
    except ValueError:
        return kind.replace("_", " ").capitalize()


def _plot(parent: QWidget, title: str) -> pg.PlotWidget:
    widget = pg.PlotWidget(parent=parent)
    item = widget.getPlotItem()
    widget.setProperty("plot_title", title)
    item.setMenuEnabled(False)
    widget.setMouseEnabled(x=False, y=False)
    widget.hideButtons()
    font = parent.font()
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    for axis in ("left", "bottom"):
        item.getAxis(axis).setTickFont(font)
    restyle(widget, parent.palette())
    widget.setMinimumHeight(170)
    return widget


def restyle(widget: pg.PlotWidget, palette: QPalette) -> None:
    """The plot in the colours of `palette` (again after View ▸ Theme changes them)."""
    foreground = palette.color(QPalette.ColorRole.Text)
    widget.setBackground(palette.color(QPalette.ColorRole.Base))
    item = widget.getPlotItem()
    item.setTitle(str(widget.property("plot_title")), color=foreground.name(), size="10pt")
    for axis in ("left", "bottom"):
        item.getAxis(axis).setPen(foreground)
        item.getAxis(axis).setTextPen(foreground)
    if item.legend is not None:
        item.legend.setLabelTextColor(foreground)
        base = QColor(palette.color(QPalette.ColorRole.Base))
        base.setAlpha(210)
        item.legend.setBrush(base)


FIRST_CONVERSATION = "Log your first conversation (Ctrl+L)"


def show_empty(widget: pg.PlotWidget, message: str) -> None:
    """No axes from 0 to 1.5 over nothing: one line saying how to fill the plot."""
    item = widget.getPlotItem()
    item.clear()
    if item.legend is not None:
        item.legend.setVisible(False)
    for axis in ("left", "bottom"):
        item.hideAxis(axis)
    text = pg.TextItem(
        message, anchor=(0.5, 0.5), color=widget.palette().color(QPalette.ColorRole.Text)
    )
    text.setPos(0.5, 0.5)
    item.addItem(text)
    item.setXRange(0, 1, padding=0)
    item.setYRange(0, 1, padding=0)
    widget.setProperty("empty_message", message)


def _show_axes(widget: pg.PlotWidget) -> None:
    item = widget.getPlotItem()
    item.clear()
    for axis in ("left", "bottom"):
        item.showAxis(axis)
    if item.legend is not None:
        item.legend.setVisible(True)
    widget.setProperty("empty_message", "")


def _week_ticks(weeks: Sequence[date]) -> list[list[tuple[float, str]]]:
    """A dated label every eight weeks, unlabelled ticks every four."""
    major = [(float(i), f"{d:%b %d}") for i, d in enumerate(weeks) if i % 8 == 0]
    minor = [(float(i), "") for i in range(len(weeks)) if i % 8 == 4]
    return [major, minor]


def _legend(widget: pg.PlotWidget, columns: int) -> None:
    """A legend in rows across the top; the plots leave headroom for it."""
    legend = widget.getPlotItem().addLegend(offset=(4, 2), labelTextSize="8pt")
    legend.setColumnCount(columns)
    legend.setLabelTextColor(widget.palette().color(QPalette.ColorRole.Text))
    base = QColor(widget.palette().color(QPalette.ColorRole.Base))
    base.setAlpha(210)
    legend.setBrush(base)


def _categories(widget: pg.PlotWidget, labels: Sequence[str], top: float) -> None:
    """Category labels under bars at 0..n-1, with room for the outer labels."""
    item = widget.getPlotItem()
    item.getAxis("bottom").setTicks([list(enumerate(labels)), []])
    item.setXRange(-0.6, len(labels) - 0.4, padding=0)
    item.setYRange(0, top, padding=0)


class ActivityPlot:
    """Interactions per week, stacked by kind."""

    def __init__(self, parent: QWidget) -> None:
        self.widget = _plot(parent, "Interactions per week")

    def update(self, activity: WeeklyActivity) -> None:
        if not any(any(counts) for counts in activity.by_kind.values()):
            show_empty(self.widget, FIRST_CONVERSATION)
            return
        _show_axes(self.widget)
        item = self.widget.getPlotItem()
        if item.legend is None:
            _legend(self.widget, 2)
        totals = {k: sum(v) for k, v in activity.by_kind.items()}
        top = sorted(totals, key=lambda k: (-totals[k], k))[:TOP_KINDS]
        series: list[tuple[str, list[int]]] = [(k, list(activity.by_kind[k])) for k in top]
        rest = [k for k in activity.by_kind if k not in top]
        if rest:
            other = [sum(activity.by_kind[k][i] for k in rest) for i in range(len(activity.weeks))]
            series.append(("other", other))
        x = list(range(len(activity.weeks)))
        base = [0] * len(x)
        for colour, (kind, counts) in zip(PALETTE, series, strict=False):
            label = kind_label(kind) if kind != "other" else "Other"
            bars = pg.BarGraphItem(x=x, height=counts, y0=base, width=0.8, brush=colour, pen=None)
            item.addItem(bars)
            item.legend.addItem(bars, label)
            base = [b + c for b, c in zip(base, counts, strict=True)]
        item.getAxis("bottom").setTicks(_week_ticks(activity.weeks))
        item.setYRange(0, max([*base, 1]) * 1.7, padding=0)


class GiveAskPlot:
    """What I gave and asked per week, and the running balance."""

    def __init__(self, parent: QWidget) -> None:
        self.widget = _plot(parent, "Give and ask")

    def update(self, activity: WeeklyActivity) -> None:
        if not any((*activity.gave, *activity.asked)):
            show_empty(self.widget, FIRST_CONVERSATION)
            return
        _show_axes(self.widget)
        item = self.widget.getPlotItem()
        if item.legend is None:
            _legend(self.widget, 3)
        x = list(range(len(activity.weeks)))
        item.plot(x, list(activity.gave), pen=pg.mkPen(PALETTE[1], width=2), name="Gave")
        item.plot(x, list(activity.asked), pen=pg.mkPen(PALETTE[4], width=2), name="Asked")
        item.plot(
            x,
            list(activity.balance_trend),
            pen=pg.mkPen(PALETTE[0], width=2, style=pg.QtCore.Qt.PenStyle.DashLine),
            name="Balance",
        )
        item.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(PALETTE[5], width=1)))
        item.getAxis("bottom").setTicks(_week_ticks(activity.weeks))
        values = [*activity.gave, *activity.asked, *activity.balance_trend, 0]
        low, high = min(values), max([*values, 1])
        item.setYRange(low, high + (high - low) * 0.35, padding=0.02)


class CirclePlot:
    """How many people in each circle."""

    def __init__(self, parent: QWidget) -> None:
        self.widget = _plot(parent, "Circle sizes")

    def update(self, sizes: dict[Circle | None, int]) -> None:
        if not any(sizes.values()):
            show_empty(self.widget, "Add people to see your circles (Ctrl+N)")
            return
        _show_axes(self.widget)
        item = self.widget.getPlotItem()
        labels = [CIRCLE_SHORT[c] if c else "None" for c in sizes]
        heights = list(sizes.values())
        x = list(range(len(heights)))
        item.addItem(pg.BarGraphItem(x=x, height=heights, width=0.7, brush=PALETTE[0], pen=None))
        for i, value in enumerate(heights):
            text = pg.TextItem(
                str(value),
                anchor=(0.5, 1.0),
                color=self.widget.palette().color(QPalette.ColorRole.Text),
            )
            text.setPos(i, value)
            item.addItem(text)
        _categories(self.widget, labels, max([*heights, 1]) * 1.2)


class FunnelPlot:
    """Informational interviews → referrals → interviews → offers."""

    def __init__(self, parent: QWidget) -> None:
        self.widget = _plot(parent, "From conversations to offers")

    def update(self, funnel: Funnel) -> None:
        stages = funnel.stages
        if not any(count for _, count in stages):
            show_empty(self.widget, "Log an informational interview (Ctrl+L)")
            return
        _show_axes(self.widget)
        item = self.widget.getPlotItem()
        heights = [count for _, count in stages]
        x = list(range(len(stages)))
        brushes = [PALETTE[i] for i in (0, 3, 2, 1)]
        item.addItem(pg.BarGraphItem(x=x, height=heights, width=0.7, brushes=brushes, pen=None))
        colour = self.widget.palette().color(QPalette.ColorRole.Text)
        for i, value in enumerate(heights):
            text = pg.TextItem(str(value), anchor=(0.5, 1.0), color=colour)
            text.setPos(i, value)
            item.addItem(text)
        short = ["Info. int.", "Referrals", "Interviews", "Offers"]
        _categories(self.widget, short, max([*heights, 1]) * 1.2)


def funnel_context(funnel: Funnel) -> str:
    """The sentence beside the funnel: my numbers against 1 in 12 and 1 in 200."""
    benchmark = (
        "About 1 in 12 informational interviews leads to an offer, against about 1 in 200 "
        "resumes sent."
    )
    if funnel.informational == 0:
        return benchmark + " Log your first informational interview to see your own funnel."
    rate = funnel.offer_rate
    mine = (
        f"You: {funnel.informational} informational interviews, "
        f"{funnel.offers} offer{'s' if funnel.offers != 1 else ''}"
    )
    if rate:
        mine += f" (1 in {round(1 / rate)})"
    expected = funnel.expected_offers()
    return (
        f"{mine}. {benchmark} At 1 in 12 your conversations are worth about {expected:.1f} "
        f"offers; matching that with resumes alone would take about "
        f"{funnel.resumes_for_same_offers()}."
    )
