"""kit-mwc (renderers/web/styles/kit_mwc.py): Material Web's own web components, loaded offline through the page's
import map and rendered before capture, each annotated as the class it draws (a field's host as the native field in its
shadow tree, a checkbox, radio or switch by its element with its words beside it), its theme and seed colour from
Material's --md-sys-color-* tokens, nothing loaded from the network."""

from __future__ import annotations

import json

import pytest

from factory.core.check_labels import split
from factory.core.layout import Layout, Node
from renderers import RENDERERS
from renderers.web.kit import KITS_DIR, KITS_URL
from tests.component_screen import body, n, navbar
from tests.invariants import check_invariants, make_factors, render_annotated

SPEC = RENDERERS.get("web")
STYLE = SPEC.styles.get("kit-mwc")
KIT = STYLE.assets["kit"]
ROOT = "@material/web"


def test_theme_accent_files_and_import_map():
    assert KIT.html_attrs("dark", "filled-teal") == 'class="gf-md-dark gf-md-teal gf-md-filled"'
    assert KIT.html_attrs("light", "outlined-baseline") == 'class="gf-md-baseline gf-md-outlined"'
    assert KIT.links("outlined-blue") == ["https://fonts.googleapis.com/css?family=Roboto:400,700",
                                          f"{KITS_URL}{ROOT}/typography/md-typescale-styles.css"]
    assert f"{KITS_URL}{ROOT}/button/filled-button.js" in KIT.script_links()
    assert {f"{ROOT}/checkbox/checkbox.js", "lit/index.js", "tslib/tslib.es6.mjs"} <= set(KIT.files()), \
        "check_installed looks for the element modules and the import map's files"
    imports = json.loads(KIT.import_map_json())["imports"]
    assert imports["lit"] == f"{KITS_URL}lit/index.js" and imports["lit/"] == f"{KITS_URL}lit/"
    for spec, path in imports.items():  # every address the map names is a file or directory of the pinned install
        local = KITS_DIR / path.removeprefix(KITS_URL)
        assert local.is_dir() if spec.endswith("/") else local.is_file(), (spec, local)
    assert set(STYLE.accents) == {f"{f}-{c}" for f in ("outlined", "filled")
                                  for c in ("baseline", "blue", "teal", "green", "orange", "pink", "indigo")}
    assert set(STYLE.themes) == {"light", "dark"}
    assert set(STYLE.form_factors) == {"desktop", "mobile"}, "a web-app look, not phone-only"
    assert "html.gf-md-teal.gf-md-dark{--md-sys-color-primary:" in KIT.css


def test_every_bare_import_of_the_loaded_modules_is_in_the_import_map():
    """The modules the page imports, followed through their imports, name no bare specifier the map lacks (the
    browser would refuse the module graph, and no element would be defined)."""
    import re

    imports = json.loads(KIT.import_map_json())["imports"]
    found = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']""")

    def resolve(spec: str, base: str) -> str:
        if spec.startswith("."):
            return str((KITS_DIR / base).parent.joinpath(spec).resolve().relative_to(KITS_DIR.resolve()))
        if spec in imports:
            return imports[spec].removeprefix(KITS_URL)
        prefix = max((p for p in imports if p.endswith("/") and spec.startswith(p)), key=len, default=None)
        assert prefix is not None, f"{base} imports {spec!r}, which the import map does not resolve"
        return imports[prefix].removeprefix(KITS_URL) + spec[len(prefix):]

    todo, seen = list(KIT.scripts), set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        text = (KITS_DIR / path).read_text(encoding="utf-8")
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        todo += [resolve(spec, path) for spec in found.findall(text) if not spec.startswith(("http:", "https:"))]
    assert len(seen) > 100 and "lit-html/lit-html.js" in seen and "@lit/reactive-element/reactive-element.js" in seen


