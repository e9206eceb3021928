"""Real CSS kits from npm as web styles: what a kit style links, how its page is themed, and where its files live.

A kit style draws our layouts with a real CSS framework's own stylesheets and component markup (one Jinja macro
file per kit under templates/kits/), instead of the hand-written flavours over base.css. Its files are installed,
pinned, by `make setup` (`npm ci` in renderers/web/kits/); pages link them at KITS_URL and the renderer serves
that address from node_modules through the offline routes (renderers.web.offline_routes), so nothing is fetched
from the network. Google Fonts addresses that a kit names are rebuilt from the pinned @fontsource packages.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Mapping, Sequence

from factory.core.errors import ConfigError

KITS_ROOT = Path(__file__).resolve().parent / "kits"  # package.json + package-lock.json (committed)
# Installed by scripts/setup.sh (git-ignored); GUI_FACTORY_KITS points elsewhere (another install of the same lock).
KITS_DIR = Path(os.environ.get("GUI_FACTORY_KITS") or KITS_ROOT / "node_modules")
KITS_URL = "https://kits.gui-factory.invalid/"  # pages link KITS_URL + "<package>/<path>"; served from KITS_DIR
FONTS_URL = "https://fonts.googleapis.com/css?family="  # rebuilt offline from KITS_DIR/@fontsource


@dataclass(frozen=True)
class Kit:
    """One kit as a style: the files its pages link and how a theme and an accent are expressed.

    stylesheets: paths under node_modules linked by every page; accent_sheets: per accent factor, the sheets
    that replace `stylesheets` (a Bootswatch theme replaces Bootstrap's own CSS); fonts: Google Fonts families
    linked (served from @fontsource); theme_attrs: per theme, attributes of <html> (data-bs-theme="dark");
    body_class: per theme, classes of <body>; macros: the kit's template under templates/kits/; rtl_sheet: for
    right-to-left pages, the ending that replaces ".min.css" in each sheet's name (Bootstrap ships mirrored builds:
    bootstrap.rtl.min.css); empty where the kit mirrors by itself from dir="rtl" (or not at all); theme_sheets: per
    theme, the sheets that replace `stylesheets` (Onsen UI ships its dark mode as a build of its own); html_class: per
    theme and per accent, classes of <html> (Framework7's theme is `<html class="ios dark">`); html_mode: per accent,
    the `mode` attribute of <html> (Ionic's iOS or Material Design mode); scripts: ES modules under node_modules that
    define a kit's web components (Ionic's lazy loader), loaded offline like its sheets; head_js: a script run first
    in <head>, before any sheet (an inline script after a sheet still loading would stop the parser until it loads),
    that may set `window.gfKitReady`, an async function measure.js awaits before it lays out and measures (a web
    component kit's hydration); html_class may also key a (theme, accent) pair as "theme/accent" (Carbon's theme is
    one class, cds--g10 or cds--g90, picked by both); cdn_mirrors: address prefix -> directory under node_modules,
    for the CDN addresses that a kit's own compiled CSS names (Carbon's @font-face rules name IBM's CDN; its pinned
    @ibm/plex-* packages ship the same files), served offline by the renderer; import_map: bare module specifier ->
    path under node_modules (a specifier ending in "/" maps a prefix to a directory), written as the page's import map
    before its module scripts, for a kit whose ES modules import their dependencies by bare name (Material Web's
    `import {LitElement} from 'lit'`): the browser resolves them to the same offline addresses as the kit's files."""

    package: str
    macros: str
    stylesheets: Sequence[str]
    accent_sheets: Mapping[str, Sequence[str]] = field(default_factory=dict)
    fonts: Sequence[str] = ()
    theme_attrs: Mapping[str, str] = field(default_factory=dict)
    body_class: Mapping[str, str] = field(default_factory=dict)
    css: str = ""  # a few lines of ours on top (the page frame: full-height body, no page margin)
    rtl_sheet: str = ""
    theme_sheets: Mapping[str, Sequence[str]] = field(default_factory=dict)
    html_class: Mapping[str, str] = field(default_factory=dict)
    html_mode: Mapping[str, str] = field(default_factory=dict)
    scripts: Sequence[str] = ()
    head_js: str = ""
    cdn_mirrors: Mapping[str, str] = field(default_factory=dict)
    import_map: Mapping[str, str] = field(default_factory=dict)

    def sheets(self, accent: str, rtl: bool = False, theme: str = "light") -> tuple[str, ...]:
        sheets = self.accent_sheets.get(accent, self.theme_sheets.get(theme, self.stylesheets))
        if rtl and self.rtl_sheet:
            sheets = [s.removesuffix(".min.css") + self.rtl_sheet if s.endswith(".min.css") else s for s in sheets]
        return tuple(sheets)

    def files(self) -> tuple[str, ...]:
        """Every stylesheet and script any page of this kit may link."""
        accents, themes = [*self.accent_sheets, ""], [*self.theme_sheets, "light"]
        mapped = (p for spec, p in self.import_map.items() if not spec.endswith("/"))
        return tuple(dict.fromkeys([*(s for a in accents for t in themes for rtl in (False, True)
                                      for s in self.sheets(a, rtl, t)), *self.scripts, *mapped]))

    def script_links(self) -> list[str]:
        """The addresses of the kit's module scripts (served offline from node_modules)."""
        return [KITS_URL + s for s in self.scripts]

    def import_map_json(self) -> str:
        """The page's import map (JSON, "" for none): each bare specifier at its offline address."""
        if not self.import_map:
            return ""
        return json.dumps({"imports": {spec: KITS_URL + path for spec, path in sorted(self.import_map.items())}},
                          separators=(",", ":"))

    def links(self, accent: str, rtl: bool = False, theme: str = "light") -> list[str]:
        """The stylesheet addresses of a page drawn with `accent` (mirrored for a right-to-left page), fonts first."""
        fonts = [FONTS_URL + f.replace(" ", "+") + ":400,700" for f in self.fonts]
        return fonts + [KITS_URL + s for s in self.sheets(accent, rtl, theme)]

    def html_attrs(self, theme: str, accent: str) -> str:
        """The attributes of a page's <html>: the theme's (data-bs-theme="dark"), the classes of theme and accent."""
        classes = " ".join(c for c in (self.html_class.get(theme, ""), self.html_class.get(accent, ""),
                                       self.html_class.get(f"{theme}/{accent}", "")) if c)
        mode = self.html_mode.get(accent, "")
        return " ".join(a for a in (self.theme_attrs.get(theme, ""), f'class="{classes}"' if classes else "",
                                    f'mode="{mode}"' if mode else "") if a)


