"""Framework7 from npm (CSS only): its iOS and Material themes as the accent factor, with a few of its colours;
light and dark; phone viewports only (a mobile-app look)."""

from importlib import resources

from renderers.web.kit import Kit
from renderers.web.offline_routes import FONT_FILES
from renderers.web.styles import register_kit_style

COLOURS = ("primary", "red", "green", "orange", "purple", "teal", "pink")  # kit_framework7_colors.css
THEMES = ("ios", "md")
ACCENTS = tuple(f"{t}-{c}" for t in THEMES for c in COLOURS)

# Framework7's script lays a page out (fixed navbar and tabbar, page-content padded under them) and sets the colour
# variables; here the page is our flex column, the bars in its flow, the colours computed once by its own function.
FRAME = (
    "html, body { background: var(--f7-page-bg-color); } .gf-screen.page { position: relative; display: flex;"
    " transform: none; } .gf-screen { font-family: var(--f7-font-family); font-size: calc(var(--f7-font-size) * var(--fs));"
    " line-height: var(--f7-line-height); color: var(--f7-text-color); }"
    " .gf-screen.page > .gf-kit-toolbar { position: relative; top: auto; bottom: auto; }"
    " [data-form=mobile] .gf-row > .gf-kit-field { max-width: 50%; } .gf-overlay { z-index: 13000; }"
    " .gf-row.k-field > .gf-kit-field { flex: 1 1 0; max-width: none; } .gf-row.k-field > .gf-text { flex: none; }"
    " .gf-kit-toolbar.navbar { height: auto; min-height: calc(var(--f7-navbar-height)); flex: none; }"
    " .gf-kit-toolbar.navbar .navbar-inner { position: relative; padding: 0 8px; height: auto;"
    " min-height: var(--f7-navbar-height); }"
    " .navbar-inner > .gf-row { flex: 1 1 auto; width: 100%; } .navbar .title { margin: 0; font-size: 17px; }"
    " .md .navbar .title { font-size: 22px; font-weight: 400; }"
    " .gf-kit-toolbar.toolbar { height: auto; min-height: var(--f7-toolbar-height); flex: none; }"
    " .toolbar .toolbar-inner { position: relative; height: auto; min-height: var(--f7-toolbar-height); }"
    " .toolbar-inner > .gf-row { width: 100%; height: 100%; } .tabbar-icons .toolbar-inner > .gf-row > .tab-link"
    " { flex: 1 1 0; height: auto; padding: 4px 0; } .tab-link .icon { display: inline-flex; }"
    " .tab-link .icon .gf-glyph { width: 24px; height: 24px; }"
    " .list { margin: 0; flex: none; } .list ul { padding: 0; } .list > ul > li { list-style: none; }"
    " .list .item-inner { gap: var(--space); } .list .item-inner > .gf-column { flex: 1 1 auto; min-width: 0; }"
    " .list.links-list a { gap: 10px; } .gf-f7-selected > .item-content { background: rgba(var(--f7-theme-color-rgb), .12); }"
    " .gf-kit-card.card { margin: 0; } .card-content-padding { display: flex; flex-direction: column; }"
    " .button { width: auto; flex: none; white-space: nowrap; } .gf-row > .button { flex: none; }"
    " .segmented { flex: none; width: 100%; } .segmented > .button { flex: 1 1 0; }"
    " .gf-f7-large-title { font-size: 28px; font-weight: 700; margin: 0; } h3.title, h4.title { margin: 0; }"
    " .input-outline { flex: 0 1 260px; min-width: 0; } .gf-column > .input-outline { flex: none; }"
    " .input-outline input, .input-outline select, .input-outline textarea { width: 100%; box-sizing: border-box;"
    " padding: 0 12px; height: 40px; border: 1px solid var(--f7-input-outline-border-color); border-radius:"
    " var(--f7-input-outline-border-radius); background: transparent; color: inherit; font: inherit; }"
    " .input-outline textarea { height: auto; padding: 8px 12px; } .gf-column.k-editor > .input-outline { flex: 1 1 auto;"
    " display: flex; } .k-editor > .input-outline > textarea { min-height: calc(150px * var(--density)); }"
    " .input-outline [aria-invalid=true] { border-color: var(--f7-input-outline-invalid-border-color); }"
    " li.gf-kit-list-item { list-style: none; }"
    " .searchbar.searchbar-inline { height: auto; flex: 1 1 auto; min-width: 0; } .gf-column > .searchbar { flex: none; }"
    " .searchbar-inline .searchbar-input-wrap { height: auto; } .searchbar input[type=search] { width: 100%; }"
    " .range-slider { flex: 0 1 180px; min-width: 80px; } .gf-column > .range-slider { flex: none; width: 100%; }"
    " .stepper, .progressbar, .badge, .chip, .checkbox, .radio, .toggle { flex: none; }"
    " .progressbar { display: block; width: 100%; } .gf-row > .progressbar { flex: 1 1 auto; width: auto; }"
    " .gf-kit-check.checkbox, .gf-kit-check.radio { display: inline-flex; gap: 8px; }"
    " .gf-kit-check.toggle { display: inline-block; } .gf-kit-check.toggle > span:not(.toggle-icon) { display: none; }"
    " .gf-f7-round { border-radius: 50%; } .gf-f7-rounded { border-radius: 12px; }"
    " .dialog.gf-kit-dialog { position: relative; left: auto; top: auto; margin: 0; transform: none; opacity: 1;"
    " display: flex; width: min(320px, calc(100vw - 32px)); } .dialog .dialog-inner { display: flex; flex-direction:"
    " column; gap: calc(var(--space) * 1.5); }"
    " .sheet-modal.gf-f7-sheet { position: relative; display: block; transform: none; height: auto; max-height: 85%;"
    " width: 100%; max-width: none; align-self: flex-end; overflow: hidden; border-radius: 16px 16px 0 0; bottom: auto; }"
    " .gf-f7-sheet-inner { position: relative; display: flex; flex-direction: column; height: auto; padding: 20px 16px"
    " 16px; gap: calc(var(--space) * 1.5); } .gf-f7-sheet .swipe-handler { height: 16px; }"
    " .gf-overlay.gf-f7-backdrop { background: var(--f7-dialog-backdrop-bg-color, rgba(0,0,0,.4)); }"
    " .tooltip.gf-kit-tooltip { position: absolute; opacity: 1; }"
    # A FAB's slot above F7's hairlines (z-index 15) and below a sheet's backdrop (13000); an action sheet in the
    # overlay's flow at the bottom edge, not translated off screen as F7's script would start it.
    " .gf-fab-slot { z-index: 1400; } .fab > a .gf-glyph { width: 24px; height: 24px; }"
    " .actions-modal.gf-f7-actions { position: relative; display: block; left: auto; bottom: auto; margin: 0;"
    " transform: none; width: 100%; max-width: none; align-self: flex-end; max-height: 85%; overflow: hidden;"
    " z-index: auto; }"
    " .gf-f7-actions .actions-button-media .gf-glyph { width: 24px; height: 24px; }"
    " .gf-f7-actions [aria-disabled=true] { opacity: .45; } .gf-f7-actions .actions-button.gf-f7-danger { color: #ff3b30; }"
    # The iOS theme's glass groups (translucent over a blur, see below): opaque, no page or FAB through them.
    " .ios .gf-f7-actions { --f7-actions-bg-color: #f9f9f9; } .ios.dark .gf-f7-actions { --f7-actions-bg-color: #1e1e1e; }"
    # The iOS theme's glass (backdrop-filter blur behind bars, sheets, search fields) is a compositing layer whose
    # text Chromium drew differently from one render of the same page to the next: flat translucent colours here.
    " .gf-screen, .gf-screen * { backdrop-filter: none !important; }"
    " .gf-kit-table-wrap { overflow: hidden; } :root { --gf-kit-accent: var(--f7-theme-color); }"
)

