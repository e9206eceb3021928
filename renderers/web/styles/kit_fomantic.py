"""Fomantic-UI (the community fork of Semantic UI) from npm: its components and its own Lato; light only."""

from renderers.web.kit import Kit
from renderers.web.styles import register_kit_style

COMPONENTS = ("reset", "site", "button", "input", "form", "checkbox", "dropdown", "icon", "menu", "segment",
              "table", "modal", "label", "progress", "header", "slider", "text", "image")

KIT = Kit(
    package="fomantic-ui-css",
    macros="fomantic.html.j2",
    stylesheets=tuple(f"fomantic-ui-css/components/{c}.min.css" for c in COMPONENTS),
    css=":root { --gf-kit-accent: #2185d0; } .ui.segment, .ui.menu, .ui.progress, .ui.header, .ui.table,"
        " .ui.form { margin: 0 !important; } .gf-row > .ui.input { flex: 0 1 260px; min-width: 0; }"
        " .ui.input > input { width: 100%; } .gf-kit-toolbar.ui.menu > .gf-row { flex: 1; padding: 0 1em; }"
        " .gf-kit-toolbar.k-sidebar.ui.menu { border-radius: 0; width: calc(210px * var(--density)); }"
        " .gf-overlay .ui.modal { position: relative; display: flex; } .ui.slider { flex: 0 1 180px; }"
        " .ui.tabular.menu { min-height: 0; }",
)

register_kit_style(
    name="kit-fomantic",
    description="Fomantic-UI itself (Semantic UI's fork: its CSS and component markup); light only",
    kit=KIT,
    themes=("light",),
)
