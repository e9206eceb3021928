"""Material-like: filled tonal surfaces, elevation shadows, rounded pill buttons, underlined filled inputs."""

from renderers.web.styles import register_web_style

CSS = """
:root[data-theme=light] { --bg: #fef7ff; --surface: #ffffff; --surface-2: #f3edf7; --text: #1d1b20; --muted: #49454f;
  --border: #cac4d0; --danger: #b3261e; --input-bg: #e7e0ec; --selected: #e8def8; --track: #e7e0ec; --scheme: light; }
:root[data-theme=dark] { --bg: #141218; --surface: #211f26; --surface-2: #2b2930; --text: #e6e0e9; --muted: #cac4d0;
  --border: #49454f; --danger: #f2b8b5; --on-danger: #601410; --input-bg: #36343b; --selected: #4a4458; --track: #49454f; --scheme: dark;
  --success-bg: #1f3d2b; --success: #a7f3d0; --warning-bg: #3d321a; --warning: #fde68a; --info-bg: #1e2a4a;
  --info: #bfdbfe; --neutral-bg: #36343b; --neutral: #e6e0e9; }
:root { --radius: 12px; --shadow: 0 1px 2px rgba(0,0,0,.3), 0 2px 6px 2px rgba(0,0,0,.15); --control-h: calc(40px * var(--density)); }
.gf-card { border: 0; background: var(--surface-2); }
.gf-card.elevated { background: var(--surface); }
.gf-button { border-radius: 20px; letter-spacing: .02em; padding: 0 calc(var(--space) * 3); }
.gf-button.v-secondary { background: transparent; border-color: var(--muted); color: var(--accent); }
.gf-input, .gf-dropdown, .gf-spin, .gf-date { border: 0; border-bottom: 1px solid var(--muted); border-radius: 4px 4px 0 0; }
.gf-input:focus { outline: 0; border-bottom: 2px solid var(--accent); }
.gf-input[aria-invalid="true"] { border-bottom: 2px solid var(--danger); }
.gf-toolbar.k-navbar { background: var(--surface-2); border: 0; }
.gf-toolbar.k-sidebar { background: var(--bg); border: 0; }
.gf-menu-item { border-radius: 28px; }
.gf-menu-item[aria-current="page"] { color: var(--text); }
.gf-tab[aria-selected="true"] { border-bottom-width: 3px; }
.gf-switch .track { width: 52px; height: 32px; border-radius: 16px; background: var(--track); border: 2px solid var(--muted); }
.gf-switch .thumb { top: 6px; left: 6px; width: 16px; height: 16px; background: var(--muted); box-shadow: none; }
.gf-switch[aria-checked="true"] .track { border-color: var(--accent); }
.gf-switch[aria-checked="true"] .thumb { left: 24px; top: 2px; width: 24px; height: 24px; background: var(--surface); }
.gf-dialog { border-radius: 28px; background: var(--surface-2); }
.gf-badge { border-radius: 8px; }
"""

register_web_style(
    name="material",
    description="Material Design 3 flavour: tonal surfaces, pill buttons, filled inputs",
    css=CSS,
    accents=("#6750a4", "#386a20", "#0061a4", "#9c4146", "#7d5260", "#006a6a"),
    fonts=("Noto Sans", "DejaVu Sans", "Liberation Sans"),
)
