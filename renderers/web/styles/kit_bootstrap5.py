"""Bootstrap 5 from npm, and a few Bootswatch themes of it as the accent factor; light and dark colour modes."""

from renderers.web.kit import Kit
from renderers.web.styles import register_kit_style

BOOTSWATCH = ("flatly", "minty", "litera", "pulse", "materia", "sketchy", "zephyr")

KIT = Kit(
    package="bootstrap",
    macros="bootstrap5.html.j2",
    stylesheets=("bootstrap/dist/css/bootstrap.min.css",),
    accent_sheets={t: (f"bootswatch/dist/{t}/bootstrap.min.css",) for t in BOOTSWATCH},
    theme_attrs={"light": 'data-bs-theme="light"', "dark": 'data-bs-theme="dark"'},
    rtl_sheet=".rtl.min.css",  # right-to-left pages link Bootstrap's (and Bootswatch's) mirrored builds
    css=".gf-kit-toolbar.k-bottom .nav-link { display: flex; flex-direction: column; align-items: center; }",
)

register_kit_style(
    name="kit-bootstrap5",
    description="Bootstrap 5 itself (its CSS and component markup); accent: stock or a Bootswatch theme",
    kit=KIT,
    accents=("default", "default", *BOOTSWATCH),
)
