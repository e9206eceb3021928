"""Neo-brutalist flavour: thick ink borders, hard offset shadows, square corners, loud accent fills, bold mono type."""

from renderers.web.styles import register_web_style

CSS = """
:root[data-theme=light] { --bg: #fff4e0; --surface: #ffffff; --surface-2: #ffe9c2; --text: #000000; --muted: #3a3a3a;
  --border: #000000; --ink: #000000; --danger: #d7263d; --input-bg: #ffffff; --track: #ffffff; --scheme: light;
  --scrim: rgba(0,0,0,.55); --tint: color-mix(in srgb, var(--accent) 28%, #fff); }
:root[data-theme=dark] { --bg: #16161a; --surface: #242429; --surface-2: #1d1d22; --text: #f7f3e8; --muted: #cfcabd;
  --border: #f7f3e8; --ink: #f7f3e8; --danger: #ff6b6b; --input-bg: #101013; --track: #101013; --scheme: dark;
  --scrim: rgba(0,0,0,.7); --tint: color-mix(in srgb, var(--accent) 16%, #242429); }
:root { --radius: 0; --border-w: 2px; --on-accent: #000; --hard: 4px 4px 0 var(--ink); --shadow: 6px 6px 0 var(--ink);
  --control-h: calc(40px * var(--density)); --focus: var(--ink); }
.gf-heading { font-weight: 800; letter-spacing: -.02em; }
h1.gf-heading { text-transform: uppercase; }
.gf-text.v-header { color: inherit; text-transform: uppercase; font-weight: 800; letter-spacing: .04em; }
.gf-text.v-value { font-weight: 800; }
.gf-link { color: var(--text); font-weight: 700; text-decoration: underline 3px var(--accent); text-underline-offset: 3px; }
.gf-button { border: 2px solid var(--ink); box-shadow: var(--hard); text-transform: uppercase; font-weight: 800;
  letter-spacing: .05em; padding: 0 calc(var(--space) * 2.25); }
.gf-button.v-primary { color: #000; }
.gf-button.v-secondary { background: var(--surface); color: var(--text); border-color: var(--ink); }
.gf-button.v-text { border-color: transparent; box-shadow: none; color: var(--text); text-decoration: underline 2px; }
.gf-button.v-danger { background: #ff5c5c; color: #000; }
.gf-button[aria-pressed="true"] { box-shadow: 1px 1px 0 var(--ink); transform: translate(3px, 3px); }
.gf-button:focus, .gf-icon-button:focus, .gf-tab:focus, .gf-dropdown:focus, .gf-spin:focus, .gf-check:focus,
.gf-switch:focus, .gf-link:focus, .gf-slider:focus { outline: 3px dashed var(--ink); outline-offset: 4px; }
.gf-icon-button { border-radius: 0; border: 2px solid transparent; }
.gf-input, .gf-date, .gf-dropdown, .gf-spin { border: 2px solid var(--ink); box-shadow: 3px 3px 0 var(--ink); }
.gf-input:focus, .gf-date:focus { outline: 0; background: var(--tint); box-shadow: 5px 5px 0 var(--accent); }
.gf-input[aria-invalid="true"] { border-color: var(--danger); box-shadow: 3px 3px 0 var(--danger); }
.gf-input::placeholder { color: color-mix(in srgb, var(--muted) 80%, var(--input-bg)); }
.gf-dropdown { font-weight: 700; }
.gf-check { font-weight: 600; }
.gf-check .box { width: 22px; height: 22px; border: 2px solid var(--ink); border-radius: 0; background: var(--input-bg);
  color: #000; box-shadow: 2px 2px 0 var(--ink); }
.gf-check .box .gf-glyph { stroke-width: 3.5; }
.gf-check[aria-checked="true"] .box { background: var(--accent); border-color: var(--ink); }
.gf-check.radio .box { border-radius: 50%; }
.gf-check.radio[aria-checked="true"] .box { background: radial-gradient(circle, #000 0 4px, var(--accent) 4.5px);
  box-shadow: 2px 2px 0 var(--ink); }
.gf-switch .track { width: 52px; height: 28px; border-radius: 14px; background: var(--input-bg); border: 2px solid var(--ink);
  box-shadow: 2px 2px 0 var(--ink); }
.gf-switch .thumb { top: 2px; left: 2px; width: 20px; height: 20px; background: var(--ink); box-shadow: none; }
.gf-switch[aria-checked="true"] .thumb { left: 26px; background: #000; }
.gf-slider { height: 14px; border-radius: 0; border: 2px solid var(--ink);
  background: linear-gradient(to right, var(--accent) var(--v), var(--track) var(--v)); }
.gf-slider::-webkit-slider-thumb { width: 14px; height: 26px; border-radius: 0; background: var(--ink);
  border: 2px solid var(--ink); }
.gf-row.k-tabs { border-bottom: 0; gap: 6px; }
.gf-tab { border: 2px solid var(--ink); color: var(--text); background: var(--surface); font-weight: 700;
  text-transform: uppercase; letter-spacing: .03em; }
.gf-tab[aria-selected="true"] { background: var(--accent); color: #000; border-color: var(--ink); box-shadow: 3px 3px 0 var(--ink); }
.gf-toolbar.k-bottom .gf-tab { border: 2px solid transparent; background: transparent; }
.gf-toolbar.k-bottom .gf-tab[aria-selected="true"] { background: var(--accent); border-color: var(--ink); box-shadow: none; }
.gf-toolbar.k-navbar { border-bottom: 3px solid var(--ink); background: var(--surface); }
.gf-toolbar.k-navbar .gf-heading { text-transform: uppercase; }
.gf-toolbar.k-sidebar { border-right: 3px solid var(--ink); background: var(--surface-2); }
.gf-toolbar.k-bottom { border-top: 3px solid var(--ink); }
.gf-menu-item { border: 2px solid transparent; border-radius: 0; font-weight: 700; }
.gf-menu-item[aria-current="page"] { background: var(--accent); color: #000; border-color: var(--ink); box-shadow: 3px 3px 0 var(--ink); font-weight: 800; }
.gf-card { border: 3px solid var(--ink); box-shadow: var(--hard); }
.gf-card.elevated { background: var(--tint); box-shadow: var(--shadow); }
.gf-list-item { border: 2px solid transparent; border-radius: 0; }
.gf-list-item[aria-selected="true"], .gf-table tr.gf-list-item[aria-selected="true"] td { background: var(--accent);
  --text: #000; --muted: #1a1a1a; color: #000; border-color: var(--ink); }
.gf-image { border: 2px solid var(--ink); }
.gf-image.k-avatar { border: 2px solid var(--ink); }
.gf-table-wrap { border: 2px solid var(--ink); }
.gf-table th { background: var(--ink); color: var(--bg); border-bottom: 0; }
.gf-table td { border-bottom: 2px solid var(--ink); }
.gf-table tr:last-child td { border-bottom: 0; }
.gf-progress { height: 16px; border-radius: 0; border: 2px solid var(--ink); background: var(--track); }
.gf-progress .fill { background: repeating-linear-gradient(-45deg, var(--accent) 0 6px, color-mix(in srgb, var(--accent) 70%, #000) 6px 9px);
  border-right: 2px solid var(--ink); }
.gf-scrollbar { width: 14px; border-radius: 0; border: 2px solid var(--ink); background: var(--track); }
.gf-scrollbar .thumb { left: 0; right: 0; border-radius: 0; background: var(--ink); }
.gf-dialog { border: 3px solid var(--ink); border-radius: 0; box-shadow: 10px 10px 0 var(--accent), 10px 10px 0 3px var(--ink); }
.gf-tooltip { background: #000; border: 2px solid var(--ink); border-radius: 0; }
.gf-badge { border: 2px solid var(--ink); border-radius: 999px; text-transform: uppercase; font-weight: 800;
  padding: 0 8px; color: #000; }
.gf-badge.t-success { background: #7ee787; color: #000; } .gf-badge.t-warning { background: #ffd23f; color: #000; }
.gf-badge.t-info { background: #74c0fc; color: #000; } .gf-badge.t-neutral { background: #e9e4d8; color: #000; }
.gf-pager { gap: 6px; }
.gf-pager i { width: 12px; height: 12px; border-radius: 0; border: 2px solid var(--ink); background: transparent; }
.gf-pager i.on { background: var(--accent); width: 28px; }
.gf-card > .gf-badge, .gf-column > .gf-badge { align-self: flex-start; }
"""

register_web_style(
    name="brutalist",
    description="Neo-brutalist flavour: thick ink borders, hard offset shadows, square corners, loud fills, bold mono type",
    css=CSS,
    accents=("#ffd60a", "#ff6b9d", "#4cc9f0", "#a3e635", "#ff8c42", "#b69cff", "#2ee6a6"),
    fonts=("DejaVu Sans Mono", "Liberation Mono", "DejaVu Sans", "Noto Sans"),
    font_scale=(0.85, 1.08),
)
