"""Finding and launching Chromium offline: Playwright's own build where present, else Debian's."""

from __future__ import annotations

import logging
import os
import shutil

log = logging.getLogger(__name__)

SYSTEM_CHROMIUMS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
# Quiet, offline, deterministic: no background traffic, no GPU, no LCD subpixel text, no font hinting, no partial
# raster. With partial raster the compositor redraws only the invalidated rectangle of a tile over what an earlier
# frame of the same page left there, so a sample's pixels depended on which frames happened to be drawn before the
# capture (timing, what the worker drew before): Framework7's search field (placeholder text under blurred inset
# shadows) came out in one of two images at random. Whole tiles are redrawn instead: pixels from the final page only.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic", "--disable-extensions", "--disable-default-apps",
    # Subpixel glyph positioning made the same page raster its text differently from run to run (a paragraph
    # 1 CSS px higher in ~1 draw of 10, boxes unchanged): whole-pixel glyph positions are deterministic.
    "--font-render-hinting=none", "--disable-lcd-text", "--disable-font-subpixel-positioning",
    "--hide-scrollbars", "--mute-audio", "--disable-partial-raster",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
]
INSTALL_HINT = ("no Chromium found: install Debian's package (`apt-get install chromium`, done by `make setup`) "
                "or Playwright's browser (`playwright install chromium`), or set GUI_FACTORY_CHROMIUM to a binary")


class BrowserMissing(RuntimeError):
    pass


def shut_down(browser, playwright) -> None:
    """Close a browser, then stop its Playwright; a failure (a dead browser) is logged, never masks the exit."""
    for obj in (browser, playwright):
        try:
            if obj is playwright and obj is not None:
                obj.stop()
            elif obj is not None:
                obj.close()
        except Exception as e:  # noqa: BLE001 - shutting down a dead browser; report, don't mask the exit
            log.warning("closing %s failed: %s", type(obj).__name__, e)


def chromium_path(playwright) -> str:
    """GUI_FACTORY_CHROMIUM, else Playwright's bundled build if installed, else a system Chromium."""
    env = os.environ.get("GUI_FACTORY_CHROMIUM")
    if env:
        if not os.access(env, os.X_OK):
            raise BrowserMissing(f"GUI_FACTORY_CHROMIUM={env} is not an executable file")
        return env
    try:
        bundled = playwright.chromium.executable_path
    except Exception:  # noqa: BLE001 - Playwright raises a plain Error when its browser registry is absent
        bundled = ""
    if bundled and os.access(bundled, os.X_OK):
        return bundled
    for path in SYSTEM_CHROMIUMS:
        if os.access(path, os.X_OK):
            return path
    found = shutil.which("chromium")
    if found:
        return found
    raise BrowserMissing(INSTALL_HINT)


def import_playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:  # pragma: no cover - exercised only without the extra
        raise BrowserMissing("the web renderer needs Playwright: pip install 'gui-factory[web]'") from e
    return sync_playwright
