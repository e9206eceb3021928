"""The desktop renderer and annotator against real Qt widgets: invariants for every style and grammar,
determinism, clear errors, and boxes that match the pixels."""

from __future__ import annotations

from functools import partial

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from factory.config import RenderConfig
from factory.core.layout import Layout, Node
from factory.sample import make_layout
from renderers import RENDERERS
from renderers.base import RendererError
from tests.invariants import check_invariants, make_factors, render_annotated

pytestmark = pytest.mark.desktop
SPEC = RENDERERS.get("desktop")
STYLES = SPEC.styles.names()
GRAMMARS = RenderConfig(renderer="desktop", style="fusion", count=1).grammar_names()


render = partial(render_annotated, "desktop")
factors = partial(make_factors, "desktop")


@settings(max_examples=16, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(0, 10**9), style=st.sampled_from(STYLES), grammar=st.sampled_from(GRAMMARS))
def test_annotation_invariants_property(desktop_renderer, index, style, grammar):
    cfg = RenderConfig(renderer="desktop", style=style, count=index + 1, grammars=(grammar,))
    _, layout, factors = make_layout(cfg, index)
    check_invariants(layout, *render(desktop_renderer, layout, style, factors), own_pixels=True)


def test_same_inputs_same_pixels_and_annotations(desktop_renderer):
    """Same bytes after other samples and after the periodic cache recycling (fonts re-registered)."""
    from renderers.desktop.renderer import recycle_caches

    cfg = RenderConfig(renderer="desktop", style="fluent", count=5, grammars=("mainwindow",), locales=("ja_JP",))
    _, layout, factors = make_layout(cfg, 3)
    a = render(desktop_renderer, layout, "fluent", factors)
    render(desktop_renderer, make_layout(cfg, 4)[1], "fluent", make_layout(cfg, 4)[2])  # other state between
    b = render(desktop_renderer, layout, "fluent", factors)
    recycle_caches()
    c = render(desktop_renderer, layout, "fluent", factors)
    assert a[0].image == b[0].image == c[0].image
    assert a[2].elements == b[2].elements == c[2].elements


def screen(*children: Node) -> Layout:
    return Layout("handmade", Node("n0", "screen", children=tuple(children), intent={"direction": "column"}),
                  "en_US", "desktop")


def test_unknown_role_names_renderer_and_role(desktop_renderer):
    with pytest.raises(RendererError, match="desktop renderer cannot draw role 'crosshair'"):
        desktop_renderer.render(screen(Node("n1", "crosshair")), SPEC.styles.get("fusion"), factors())


def test_markup_in_generated_text_is_shown_as_text(desktop_renderer):
    evil = '<b>bold</b> & <a href="x">link</a>'
    layout = screen(Node("n1", "text", text=evil), Node("n2", "button", text=evil), Node("n3", "link", text=evil))
    out, _, ann = render(desktop_renderer, layout, "fusion", factors())
    assert {e.cls: e.text for e in ann.elements} == {"text": evil, "button": evil, "link": evil}


def test_date_edits_show_the_layout_date_not_today(desktop_renderer):
    layout = screen(Node("n1", "date_picker", props={"value": "1999-12-31"}))
    for locale, shown in (("en_US", "12/31/99"), ("de_DE", "31.12.99"), ("ja_JP", "1999/12/31")):
        out, _, _ = render(desktop_renderer, layout, "fusion", factors(locale=locale))
        assert out.nodes["n1"].text == shown


def test_missing_font_package_is_named(monkeypatch):
    from renderers.desktop import fonts

    monkeypatch.setitem(fonts.FONT_FILES, "Noto Sans", ("fonts-noto-core", ("truetype/noto/NoSuchFont.ttf",)))
    with pytest.raises(RendererError, match="install the Debian package fonts-noto-core"):
        fonts.font_paths()
