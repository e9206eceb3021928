"""Desktop-in-the-browser kits from npm: 98.css (Windows 98), XP.css (Windows XP), 7.css (Windows 7); one markup."""

from renderers.web.kit import Kit
from renderers.web.styles import register_kit_style

# The page is a desktop window: silver (98) or the kit's own face colour, controls at their native small size.
FRAME = (" .gf-kit-icon-button { min-width: 0; padding: 2px 4px; } .gf-kit-badge { flex: none; }"
         " .gf-kit-menu-item { padding: 3px 6px; color: inherit; text-decoration: none; }"
         " .highlighted { background: #000080; color: #fff; } fieldset.gf-kit-card { margin: 0; }"
         # The page's top bar is a title bar: white words on its blue (a link there too, not the kit's link blue).
         " .gf-kit-toolbar.k-navbar { padding: 4px 6px; color: #fff; } .gf-kit-toolbar.k-navbar a { color: inherit; }"
         # whose row fills it, as every other kit's bar does: the title bar is a flex box that spaces its children
         # apart and does not grow them, so the row's spacer stayed 0 px wide and its last links were squeezed
         # ("Sign in" wrapped into two lines on a 1280 px page)
         " .gf-kit-toolbar.k-navbar > .gf-row { flex: 1 1 auto; }"
         # An article's column is the page's width with its padding inside it, as in every other kit: these kits
         # keep content-box sizing, and a phone's docs or article page ran 48 px off the screen's right edge.
         " .w-article { box-sizing: border-box; }"
         # and its navigation's padding is only across: XP.css's title bar is 21 px tall, whatever it holds
         " .gf-kit-toolbar.k-navbar .k-sitenav > [data-nid] { padding-top: 0; padding-bottom: 0; }"
         " .gf-kit-toolbar.k-navbar h1, .gf-kit-toolbar.k-navbar h2,"
         " .gf-kit-toolbar.k-navbar h3 { color: #fff; margin: 0; font-size: 14px; } .gf-kit-toolbar.k-sidebar {"
         " margin: 0; } .progress-indicator { min-width: 120px; } .sunken-panel { height: auto; }"
         " .gf-kit-toolbar.k-bottom { margin: 0; } h1, h2, h3, h4 { margin: 0; } h1 { font-size: 20px; }"
         " h2 { font-size: 17px; } h3 { font-size: 15px; } h4 { font-size: 13px; } .v-value { font-size: 18px; }"
         # A badge is a status-bar field; inline, its padding would stick out of a 14px table row.
         " .status-bar-field.gf-kit-badge { display: inline-block; }"
         # 98.css draws button text as a shadow of transparent text; icons keep the text colour.
         " button svg { color: #222; }"
         # A checkbox's box is its label's ::before, hung from the label's top (98.css, XP.css); without words the
         # label is 0 px tall, centred in its row, and the box would hang half out of the row: keep one line.
         " .gf-kit-check > label { min-height: 13px; }"
         # 7.css shows a .window[role=dialog] when it is the :target; drawn here in that shown state.
         " .gf-overlay .window[role=dialog] { opacity: 1; visibility: visible; position: relative; left: auto;"
         " top: auto; transform: none; }")

KITS = {
    "kit-98css": ("98.css", "98.css/dist/98.css", "Windows 98 look", "body { background: silver; }"),
    "kit-xpcss": ("xp.css", "xp.css/dist/XP.css", "Windows XP look", "body { background: #ece9d8; }"),
    "kit-7css": ("7.css", "7.css/dist/7.css", "Windows 7 look", "body { background: #f0f0f0; }"),
}

for name, (package, sheet, look, frame) in KITS.items():
    register_kit_style(
        name=name,
        description=f"{package} itself ({look}: its CSS and component markup); light only",
        kit=Kit(package=package, macros="windows.html.j2", stylesheets=(sheet,), css=frame + FRAME),
        themes=("light",),
    )
