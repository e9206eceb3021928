"""kit-shoelace (renderers/web/styles/kit_shoelace.py): Shoelace's own web components, rendered before capture, each
annotated as the class it draws (a field's host as the native field in its shadow tree), its theme and accent from
Shoelace's tokens, its icons from the page's icon set without a request leaving the page."""

from __future__ import annotations

import json

import pytest

from factory.core.check_labels import split
from factory.core.layout import Layout, Node
from renderers import RENDERERS
from tests.component_screen import body, n, navbar
from tests.invariants import check_invariants, make_factors, render_annotated

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
    bar = navbar()
    tabs = Node("n6", "row", intent={"kind": "tabs"}, children=(
        n(7, "tab", "Mail", state={"selected": True}), n(8, "tab", "Files")))
    row = Node("n17", "row", intent={"gap": 2}, children=(
        n(18, "badge", "7", tone="info"), n(19, "badge", "Active", tone="success"), n(20, "icon", icon="star"),
        n(21, "button", "Save", variant="primary"), n(22, "button", "Cancel", variant="secondary"),
        n(25, "switch", "Wi-Fi", state={"checked": True}), n(26, "checkbox", "Remember me")))
    menu = Node("n23", "column", children=(n(24, "menu_item", "Home", icon="home", state={"selected": True}),
                                           n(27, "menu_item", "Reports", icon="chart")))
    root = Node("n0", "screen", intent={"direction": "column"}, children=(bar, tabs, body(row, menu)))
    return split(Layout("handmade", root, "en_US", "desktop"))


@pytest.mark.browser
def test_components_are_annotated_as_drawn_in_the_accent_and_theme(web_renderer):
    layout = _layout()
    factors = make_factors("web", theme="dark", accent="violet", font_family="kit", viewport_w=1024, viewport_h=900)
    out, pixels, ann = render_annotated("web", web_renderer, layout, STYLE, factors)
    check_invariants(layout, out, pixels, ann)
    got = {f"n{e.id}": e for e in ann.elements}
    want = {"n1": "toolbar", "n3": "heading", "n4": "icon_button", "n5": "image", "n7": "tab", "n8": "tab",
            "n10": "text_input", "n11": "text_input", "n12": "spinbox", "n13": "date_picker", "n14": "dropdown",
            "n15": "slider", "n16": "progress_bar", "n18": "badge", "n19": "badge", "n20": "icon", "n21": "button",
            "n22": "button", "n24": "menu_item", "n25": "switch", "n26": "checkbox", "n27": "menu_item"}
    assert {k: got[k].cls if k in got else None for k in want} == want
    source = {k: got[k].source_type for k in ("n10", "n12", "n13", "n14", "n21", "n25")}
    assert source == {"n10": "sl-input[type=email]", "n12": "sl-input[type=number]", "n13": "sl-input[type=date]",
                      "n14": "sl-select[role=combobox]", "n21": "sl-button[role=button]",
                      "n25": "sl-switch[role=switch]"}
    # a field's words are its value or placeholder (in its shadow tree), a select's the label of its option
    assert (got["n10"].text, got["n11"].text, got["n12"].text, got["n14"].text) == ("Email", "Ec", "3", "Newest")
    assert (got["n10"].state["filled"], got["n11"].state["filled"], got["n11"].state["focused"]) == (False, True, True)
    assert got["n14"].state["filled"] is None and got["n14"].state["expanded"] is False
    assert [got[k].state["selected"] for k in ("n7", "n8", "n24", "n27")] == [True, False, True, None]
    assert (got["n25"].state["checked"], got["n26"].state["checked"]) == (True, False)
    # the switch and the checkbox are boxed by the part that draws them, their words a text of their own beside it
    nodes = {node.id: node for node, _ in layout.nodes()}
    for control in ("n25", "n26"):
        box, label = got[control].bbox, got[nodes[control].props["label"]]
        assert label.cls == "text" and label.text == nodes[control].text and box[2] <= 50 and box[3] <= 30, (box, label)
        assert label.bbox[0] >= box[0] + box[2] - 1, (box, label.bbox)  # the words right of the drawn control
    page = web_renderer._page_entry[1]
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
