"""kit-shoelace (renderers/web/styles/kit_shoelace.py): Shoelace's own web components, rendered before capture, each
annotated as the class it draws (a field's host as the native field in its shadow tree), its theme and accent from
Shoelace's tokens, its icons from the page's icon set without a request leaving the page."""

from __future__ import annotations

import json

import pytest

from factory.core.check_labels import split
from factory.core.layout import Layout, Node
from renderers import RENDERERS
from tests.component_screen import (CLASSES, body, check_controls_beside_words, check_fields, draw, menu, navbar, row,
                                    tabs)

SPEC = RENDERERS.get("web")
STYLE = SPEC.styles.get("kit-shoelace")
KIT = STYLE.assets["kit"]
ROOT = "@shoelace-style/shoelace/cdn"


def test_theme_accent_and_files():
    assert KIT.html_attrs("dark", "violet") == 'class="sl-theme-dark gf-sl-violet"'
    assert KIT.html_attrs("light", "sky") == 'class="gf-sl-sky"'
    sheets = [link.rsplit("/", 2)[-2:] for link in KIT.links("sky")[1:]]  # after Roboto's
    assert sheets == [["themes", "light.css"], ["themes", "dark.css"]]
    assert KIT.script_links() == [f"https://kits.gui-factory.invalid/{ROOT}/shoelace-autoloader.js"]
    assert f"{ROOT}/shoelace-autoloader.js" in KIT.files(), "check_installed looks for the autoloader too"
    assert set(STYLE.accents) == {"sky", "indigo", "violet", "teal", "emerald", "rose", "orange"}
    assert set(STYLE.form_factors) == {"desktop", "mobile"}, "a web-app look, not phone-only"
    assert "html.gf-sl-violet { --sl-color-primary-50: var(--sl-color-violet-50);" in KIT.css


def _layout() -> Layout:
    root = Node("n0", "screen", intent={"direction": "column"}, children=(navbar(), tabs(7), body(row(), menu())))
    return split(Layout("handmade", root, "en_US", "desktop"))


@pytest.mark.browser
def test_components_are_annotated_as_drawn_in_the_accent_and_theme(web_renderer):
    layout = _layout()
    out, got = draw(web_renderer, layout, STYLE, theme="dark", accent="violet", viewport_w=1024, viewport_h=900)
    assert {k: got[k].cls if k in got else None for k in CLASSES} == CLASSES
    source = {k: got[k].source_type for k in ("n10", "n12", "n13", "n14", "n21", "n25")}
    assert source == {"n10": "sl-input[type=email]", "n12": "sl-input[type=number]", "n13": "sl-input[type=date]",
                      "n14": "sl-select[role=combobox]", "n21": "sl-button[role=button]",
                      "n25": "sl-switch[role=switch]"}
    check_fields(got)  # the words in a field's shadow tree, a select's the label of its option
    assert got["n14"].state["filled"] is None and got["n14"].state["expanded"] is False
    assert [got[k].state["selected"] for k in ("n7", "n8", "n24", "n27")] == [True, False, True, None]
    assert (got["n25"].state["checked"], got["n26"].state["checked"]) == (True, False)
    check_controls_beside_words(got, layout, ("n25", "n26"), max_w=50, max_h=30)
    page = web_renderer._page_entry.page
    probe = json.loads(page.evaluate("""() => {
      const cs = getComputedStyle(document.documentElement);
      const roots = [document];
      for (let i = 0; i < roots.length; i++)
        for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
      const tags = roots.flatMap(r => [...r.querySelectorAll('*')]).map(el => el.localName)
        .filter(t => t.startsWith('sl-'));
      const icons = roots.flatMap(r => [...r.querySelectorAll('sl-icon')]);
      return JSON.stringify({
        primary: cs.getPropertyValue('--sl-color-primary-600').trim(),
        violet: cs.getPropertyValue('--sl-color-violet-600').trim(),
        dark: document.documentElement.classList.contains('sl-theme-dark'),
        background: getComputedStyle(document.querySelector('.gf-screen')).backgroundColor,
        undefined: [...new Set(tags)].filter(t => !customElements.get(t)),
        blank: icons.filter(el => !el.shadowRoot.querySelector('svg')).length, icons: icons.length,
        sources: [...new Set(icons.map(el => (el.getAttribute('src') || 'system:').split(',')[0]))]});
    }"""))
    assert probe["primary"] == probe["violet"] != "", probe
    assert probe["dark"] and probe["background"] == "rgb(26, 26, 30)", probe  # the dark theme's neutral-0
    assert probe["undefined"] == [] and probe["icons"] >= 3 and probe["blank"] == 0, probe
    assert set(probe["sources"]) <= {"data:image/svg+xml", "system:"}, probe  # our icon set's SVG, or Shoelace's own
    assert out.blocked_requests == 0
