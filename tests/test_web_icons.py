"""Real icon sets on web pages (renderers.web.icons, icon_sets) and right-to-left locales: names resolve in every
set, hostile SVG is refused, a page draws from one set, icons are annotated from the DOM, rtl pages mirror."""

from __future__ import annotations

import json
import os
import re
from functools import partial

import pytest

from factory.config import RenderConfig
from factory.core.content import LOCALES, RTL_LOCALES, _ui_strings
from factory.core.errors import ConfigError, DataError
from factory.core.layout import Layout, Node
from factory.core.styles import Factors
from factory.grammars.rules import ICONS
from factory.sample import make_layout
from renderers import RENDERERS
from renderers.web.html import icon_set_of, page_html
from renderers.web.icon_sets import SETS, VOCABULARY, IconSet
from renderers.web.icons import font_links, icon_svg, sanitise_svg
from renderers.web.kit import KITS_DIR
from renderers.web.styles import WEB_STYLES
from tests.conftest import run_factory
from tests.invariants import make_factors, render_annotated

render = partial(render_annotated, "web")
SET_OF_ICON = re.compile(r'<(?:svg|i)[^>]* data-icon-set="([a-z]+)"')
COMBOS = {(s.name, font) for s in SETS.values() for font in ((False, True) if s.font else (False,))}


def test_every_semantic_name_resolves_in_every_set():
    used = {*ICONS, "check", "chevron-down", "chevron-left", "back", "forward", "up", "refresh"}  # grammars, templates
    assert used <= set(VOCABULARY)
    assert len(SETS) >= 3
    for name in VOCABULARY:
        files = {}
        for s in SETS.values():
            svg = icon_svg(name, icon_set=s.name)
            assert svg.startswith("<svg") and f'data-icon-set="{s.name}"' in svg, (name, s.name)
            assert re.search(r"^<svg[^>]*><(path|circle|ellipse|rect|line|polyline|polygon|g) ", svg), (name, s.name)
            files[s.name] = s.file_for(name)
        assert all(files.values()), name
    with pytest.raises(ValueError, match="unknown icon"):
        icon_svg("no-such-icon")


def test_icon_sets_are_permissively_licensed():
    """MIT, ISC or Apache-2.0 in package.json and in the licence file itself (remixicon 4.8+ ships its own)."""
    heads = {"MIT": "MIT License", "ISC": "ISC License", "Apache-2.0": "Apache License"}
    for s in SETS.values():
        pkg = KITS_DIR / s.package
        assert json.loads((pkg / "package.json").read_text())["license"] == s.licence, s.name
        text = next(p for p in pkg.iterdir() if p.name.lower().startswith("licen")).read_text()
        assert heads[s.licence].lower() in text[:300].lower().replace("the mit license", "mit license"), s.name


def test_a_missing_name_falls_back_within_its_set():
    tabler = SETS["tabler"]
    thin = IconSet("thin", tabler.package, tabler.licence, tabler.pattern,
                   {k: v for k, v in tabler.files.items() if k != "chevron-left"})
    assert thin.file_for("chevron-left") == tabler.files["back"]  # the close name, in the same set
    assert IconSet("empty", "x", "MIT", "{}", {}).file_for("home") is None  # never another set's file


@pytest.mark.parametrize("hostile", [
    '<svg viewBox="0 0 24 24"><script>alert(1)</script></svg>',
    '<svg viewBox="0 0 24 24"><use href="https://evil.example/x.svg#a"/></svg>',
    '<svg xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 24 24"><path xlink:href="http://x/" d="M0 0"/></svg>',
    '<svg viewBox="0 0 24 24" onload="alert(1)"><path d="M0 0h1"/></svg>',
    '<svg viewBox="0 0 24 24"><path d="M0 0" fill="url(https://evil.example/p)"/></svg>',
    '<svg viewBox="0 0 24 24"><path style="fill: red" d="M0 0"/></svg>',
    '<svg viewBox="0 0 24 24"><foreignObject><div/></foreignObject></svg>',
    '<html><body/></html>',
    '<svg viewBox="0 0 24 24"><path d="M0 0"',
])
def test_sanitiser_refuses_hostile_svg(hostile):
    with pytest.raises(DataError, match="icon test"):
        sanitise_svg(hostile, "test")


def test_sanitiser_keeps_shapes_and_drops_classes():
    out = sanitise_svg('<svg xmlns="http://www.w3.org/2000/svg" class="x" width="16" viewBox="0 0 16 16" fill="none">'
                       '<g><circle cx="8" cy="8" r="3" class="c"/><path d="M1 1h2"/></g></svg>', "ok")
    assert out == ('<svg viewBox="0 0 16 16" fill="none"><g><circle cx="8" cy="8" r="3"></circle>'
                   '<path d="M1 1h2"></path></g></svg>')


