"""kit-carbon (renderers/web/styles/kit_carbon.py): IBM Carbon's compiled CSS and cds-- markup, each component annotated
as the class it draws (a field by its <input>, a toggle and a checkbox by the part that draws them), its four themes
picked by theme and accent, its IBM Plex font served offline from the pinned @ibm/plex-* packages."""

from __future__ import annotations

import json
import re

import pytest

from factory.core.check_labels import split
from factory.core.layout import Layout, Node
from renderers import RENDERERS
from renderers.web.kit import KITS_DIR, KITS_ROOT
from tests.component_screen import (CLASSES, body, check_controls_beside_words, check_fields, draw, menu, n, navbar,
                                    row, tabs)

SPEC = RENDERERS.get("web")
STYLE = SPEC.styles.get("kit-carbon")
KIT = STYLE.assets["kit"]
# the page background of each Carbon theme (its --cds-background): white, gray 10, gray 90, gray 100
BACKGROUND = {"cds--white": "rgb(255, 255, 255)", "cds--g10": "rgb(244, 244, 244)", "cds--g90": "rgb(38, 38, 38)",
              "cds--g100": "rgb(22, 22, 22)"}


def test_theme_classes_accents_and_files():
    assert set(STYLE.themes) == {"light", "dark"} and set(STYLE.form_factors) == {"desktop", "mobile"}
    assert set(STYLE.accents) == {"white-g100", "g10-g90"}
    assert KIT.html_attrs("light", "white-g100") == 'class="cds--white"'
    assert KIT.html_attrs("dark", "white-g100") == 'class="cds--g100"'
    assert KIT.html_attrs("light", "g10-g90") == 'class="cds--g10"'
    assert KIT.html_attrs("dark", "g10-g90") == 'class="cds--g90"'
    assert KIT.files() == ("@carbon/styles/css/styles.min.css",)


def test_every_font_the_css_names_is_served_from_a_pinned_package():
    """Carbon's @font-face rules name IBM's CDN: each address maps to a file of an installed @ibm/plex-* package."""
    css = (KITS_DIR / KIT.stylesheets[0]).read_text(encoding="utf-8")
    urls = set(re.findall(r"url\((https?://[^)]+)\)", css))
    assert len(urls) >= 30 and any("IBM-Plex-Sans/" in u for u in urls)
    unserved = [u for u in urls if not any(u.startswith(p) and (KITS_DIR / d / u[len(p):]).is_file()
                                           for p, d in KIT.cdn_mirrors.items())]
    assert unserved == []
    # every url() is one of those addresses: none is relative (into @carbon/styles, or @ibm/plex beside it)
    assert len(re.findall(r"url\(https?://", css)) == css.count("url(")


