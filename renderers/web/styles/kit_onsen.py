"""Onsen UI's CSS components from npm (no ons-* elements, no script): its iOS look or its Material variant as the
accent factor; light, and dark from Onsen's dark build; phone viewports only (a mobile-app look)."""

from renderers.web.kit import Kit
from renderers.web.styles import register_kit_style

SHEET = "onsenui/css/onsen-css-components.css"
DARK = "onsenui/css/dark-onsen-css-components.css"

# Onsen's page and bars are positioned for its ons-page element (tabbar fixed to the bottom, dialogs centred by
# the script); here they sit in our flex column. Its variables colour what it has no component for (chips, danger).
FRAME = (
    "html, body { background: var(--background-color); color: var(--text-color); } .gf-screen { font-family:"
    " -apple-system, 'Helvetica Neue', Helvetica, Arial, sans-serif; background: var(--background-color);"
    " color: var(--text-color); position: relative; } .gf-screen.page--material { font-family: Roboto, 'Noto Sans',"
    " sans-serif; background: var(--material-background-color, var(--background-color)); }"
    " .gf-kit-toolbar.toolbar { position: relative; height: auto; min-height: 44px; flex: none; display: flex; }"
    " .gf-kit-toolbar.toolbar--material { min-height: 56px; }"
    " .toolbar__center.gf-ons-bar { box-sizing: border-box; width: 100%; max-width: none; flex: 1 1 auto; height: auto; padding: 0 8px;"
    " line-height: normal; display: flex; align-items: center; text-align: start; }"
    " .gf-ons-bar > .gf-row { flex: 1 1 auto; width: 100%; } .gf-ons-bar .gf-ons-title { font-size: 17px; }"
    " .gf-ons-title { margin: 0; } h1.gf-ons-title { font-size: 28px; } h2.gf-ons-title { font-size: 22px; }"
    " h3.gf-ons-title, h4.gf-ons-title { font-size: 17px; }"
    " .gf-kit-toolbar.bottom-bar { position: relative; bottom: auto; height: auto; min-height: 44px; display: flex;"
    " align-items: center; padding: 0 8px; } .gf-kit-toolbar.tabbar { position: relative; flex: none; height: auto; bottom: auto; }"
    " .tabbar > .gf-row { width: 100%; align-items: stretch; } .tabbar > .gf-row > .tabbar__item { flex: 1 1 0; }"
    " .tabbar__item > input { display: none; } .tabbar__icon .gf-glyph { width: 24px; height: 24px; }"
    " .tabbar__icon { display: flex; justify-content: center; padding-top: 4px; }"
    " .list { margin: 0; padding: 0; flex: none; } .list-item__center { gap: var(--space); flex-wrap: nowrap; }"
    " .list-item__center > .gf-row, .list-item__center > .gf-column { flex: 1 1 auto; min-width: 0; }"
    " .list-item__center { align-items: center; } .gf-text.list-item__subtitle { flex: 0 1 auto; order: 0; } .gf-ons-selected { background:"
    " rgba(var(--highlight-color-rgb), .12); } li.gf-kit-list-item { list-style: none; }"
    " .card { margin: 0; } .card__content { display: flex; flex-direction: column; }"
    " .button { flex: none; white-space: nowrap; width: auto; } .gf-ons-danger { background-color: #fe3824; }"
    " .gf-ons-outline { border: 1px solid currentColor; }"
    " .segment { flex: none; width: 100%; display: flex; } .segment > .segment__item { flex: 1 1 0; }"
    " .toolbar-button.gf-kit-icon-button { padding: 4px; flex: none; } .toolbar-button .gf-glyph { width: 22px;"
    " height: 22px; } .text-input, .select-input, .search-input { min-width: 0; } .gf-row > .text-input,"
    " .gf-row > .select-input { flex: 0 1 220px; } .gf-column > .text-input, .gf-column > .select-input,"
    " .gf-column > .search-input { width: 100%; flex: none; } .gf-row > .search-input { flex: 1 1 auto; }"
    " .gf-ons-invalid { border-bottom-color: #fe3824 !important; } .gf-ons-error { color: #fe3824; font-size: .85em; }"
    " .range { flex: 0 1 180px; min-width: 80px; } .gf-column > .range { width: 100%; }"
    " .progress-bar { flex: none; width: 100%; } .gf-row > .progress-bar { flex: 1 1 auto; width: auto; }"
    " .notification { flex: none; } .gf-ons-chip { display: inline-block; padding: 2px 10px; border-radius: 14px;"
    " font-size: 12px; border: 1px solid rgba(var(--highlight-color-rgb), .5); color: var(--highlight-color); }"
    " .gf-ons-chip.t-danger { color: #fe3824; border-color: #fe3824; } .gf-ons-chip.t-success { color: #4cd964;"
    " border-color: #4cd964; } .gf-ons-rounded { border-radius: 8px; } .list-item__thumbnail.k-avatar { width: 40px;"
    " height: 40px; } .alert-dialog.gf-kit-dialog { position: relative; left: auto; top: auto; transform: none;"
    " margin: 0; width: min(300px, calc(100vw - 32px)); } .alert-dialog-container.gf-kit-dialog, .alert-dialog-container"
    " { display: flex; flex-direction: column; padding: 16px; gap: calc(var(--space) * 1.5); }"
    " .action-sheet.gf-ons-sheet { position: relative; left: auto; right: auto; bottom: auto; transform: none;"
    " align-self: flex-end; width: calc(100% - 16px); margin: 0 8px 8px; box-sizing: border-box; display: flex;"
    " flex-direction: column; max-height: 85%; overflow: hidden; padding: 16px; gap: calc(var(--space) * 1.5);"
    " border-radius: 13px; background: var(--action-sheet-cancel-button-background-color, #fff);"
    " color: var(--text-color); } .action-sheet--material.gf-ons-sheet { width: 100%; margin: 0; border-radius: 0;"
    " background: var(--material-alert-dialog-background-color, #fff); }"
    # Onsen's iOS sheet is translucent over a blur (its ons-action-sheet script's look): opaque here, no page through it.
    " .gf-ons-actions > .action-sheet-button, .gf-ons-actions > .action-sheet-title { background-color:"
    " var(--action-sheet-cancel-button-background-color, #fff); }"
    " .gf-ons-actions > .action-sheet-title { display: block; } .gf-ons-actions, .gf-ons-sheet { max-width: none; } .action-sheet-icon--material { width: 24px; }"
    " .action-sheet-icon--material .gf-glyph { width: 24px; height: 24px; vertical-align: middle; }"
    " .fab .gf-glyph { width: 24px; height: 24px; } .gf-fab-slot > .fab { z-index: 2; }"
    " .gf-overlay.gf-ons-mask { background: rgba(0, 0, 0, .3); } .gf-kit-check { gap: 8px; }"
    " :root { --gf-kit-accent: var(--highlight-color); } .gf-screen a[href]:not(.gf-kit-menu-item) { color:"
    " var(--highlight-color); }"
)

KIT = Kit(
    package="onsenui",
    macros="onsen.html.j2",
    stylesheets=(SHEET,),
    theme_sheets={"dark": (DARK,)},
    fonts=("Roboto",),  # the Material variant's font
    css=FRAME,
)

register_kit_style(
    name="kit-onsen",
    description="Onsen UI's CSS components themselves (mobile-app look: their class markup, no script); accent: "
                "its iOS look or its Material variant; light and dark; phone viewports only",
    kit=KIT,
    accents=("ios", "material"),
    form_factors=("mobile",),
)
