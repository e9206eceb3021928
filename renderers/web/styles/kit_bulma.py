"""Bulma 1 from npm: its own markup idioms; light and dark themes; accent: the colour modifier of primary actions."""

from renderers.web.kit import Kit
from renderers.web.styles import register_kit_style

KIT = Kit(
    package="bulma",
    macros="bulma.html.j2",
    stylesheets=("bulma/css/bulma.min.css",),
    css=":root { --gf-kit-accent: var(--bulma-link); } .gf-kit-toolbar.k-navbar { display: block; }"
        " .tabs { align-items: flex-end; }",
)

register_kit_style(
    name="kit-bulma",
    description="Bulma 1 itself (its CSS and component markup); accent: is-primary, is-link, is-info, is-dark",
    kit=KIT,
    accents=("is-primary", "is-link", "is-info", "is-dark"),
)
