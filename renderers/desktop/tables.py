"""table -> QTableWidget: a header row becomes header sections, list items become rows, text cells become
table items and any other cell a cell widget (checkbox, badge, editor...) centred in its cell."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QRect, QSize, Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QTableWidget, QTableWidgetItem,
                               QWidget)

from factory.core.layout import Node
from renderers.base import RendererError
from renderers.desktop.builder import Builder, handles
from renderers.desktop.helpers import bind_scrollbars
from renderers.desktop.icons import icon_size, qicon

TIGHT = ("checkbox", "radio", "switch", "icon_button", "icon", "badge", "image")  # columns sized to content


def _cell_widget(b: Builder, cell: Node) -> QWidget:
    box = QWidget()
    lay = QHBoxLayout(box)
    lay.setContentsMargins(b.t.gap(1), 0, b.t.gap(1), 0)
    w = b.build(cell)
    stretch = cell.role in ("text_input", "dropdown", "spinbox", "date_picker", "slider", "progress_bar")
    lay.addWidget(w, 1 if stretch else 0, Qt.AlignmentFlag.AlignVCenter)
    if not stretch:
        lay.addStretch(1)
    return box


def _header_widget(b: Builder, header: QHeaderView, col: int, cell: Node) -> None:
    """A non-text header cell (a select-all checkbox) is a widget over its section."""
    w = b.build(cell)
    w.setParent(header)

    def place() -> None:
        hint = w.sizeHint()
        x = header.sectionViewportPosition(col) + b.t.gap(1)
        w.setGeometry(QRect(x, (header.height() - hint.height()) // 2, hint.width(), hint.height()))
        w.show()
    b.later(place)


@handles("table")
def table(b: Builder, n: Node):
    rows = [c for c in n.children if c.role in ("row", "list_item")]
    header_node = rows[0] if rows and rows[0].role == "row" else None
    body = rows[1:] if header_node else rows
    if any(r.role != "list_item" for r in body):
        raise RendererError(f"desktop renderer: table {n.id} rows must be list items after an optional header row")
    cols = max([len(header_node.children) if header_node else 0] + [len(r.children) for r in body] + [1])
    tw = QTableWidget(len(body), cols)
    tw.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    tw.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tw.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tw.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
    tw.setShowGrid(b.t.look.grid and not n.props.get("no_grid"))
    tw.setAlternatingRowColors(bool(n.props.get("alternate")))
    tw.verticalHeader().hide()
    tw.setWordWrap(False)
    tw.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    tw.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    hh = tw.horizontalHeader()
    hh.setHighlightSections(False)
    hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    icon_px = icon_size(b.t.font_px * 1.25)
    tw.setIconSize(QSize(icon_px, icon_px))
    tight = set(range(cols))
    if header_node is not None:
        b.bind(header_node, hh)
        for c, cell in enumerate(header_node.children):
            if cell.role == "text":
                tw.setHorizontalHeaderItem(c, QTableWidgetItem(cell.text))
                b.bind_part(cell, hh, "section", c)
                if cell.text:
                    tight.discard(c)
            else:
                tw.setHorizontalHeaderItem(c, QTableWidgetItem(""))
                _header_widget(b, hh, c, cell)
    else:
        hh.hide()
    row_h = round(b.t.font_px * 2.0 * max(0.85, b.t.space / 5))
    for r, row in enumerate(body):
        part = b.bind_part(row, tw, "row", r)
        for c, cell in enumerate(row.children):
            if cell.role == "text":
                item = QTableWidgetItem(cell.text)
                if cell.props.get("icon"):
                    item.setIcon(qicon(cell.props["icon"], b.t.colors["text"], icon_px, b.t.dpr))
                tw.setItem(r, c, item)
                b.bind_part(cell, tw, "cell", (r, c))
            else:
                box = _cell_widget(b, cell)
                tw.setCellWidget(r, c, box)
                b.host(box, part)
                row_h = max(row_h, box.sizeHint().height() + 2)
            if cell.role not in TIGHT:
                tight.discard(c)
        if row.state.get("selected"):
            tw.selectionModel().select(tw.model().index(r, 0), QItemSelectionModel.SelectionFlag.Select
                                       | QItemSelectionModel.SelectionFlag.Rows)
    tw.verticalHeader().setDefaultSectionSize(row_h)
    for c in range(cols):
        hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents if c in tight
                                else QHeaderView.ResizeMode.Stretch)
    bind_scrollbars(b, n, tw, [c for c in n.children if c.role == "scrollbar"])
    if not n.intent.get("weight") and not n.props.get("fill"):
        def fit() -> None:  # after polish: style sheets change header and frame sizes
            head = hh.sizeHint().height() if header_node is not None else 0
            tw.setFixedHeight(head + tw.verticalHeader().length() + 2 * tw.frameWidth())
        fit()
        b.later(fit)
    return b.bind(n, tw)
