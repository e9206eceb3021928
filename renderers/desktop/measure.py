"""Measure every layout node from the widget tree in one pass: boxes in window coordinates (full, and
visible = clipped by every ancestor, since Qt clips children to their parents, scroll viewports included),
occlusion by floating widgets stacked above, text, state, Qt class and the parent as Qt nests it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QRegion, QTextDocumentFragment
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDateTimeEdit, QLabel, QLineEdit,
                               QPlainTextEdit, QProgressBar, QSlider, QTextEdit, QWidget)

from factory.core.layout import Layout
from renderers.base import NodeMeasure, RendererError
from renderers.desktop import parts
from renderers.desktop.builder import Part, Scene
from renderers.desktop.classes import part_class, source_type, widget_class
from renderers.desktop.widgets import KIND, Badge, Scrim

INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QDateTimeEdit)


def _key(ref) -> object:
    return ref if isinstance(ref, (int, tuple, type(None))) else id(ref)


def widget_text(w: QWidget) -> str:
    if isinstance(w, Badge):
        return w.text()
    if isinstance(w, QLabel):
        if w.property(KIND) == "link":
            return QTextDocumentFragment.fromHtml(w.text()).toPlainText()
        return "" if w.property(KIND) in ("icon", "image") else w.text()
    if isinstance(w, QAbstractButton):
        return parts._unescape(w.text())
    if isinstance(w, QLineEdit):
        return w.text() or w.placeholderText()
    if isinstance(w, (QPlainTextEdit, QTextEdit)):
        return w.toPlainText() or w.placeholderText()
    if isinstance(w, QComboBox):
        return w.currentText()
    if isinstance(w, QAbstractSpinBox):
        return w.text()
    if isinstance(w, QProgressBar):
        return w.text() if w.isTextVisible() else ""
    return ""


def _filled(w: QWidget) -> bool:
    if isinstance(w, QLineEdit):
        return bool(w.text())
    if isinstance(w, (QPlainTextEdit, QTextEdit)):
        return bool(w.toPlainText())
    return True  # a date edit always shows a date


def widget_state(w: QWidget) -> dict:
    is_input = isinstance(w, INPUTS)
    return {
        "enabled": w.isEnabled(),
        "checked": w.isChecked() if isinstance(w, QAbstractButton) and w.isCheckable() else None,
        "selected": None,
        "focused": w.hasFocus(),
        "expanded": bool(w.property("expanded")) if isinstance(w, QComboBox)
        or (isinstance(w, QDateTimeEdit) and w.calendarPopup()) else None,
        "invalid": bool(w.property("invalid")) if is_input or isinstance(w, QSlider) else None,
        "filled": _filled(w) if is_input else None,
    }


class Measurer:
    def __init__(self, scene: Scene, width: int, height: int):
        self.s = scene
        self.root = scene.root
        self.frame = QRect(0, 0, width, height)
        self._rects: dict[QWidget, QRect] = {}
        self._clips: dict[QWidget, QRect] = {}
        self._occluders: dict[QWidget, QRegion | None] = {}
        self._part_nid = {(id(p.owner), p.kind, _key(p.ref)): nid for nid, p in scene.parts.items()}
        self._action_nid = {id(p.ref): nid for nid, p in scene.parts.items() if p.kind in ("menu", "menubar")}

    # --- geometry -------------------------------------------------------------------------------------
    def rect(self, w: QWidget) -> QRect:
        r = self._rects.get(w)
        if r is None:
            if w is self.root:
                r = QRect(QPoint(0, 0), w.size())
            elif self.root.isAncestorOf(w):
                r = QRect(w.mapTo(self.root, QPoint(0, 0)), w.size())
            else:
                r = QRect()  # not in the window (a closed popup menu): not drawn
            self._rects[w] = r
        return r

    def clip(self, w: QWidget) -> QRect:
        """The part of the window where `w` can paint: its rect within every ancestor's (empty if hidden)."""
        c = self._clips.get(w)
        if c is None:
            if w is self.root:
                c = self.frame.intersected(self.rect(w))
            elif not w.isVisible() or w.isWindow() or w.parentWidget() is None:
                c = QRect()
            else:
                c = self.clip(w.parentWidget()).intersected(self.rect(w))
            self._clips[w] = c
        return c

    def occluders(self, w: QWidget) -> QRegion | None:
        """Floating widgets stacked above `w` (those after the last float that contains it), or None."""
        if not self.s.floats:
            return None
        if w in self._occluders:
            return self._occluders[w]
        inside = -1
        for i, f in enumerate(self.s.floats):
            if f.widget is w or f.widget.isAncestorOf(w):
                inside = i
        region = QRegion()
        for f in self.s.floats[inside + 1:]:
            fw = f.widget
            if not fw.isVisible():
                continue
            if isinstance(fw, Scrim) and not fw.dim:  # an undimmed overlay hides only its dialogs
                for child in fw.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
                    if child.isVisible():
                        region = region.united(QRegion(self.clip(child)))
            else:
                region = region.united(QRegion(self.clip(fw)))
        self._occluders[w] = None if region.isEmpty() else region
        return self._occluders[w]

    def _measure(self, nid: str, ref: QWidget, full: QRect, text: str, source: str, cls: str | None,
                 state: dict, parent: str | None, dpr: float) -> NodeMeasure:
        vis = full.intersected(self.clip(ref)) if full.isValid() else QRect()
        visible = not vis.isEmpty()
        frac = 0.0
        if visible and full.width() * full.height() > 0:
            above = self.occluders(ref)
            if above is None:
                area = vis.width() * vis.height()
            else:  # the box shrinks to what is left uncovered (a popup over its lower half: the upper half)
                left = QRegion(vis).subtracted(above)
                area = sum(r.width() * r.height() for r in left)
                if not left.isEmpty():
                    vis = left.boundingRect()
            frac = area / (full.width() * full.height())
        s = lambda r: (r.x() * dpr, r.y() * dpr, r.width() * dpr, r.height() * dpr)  # noqa: E731
        return NodeMeasure(nid=nid, visible=visible, bbox=s(vis) if visible else None, full_bbox=s(full),
                           visible_fraction=min(1.0, frac), text=text, source_type=source, cls=cls, state=state,
                           parent=parent)

    # --- parents --------------------------------------------------------------------------------------
    def parent_of_widget(self, w: QWidget) -> str | None:
        """The nearest bound ancestor; a widget sitting in a view item (or a popup under a menu entry) has
        that item as its parent, as Qt draws it there although the widget's parent is the view's viewport."""
        if w in self.s.hosts:
            return self.nid_of_part_or_up(self.s.hosts[w])
        p = w.parentWidget()
        while p is not None:
            if p in self.s.node_of:
                return self.s.node_of[p]
            if p in self.s.hosts:
                return self.nid_of_part_or_up(self.s.hosts[p])
            p = p.parentWidget()
        return None

    def nid_of_part_or_up(self, part: Part) -> str | None:
        nid = self._part_nid.get((id(part.owner), part.kind, _key(part.ref)))
        return nid if nid is not None else self.parent_of_part(part)

    def parent_of_part(self, part: Part) -> str | None:
        o, k, ref = part.owner, part.kind, part.ref
        if k == "check_label":  # a checkbox's words are its sibling
            return self.parent_of_widget(o)
        if k == "cell":
            return self.nid_of_part_or_up(Part(o, "row", ref[0]))
        if k == "menu":
            nid = self._action_nid.get(id(o.menuAction()))
            if nid is not None:
                return nid
        if o in self.s.hosts:
            return self.nid_of_part_or_up(self.s.hosts[o])
        return self.s.node_of.get(o) or self.parent_of_widget(o)

    # --- nodes ----------------------------------------------------------------------------------------
    def widget_node(self, nid: str, w: QWidget, dpr: float) -> NodeMeasure:
        text = widget_text(w)
        full = self.rect(w)
        control = parts.check_control(w)  # a checkbox is boxed by its indicator, its words are a text part
        if control is not None and full.isValid():
            full = control.translated(full.topLeft()).intersected(full)
        return self._measure(nid, w, full, text, source_type(w), widget_class(w, w is self.root),
                             widget_state(w), self.parent_of_widget(w) if w is not self.root else None, dpr)

    def part_node(self, nid: str, part: Part, dpr: float) -> NodeMeasure:
        ref, r = parts.geometry(part)
        visible_owner = part.owner.isVisible() and ref.isVisible()
        full = r.translated(self.rect(ref).topLeft()) if visible_owner and r.isValid() else QRect()
        source, cls = part_class(part.kind, part.owner.property(KIND))
        return self._measure(nid, ref, full, parts.text(part), source, cls, parts.state(part),
                             self.parent_of_part(part), dpr)


def measure(scene: Scene, layout: Layout, width: int, height: int, dpr: float) -> dict[str, NodeMeasure]:
    """One NodeMeasure per layout node, boxes in device pixels of the saved image."""
    m = Measurer(scene, width, height)
    out = {}
    for node, _ in layout.nodes():
        if node.id in scene.widgets:
            out[node.id] = m.widget_node(node.id, scene.widgets[node.id], dpr)
        elif node.id in scene.parts:
            out[node.id] = m.part_node(node.id, scene.parts[node.id], dpr)
        else:
            raise RendererError(f"desktop renderer drew nothing for node {node.id} (role {node.role!r})")
    return out