def _layout() -> Layout:
    bar = navbar()
    tabs = Node("n6", "row", intent={"kind": "tabs"}, children=(
        n(7, "tab", "Mail"), n(8, "tab", "Files", state={"selected": True})))
    row = Node("n17", "row", intent={"gap": 2}, children=(
        n(18, "badge", "7", tone="info"), n(19, "badge", "Active", tone="success"), n(20, "icon", icon="star"),
        n(21, "button", "Save", variant="primary"), n(22, "button", "Cancel", variant="secondary"),
        n(25, "switch", "Wi-Fi", state={"checked": True}), n(26, "checkbox", "Remember me"),
        n(28, "radio", "Daily", state={"checked": True}), n(29, "link", "Help")))
    menu = Node("n23", "column", children=(n(24, "menu_item", "Home", icon="home", state={"selected": True}),
                                           n(27, "menu_item", "Reports", icon="chart")))
    items = Node("n30", "column", children=(
        Node("n31", "list_item", props={"state": {"selected": True}}, children=(n(32, "text", "Ada"),)),
        Node("n33", "list_item", children=(n(34, "text", "Grace"),))))
    card = Node("n35", "card", children=(n(36, "text_input", input_type="password", placeholder="Password",
                                                state={"invalid": True}),))
    root = Node("n0", "screen", intent={"direction": "column"}, children=(bar, tabs, body(row, menu, items, card)))
    return split(Layout("handmade", root, "en_US", "desktop"))


@pytest.mark.browser
def test_components_are_annotated_as_drawn_in_the_accent_and_theme(web_renderer):
    layout = _layout()
    factors = make_factors("web", theme="dark", accent="filled-teal", font_family="kit", viewport_w=1024,
                           viewport_h=1100)
    out, pixels, ann = render_annotated("web", web_renderer, layout, STYLE, factors)
    check_invariants(layout, out, pixels, ann)
    got = {f"n{e.id}": e for e in ann.elements}
    want = {"n1": "toolbar", "n3": "heading", "n4": "icon_button", "n5": "image", "n7": "tab", "n8": "tab",
            "n10": "text_input", "n11": "text_input", "n12": "spinbox", "n13": "date_picker", "n14": "dropdown",
            "n15": "slider", "n16": "progress_bar", "n18": "badge", "n19": "badge", "n20": "icon", "n21": "button",
            "n22": "button", "n24": "menu_item", "n25": "switch", "n26": "checkbox", "n27": "menu_item",
            "n28": "radio", "n29": "link", "n31": "list_item", "n33": "list_item", "n35": "card", "n36": "text_input"}
    assert {k: got[k].cls if k in got else None for k in want} == want
    source = {k: got[k].source_type for k in ("n10", "n12", "n13", "n14", "n21", "n22", "n25", "n31", "n35", "n36")}
    assert source == {"n10": "md-filled-text-field[type=email]", "n12": "md-filled-text-field[type=number]",
                      "n13": "md-filled-text-field[type=date]", "n14": "md-filled-select[role=combobox]",
                      "n21": "md-filled-button[role=button]", "n22": "md-outlined-button[role=button]",
                      "n25": "label[role=switch]", "n31": "md-list-item[role=listitem]",
                      "n35": "md-elevated-card[role=region]", "n36": "md-filled-text-field[type=password]"}
    # a field's words are its value or placeholder (in its shadow tree), a select's the label of its option
    assert [got[k].text for k in ("n10", "n11", "n12", "n13", "n14", "n19", "n29", "n36")] == [
        "Email", "Ec", "3", "2024-03-15", "Newest", "Active", "Help", "Password"]
    assert (got["n10"].state["filled"], got["n11"].state["filled"], got["n11"].state["focused"]) == (False, True, True)
    assert got["n14"].state["filled"] is None and got["n14"].state["expanded"] is False
    assert (got["n36"].state["invalid"], got["n10"].state["invalid"]) == (True, False)
    # md-tabs shows the tab the layout selects (not its first); a menu item and a list item keep their selection
    assert [got[k].state["selected"] for k in ("n7", "n8", "n24", "n27", "n31", "n33")] == [
        False, True, True, None, True, False]
    assert [got[k].state["checked"] for k in ("n25", "n26", "n28")] == [True, False, True]
    # controls are boxed by the element that draws them (the square, circle or track), their words a text beside it
    nodes = {node.id: node for node, _ in layout.nodes()}
    sizes = {"n25": (52, 32), "n26": (18, 18), "n28": (20, 20)}
    for control, size in sizes.items():
        box, label = got[control].bbox, got[nodes[control].props["label"]]
        assert all(abs(a - b) <= 1 for a, b in zip(box[2:], size)), (control, box)  # whole pixels of a subpixel box
        assert label.cls == "text" and label.text == nodes[control].text, label
        assert box[0] + box[2] <= label.bbox[0] <= box[0] + box[2] + 20, (box, label.bbox)
    page = web_renderer._page_entry.page
    probe = json.loads(page.evaluate("""() => {
      const cs = getComputedStyle(document.documentElement);
      const roots = [document];
      for (let i = 0; i < roots.length; i++)
        for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
      const md = roots.flatMap(r => [...r.querySelectorAll('*')]).filter(el => el.localName.startsWith('md-'));
      const tabs = document.querySelector('md-tabs');
      const indicator = document.querySelector('[data-nid=n8]').shadowRoot.querySelector('.indicator');
      const button = document.querySelector('[data-nid=n21]').shadowRoot.querySelector('.background')
        || document.querySelector('[data-nid=n21]').shadowRoot.querySelector('button');
      return JSON.stringify({
        primary: cs.getPropertyValue('--md-sys-color-primary').trim(),
        background: getComputedStyle(document.querySelector('.gf-screen')).backgroundColor,
        undefined: [...new Set(md.map(el => el.localName))].filter(t => !customElements.get(t)),
        pending: md.filter(el => el.isUpdatePending || el.hasUpdated === false).map(el => el.localName),
        active: tabs.activeTabIndex, indicator: getComputedStyle(indicator).opacity,
        font: getComputedStyle(document.querySelector('[data-nid=n21]')).fontFamily,
        animations: document.getAnimations().filter(a => a.playState === 'running').length});
    }"""))
    assert probe["primary"] == "#80d5d4", probe  # teal's dark scheme (kit_mwc_colors.css)
    assert probe["background"] == "rgb(14, 21, 20)", probe  # its dark surface
    assert probe["undefined"] == [] and probe["pending"] == [], probe
    assert probe["active"] == 1 and probe["indicator"] == "1", probe
    assert probe["animations"] == 0, probe
    assert out.blocked_requests == 0


