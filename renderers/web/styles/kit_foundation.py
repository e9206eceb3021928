"""Foundation 6 for Sites from npm: its components (it has no dark mode)."""

from renderers.web.kit import Kit
from renderers.web.styles import register_kit_style

KIT = Kit(
    package="foundation-sites",
    macros="foundation.html.j2",
    stylesheets=("foundation-sites/dist/css/foundation.min.css",),
    # Foundation spaces components with bottom margins; the layout's gaps space them here.
    css=":root { --gf-kit-accent: #1779ba; } .button, input, select, textarea, .switch, .slider, .progress, label,"
        " .tabs, .menu, .card, .help-text, .form-error, table { margin: 0 !important; }"
        " .gf-overlay .reveal { display: flex; top: auto; } .slider { flex: 0 1 180px; min-width: 120px; }"
        " .gf-kit-toolbar.k-sidebar { flex-wrap: nowrap; } .top-bar { flex-wrap: nowrap; }"
        " .gf-kit-check input { margin: 0; } .switch { height: auto; }"
        # .switch writes its label in white (for words inside the paddle): the words beside it in the text colour
        " .gf-kit-check.switch { color: inherit; } .switch-paddle { flex: none; }",
)

register_kit_style(
    name="kit-foundation",
    description="Foundation 6 for Sites itself (its CSS and component markup); light only (no dark mode)",
    kit=KIT,
    themes=("light",),
)