def ready_script(name: str) -> str:
    """A web component kit's head_js: the waits its gfKitReady is made of (styles/kit_ready.js), then the kit's own
    script `name` (under styles/, e.g. kit_ionic_ready.js), in one <script>."""
    styles = resources.files("renderers.web.styles")
    return "\n".join(styles.joinpath(f).read_text(encoding="utf-8") for f in ("kit_ready.js", name))


def kit_version(package: str) -> str:
    """The installed version of an npm package of the kits (from the committed lock file)."""
    return _lock()["packages"].get(f"node_modules/{package}", {}).get("version", "?")


@lru_cache(maxsize=1)
def _lock() -> dict:
    """The lock file; empty where it is absent (an installed wheel carries no kits: kit styles then fail their
    check_installed with the fix, and registering them, `factory list` included, still works)."""
    lock = KITS_ROOT / "package-lock.json"
    return json.loads(lock.read_text(encoding="utf-8")) if lock.is_file() else {"packages": {}}


def kits_fingerprint() -> str:
    """A short hash of the pinned kits (their lock file): part of the web renderer's version."""
    lock = KITS_ROOT / "package-lock.json"
    return hashlib.sha256(lock.read_bytes()).hexdigest()[:12] if lock.is_file() else "absent"


def check_installed(kit: Kit, style: str) -> None:
    """ConfigError naming the fix when a kit's files are not installed (a page would silently draw unstyled)."""
    missing = [f for f in (*kit.files(), *(f"@fontsource/{_slug(f)}/400.css" for f in kit.fonts))
               if not (KITS_DIR / f).is_file()]
    missing += [d for d in kit.cdn_mirrors.values() if not (KITS_DIR / d).is_dir()]
    missing += [p for spec, p in kit.import_map.items() if spec.endswith("/") and not (KITS_DIR / p).is_dir()]
    if missing:
        raise ConfigError(f"web style {style!r} draws with the npm kit {kit.package!r}, but {KITS_DIR / missing[0]} is "
                          f"missing ({len(missing)} file(s)): run `make setup` (it installs renderers/web/kits with "
                          f"`npm ci`)")


def _slug(family: str) -> str:
    return "-".join(family.lower().split())
