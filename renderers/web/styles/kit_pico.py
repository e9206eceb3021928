"""Pico CSS 2 from npm: semantic HTML styled by the kit; light and dark; accent: one of Pico's colour builds."""

from renderers.web.kit import Kit
from renderers.web.styles import register_kit_style

COLOURS = ("blue", "jade", "pumpkin", "violet", "slate", "red")

KIT = Kit(
    package="@picocss/pico",
    macros="pico.html.j2",
    stylesheets=("@picocss/pico/css/pico.min.css",),
    accent_sheets={c: (f"@picocss/pico/css/pico.{c}.min.css",) for c in COLOURS},
    css=":root { --gf-kit-accent: var(--pico-primary-background); } body > .gf-screen > * { margin: 0; }"
        " .gf-kit-toolbar.k-navbar, .gf-kit-toolbar.k-bottom { padding: calc(var(--space) * 1.5) calc(var(--space) * 2);"
        " border-bottom: 1px solid var(--pico-muted-border-color); background: var(--pico-card-background-color); }"
        " .gf-kit-toolbar.k-sidebar { padding: calc(var(--space) * 2); border-right: 1px solid"
        " var(--pico-muted-border-color); } .gf-kit-toolbar.k-sidebar a { padding: .4rem .6rem; border-radius:"
        " var(--pico-border-radius); } .gf-kit-toolbar.k-sidebar a[aria-current] { background:"
        " var(--pico-primary-focus); } .gf-kit-card, article { margin: 0; } .gf-kit-list-item {"
        " padding: .5rem; border-bottom: 1px solid var(--pico-muted-border-color); }"
        " .gf-kit-list-item[aria-selected=true] { background: var(--pico-primary-focus); }"
        " input, select, textarea, button, label { margin-bottom: 0 !important; } [role=tablist] { gap: .25rem !important; }",
)

register_kit_style(
    name="kit-pico",
    description="Pico CSS 2 itself (semantic HTML it styles, its documented classes); accent: a Pico colour build",
    kit=KIT,
    accents=("default", *COLOURS),
)
