"""Finding and launching Chromium offline: Playwright's own build where present, else Debian's."""

from __future__ import annotations

import os
import shutil

SYSTEM_CHROMIUMS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
# Quiet, offline, deterministic: no background traffic, no GPU, no LCD subpixel text, no font hinting.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic", "--disable-extensions", "--disable-default-apps",
    "--font-render-hinting=none", "--disable-lcd-text", "--hide-scrollbars", "--mute-audio",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
]
INSTALL_HINT = ("no Chromium found: install Debian's package (`apt-get install chromium`, done by `make setup`) "
                "or Playwright's browser (`playwright install chromium`), or set GUI_FACTORY_CHROMIUM to a binary")


class BrowserMissing(RuntimeError):
    pass


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