@pytest.mark.browser
def test_light_outlined_page_and_a_row_of_tabs_without_a_selected_one(web_renderer):
    """Light theme on the outlined variant: outlined fields and cards in the seed's light scheme; a row of tabs of
    which the layout selects none is drawn without md-tabs (which would select its first): none is selected."""
    tabs = Node("n6", "row", intent={"kind": "tabs"}, children=(n(7, "tab", "Mail"), n(8, "tab", "Files")))
    root = Node("n0", "screen", intent={"direction": "column"}, children=(
        tabs, Node("n9", "column", intent={"padding": True, "gap": 2}, children=(
            n(10, "text_input", placeholder="Name"), Node("n11", "card", children=(n(12, "text", "Hello"),))))))
    layout = Layout("handmade", root, "en_US", "desktop")
    factors = make_factors("web", theme="light", accent="outlined-blue", font_family="kit")
    out, pixels, ann = render_annotated("web", web_renderer, layout, STYLE, factors)
    check_invariants(layout, out, pixels, ann)
    got = {f"n{e.id}": e for e in ann.elements}
    assert (got["n10"].source_type, got["n11"].source_type) == ("md-outlined-text-field[type=text]",
                                                                "md-outlined-card[role=region]")
    assert [got[k].state["selected"] for k in ("n7", "n8")] == [False, False]
    page = web_renderer._page_entry.page
    primary, tabs_el, active = page.evaluate(
        "() => [getComputedStyle(document.documentElement).getPropertyValue('--md-sys-color-primary').trim(),"
        " !!document.querySelector('md-tabs'), [...document.querySelectorAll('md-primary-tab')].map(t => t.active)]")
    assert (primary, tabs_el, active) == ("#495d92", False, [False, False])
    assert out.blocked_requests == 0