def test_each_page_draws_its_icons_from_one_set():
    seen = set()
    for style in ("material", "kit-bootstrap5"):
        for index in range(12):
            _, layout, factors = make_layout(RenderConfig(renderer="web", style=style, count=12), index)
            html = page_html(layout, WEB_STYLES.get(style), factors)
            page_set = re.search(r'<html[^>]* data-icon-set="([a-z]+)"', html).group(1)
            name, font = icon_set_of(layout, factors)
            assert page_set == name
            assert set(SET_OF_ICON.findall(html)) <= {page_set}
            body = html[html.index("<body"):]
            assert ("<svg class=\"gf-glyph" if font else "<i class=\"gf-glyph") not in body  # font or SVG, never both
            assert (font_links(name, True)[0] in html) == font if SETS[name].font else True
            assert page_html(layout, WEB_STYLES.get(style), factors) == html  # the same set on every re-render
            after = Layout(layout.grammar, Node("n0", "screen"), layout.locale, layout.form_factor)
            assert icon_set_of(after, factors) == (name, font)  # an episode's next screen keeps its icon family
            seen.add((name, font))
    assert len({n for n, _ in seen}) >= 3 and (True in {f for _, f in seen}), seen  # pages differ in their set


def test_icon_fonts_have_every_glyph():
    for s in SETS.values():
        if s.font:
            css = (KITS_DIR / s.font[0]).read_text(encoding="utf-8")
            for file in s.files.values():
                assert re.search(rf"\.{s.font[1].split()[-1].format(re.escape(file))}:+before", css), (s.name, file)


def _icon_layout(tag: str, locale: str = "en_US") -> Layout:
    root = Node("n0", "screen", intent={"padding": True}, children=(
        Node("n1", "row", intent={"direction": "row", "gap": 2, "align": "center"}, children=(
            Node("n2", "icon_button", props={"icon": "bell", "label": "alerts"}),
            Node("n3", "icon", props={"icon": "home"}),
            Node("n4", "button", text=tag, props={"variant": "primary", "icon": "plus"}),
        )),
    ))
    return Layout("handmade", root, locale, "desktop")


def _layouts_per_set() -> dict[tuple[str, bool], tuple[Layout, Factors]]:
    """A handmade layout with factors that draw it with every set, as SVG and as font (vary the density)."""
    found: dict[tuple[str, bool], Factors] = {}
    layout = _icon_layout("Add")
    for i in range(400):
        factors = make_factors("web", density=1 + i / 1000)
        found.setdefault(icon_set_of(layout, factors), factors)
        if len(found) == len(COMBOS):
            return {k: (layout, f) for k, f in found.items()}
    raise AssertionError(f"only {sorted(found)} reached")


def test_icons_are_annotated_icon_and_icon_button_in_chromium(web_renderer):
    for style in ("material", "kit-pico"):
        for name, (layout, factors) in _layouts_per_set().items():
            out, pixels, ann = render(web_renderer, layout, style, factors)
            assert out.blocked_requests == 0, "an icon font's files load offline"
            classes = {e.id: e.cls for e in ann.elements}
            assert (classes.get(2), classes.get(3), classes.get(4)) == ("icon_button", "icon", "button"), (style, name)
            x, y, w, h = out.nodes["n3"].bbox
            glyph = pixels[int(y):int(y + h), int(x):int(x + w)]
            assert glyph.std() > 10, f"{name} icon drew nothing in {style}"


def test_rtl_page_mirrors(web_renderer):
    assert RTL_LOCALES <= set(LOCALES)
    for loc in RTL_LOCALES:
        assert set(_ui_strings()[loc]) == set(_ui_strings()["en_US"]), loc
    for style in ("material", "kit-bootstrap5"):
        for locale in ("he_IL", "ar_AA"):
            layout = _icon_layout("שמירה", locale)
            factors = make_factors("web", locale=locale)
            html = page_html(layout, WEB_STYLES.get(style), factors)
            assert re.search(r'<html lang="(he-IL|ar)" dir="rtl"', html), html[:300]
            if style == "kit-bootstrap5":
                assert "bootstrap.rtl.min.css" in html
            out, _, _ = render(web_renderer, layout, style, factors)
            first, last, row = out.nodes["n2"].bbox, out.nodes["n4"].bbox, out.nodes["n1"].bbox
            assert first[0] > last[0], "the row's first child sits right of its last"
            assert first[0] + first[2] > row[0] + row[2] - 4, "the first child sits at the row's right end"
    ltr = page_html(_icon_layout("Save"), WEB_STYLES.get("kit-bootstrap5"), make_factors("web"))
    assert 'dir="rtl"' not in re.search(r"<html[^>]*>", ltr).group(0) and "rtl.min.css" not in ltr


def test_renderers_without_rtl_refuse_rtl_locales():
    def config(renderer: str, *locales: str) -> RenderConfig:
        return RenderConfig(renderer=renderer, style=RENDERERS.get(renderer).default_style, count=1, locales=locales)

    config("web", "ar_AA", "he_IL").validate()
    with pytest.raises(ConfigError, match="right to left.*--renderer web"):
        config("desktop", "en_US", "he_IL").validate()
    with pytest.raises(ConfigError, match="right to left"):
        config("game", "ar_AA").validate()


def test_missing_icon_sets_exit_2_naming_make_setup(tmp_path):
    env = {**os.environ, "COLUMNS": "120", "GUI_FACTORY_KITS": str(tmp_path / "no-kits")}
    out = tmp_path / "never"
    res = run_factory("render", "--style", "material", "--count", "2", "--out", str(out), env=env)
    assert res.returncode == 2, res.stderr
    assert "draw icons from the npm package" in res.stderr and "make setup" in res.stderr
    assert "Traceback" not in res.stderr and not out.exists()
