"""IBM's Carbon Design System from npm (@carbon/styles, its compiled CSS): its components and cds-- markup, its four
themes and its own IBM Plex font.

Carbon's theme is one class on <html>: cds--white or cds--g10 on light pages, cds--g100 or cds--g90 on dark ones; the
accent factor names the pair ("white-g100": the high-contrast pair, "g10-g90": the softer one). The compiled CSS names
IBM Plex on IBM's CDN; the renderer serves those addresses from the @ibm/plex-* packages Carbon pins (cdn_mirrors).
Carbon's @ibm/plex (every Plex family in every format, for its SCSS: 203 MB) is never loaded; renderers/web/kits/
package.json's overrides install it as an alias of @ibm/plex-sans.
"""

from importlib import resources

from renderers.web.kit import Kit
from renderers.web.styles import register_kit_style

PLEX_CDN = "https://1.www.s81c.com/common/carbon/plex/fonts/"
PLEX_FAMILIES = ("Mono", "Sans", "Sans-Arabic", "Sans-Devanagari", "Sans-Hebrew", "Sans-Thai", "Sans-Thai-Looped",
                 "Serif")
THEME_PAIRS = {"white-g100": ("cds--white", "cds--g100"), "g10-g90": ("cds--g10", "cds--g90")}

KIT = Kit(
    package="@carbon/styles",
    macros="carbon.html.j2",
    stylesheets=("@carbon/styles/css/styles.min.css",),
    html_class={f"{theme}/{pair}": classes[theme == "dark"] for pair, classes in THEME_PAIRS.items()
                for theme in ("light", "dark")},
    cdn_mirrors={f"{PLEX_CDN}IBM-Plex-{f}/": f"@ibm/plex-{f.lower()}" for f in PLEX_FAMILIES},
    # the page frame and what Carbon lays out for a page of its own (fixed UI shell, modal positioning), in its tokens
    css=resources.files("renderers.web.styles").joinpath("kit_carbon.css").read_text(encoding="utf-8"),
)

register_kit_style(
    name="kit-carbon",
    description="IBM Carbon itself (@carbon/styles: its CSS, cds-- component markup and IBM Plex); themes white/g10"
                " (light) and g90/g100 (dark); accent: the theme pair",
    kit=KIT,
    accents=tuple(THEME_PAIRS),
)
