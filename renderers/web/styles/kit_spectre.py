"""Spectre.css from npm: its components (it has no dark mode)."""

from renderers.web.kit import Kit
from renderers.web.styles import register_kit_style

KIT = Kit(
    package="spectre.css",
    macros="spectre.html.j2",
    stylesheets=("spectre.css/dist/spectre.min.css", "spectre.css/dist/spectre-exp.min.css"),
    css=":root { --gf-kit-accent: #5755d9; } .navbar { padding: .5rem 1rem; } .gf-kit-toolbar.k-sidebar {"
        " border-radius: 0; box-shadow: none; border-right: .05rem solid #dadee4; } .tab { flex-wrap: nowrap; margin: 0; }"
        " .form-checkbox, .form-radio, .form-switch { margin: 0; } .modal-container { max-height: none; }"
        " .gf-kit-list-item { padding: .4rem; border-bottom: .05rem solid #dadee4; }"
        " .gf-kit-list-item.active { background: #f1f1fc; }",
)

register_kit_style(
    name="kit-spectre",
    description="Spectre.css itself (its CSS and component markup); light only (no dark mode)",
    kit=KIT,
    themes=("light",),
)
