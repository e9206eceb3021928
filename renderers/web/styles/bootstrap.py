"""Bootstrap 5 flavour: white/gray surfaces, thin borders, 6px radius, solid and outline buttons, dark navbar."""

from renderers.web.styles import register_web_style

CSS = """
:root[data-theme=light] { --bg: #ffffff; --surface: #ffffff; --surface-2: #f8f9fa; --text: #212529; --muted: #6c757d;
  --border: #dee2e6; --danger: #dc3545; --input-bg: #ffffff; --track: #e9ecef; --scheme: light;
  --link: var(--accent); --selected: color-mix(in srgb, var(--accent) 12%, #fff); --stripe: rgba(0,0,0,.035); }
:root[data-theme=dark] { --bg: #212529; --surface: #212529; --surface-2: #2b3035; --text: #dee2e6; --muted: #adb5bd;
  --border: #495057; --danger: #ea868f; --input-bg: #212529; --track: #343a40; --scheme: dark;
  --link: color-mix(in srgb, var(--accent) 55%, #fff); --selected: color-mix(in srgb, var(--accent) 30%, #212529);
  --stripe: rgba(255,255,255,.04); }
:root { --radius: 6px; --shadow: 0 .125rem .25rem rgba(0,0,0,.075); --control-h: calc(38px * var(--density));
  --ring: 0 0 0 .25rem color-mix(in srgb, var(--accent) 25%, transparent); }
.gf-heading { font-weight: 500; }
.gf-link { color: var(--link); text-decoration: underline; font-weight: 400; }
.gf-button { font-weight: 400; padding: 0 calc(var(--space) * 1.5); }
.gf-button.v-primary { border-color: var(--accent); }
.gf-button.v-secondary { background: transparent; color: var(--muted); border-color: var(--muted); }
.gf-button.v-text { color: var(--link); text-decoration: underline; }
.gf-button.v-danger { background: #dc3545; border-color: #dc3545; }
.gf-button:focus, .gf-icon-button:focus, .gf-dropdown:focus, .gf-spin:focus, .gf-date:focus,
.gf-input:focus { outline: 0; box-shadow: var(--ring); }
.gf-check:focus, .gf-switch:focus { outline: 0; }
.gf-check:focus .box, .gf-check.radio[aria-checked]:focus .box, .gf-switch:focus .track { box-shadow: var(--ring); }
.gf-input:focus, .gf-dropdown:focus, .gf-date:focus { border-color: color-mix(in srgb, var(--accent) 50%, #fff); }
.gf-input[aria-invalid="true"] { box-shadow: 0 0 0 .25rem rgba(220,53,69,.2); }
.gf-icon-button { border-radius: var(--radius); color: var(--muted); }
.gf-check .box { width: 16px; height: 16px; border-width: 1px; border-color: var(--border); border-radius: 4px;
  background: var(--input-bg); }
.gf-check.radio .box { border-radius: 50%; }
.gf-check.radio[aria-checked="true"] .box { box-shadow: none; border-color: var(--accent);
  background: radial-gradient(circle, #fff 0 3px, var(--accent) 3.5px); }
.gf-switch .track { width: 32px; height: 18px; border-radius: 9px; background: var(--input-bg);
  border: 1px solid var(--border); }
.gf-switch .thumb { top: 2px; left: 2px; width: 12px; height: 12px; background: var(--border); box-shadow: none; }
[data-theme=light] .gf-switch .thumb { background: #adb5bd; }
.gf-switch[aria-checked="true"] .track { border-color: var(--accent); }
.gf-switch[aria-checked="true"] .thumb { left: 16px; background: #fff; }
.gf-slider { height: 8px; border-radius: 4px; background: var(--track); }
.gf-slider::-webkit-slider-thumb { width: 16px; height: 16px; border: 0; }
.gf-spin .arrows i:first-child { border-bottom-color: var(--text); }
.gf-spin .arrows i:last-child { border-top-color: var(--text); }
.gf-tab { color: var(--link); border: 1px solid transparent; border-radius: 6px 6px 0 0; margin-bottom: -1px;
  padding: var(--space) calc(var(--space) * 2); }
.gf-tab[aria-selected="true"] { color: var(--text); font-weight: 400; background: var(--surface);
  border-color: var(--border) var(--border) var(--surface); }
.gf-toolbar.k-bottom .gf-tab { border: 0; margin: 0; color: var(--muted); border-radius: 0; }
.gf-toolbar.k-bottom .gf-tab[aria-selected="true"] { color: var(--link); background: transparent; }
.gf-toolbar.k-navbar { --text: #fff; --muted: rgba(255,255,255,.6); --border: #495057; --input-bg: #2b3035;
  --surface: #343a40; --link: rgba(255,255,255,.6); background: #212529; color: var(--text); border-bottom: 0; }
[data-theme=dark] .gf-toolbar.k-navbar { background: #2b3035; border-bottom: 1px solid #343a40; }
.gf-toolbar.k-navbar .gf-link { text-decoration: none; }
.gf-toolbar.k-navbar .gf-icon-button { color: rgba(255,255,255,.75); }
.gf-toolbar.k-sidebar { background: var(--surface-2); }
.gf-menu-item { color: var(--text); }
.gf-menu-item[aria-current="page"] { background: var(--accent); color: #fff; font-weight: 400; }
.gf-card { padding: calc(var(--space) * 2); }
.gf-card.elevated { border-color: var(--border); }
.gf-list-item { border-radius: 0; border-bottom: 1px solid var(--border); }
.gf-list-item[aria-selected="true"] { background: var(--selected); }
.gf-table th { border-bottom: 2px solid var(--text); }
.gf-table tbody tr:nth-child(odd) td { background: var(--stripe); }
.gf-progress { height: 12px; border-radius: 6px; }
.gf-scrollbar { border-radius: 0; width: 8px; }
.gf-scrollbar .thumb { border-radius: 0; background: #adb5bd; }
.gf-dialog { border-radius: 8px; border: 1px solid var(--border); box-shadow: 0 .5rem 1rem rgba(0,0,0,.15); }
.gf-overlay { --scrim: rgba(0,0,0,.5); }
.gf-badge { border-radius: 6px; font-weight: 700; font-size: .75em; padding: 2px 7px; }
.gf-badge.t-success { background: #198754; color: #fff; }
.gf-badge.t-warning { background: #ffc107; color: #000; }
.gf-badge.t-info { background: #0dcaf0; color: #000; }
.gf-badge.t-neutral { background: #6c757d; color: #fff; }
.gf-pager i { width: 24px; height: 4px; border-radius: 0; background: var(--muted); opacity: .5; }
.gf-pager i.on { background: var(--accent); opacity: 1; }
.gf-card > .gf-badge, .gf-column > .gf-badge { align-self: flex-start; }
"""

register_web_style(
    name="bootstrap",
    description="Bootstrap 5 flavour: white/gray surfaces, 1px borders, 6px radius, solid/outline buttons, dark navbar",
    css=CSS,
    accents=("#0d6efd", "#6610f2", "#6f42c1", "#d63384", "#198754", "#0a58ca", "#1a7f8e"),
    fonts=("Liberation Sans", "DejaVu Sans", "Noto Sans"),
)
