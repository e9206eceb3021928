"""NES.css from npm: an 8-bit look for game-like pages, in Press Start 2P (from @fontsource); light and dark."""

from renderers.web.kit import Kit
from renderers.web.styles import register_kit_style

KIT = Kit(
    package="nes.css",
    macros="nes.html.j2",
    stylesheets=("nes.css/css/nes.min.css",),
    fonts=("Press Start 2P",),
    body_class={"dark": "gf-nes-dark"},
    # NES.css asks the page for its font (its docs link Press Start 2P); pixel type runs wide, so it is small.
    css='html, body, button, input, select, textarea { font-family: "Press Start 2P", monospace; }'
        " body { font-size: 11px; } body.gf-nes-dark { background: #212529; color: #fff; }"
        " h1 { font-size: 18px; } h2 { font-size: 15px; } h3 { font-size: 13px; } h4 { font-size: 12px; }"
        " h1, h2, h3, h4 { margin: 0; } .nes-container { margin: 0 !important; padding: 1rem; }"
        " .gf-kit-toolbar.nes-container { border-radius: 0; } .nes-btn, .nes-input, .nes-select, .nes-textarea"
        " { margin: 4px; } .nes-badge { flex: none; margin: 0; }"
        " .nes-select select { padding-right: 2.5rem; } :root { --gf-kit-accent: #209cee; }"
        # A light container is transparent: a dialog over the scrim (a modal, a phone's sheet) is drawn on white.
        " .gf-overlay .nes-container.gf-kit-dialog:not(.is-dark) { background: #fff; }",
)

register_kit_style(
    name="kit-nes",
    description="NES.css itself (8-bit game-like look: its CSS and component markup); light and dark",
    kit=KIT,
)