def test_the_full_plex_package_is_an_alias_of_plex_sans():
    """@carbon/styles depends on @ibm/plex (every Plex family in every format, 203 MB unpacked, a 170 MB download),
    which nothing we draw loads: the kits' package.json overrides it with @ibm/plex-sans (4.4 MB, already pinned)."""
    lock = json.loads((KITS_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    plex = {p: e for p, e in lock["packages"].items() if p.endswith("node_modules/@ibm/plex")}
    assert plex and all(e.get("name") == "@ibm/plex-sans" for e in plex.values()), plex


def test_a_missing_plex_package_is_named(monkeypatch, tmp_path):
    import renderers.web.kit as kit_module
    from factory.core.errors import ConfigError

    (tmp_path / "@carbon/styles/css").mkdir(parents=True)
    (tmp_path / "@carbon/styles/css/styles.min.css").write_text("")
    monkeypatch.setattr(kit_module, "KITS_DIR", tmp_path)
    with pytest.raises(ConfigError, match=r"@ibm/plex-.*run `make setup`"):
        kit_module.check_installed(KIT, "kit-carbon")


def _layout() -> Layout:
    spam = n(28, "tab", "Spam", state={"disabled": True})
    more = (n(29, "radio", "Daily", state={"checked": True}), n(30, "switch", "Sync"))
    side = Node("n31", "toolbar", props={"kind": "sidebar"}, children=(menu(),))
    main = Node("n33", "row", intent={"weight": 1, "align": "stretch"}, children=(side, body(
        row(*more, cancel_state={"disabled": True}),
        n(32, "text_input", placeholder="Name", value="x", state={"invalid": True}))))
    root = Node("n0", "screen", intent={"direction": "column"}, children=(navbar(), tabs(7, spam), main))
    return split(Layout("handmade", root, "en_US", "desktop"))


PROBE = """() => {
  const html = document.documentElement, screen = document.querySelector('.gf-screen');
  const plex = [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'IBM Plex Sans' && f.status === 'loaded');
  return JSON.stringify({
    theme: [...html.classList].filter(c => c.startsWith('cds--')),
    background: getComputedStyle(screen).backgroundColor,
    font: getComputedStyle(document.body).fontFamily, plex: plex.length,
    checked_track: getComputedStyle(document.querySelector('[data-nid=n25] .cds--toggle__switch')).backgroundColor,
    off_track: getComputedStyle(document.querySelector('[data-nid=n30] .cds--toggle__switch')).backgroundColor,
    primary: getComputedStyle(document.querySelector('[data-nid=n21]')).backgroundColor,
    tab_border: getComputedStyle(document.querySelector('[data-nid=n7]')).borderBottomColor,
    header_position: getComputedStyle(document.querySelector('[data-nid=n1]')).position,
    side_position: getComputedStyle(document.querySelector('[data-nid=n31]')).position,
  });
}"""


@pytest.mark.browser
@pytest.mark.parametrize("theme, accent, theme_class", [("dark", "white-g100", "cds--g100"),
                                                         ("light", "g10-g90", "cds--g10")])
def test_components_are_annotated_as_drawn_in_each_theme(web_renderer, theme, accent, theme_class):
    layout = _layout()
    out, got = draw(web_renderer, layout, STYLE, theme=theme, accent=accent, viewport_w=1280, viewport_h=900)
    want = {**CLASSES, "n28": "tab", "n29": "radio", "n30": "switch", "n31": "toolbar", "n32": "text_input"}
    assert {k: got[k].cls if k in got else None for k in want} == want
    source = {k: got[k].source_type for k in ("n10", "n12", "n13", "n14", "n15", "n16", "n21", "n25", "n26", "n29")}
    assert source == {"n10": "input[type=email]", "n12": "input[type=number][role=spinbutton]",
                      "n13": "input[type=date]", "n14": "select[role=combobox]", "n15": "div[role=slider]",
                      "n16": "div[role=progressbar]", "n21": "button", "n25": "div[role=switch]",
                      "n26": "div[role=checkbox]", "n29": "div[role=radio]"}
    check_fields(got)
    assert got["n32"].state["invalid"] is True and got["n10"].state["invalid"] is False
    assert [got[k].state["selected"] for k in ("n7", "n8", "n24", "n27")] == [True, False, True, None]
    assert [got[k].state["enabled"] for k in ("n21", "n22", "n7", "n28")] == [True, False, True, False]
    assert [got[k].state["checked"] for k in ("n25", "n26", "n29", "n30")] == [True, False, True, False]
    # the part Carbon draws: a toggle's track, a checkbox label's ::before, a radio's appearance circle
    check_controls_beside_words(got, layout, ("n25", "n26", "n29", "n30"), max_w=60, max_h=32)
    page = web_renderer._page_entry.page
    probe = json.loads(page.evaluate(PROBE))
    assert probe["theme"] == [theme_class] and probe["background"] == BACKGROUND[theme_class], probe
    assert probe["font"].startswith('"IBM Plex Sans"') and probe["plex"] >= 1, probe  # loaded, offline
    assert probe["checked_track"] != probe["off_track"], probe  # Carbon's toggle-on green, toggle-off gray
    assert probe["primary"] in ("rgb(15, 98, 254)", "rgb(69, 137, 255)"), probe  # blue 60 (light) or its dark token
    assert probe["tab_border"] == probe["primary"] or theme == "dark", probe
    assert probe["header_position"] == "relative" and probe["side_position"] == "relative", probe  # in the flow
    assert out.blocked_requests == 0
