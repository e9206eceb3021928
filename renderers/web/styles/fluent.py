"""Fluent 2 / Windows 11 flavour: mica gray canvas, 4px radius, thin strokes, accent underline and nav indicator."""

from renderers.web.styles import register_web_style

CSS = """
:root[data-theme=light] { --bg: #f3f3f3; --surface: #fbfbfb; --surface-2: #ebebeb; --text: #1a1a1a; --muted: #5d5d5d;
  --border: #e0e0e0; --stroke: #d1d1d1; --under: #8a8a8a; --danger: #c42b1c; --input-bg: #ffffff; --track: #c8c8c8;
  --selected: rgba(0,0,0,.055); --scheme: light; --layer: #f9f9f9; --ac: var(--accent); --on-ac: #fff; --focus: #000;
  --success-bg: #dff6dd; --success: #0e700e; --warning-bg: #fff4ce; --warning: #835b00; --info-bg: #e0eefa;
  --info: #005a9e; --neutral-bg: #f0f0f0; --neutral: #424242; }
:root[data-theme=dark] { --bg: #202020; --surface: #2b2b2b; --surface-2: #2d2d2d; --text: #ffffff; --muted: #c8c8c8;
  --border: #1c1c1c; --stroke: #3d3d3d; --under: #9a9a9a; --danger: #ff99a4; --input-bg: #2d2d2d; --track: #4a4a4a;
  --selected: rgba(255,255,255,.07); --scheme: dark; --layer: #272727; --ac: color-mix(in oklab, var(--accent) 50%, #fff);
  --on-ac: #000; --focus: #fff; --success-bg: #0e3a10; --success: #9fd89f; --warning-bg: #433519;
  --warning: #fce100; --info-bg: #0d3252; --info: #99c8f0; --neutral-bg: #3a3a3a; --neutral: #e0e0e0; }
:root { --radius: 4px; --control-h: calc(32px * var(--density));
  --shadow: 0 2px 4px rgba(0,0,0,.14), 0 0 2px rgba(0,0,0,.12); }
.gf-heading { font-weight: 600; letter-spacing: -.01em; }
h1.gf-heading { font-size: 2em; }
.gf-link { color: var(--ac); font-weight: 400; }
.gf-button { font-weight: 600; padding: 0 calc(var(--space) * 1.5); gap: calc(var(--space) * .5); }
.gf-button.v-primary { background: var(--ac); color: var(--on-ac); border-color: rgba(0,0,0,.12);
  border-bottom-color: rgba(0,0,0,.35); }
.gf-button.v-secondary { background: var(--input-bg); color: var(--text); border-color: var(--stroke);
  border-bottom-color: color-mix(in srgb, var(--stroke) 70%, #000); }
.gf-button.v-text { color: var(--ac); font-weight: 400; }
.gf-button.v-danger { background: #c42b1c; color: #fff; }
.gf-button:focus, .gf-icon-button:focus, .gf-check:focus, .gf-switch:focus, .gf-tab:focus, .gf-dropdown:focus,
.gf-spin:focus, .gf-link:focus, .gf-slider:focus { outline: 2px solid var(--focus); outline-offset: 1px; }
.gf-icon-button { border-radius: 4px; }
.gf-input, .gf-date, .gf-dropdown, .gf-spin { border-color: var(--stroke); border-bottom-color: var(--under); }
.gf-input:focus, .gf-date:focus { outline: 0; border-bottom: 2px solid var(--ac); }
.gf-dropdown:focus, .gf-spin:focus { outline: 0; border-bottom: 2px solid var(--ac); }
.gf-input[aria-invalid="true"] { border-color: var(--stroke); border-bottom: 2px solid var(--danger); }
.gf-check .box { width: 18px; height: 18px; border: 1px solid var(--muted); border-radius: 4px;
  background: var(--input-bg); color: var(--on-ac); }
.gf-check[aria-checked="true"] .box { background: var(--ac); border-color: var(--ac); }
.gf-check.radio .box { width: 20px; height: 20px; border-radius: 50%; }
.gf-check.radio[aria-checked="true"] .box { background: var(--on-ac); box-shadow: inset 0 0 0 5px var(--ac); }
.gf-switch .track { width: 40px; height: 20px; border-radius: 10px; background: transparent;
  border: 1px solid var(--muted); }
.gf-switch .thumb { top: 3px; left: 4px; width: 12px; height: 12px; background: var(--muted); box-shadow: none; }
.gf-switch[aria-checked="true"] .track { background: var(--ac); border-color: var(--ac); }
.gf-switch[aria-checked="true"] .thumb { left: 23px; background: var(--on-ac); }
.gf-slider { height: 4px; border-radius: 2px;
  background: linear-gradient(to right, var(--ac) var(--v), var(--under) var(--v)); }
.gf-slider::-webkit-slider-thumb { width: 20px; height: 20px; background: var(--ac); border: 5px solid var(--input-bg);
  box-shadow: 0 0 0 1px var(--stroke); }
.gf-row.k-tabs { border-bottom: 0; }
.gf-tab { position: relative; color: var(--muted); border-bottom: 0; padding: calc(var(--space) * 1.25) calc(var(--space) * 1.5); }
.gf-tab[aria-selected="true"] { color: var(--text); }
.gf-tab[aria-selected="true"]::after { content: ""; position: absolute; left: 12px; right: 12px; bottom: 2px;
  height: 3px; border-radius: 2px; background: var(--ac); }
.gf-toolbar.k-bottom .gf-tab[aria-selected="true"] { color: var(--ac); }
.gf-toolbar.k-bottom .gf-tab[aria-selected="true"]::after { left: 50%; right: auto; width: 16px; margin-left: -8px; }
.gf-toolbar.k-navbar { background: var(--bg); border-bottom: 0; padding: 6px calc(var(--space) * 2); }
.gf-toolbar.k-sidebar { background: var(--bg); border-right: 0; padding: var(--space) 4px; }
.gf-toolbar.k-sidebar + * { background: var(--layer); border: 1px solid var(--border); border-width: 1px 0 0 1px;
  border-top-left-radius: 8px; }
.gf-toolbar.k-bottom { background: var(--surface-2); border-top: 1px solid var(--stroke); position: relative; z-index: 1; }
.gf-menu-item { position: relative; border-radius: 4px; padding: calc(var(--space) * .9) calc(var(--space) * 1.5); }
.gf-menu-item[aria-current="page"] { background: var(--selected); color: var(--text); font-weight: 400; }
.gf-menu-item[aria-current="page"]::before, div.gf-list-item[aria-selected="true"]::before { content: "";
  position: absolute; left: 0; top: 50%; height: 16px; margin-top: -8px; width: 3px; border-radius: 2px;
  background: var(--ac); }
.gf-card { border-color: var(--border); border-radius: 4px; }
[data-theme=light] .gf-card.elevated { border-color: transparent; background: #fff; }
[data-theme=dark] .gf-card { border-color: #1a1a1a; }
.gf-list-item { position: relative; border-radius: 4px; padding: var(--space) calc(var(--space) * 1.5); }
.gf-table th { font-weight: 600; border-bottom-color: var(--stroke); }
.gf-table td { border-bottom-color: color-mix(in srgb, var(--stroke) 55%, transparent); }
.gf-table tr.gf-list-item[aria-selected="true"] td { background: var(--selected); }
.gf-progress { height: 4px; border-radius: 2px; background: linear-gradient(var(--under), var(--under)) center / 100% 1px no-repeat; }
.gf-progress .fill { background: var(--ac); border-radius: 2px; }
.gf-scrollbar { width: 6px; background: transparent; }
.gf-scrollbar .thumb { left: 1px; right: 1px; background: var(--under); border-radius: 3px; }
.gf-dialog { border-radius: 8px; border: 1px solid var(--stroke); background: var(--surface);
  box-shadow: 0 32px 64px rgba(0,0,0,.24), 0 0 8px rgba(0,0,0,.2); }
.gf-overlay { --scrim: rgba(0,0,0,.4); }
.gf-badge { border-radius: 4px; font-weight: 600; padding: 0 6px; border: 1px solid color-mix(in srgb, currentColor 30%, transparent); }
.gf-pager i { width: 6px; height: 6px; background: var(--under); }
.gf-pager i.on { width: 8px; height: 8px; margin: -1px; background: var(--ac); }
.gf-card > .gf-badge, .gf-column > .gf-badge { align-self: flex-start; }
"""

register_web_style(
    name="fluent",
    description="Fluent 2 / Windows 11 flavour: mica gray canvas, 4px radius, 1px strokes, accent underline/indicator",
    css=CSS,
    accents=("#0078d4", "#005fb8", "#0f6cbd", "#8764b8", "#107c10", "#c239b3", "#038387"),
    fonts=("Noto Sans", "Noto Sans Display", "Liberation Sans"),
    font_scale=(0.88, 1.08), density=(0.8, 1.15),
)
