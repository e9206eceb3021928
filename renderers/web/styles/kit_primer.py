"""Primer CSS (GitHub's design system) from npm: its components and light/dark colour modes."""

from renderers.web.kit import Kit
from renderers.web.styles import register_kit_style

KIT = Kit(
    package="@primer/css",
    macros="primer.html.j2",
    stylesheets=("@primer/css/dist/primer.css",),
    theme_attrs={"light": 'data-color-mode="light" data-light-theme="light" data-dark-theme="dark"',
                 "dark": 'data-color-mode="dark" data-light-theme="light" data-dark-theme="dark"'},
    css="body { background: var(--bgColor-default); color: var(--fgColor-default); }"
        " :root { --gf-kit-accent: var(--bgColor-accent-emphasis); }"
        " .gf-primer-table th, .gf-primer-table td { padding: 8px 12px; text-align: left;"
        " border-bottom: 1px solid var(--borderColor-default); }"
        " .gf-kit-toolbar.k-sidebar { border-radius: 0; border-width: 0 1px 0 0; margin: 0; }"
        " .UnderlineNav-body { gap: 8px; } .gf-kit-toolbar.k-bottom .UnderlineNav-item { flex-direction: column; }",
)

register_kit_style(
    name="kit-primer",
    description="Primer CSS itself (GitHub's CSS kit and its component markup), light and dark colour modes",
    kit=KIT,
)
