"""Registers the web renderer; importing this module is cheap (Playwright loads in `open`)."""

from __future__ import annotations

import os
from functools import lru_cache

from factory.core.styles import Style, Viewports
from renderers import RENDERERS
from renderers.base import RendererSpec
from renderers.web.kit import kits_fingerprint
from renderers.web.styles import WEB_STYLES


def _open(**kwargs):
    from renderers.web.renderer import WebRenderer

    return WebRenderer(**kwargs)


def _check_style(style: Style) -> None:
    """A kit style needs its npm kit installed (`make setup`), every style the icon sets: ConfigError naming the fix,
    not unstyled pages."""
    from renderers.web.icons import check_installed as check_icons

    check_icons()
    if "kit" in style.assets:
        from renderers.web.kit import check_installed

        check_installed(style.assets["kit"], style.name)


@lru_cache(maxsize=1)
def _version() -> str:
    """Chromium's version and the pinned CSS kits (a hash of their lock file): output bytes depend on both, so the
    manifest records them."""
    import subprocess
    from concurrent.futures import ThreadPoolExecutor

    from renderers.web.browser import chromium_path, draws_frames_on_demand, import_playwright

    def find() -> str:
        with import_playwright()() as pw:
            return chromium_path(pw)

    # In a thread of its own: Playwright's sync API refuses to start where another instance runs.
    with ThreadPoolExecutor(1) as pool:
        path = pool.submit(find).result()
    out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    # The binary's name too: Debian's full browser and its headless shell print the same version, and draw a few
    # pixels differently; and how frames are drawn (a few pixels differ again).
    on_demand = ", frames on demand" if draws_frames_on_demand(path) else ""
    return f"{out or path} ({os.path.basename(path)}{on_demand}); kits {kits_fingerprint()}"


VIEWPORTS = Viewports(
    desktop=((1280, 800), (1366, 768), (1440, 900), (1536, 864), (1024, 768)),
    mobile=((390, 844), (360, 800), (412, 915), (375, 667)),
    desktop_dpr=(1.0, 1.0, 1.25),
    mobile_dpr=(2.0, 2.0, 3.0),
    mobile_share=0.3,
)

RENDERERS.register("web", RendererSpec(
    name="web",
    description="Web pages in headless Chromium driven by Playwright, annotated from the DOM",
    open=_open,
    version=_version,
    styles=WEB_STYLES,
    default_style="material",
    viewports=VIEWPORTS,
    source_member="html",
    check_style=_check_style,
    rtl=True,
    source_note="<key>.html: the page as written into Chromium. Flavour styles: self-contained, CSS inline in one "
                "<style> element (the shared base.css plus the style's CSS). kit-* styles: kit_base.css inline, and "
                "links to the npm kit's stylesheets at https://kits.gui-factory.invalid/<package>/<path> (served "
                "from renderers/web/kits/node_modules, versions in its package-lock.json) and to Google Fonts "
                "addresses (rebuilt from its @fontsource packages). Icons from one npm icon set per page (<html "
                "data-icon-set>): inline SVG, or the set's icon font (<i class=\"bi bi-house\">) "
                "with its CSS linked at https://kits.gui-factory.invalid/ like a kit's; right-to-left locales carry "
                "dir=\"rtl\" on <html>. Pictures data: URIs, other "
                "fonts named by family (system fonts); data-nid=\"nN\" marks the node of element id N; the viewport "
                "is the sample's factors.viewport_w/viewport_h at factors.dpr; once the page is written the renderer's "
                "script (renderers/web/measure.js) scrolls each [data-scroll-y] element, places each open popup "
                "([data-below]) under the element it names and focuses the [data-focus] element",
))
