"""Ionic from npm (@ionic/core: its web components, loaded offline by its own lazy loader): its iOS and Material
Design modes x a few of its named colours as the accent factor; light, and dark from its class palette; phone
viewports only (a mobile-app look). The page waits for Ionic's components to hydrate before it is measured and
captured (kit_ionic_ready.js)."""


from renderers.web.kit import Kit, ready_script
from renderers.web.offline_routes import FONT_FILES
from renderers.web.styles import register_kit_style
from renderers.web.styles.kit_framework7 import SF_PRO

MODES = ("ios", "md")
COLOURS = ("primary", "secondary", "tertiary")  # the `color` attribute of Ionic's coloured components
ACCENTS = tuple(f"{m}-{c}" for m in MODES for c in COLOURS)

# Ionic lays a page out in ion-app > ion-page > ion-content (a scrolling shadow part); here the page is our flex
# column, Ionic's bars (ion-header, ion-tab-bar) in its flow. Ionic's components carry outer margins meant for a
# page of their own (ion-card, ion-button, ion-chip): none inside our rows and columns, whose gaps space them.
FRAME = (
    "body { position: static; transform: none; } .gf-screen { font-family: var(--ion-font-family);"
    " font-size: calc(16px * var(--fs)); background: var(--ion-background-color, #fff); color: var(--ion-text-color,"
    " #000); } html.ios { --ion-font-family: 'SF Pro Text', -apple-system, 'Helvetica Neue', sans-serif; }"
    " ion-header.gf-kit-toolbar, .gf-ion-tabs { flex: none; } ion-toolbar > .gf-row { width: 100%; }"
    " .k-navbar :is(h1, h2, h3, h4) { margin: 0; font-size: 17px; font-weight: 600; }"
    " .md .k-navbar :is(h1, h2, h3, h4) { font-size: 20px; font-weight: 500; }"
    " .gf-screen :is(h1, h2, h3, h4) { margin: 0; } .gf-ion-tabs > ion-tab-bar > .gf-row { flex: 1 1 auto;"
    " align-self: stretch; align-items: stretch; } .gf-ion-tabs ion-tab-button { flex: 1 1 0; }"
    " .gf-ion-glyph { display: inline-flex; } .gf-ion-glyph .gf-glyph { width: 22px; height: 22px; }"
    " ion-tab-button .gf-ion-glyph .gf-glyph, ion-fab-button .gf-ion-glyph .gf-glyph { width: 24px; height: 24px; }"
    " ion-list { flex: none; margin: 0; padding-top: 0; padding-bottom: 0; }"
    " ion-item > .gf-row, ion-item > .gf-column { flex: 1 1 auto; min-width: 0; padding: 6px 0; }"
    " .gf-ion-selected { --background: rgba(var(--ion-color-primary-rgb), .12); }"
    " ion-card.gf-kit-card, ion-card.gf-kit-dialog { margin: 0; flex: none; } ion-card-content.gf-kit-card-body,"
    " .gf-ion-dialog-body { display: flex; flex-direction: column; }"
    " ion-button.gf-ion-button, ion-button.gf-ion-icon-button { margin: 0; flex: none; white-space: nowrap; }"
    " ion-button.gf-ion-icon-button { --padding-start: 6px; --padding-end: 6px; }"
    " ion-segment.gf-row { width: 100%; flex: none; }"
    " .gf-ion-field { flex: 0 1 260px; min-width: 0; } .gf-column > .gf-ion-field { flex: none; width: 100%; }"
    " .gf-column.k-editor > ion-textarea { flex: 1 1 auto; }"
    " .gf-ion-number, .gf-ion-date { flex: none; width: 9em; } ion-searchbar.gf-ion-search { padding: 0;"
    " flex: 1 1 auto; min-width: 0; } .gf-column > ion-searchbar.gf-ion-search { flex: none; }"
    " .gf-ion-select { flex: 0 1 220px; min-width: 0; } .gf-column > .gf-ion-select { flex: none; width: 100%; }"
    " .gf-ion-range { flex: 0 1 180px; min-width: 80px; } .gf-column > .gf-ion-range { flex: none; width: 100%; }"
    " ion-progress-bar { flex: none; } .gf-row > ion-progress-bar { flex: 1 1 auto; width: auto; }"
    " ion-badge, ion-chip, .gf-kit-check, .gf-ion-radio-group { flex: none; } ion-chip { margin: 0; }"
    " .gf-ion-round { border-radius: 50%; } .gf-ion-rounded { border-radius: 8px; } a.gf-ion-link { text-decoration:"
    " none; } .gf-overlay { z-index: 100; } .gf-overlay.gf-ion-backdrop { background: rgba(0, 0, 0, .4); }"
    " .md .gf-overlay.gf-ion-backdrop { background: rgba(0, 0, 0, .32); } .gf-overlay.gf-ion-bare { background:"
    " transparent; } .gf-ion-dialog { width: min(300px, calc(100vw - 32px)); }"
    " ion-card.gf-ion-sheet { align-self: flex-end; width: 100%; max-width: none; max-height: 85%; overflow: hidden;"
    " border-radius: 10px 10px 0 0; box-shadow: none; } .md ion-card.gf-ion-sheet { border-radius: 28px 28px 0 0; }"
    " .gf-ion-handle { width: 36px; height: 5px; border-radius: 8px; flex: none; align-self: center; margin-top: -6px;"
    " background: var(--ion-color-step-350, var(--ion-background-color-step-350, #c0c0be)); }"
    " :root { --gf-kit-accent: var(--ion-color-primary); } .gf-screen * { backdrop-filter: none !important; }"
)

# Material Design's medium weight (buttons, tabs, titles) from the pinned Roboto files; Kit.fonts links 400 and 700.
ROBOTO_500 = (f"@font-face {{ font-family: 'Roboto'; font-style: normal; font-weight: 500; font-display: block;"
              f" src: url({FONT_FILES}roboto/files/roboto-latin-500-normal.woff2) format('woff2'); }}")

KIT = Kit(
    package="@ionic/core",
    macros="ionic.html.j2",
    stylesheets=("@ionic/core/css/ionic.bundle.css", "@ionic/core/css/palettes/dark.class.css"),
    scripts=("@ionic/core/dist/ionic/ionic.esm.js",),
    head_js=ready_script("kit_ionic_ready.js"),
    # Roboto: the Material Design mode's font. The iOS mode asks for the system font (-apple-system, ...): SF_PRO
    # serves 'SF Pro Text' from the pinned Inter files (as kit-framework7 does), named first in its font family.
    fonts=("Roboto", "Inter"),
    html_class={"dark": "ion-palette-dark", **{a: a.split("-")[0] for a in ACCENTS}},
    html_mode={a: a.split("-")[0] for a in ACCENTS},
    css=SF_PRO + ROBOTO_500 + FRAME,
)

register_kit_style(
    name="kit-ionic",
    description="Ionic itself (mobile-app look: its web components, hydrated before capture); accent: its iOS or "
                "Material Design mode with one of its colours; light and dark; phone viewports only",
    kit=KIT,
    accents=ACCENTS,
    form_factors=("mobile",),
)
