"""Fluent UI web components from npm (@fluentui/web-components 2.x: Microsoft's FAST-based components, its one-file
browser bundle served offline): a Microsoft web-app look on desktop and phone viewports; light and dark from its
design system (the base layer luminance token), accent: the base colour its accent palette is derived from (Fluent's
own blue, or another of its shared colours). The page sets those tokens and waits for the components to render
before it is measured and captured (kit_fluentwc_ready.js)."""

from importlib import resources

from renderers.web.kit import Kit, ready_script
from renderers.web.styles import register_kit_style

BUNDLE = "@fluentui/web-components/dist/web-components.min.js"  # one ES module: defines every fluent-* element
# Fluent's shared colours (its communication blue first, the default of accentBaseColor)
PALETTE = {"blue": "#0078d4", "purple": "#8764b8", "teal": "#038387", "green": "#107c10", "orange": "#ca5010",
           "red": "#d13438", "magenta": "#e3008c"}
ACCENTS = ("blue", *PALETTE)  # the stock look twice as often
# Fluent's font stack is "Segoe UI Variable", "Segoe UI", sans-serif; none of them is here: the pinned Roboto draws
# its text, as on a machine without Segoe UI (kept in the stack for the names).
FONT = '"Segoe UI Variable", "Segoe UI", Roboto, sans-serif'

# The page's accent and font, read by kit_fluentwc_ready.js into Fluent's tokens (accentBaseColor, bodyFont); an
# accent this kit does not name (a hand-made factor) draws Fluent's stock blue, as Shoelace draws its stock palette.
TOKENS = f":root {{ --gf-fw-font: {FONT}; --gf-fw-accent: {PALETTE['blue']}; }} " + " ".join(
    f"html.gf-fw-{name} {{ --gf-fw-accent: {hex_}; }}" for name, hex_ in PALETTE.items())

KIT = Kit(
    package="@fluentui/web-components",
    macros="fluentwc.html.j2",
    stylesheets=(),
    scripts=(BUNDLE,),
    head_js=ready_script("kit_fluentwc_ready.js"),
    fonts=("Roboto",),
    html_class={"dark": "gf-fw-dark", **{name: f"gf-fw-{name}" for name in PALETTE}},
    # the page frame, and the parts Fluent has no component for, in its tokens (kit_fluentwc.css)
    css=TOKENS + resources.files("renderers.web.styles").joinpath("kit_fluentwc.css").read_text(encoding="utf-8"),
)

register_kit_style(
    name="kit-fluentwc",
    description="Fluent UI web components (Microsoft web-app look: its FAST web components, rendered before capture); "
                "accent: the base colour of its accent palette; light and dark from its design tokens",
    kit=KIT,
    accents=ACCENTS,
)
