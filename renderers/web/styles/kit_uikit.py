"""UIkit 3 from npm: its components; dark pages are UIkit's inverse style (uk-light on a dark background)."""

from renderers.web.kit import Kit
from renderers.web.styles import register_kit_style

KIT = Kit(
    package="uikit",
    macros="uikit.html.j2",
    stylesheets=("uikit/dist/css/uikit.min.css",),
    body_class={"dark": "uk-light uk-background-secondary"},
    css=":root { --gf-kit-accent: #1e87f0; } .uk-light .gf-kit-toolbar, .uk-light .uk-card-default,"
        " .uk-light .uk-modal-dialog { background: #303030; } .uk-light .uk-background-muted { background: #282828; }"
        " .uk-tab { flex-wrap: nowrap; } .uk-tab::before { left: 0; } .uk-tab > * { padding-left: 0; }"
        " .uk-tab > * > a { padding: 6px 14px; }"
        # A phone sheet's dialog sits in kit_base's .gf-kit-sheet, not right in the .uk-open layer that shows it.
        " .uk-open > .gf-kit-sheet > .uk-modal-dialog { opacity: 1; transform: none; }",
)

register_kit_style(
    name="kit-uikit",
    description="UIkit 3 itself (its CSS and component markup); dark: its inverse style",
    kit=KIT,
)
