"""Serving a real page's requests offline: its own files, pinned copies of the CDN files it names, nothing else.

Real pages name CDNs (Bootstrap's JS, icon fonts, Google Fonts, placeholder images). Each request is answered
from disk or refused, and counted:
- file: and data: URLs load as they are; a file the package does not ship but the site lists a stand-in for
  (`redirects`) is served from the stand-in; any other missing file is counted `missing_files`;
- a CDN address with a mirror (an npm package pinned at the version the address names) is served from it;
- fonts.googleapis.com CSS is rebuilt from the pinned @fontsource packages, its font files served from them;
- dummyimage.com placeholders are drawn as the SVG that service would return (size text on a flat colour);
- video and audio are never loaded (`blocked_media`): which frame a video shows depends on timing;
- every other request is aborted and counted `blocked_requests`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape

GOOGLE_CSS = ("https://fonts.googleapis.com/css", "http://fonts.googleapis.com/css")
FONT_FILES = "https://fonts.gstatic.com/fontsource/"  # where the rebuilt CSS points its url()s
CORS = {"Access-Control-Allow-Origin": "*"}  # fonts are CORS requests; a file: page has an opaque origin
DUMMY = re.compile(r"https?://dummyimage\.com/(\d{1,4})(?:x(\d{1,4}))?(?:/([0-9a-fA-F]{3,6}))?(?:/([0-9a-fA-F]{3,6}))?"
                   r"(?:\.(?:png|jpe?g|gif))?(?:[?&].*)?$")
WEIGHT = re.compile(r"^(\d{3})(i|italic)?$|^(regular|italic|bold|bolditalic)$")


def google_font_styles(url: str) -> list[tuple[str, int, str]]:
    """(family, weight, 'normal'|'italic') requested by a Google Fonts CSS address (the css and css2 APIs)."""
    query = parse_qs(urlsplit(url).query)
    out = []
    for spec in (f for value in query.get("family", []) for f in value.split("|")):
        family, _, variants = spec.partition(":")
        family = family.replace("+", " ").strip()
        if not family:
            continue
        styles: list[tuple[int, str]] = []
        if "@" in variants:  # css2: ital,wght@0,400;1,700  or  wght@400;700
            axes, _, tuples = variants.partition("@")
            names = axes.split(",")
            for t in tuples.split(";"):
                vals = dict(zip(names, t.split(",")))
                weight = vals.get("wght", "400").split("..")[0]
                style = "italic" if vals.get("ital") == "1" else "normal"
                styles.append((int(weight) if weight.isdigit() else 400, style))
        else:  # css: 400,700italic,300i
            for v in (variants.split(",") if variants else ["400"]):
                m = WEIGHT.match(v.strip())
                if not m:
                    continue
                if m.group(3):
                    word = m.group(3)
                    styles.append((700 if "bold" in word else 400, "italic" if "italic" in word else "normal"))
                else:
                    styles.append((int(m.group(1)), "italic" if m.group(2) else "normal"))
        out.extend((family, w, s) for w, s in dict.fromkeys(styles or [(400, "normal")]))
    return out


def fontsource_css(fontsource: Path, styles: list[tuple[str, int, str]]) -> tuple[str, list[str]]:
    """@font-face rules for `styles` from @fontsource/<family> packages, url()s pointing at FONT_FILES; and the
    (family, weight, style) requested that no installed package has."""
    css, missing = [], []
    for family, weight, style in styles:
        slug = re.sub(r"[^a-z0-9]+", "-", family.lower()).strip("-")
        name = f"{weight}.css" if style == "normal" else f"{weight}-italic.css"
        f = fontsource / slug / name
        if not f.is_file():  # fontsource 4 packages name their files by subset: latin-400.css
            f = fontsource / slug / f"latin-{name}"
        if not f.is_file():
            missing.append(f"{family} {weight} {style}")
            continue
        text = f.read_text(encoding="utf-8")
        css.append(re.sub(r"url\(\s*['\"]?\./files/", f"url({FONT_FILES}{slug}/files/", text))
    return "\n".join(css), missing


def dummy_svg(url: str) -> bytes | None:
    """The placeholder dummyimage.com draws for `url`: its size as text, centred on a flat background."""
    m = DUMMY.match(url)
    if not m:
        return None
    w = int(m.group(1))
    h = int(m.group(2) or w)
    if not (0 < w <= 4000 and 0 < h <= 4000):
        return None
    bg, fg = (m.group(3) or "ccc"), (m.group(4) or "000")
    text = parse_qs(urlsplit(url).query).get("text", [f"{w}\u00d7{h}"])[0]
    size = max(6, min(w // max(4, len(text)) * 1.6, h / 3))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
            f'<rect width="{w}" height="{h}" fill="#{bg}"/><text x="{w / 2}" y="{h / 2}" fill="#{fg}" '
            f'font-family="DejaVu Sans, sans-serif" font-size="{size:.0f}" text-anchor="middle" '
            f'dominant-baseline="central">{escape(text)}</text></svg>').encode()


class OfflineRoutes:
    """A Playwright route handler (`context.route("**/*", routes)`) that answers every request offline.

    mirrors: (address prefix, local directory); redirects: (missing local path prefix, stand-in path prefix);
    fontsource: the node_modules/@fontsource directory (None: Google Fonts requests are blocked)."""

    def __init__(self, mirrors: list[tuple[str, Path]] = (), redirects: list[tuple[Path, Path]] = (),
                 fontsource: Path | None = None):
        self.mirrors = sorted(((u, Path(p)) for u, p in mirrors), key=lambda m: -len(m[0]))
        if fontsource is not None:
            self.mirrors.append((FONT_FILES, Path(fontsource)))
        self.redirects = [(str(a), str(b)) for a, b in redirects]
        self.fontsource = fontsource
        self.counts: Counter = Counter()  # blocked_requests, blocked_media, missing_files, mirrored, missing_fonts...

    def __call__(self, route) -> None:
        url = route.request.url
        if route.request.resource_type == "media":  # a video's frames depend on when it is drawn: never loaded
            self.counts["blocked_media"] += 1
            route.abort()
        elif url.startswith("data:"):
            route.continue_()
        elif url.startswith("file:"):
            self._file(route, url)
        elif url.startswith(GOOGLE_CSS) and self.fontsource is not None:
            css, missing = fontsource_css(self.fontsource, google_font_styles(url))
            self.counts["missing_fonts"] += len(missing)
            self.counts["mirrored"] += 1
            route.fulfill(status=200, body=css, content_type="text/css", headers=CORS)
        elif (svg := dummy_svg(url)) is not None:
            self.counts["mirrored"] += 1
            route.fulfill(status=200, body=svg, content_type="image/svg+xml", headers=CORS)
        else:
            local = self._mirror(url)
            if local is not None and local.is_file():
                self.counts["mirrored"] += 1
                route.fulfill(status=200, path=str(local), headers=CORS)
            else:
                self.counts["blocked_requests"] += 1
                route.abort()

    def _mirror(self, url: str) -> Path | None:
        clean = url.split("?", 1)[0].split("#", 1)[0]
        for prefix, directory in self.mirrors:
            if clean.startswith(prefix):
                rel = unquote(clean[len(prefix):])
                target = (directory / rel).resolve()
                if target == directory.resolve() or directory.resolve() in target.parents:
                    return target
        return None

    def _file(self, route, url: str) -> None:
        path = unquote(urlsplit(url).path)
        if Path(path).is_file():
            route.continue_()
            return
        for missing, stand_in in self.redirects:
            if path == missing or (missing.endswith("/") and path.startswith(missing)):
                target = Path(stand_in + path[len(missing):])
                if target.is_file():
                    self.counts["redirected"] += 1
                    route.fulfill(status=200, path=str(target))
                    return
        self.counts["missing_files"] += 1
        route.abort()
