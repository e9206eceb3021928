"""A date picker's calendar drawn open: the popup column of factory.grammars.open_states' date kind (a header row
of previous / month and year / next, then a 7-column grid of weekday names and the month's days) as the
QCalendarWidget a QDateEdit pops up, each layout node bound to what Qt draws for it:

  the popup column      a framed panel holding the calendar        the header row     its navigation bar
  previous / next       its previous/next month tool buttons       the month's name   its month and year buttons
  the grid              its table view                             weekday texts      the view's header cells
  day buttons           the view's cells of that month's days      blank cells        cells of the weeks around

Days of the months around are not painted (the layout leaves those cells blank), and the calendar's weeks
start on Monday as the layout's do.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QFrame, QTableView, QToolButton, QVBoxLayout, QWidget

from factory.core.layout import Node
from renderers.base import RendererError
from renderers.desktop.builder import Builder


def is_month(n: Node) -> bool:
    """Whether popup column `n` is a month (open_states' date kind): a header row of 3, then a 7-column grid."""
    kids = n.children
    return (len(kids) == 2 and kids[0].role == "row" and len(kids[0].children) == 3 and kids[1].role == "grid"
            and int(kids[1].intent.get("columns", 0)) == 7)


class MonthCalendar(QCalendarWidget):
    """A calendar that paints only the shown month's days: the cells of the weeks around stay blank."""

    def paintCell(self, painter, rect, date: QDate) -> None:  # noqa: N802 - Qt's name
        if date.month() == self.monthShown() and date.year() == self.yearShown():
            super().paintCell(painter, rect, date)


def month_popup(b: Builder, n: Node) -> QWidget:
    """The calendar of the date picker that `n` hangs under, in a framed panel; its month is the picker's, its
    date selected, once the picker exists (the window builds its overlays before its central widget)."""
    cal = MonthCalendar()
    cal.setLocale(QLocale(b.t.locale))
    cal.setFirstDayOfWeek(Qt.DayOfWeek.Monday)  # as the layout's grid (calendar.Calendar(0))
    cal.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
    cal.setGridVisible(False)
    panel = QFrame()
    panel.setFrameShape(QFrame.Shape.Box)
    panel.setAutoFillBackground(True)
    lay = QVBoxLayout(panel)
    lay.setContentsMargins(1, 1, 1, 1)
    lay.addWidget(cal)
    b.bind(n, panel)
    _bind_header(b, n.children[0], cal)
    grid = n.children[1]
    b.bind(grid, cal.findChild(QTableView, "qt_calendar_calendarview"))

    def show_month() -> None:
        opener = b.scene.widgets.get(n.intent.get("target"))
        if not isinstance(opener, QDateEdit):
            raise RendererError(f"desktop renderer: a month popup (node {n.id}) hangs under a date picker, "
                                f"not {type(opener).__name__}")
        picked = opener.date()
        cal.setSelectedDate(picked)
        cal.setCurrentPage(picked.year(), picked.month())
        _bind_cells(b, grid, cal, picked)
    b.later(show_month)
    return panel


def _bind_header(b: Builder, head: Node, cal: QCalendarWidget) -> None:
    prev, title, nxt = head.children
    if prev.role != "icon_button" or title.role != "text" or nxt.role != "icon_button":
        raise RendererError(f"desktop renderer: a month's header row (node {head.id}) is previous, title, next; "
                            f"got {[c.role for c in head.children]}")
    b.bind(head, cal.findChild(QWidget, "qt_calendar_navigationbar"))
    b.bind(prev, cal.findChild(QToolButton, "qt_calendar_prevmonth"))
    b.bind_part(title, cal.findChild(QWidget, "qt_calendar_navigationbar"), "calendar_title",
                (cal.findChild(QToolButton, "qt_calendar_monthbutton"), cal.findChild(QToolButton,
                                                                                    "qt_calendar_yearbutton")))
    b.bind(nxt, cal.findChild(QToolButton, "qt_calendar_nextmonth"))


def _bind_cells(b: Builder, grid: Node, cal: QCalendarWidget, picked: QDate) -> None:
    """Weekday texts on the view's header row; then cell k of the layout's weeks at (first week's row + k // 7,
    k % 7), where the first week is the row holding day 1 of the month."""
    view = cal.findChild(QTableView, "qt_calendar_calendarview")
    model = view.model()
    first = next((r for r in range(1, model.rowCount()) for c in range(7)
                  if model.data(model.index(r, c)) == 1), None)
    cells = grid.children
    if first is None or len(cells) < 7 or any(c.role != "text" for c in cells[:7]):
        raise RendererError(f"desktop renderer: a month's grid (node {grid.id}) is 7 weekday texts then its days")
    for col, c in enumerate(cells[:7]):
        b.bind_part(c, view, "calendar_weekday", (0, col))
    for k, c in enumerate(cells[7:]):
        row, col = first + k // 7, k % 7
        if row >= model.rowCount():
            raise RendererError(f"desktop renderer: a month's grid (node {grid.id}) has more weeks than Qt shows")
        if c.role == "spacer":
            b.bind_part(c, view, "calendar_blank", (row, col))
            continue
        if c.role != "button" or str(model.data(model.index(row, col))) != c.text:
            raise RendererError(f"desktop renderer: day cell {c.id} ({c.role} {c.text!r}) is not Qt's day "
                                f"{model.data(model.index(row, col))} of {picked.toString(Qt.DateFormat.ISODate)}")
        b.bind_part(c, view, "calendar_day", (row, col))