# The family the iOS theme names first that no Linux machine has, served from the pinned @fontsource/inter files
# (served offline at FONT_FILES): a system font here drew its search field's placeholder as one of two images
# depending on what the worker drew before (the kit-framework7-11 golden flake); a web font draws one.
SF_PRO = "".join(f"@font-face {{ font-family: 'SF Pro Text'; font-style: normal; font-weight: {w}; font-display: block;"
                 f" src: url({FONT_FILES}inter/files/inter-latin-{w}-normal.woff2) format('woff2'); }}"
                 for w in (400, 500, 600, 700))

KIT = Kit(
    package="framework7",
    macros="framework7.html.j2",
    stylesheets=("framework7/framework7-bundle.min.css",),
    rtl_sheet="-rtl.min.css",  # right-to-left pages link Framework7's mirrored build (framework7-bundle-rtl.min.css)
    # Roboto: the Material theme's font. The iOS theme asks for the system font (-apple-system, "SF Pro Text", ...),
    # which is the machine's fontconfig choice: SF_PRO serves it Inter (pinned, offline), the usual stand-in for SF.
    fonts=("Roboto", "Inter"),
    html_class={"dark": "dark", **{a: f"{a.split('-')[0]} gf-f7-{a.split('-')[1]}" for a in ACCENTS}},
    css=resources.files("renderers.web.styles").joinpath("kit_framework7_colors.css").read_text(encoding="utf-8")
    + SF_PRO + FRAME,
)

register_kit_style(
    name="kit-framework7",
    description="Framework7 itself (mobile-app look: its CSS and component markup, no script); accent: its iOS or "
                "Material theme with one of its colours; phone viewports only",
    kit=KIT,
    accents=ACCENTS,
    form_factors=("mobile",),
)
