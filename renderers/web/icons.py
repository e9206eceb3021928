"""Icons of real npm sets (renderers.web.icon_sets), inlined as sanitised SVG read from the pinned packages.

Each page draws all its icons from one set (`page_icon_set` picks it from the page's grammar and factors, both drawn
from the sample's seed); templates call `icon_svg(name)` and get the current page's set (`use_icon_set`). The files
are read once per process and sanitised: only <svg> with shape children and presentation attributes is inlined, so a
tampered package cannot put a script or an external reference into a page. A set that ships an icon font
(bootstrap-icons, remixicon) is drawn with the font on about half of its pages, as many sites do: an <i> element
with the set's classes, the font's stylesheet linked from the pinned package (`font_links`) and served offline.
"""

from __future__ import annotations

import contextlib
import glob
import re
import xml.etree.ElementTree as ET
from contextvars import ContextVar
from functools import lru_cache
from typing import Iterator
from urllib.parse import quote

from markupsafe import Markup

from factory.core.errors import ConfigError, DataError
from factory.core.seeding import rng_for
from renderers.web.icon_sets import SETS, VOCABULARY, IconSet
from renderers.web import kit
from renderers.web.kit import KITS_URL

DEFAULT_SET = "tabler"  # for icon_svg calls outside a page (there is no page seed to pick by)
SHAPES = {"path", "circle", "ellipse", "rect", "line", "polyline", "polygon", "g"}
ATTRS = {"d", "cx", "cy", "r", "rx", "ry", "x", "y", "width", "height", "x1", "y1", "x2", "y2", "points", "fill",
         "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "fill-rule",
         "clip-rule", "opacity", "fill-opacity", "stroke-opacity", "transform"}
ROOT_ATTRS = {"viewBox", "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin"}
HARMLESS = {"class", "id", "version", "width", "height"}  # dropped (CSS sizes icons), never refused
SAFE_VALUE = re.compile(r"^[-#.,%()\w\s]*$")  # numbers, colours, path data, transforms: no url(), no quotes
SVG_NS = "{http://www.w3.org/2000/svg}"

FONT_SHARE = 0.5  # of the pages of a set with an icon font, those drawn with the font
_page_set: ContextVar[tuple[str, bool]] = ContextVar("icon_set", default=(DEFAULT_SET, False))


def page_icon_set(rng_seed: int) -> tuple[str, bool]:
    """The set a page draws its icons from (one per page) and whether with its icon font, from a seed of the
    sample's own."""
    rng = rng_for(rng_seed, "icon_set")
    names = sorted(SETS)
    name = names[rng.randrange(len(names))]
    return name, SETS[name].font is not None and rng.random() < FONT_SHARE


def font_links(name: str, font: bool) -> list[str]:
    """The stylesheet addresses a page drawing set `name` needs: its icon font's CSS, or none for inline SVG."""
    return [KITS_URL + SETS[name].font[0]] if font else []


@contextlib.contextmanager
def use_icon_set(name: str, font: bool = False) -> Iterator[None]:
    """Within the block, icon_svg draws from set `name`, with its icon font if `font` (a page is rendered inside
    one such block)."""
    if name not in SETS:
        raise ConfigError(f"unknown icon set {name!r}; known: {sorted(SETS)}")
    if font and SETS[name].font is None:
        raise ConfigError(f"icon set {name!r} has no icon font; sets with one: "
                          f"{sorted(n for n, s in SETS.items() if s.font)}")
    token = _page_set.set((name, font))
    try:
        yield
    finally:
        _page_set.reset(token)


def check_installed() -> None:
    """ConfigError naming the fix when an icon set's package is not installed (checked before a render starts,
    rather than failing its first page)."""
    for s in SETS.values():
        files = [s.package + "/package.json", *([s.font[0]] if s.font else [])]
        missing = [f for f in files if not (kit.KITS_DIR / f).is_file()]
        if missing:
            raise ConfigError(f"web pages draw icons from the npm package {s.package!r}, but "
                              f"{kit.KITS_DIR / missing[0]} is missing: run `make setup` (it installs "
                              f"renderers/web/kits with `npm ci`)")


