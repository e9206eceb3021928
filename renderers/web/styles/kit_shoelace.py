"""Shoelace from npm (@shoelace-style/shoelace: its web components, loaded offline by its own autoloader): a web-app
look on desktop and phone viewports; light, and dark from its dark theme (`sl-theme-dark` on <html>); accent: the
palette its primary colour is drawn from (its `--sl-color-primary-*` tokens set to another of its colour scales). The
page waits for the components to render before it is measured and captured (kit_shoelace_ready.js)."""

from importlib import resources

from renderers.web.kit import Kit, ready_script
from renderers.web.styles import register_kit_style
from renderers.web.styles.kit_ionic import ROBOTO_500  # Shoelace's semibold (buttons, tabs, headings)

ROOT = "@shoelace-style/shoelace/cdn"  # its browser build: ES modules with relative imports (dist/ imports bare names)
PALETTES = ("sky", "indigo", "violet", "teal", "emerald", "rose", "orange")  # sky: Shoelace's own primary
ACCENTS = ("sky", *PALETTES)  # the stock look twice as often
SHADES = (50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950)

# Shoelace's tokens are set on :root (light) and .sl-theme-dark (dark); a palette class on <html> points the primary
# scale at another of its scales in either theme (the dark theme's scales are its own, inverted).
PRIMARY = " ".join(
    f"html.gf-sl-{p} {{ " + " ".join(f"--sl-color-primary-{s}: var(--sl-color-{p}-{s});" for s in SHADES) + " }"
    for p in PALETTES if p != "sky")

KIT = Kit(
    package="@shoelace-style/shoelace",
    macros="shoelace.html.j2",
    stylesheets=(f"{ROOT}/themes/light.css", f"{ROOT}/themes/dark.css"),
    scripts=(f"{ROOT}/shoelace-autoloader.js",),
    head_js=ready_script("kit_shoelace_ready.js"),
    # Shoelace's font stack names system fonts first (-apple-system, Segoe UI, none of them here), then Roboto: the
    # pinned Roboto files draw its text, as on a machine without those system fonts.
    fonts=("Roboto",),
    html_class={"dark": "sl-theme-dark", **{p: f"gf-sl-{p}" for p in PALETTES}},
    # the page frame, and the parts Shoelace has no component for, in its tokens (kit_shoelace.css)
    css=ROBOTO_500 + PRIMARY + resources.files("renderers.web.styles").joinpath("kit_shoelace.css").read_text(
        encoding="utf-8"),
)

register_kit_style(
    name="kit-shoelace",
    description="Shoelace itself (web-app look: its web components, rendered before capture); accent: the colour "
                "scale of its primary tokens; light and dark themes",
    kit=KIT,
    accents=ACCENTS,
)
