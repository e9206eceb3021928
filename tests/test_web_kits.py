"""Web styles drawn by real CSS kits from npm (renderers/web/kit.py): listed, drawn with the kit's own CSS (not
unstyled HTML), offline, and refused with one clear message when the kit is not installed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from factory.cli import main
from factory.config import RenderConfig
from factory.core.errors import ConfigError
from factory.core.layout import Layout, Node
from factory.core.seeding import rng_for
from factory.core.styles import sample_factors
from renderers import RENDERERS
from renderers.web.kit import KITS_DIR, kit_version
from tests.conftest import run_factory
from tests.invariants import make_factors

SPEC = RENDERERS.get("web")
KIT_STYLES = SPEC.styles.names("kit-*")
# A few computed properties of a button, an input and a checkbox: a kit's CSS changes some of them.
PROBE_JS = """() => JSON.stringify(["n1", "n2", "n3"].map(id => {
  const cs = getComputedStyle(document.querySelector(`[data-nid="${id}"]`));
  return [cs.backgroundColor, cs.borderRadius, cs.paddingLeft, cs.fontFamily, cs.borderTopColor, cs.height];
}))"""


def _layout() -> Layout:
    root = Node("n0", "screen", intent={"direction": "column", "padding": True, "gap": 2}, children=(
        Node("n1", "button", text="Save", props={"variant": "primary"}),
        Node("n2", "text_input", props={"placeholder": "Email"}),
        Node("n3", "checkbox", text="Remember me", props={"state": {"checked": True}}),
    ))
    return Layout("handmade", root, "en_US", "desktop")


def test_kit_styles_are_registered_listed_and_pinned():
    assert len(KIT_STYLES) >= 3
    res = CliRunner().invoke(main, ["list", "--json"])
    assert res.exit_code == 0, res.output
    listed = json.loads(res.output)["renderers"]["web"]["styles"]
    for name in KIT_STYLES:
        kit = SPEC.styles.get(name).assets["kit"]
        assert name in listed and f"[npm {kit.package} {kit_version(kit.package)}]" in listed[name]
        assert kit_version(kit.package)[0].isdigit(), "every kit is pinned in renderers/web/kits/package-lock.json"


def test_a_style_without_a_dark_mode_is_never_drawn_dark():
    light_only = [s for s in map(SPEC.styles.get, SPEC.styles.names()) if tuple(s.themes) == ("light",)]
    for style in light_only:
        themes = {sample_factors(rng_for(i, "factors"), style, SPEC.viewports).theme for i in range(40)}
        assert themes == {"light"}, style.name


def test_missing_kit_files_exit_2_naming_make_setup(tmp_path: Path):
    env = {**os.environ, "COLUMNS": "120", "GUI_FACTORY_KITS": str(tmp_path / "no-kits")}
    out = tmp_path / "never"
    res = run_factory("render", "--style", KIT_STYLES[0], "--count", "2", "--out", str(out), env=env)
    assert res.returncode == 2, res.stderr
    assert "make setup" in res.stderr and "Traceback" not in res.stderr
    assert not out.exists(), "nothing is written when the kit is missing"


def test_config_check_names_the_missing_file(monkeypatch, tmp_path: Path):
    import renderers.web.kit as kit_module

    monkeypatch.setattr(kit_module, "KITS_DIR", tmp_path)
    with pytest.raises(ConfigError, match=r"missing.*run `make setup`"):
        RenderConfig(renderer="web", style=KIT_STYLES[0], count=1).validate()


@pytest.mark.browser
@pytest.mark.parametrize("style", KIT_STYLES)
def test_kit_css_is_loaded_offline_and_applied(web_renderer, style):
    """The page's stylesheets load from node_modules (no request blocked, each sheet present) and change what
    the components look like: without them the same page computes other styles."""
    assert KITS_DIR.is_dir(), "run `make setup`"
    kit_style = SPEC.styles.get(style)
    out = web_renderer.render(_layout(), kit_style, make_factors("web", accent=kit_style.accents[0]))
    assert out.blocked_requests == 0
    page = web_renderer._page_entry[1]  # the page just drawn (`_page()` would count a render and may recycle it)
    links = json.loads(page.evaluate("() => JSON.stringify([...document.querySelectorAll('link[rel=stylesheet]')]"
                                     ".map(l => [l.href, !!l.sheet, l.dataset.loaded || '']))"))
    assert links and all(sheet and loaded for _, sheet, loaded in links), links
    styled = page.evaluate(PROBE_JS)
    page.evaluate("() => { document.querySelectorAll('link[rel=stylesheet]').forEach(l => l.remove()); }")
    unstyled = page.evaluate(PROBE_JS)
    for kit_look, plain_look in zip(json.loads(styled), json.loads(unstyled)):
        assert kit_look != plain_look, f"{style}: the kit's CSS changed nothing"