def sanitise_svg(text: str, source: str = "svg") -> str:
    """The SVG `text` reduced to <svg> with shape children and presentation attributes, serialised without
    namespaces; DataError naming `source` for anything else (scripts, foreign objects, links, styles, url())."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        raise DataError(f"icon {source}: not well-formed SVG ({e}); reinstall the icon sets with `make setup`")
    if _tag(root) != "svg":
        raise DataError(f"icon {source}: the root element is <{_tag(root)}>, not <svg>")
    attrs = _attrs(root, source, ROOT_ATTRS)
    return f"<svg{attrs}>" + "".join(_shape(c, source) for c in root) + "</svg>"


def _tag(el: ET.Element) -> str:
    return el.tag[len(SVG_NS):] if el.tag.startswith(SVG_NS) else el.tag


def _attrs(el: ET.Element, source: str, allowed: set[str]) -> str:
    out = []
    for key, value in el.attrib.items():
        if key in allowed:
            if not SAFE_VALUE.match(value):
                raise DataError(f"icon {source}: <{_tag(el)}> attribute {key}={value!r} is not a plain value")
            out.append(f' {key}="{value}"')
        elif not (key in HARMLESS or key.startswith("data-")):  # harmless ones are dropped; anything else refused
            raise DataError(f"icon {source}: <{_tag(el)}> attribute {key!r} is not allowed in an inlined icon "
                            f"(allowed: {sorted(allowed)})")
    return "".join(out)


def _shape(el: ET.Element, source: str) -> str:
    tag = _tag(el)
    if tag not in SHAPES or el.text and el.text.strip():
        raise DataError(f"icon {source}: element <{tag}> is not allowed in an inlined icon (allowed: {sorted(SHAPES)})")
    return f"<{tag}{_attrs(el, source, ATTRS)}>" + "".join(_shape(c, source) for c in el) + f"</{tag}>"


@lru_cache(maxsize=None)
def _file(icon_set: str, file: str) -> str:
    """The sanitised SVG of one file of a set (read once per process)."""
    s = SETS[icon_set]
    pattern = str(kit.KITS_DIR / s.pattern.format(file))  # read at call time: tests patch it
    matches = sorted(glob.glob(pattern)) if "*" in s.pattern else [pattern]
    try:
        text = open(matches[0], encoding="utf-8").read() if matches else ""
    except FileNotFoundError:
        text = ""
    if not text:
        raise ConfigError(f"icon set {icon_set!r} ({s.package}): {pattern} is missing: run `make setup` (it installs "
                          f"renderers/web/kits with `npm ci`)")
    return sanitise_svg(text, f"{icon_set}/{file}")


def resolve(name: str, icon_set: str) -> tuple[IconSet, str]:
    """(set, file name) that draws semantic icon `name` in `icon_set` (a close name of the same set if need be)."""
    s = SETS[icon_set]
    file = s.file_for(name)
    if file is None:
        raise ValueError(f"unknown icon {name!r}; known: {list(VOCABULARY)}")
    return s, file


def icon_svg(name: str, cls: str = "gf-glyph", role_img: bool = False, label: str = "",
             icon_set: str | None = None) -> Markup:
    """Inline SVG for `name` from the current page's set (or `icon_set`), or the set's font glyph where the page
    draws with its font. With role_img it is an annotated icon (role="img"); else decoration (aria-hidden)."""
    page_set, font = _page_set.get()
    s, file = resolve(name, icon_set or page_set)
    aria = f' role="img" aria-label="{Markup.escape(label or name)}"' if role_img else ' aria-hidden="true"'
    marks = f' data-icon-set="{s.name}" data-icon="{file}"'
    if font and s.name == page_set:
        return Markup(f'<i class="{Markup.escape(cls)} {s.font[1].format(file)}"{aria}{marks}></i>')
    return Markup(f'<svg class="{Markup.escape(cls)}"{aria}{marks}' + _file(s.name, file)[len("<svg"):])


def icon_uri(name: str) -> str:
    """A data: URI of the SVG of `name` from the current page's set, even where the page draws the set's icon font:
    for components that load their icon from an address (Shoelace's sl-icon and sl-icon-button `src`), so that the
    page still draws every icon from its one set and nothing is fetched from the network."""
    s, file = resolve(name, _page_set.get()[0])
    return "data:image/svg+xml," + quote(_file(s.name, file), safe="=:/,.-")
