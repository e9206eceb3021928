"""The app families (checkout, profile, chat, calendar, kanban, compose): layout invariants and each family's
signature parts for any seed, locale and form factor; one real Chromium render per family, annotated."""

from __future__ import annotations

import pytest

from factory.core.content import LOCALES, Content, ui_words
from factory.core.layout import ROLES, STRUCTURAL_ROLES, Layout, Node
from factory.core.seeding import rng_for
from factory.grammars import GRAMMARS
from tests.invariants import check_invariants, make_factors, render_annotated

FAMILIES = ("checkout", "profile", "chat", "calendar", "kanban", "compose")
KINDS = {"steps", "step", "thumb", "cover", "avatar-lg", "wrap", "thread", "bubble-in", "bubble-out", "month", "day",
         "day-out", "day-today", "mini", "board", "lane", "chip", "editor", "field", "stretch", "tabs", "navbar",
         "sidebar", "bottom", "format"}


def generate(name: str, seed: int, locale: str = "en_US", form: str = "desktop") -> Layout:
    content = Content(locale, seed, rng_for(seed, "content"))
    return GRAMMARS.get(name).generate(rng_for(seed, "layout"), content, form)


def nodes(layout: Layout) -> list[Node]:
    return [n for n, _ in layout.nodes()]


def kinds(layout: Layout) -> set[str]:
    return {n.props["kind"] for n in nodes(layout) if n.role in ("row", "column") and "kind" in n.props}


def signature(name: str, layout: Layout) -> None:
    """The parts a user recognises the family by."""
    ns = nodes(layout)
    roles = {n.role for n in ns}
    words = ui_words(layout.locale)
    texts = {n.text for n in ns}
    if name == "checkout":
        assert words["order_summary"] in texts and words["total"] in texts
        assert {"spinbox", "list_item"} & roles or {"text_input", "radio"} <= roles, "cart lines or a checkout form"
    elif name == "profile":
        assert {"cover", "avatar-lg"} <= kinds(layout) and "tab" in roles
        assert any(n.props.get("aspect") == "3:1" for n in ns), "a cover picture"
    elif name == "chat":
        assert {"bubble-in", "bubble-out"} & kinds(layout) or "list_item" in roles
        if "thread" in kinds(layout):
            assert any(n.role == "icon_button" and n.props["icon"] == "paperclip" for n in ns), "the composer"
    elif name == "calendar":
        month = next(n for n in ns if n.props.get("kind") == "month")
        grids = [c for c in month.children if c.role == "grid"]
        assert all(g.intent["columns"] == 7 for g in grids)
        days = [c for g in grids for c in g.children if str(c.props.get("kind", "")).startswith("day")]
        assert len(days) in (7, 28, 35, 42), "a week or whole weeks of a month"
    elif name == "kanban":
        lanes = [n for n in ns if n.props.get("kind") == "lane"]
        assert lanes and all(any(c.role == "card" for c in lane.children) for lane in lanes)
    elif name == "compose":
        assert words["send"] in texts or any(n.props.get("icon") == "send" for n in ns)
        assert any(n.role == "text_input" and n.props.get("input_type") == "multiline" for n in ns), "the body"
        assert words["subject"] in texts


@pytest.mark.parametrize("name", FAMILIES)
def test_family_layouts(name):
    assert set(GRAMMARS.get(name).renderers) == {"web"}
    seen_forms = set()
    for seed in range(12):
        locale, form = LOCALES[seed % len(LOCALES)], ("desktop", "mobile")[seed % 2]
        layout = generate(name, seed, locale, form)
        ns = nodes(layout)
        ids = [n.id for n in ns]
        assert len(ids) == len(set(ids)), "node ids are unique"
        assert all(n.role in ROLES for n in ns)
        assert all(not n.text for n in ns if n.role in STRUCTURAL_ROLES)
        assert kinds(layout) <= KINDS, kinds(layout) - KINDS
        assert layout == generate(name, seed, locale, form), "same seed, same screen"
        assert Layout.from_json(layout.to_json()) == layout
        signature(name, layout)
        seen_forms.add(len(ns))
    assert len(seen_forms) > 6, "the structure varies with the seed"


def test_app_words_exist_in_every_locale():
    keys = [set(ui_words(loc)) for loc in LOCALES]
    assert all(k == keys[0] for k in keys)
    assert {"order_summary", "follow", "type_message", "month_12", "weekday_6", "in_progress", "subject"} <= keys[0]


STYLE = {"checkout": "material", "profile": "kit-bootstrap5", "chat": "fluent", "calendar": "kit-primer",
         "kanban": "kit-bulma", "compose": "kit-uikit"}
ANNOTATED = {"checkout": {"card", "button", "heading"}, "profile": {"image", "tab", "button", "heading"},
             "chat": {"list_item", "text_input", "icon_button"},
             "calendar": {"button", "tab", "heading", "icon_button"},
             "kanban": {"card", "heading", "badge", "button"}, "compose": {"text_input", "button", "icon_button"}}


@pytest.mark.browser
@pytest.mark.parametrize("name", FAMILIES)
def test_family_renders_annotated(web_renderer, name):
    layout = generate(name, 7, "en_US", "desktop")
    factors = make_factors("web", viewport_w=1280, viewport_h=800)
    out, pixels, ann = render_annotated("web", web_renderer, layout, STYLE[name], factors)
    check_invariants(layout, out, pixels, ann)
    classes = {e.cls for e in ann.elements}
    assert ANNOTATED[name] <= classes, ANNOTATED[name] - classes
    by_id = {int(n.id[1:]): n for n in nodes(layout)}
    named = [e for e in ann.elements if e.cls in ("button", "tab", "heading", "link")]
    # (as drawn: some kits upper-case their buttons with text-transform)
    assert named and all(" ".join(e.text.split()).casefold() == by_id[e.id].text.casefold() for e in named)
