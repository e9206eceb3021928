"""kit-fluentwc (renderers/web/styles/kit_fluentwc.py): Fluent UI's own web components, rendered before capture, each
annotated as the class it draws (a field's host as the native field in its shadow tree), its theme and accent from
Fluent's design tokens, nothing loaded from the network."""

from __future__ import annotations

import json

import pytest

from factory.core.check_labels import split
from factory.core.layout import Layout, Node
from renderers import RENDERERS
from tests.component_screen import (CLASSES, body, check_controls_beside_words, check_fields, draw, menu, n, navbar,
                                    row, tabs)

SPEC = RENDERERS.get("web")
STYLE = SPEC.styles.get("kit-fluentwc")
KIT = STYLE.assets["kit"]
BUNDLE = "@fluentui/web-components/dist/web-components.min.js"


def test_theme_accent_and_files():
    assert KIT.html_attrs("dark", "purple") == 'class="gf-fw-dark gf-fw-purple"'
    assert KIT.html_attrs("light", "blue") == 'class="gf-fw-blue"'
    assert KIT.links("blue") == ["https://fonts.googleapis.com/css?family=Roboto:400,700"], "no sheets: tokens in JS"
    assert KIT.script_links() == [f"https://kits.gui-factory.invalid/{BUNDLE}"]
    assert BUNDLE in KIT.files(), "check_installed looks for the bundle"
    assert set(STYLE.accents) == {"blue", "purple", "teal", "green", "orange", "red", "magenta"}
    assert set(STYLE.themes) == {"light", "dark"}
    assert set(STYLE.form_factors) == {"desktop", "mobile"}, "a web-app look, not phone-only"
    assert "html.gf-fw-purple { --gf-fw-accent: #8764b8; }" in KIT.css


def _layout() -> Layout:
    more = (n(28, "radio", "Daily", state={"checked": True}), n(29, "link", "Help"))
    table = Node("n30", "table", children=(
        Node("n31", "list_item", props={"header": True, "cells": True},
             children=(n(32, "text", "Name"), n(33, "text", "Status"))),
        Node("n34", "list_item", props={"cells": True, "state": {"selected": True}},
             children=(n(35, "text", "Ada"), n(36, "badge", "New", tone="info"))),
        Node("n37", "list_item", props={"cells": True}, children=(n(38, "text", "Grace"), n(39, "text", "Away")))))
    root = Node("n0", "screen", intent={"direction": "column"},
                children=(navbar(), tabs(8), body(row(*more), menu(), table)))
    return split(Layout("handmade", root, "en_US", "desktop"))


@pytest.mark.browser
def test_components_are_annotated_as_drawn_in_the_accent_and_theme(web_renderer):
    layout = _layout()
    out, got = draw(web_renderer, layout, STYLE, theme="dark", accent="purple", viewport_w=1024, viewport_h=1000)
    want = {**CLASSES, "n28": "radio", "n29": "link", "n30": "table", "n34": "list_item", "n37": "list_item",
            "n36": "badge"}
    assert {k: got[k].cls if k in got else None for k in want} == want
    source = {k: got[k].source_type for k in ("n10", "n11", "n12", "n13", "n14", "n21", "n25", "n30", "n34")}
    assert source == {"n10": "fluent-text-field[type=email]", "n11": "fluent-search[type=search]",
                      "n12": "fluent-number-field[role=spinbutton]", "n13": "fluent-text-field[type=date]",
                      "n14": "fluent-select[role=combobox]", "n21": "fluent-button[role=button]",
                      "n25": "fluent-switch[role=switch]", "n30": "fluent-data-grid[role=grid]",
                      "n34": "fluent-data-grid-row[role=row]"}
    check_fields(got)  # the words in a field's shadow tree, a select's the label it shows
    assert (got["n13"].text, got["n29"].text) == ("2024-03-15", "Help")
    assert got["n14"].state["filled"] is None and got["n14"].state["expanded"] is False
    # fluent-tabs selects the tab the layout selects (not its first), a menu item and a row keep their selection
    assert [got[k].state["selected"] for k in ("n7", "n8", "n24", "n27", "n34", "n37")] == [
        False, True, True, None, True, False]
    assert [got[k].state["checked"] for k in ("n25", "n26", "n28")] == [True, False, True]
    # the words after a checkbox's or radio's control and after a switch's track (Fluent's template puts a switch's
    # label first; kit_fluentwc.css orders it after, as the other kits draw it)
    check_controls_beside_words(got, layout, ("n25", "n26", "n28"), max_w=50, max_h=30)
    # rows of the grid stacked under its header, inside it
    grid = got["n30"].bbox
    assert grid[1] < got["n34"].bbox[1] < got["n37"].bbox[1] < grid[1] + grid[3], (grid, got["n34"].bbox)
    page = web_renderer._page_entry.page
    probe = json.loads(page.evaluate("""() => {
      const body = getComputedStyle(document.body);
      const roots = [document];
      for (let i = 0; i < roots.length; i++)
        for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
      const tags = roots.flatMap(r => [...r.querySelectorAll('*')]).map(el => el.localName)
        .filter(t => t.startsWith('fluent-'));
      const tabs = document.querySelector('fluent-tabs'), tab = document.querySelector('[data-nid=n8]');
      const bar = document.querySelector('[data-nid=n1]'), stealth = document.querySelector('[data-nid=n4]');
      return JSON.stringify({
        base: body.getPropertyValue('--accent-base-color').trim(), fill: body.getPropertyValue('--fill-color').trim(),
        background: getComputedStyle(document.querySelector('.gf-screen')).backgroundColor,
        undefined: [...new Set(tags)].filter(t => !customElements.get(t)),
        hostDensity: getComputedStyle(document.querySelector('fluent-button')).getPropertyValue('--density').trim(),
        space: getComputedStyle(document.querySelector('[data-nid=n9]')).rowGap,
        indicator: tabs.activeIndicatorRef.getBoundingClientRect().x, tabBox: tab.getBoundingClientRect().toJSON(),
        bar: getComputedStyle(bar).backgroundColor,
        button: getComputedStyle(stealth.shadowRoot.querySelector('.control')).backgroundColor});
    }"""))
    assert probe["base"] == "#8764b8" and probe["fill"] == "#272727", probe  # the accent, the dark layer
    assert probe["background"] == "rgb(39, 39, 39)", probe
    assert probe["undefined"] == [], probe
    # Fluent's own density (0) in its components, the page's spacing from ours (gap 2 = 16 px x density 1)
    assert probe["hostDensity"] == "0" and probe["space"] == "16px", probe
    # the active indicator under the selected tab, a stealth button on a bar of the bar's colour
    box = probe["tabBox"]
    assert box["x"] <= probe["indicator"] <= box["x"] + box["width"], probe
    assert probe["bar"] == probe["button"] != probe["background"], probe
    assert out.blocked_requests == 0


@pytest.mark.browser
def test_light_theme_and_the_stock_accent(web_renderer):
    draw(web_renderer, _layout(), STYLE, theme="light", accent="blue")
    page = web_renderer._page_entry.page
    base, fill = page.evaluate("() => { const cs = getComputedStyle(document.body);"
                               " return [cs.getPropertyValue('--accent-base-color').trim(),"
                               " cs.getPropertyValue('--fill-color').trim()]; }")
    assert (base, fill) == ("#0078d4", "#fbfbfb")
