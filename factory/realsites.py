"""The real-world development set's catalogue (realset/sites.toml): sites, their pinned sources, and the screens
drawn from them.

A site is real HTML that a pinned package ships (an npm site template, a UI kit's documentation or test pages,
a Debian -doc package's Sphinx, Doxygen or Javadoc pages). A screen is (page, viewport, scroll position). This
module is pure: it reads the catalogue and the installed packages' versions and plans screens; rendering is
renderers.web.real_pages, building factory.realset.
"""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factory.core.errors import ConfigError
from factory.core.seeding import rng_for

CATALOGUE = "sites.toml"
APT_PINS = "apt-packages.txt"
NAME_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,40}")
KINDS = ("template", "kit", "sphinx", "doxygen", "javadoc")
MIN_SCREENS = 12  # few-shot takes 10 training screens of a site and evaluates on the rest
SETUP_HINT = "run `make setup` (scripts/setup.sh installs the pinned npm and Debian sources)"


@dataclass(frozen=True)
class Kind:
    name: str
    viewports: tuple[tuple[int, int], ...]
    scrolls: int
    scroll_step: float


@dataclass(frozen=True)
class Site:
    name: str
    kind: Kind
    package: str  # npm or Debian package name
    source: str  # "npm" | "deb"
    package_dir: Path  # the installed package
    root: Path  # where the pages are (inside package_dir for npm)
    pages: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    redirects: tuple[tuple[str, str], ...] = ()  # (missing path under package_dir, stand-in) pairs
    pin: tuple[str, ...] = ()  # pages always among the candidates (relative to root)

    @property
    def prefix(self) -> str:
        """Shard and key prefix: no dots or dashes (WebDataset keys and the factory's shard names)."""
        return "real_" + self.name.replace("-", "_")

    def page_files(self) -> list[str]:
        """The site's pages, relative to root, sorted (one order on every machine)."""
        found = set()
        for pattern in self.pages:
            for p in self.root.glob(pattern):
                rel = p.relative_to(self.root).as_posix()
                if p.is_file() and not any(fnmatch.fnmatchcase(rel, x) for x in self.exclude):
                    found.add(rel)
        return sorted(found)


@dataclass(frozen=True)
class Mirror:
    url: str  # address prefix the pages name
    package: str
    version: str
    package_dir: Path


@dataclass(frozen=True)
class Catalogue:
    sources: Path  # the realset/ directory
    sites: tuple[Site, ...]
    mirrors: tuple[Mirror, ...]
    apt_pins: dict[str, str] = field(default_factory=dict)

    @property
    def node_modules(self) -> Path:
        return self.sources / "node_modules"

    def site(self, name: str) -> Site:
        for s in self.sites:
            if s.name == name:
                return s
        raise ConfigError(f"unknown site {name!r}; the catalogue {self.sources / CATALOGUE} has: "
                          f"{', '.join(s.name for s in self.sites)}")

    def select(self, names: list[str] | None) -> list[Site]:
        """The sites named (in catalogue order), or all of them for None / an empty list."""
        if not names:
            return list(self.sites)
        wanted = {self.site(n).name for n in names}
        return [s for s in self.sites if s.name in wanted]


def _need(d: dict, key: str, where: str, kind: type) -> Any:
    if key not in d:
        raise ConfigError(f"{where}: missing key {key!r}")
    if not isinstance(d[key], kind):
        raise ConfigError(f"{where}: {key!r} must be a {kind.__name__}, got {d[key]!r}")
    return d[key]


def _kind(name: str, d: dict, where: str) -> Kind:
    unknown = set(d) - {"viewports", "scrolls", "scroll_step"}
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
    vps = _need(d, "viewports", where, list)
    if not vps or not all(isinstance(v, list) and len(v) == 2 and all(type(x) is int and 100 <= x <= 4096 for x in v)
                          for v in vps):
        raise ConfigError(f"{where}: viewports must be [width, height] pairs of 100..4096 pixels")
    scrolls, step = _need(d, "scrolls", where, int), d.get("scroll_step", 0.8)
    if not 1 <= scrolls <= 50 or not isinstance(step, (int, float)) or not 0.1 <= step <= 1:
        raise ConfigError(f"{where}: scrolls must be 1..50 and scroll_step 0.1..1")
    return Kind(name, tuple((w, h) for w, h in vps), scrolls, float(step))


def read_apt_pins(sources: Path) -> dict[str, str]:
    """PACKAGE -> VERSION from realset/apt-packages.txt (comments and blank lines skipped)."""
    path = sources / APT_PINS
    pins = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        pkg, sep, version = line.partition("=")
        if not sep or not pkg or not version:
            raise ConfigError(f"{path}:{n}: expected PACKAGE=VERSION, got {line!r}")
        pins[pkg] = version
    return pins


def load(sources: Path) -> Catalogue:
    """Read realset/sites.toml (and apt-packages.txt); ConfigError names the file and the problem."""
    sources = Path(sources)
    path = sources / CATALOGUE
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"--sources {sources}: no {CATALOGUE} there; give the realset/ directory of the "
                          f"project") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from None
    kinds = {k: _kind(k, v, f"{path} [kind.{k}]") for k, v in doc.get("kind", {}).items()}
    node_modules = sources / "node_modules"
    mirrors = tuple(Mirror(_need(m, "url", f"{path} [[mirror]]", str), _need(m, "npm", f"{path} [[mirror]]", str),
                           _need(m, "version", f"{path} [[mirror]]", str), node_modules / m["npm"])
                    for m in doc.get("mirror", []))
    sites, seen = [], set()
    for i, s in enumerate(doc.get("site", [])):
        where = f"{path} [[site]] #{i + 1}"
        unknown = set(s) - {"name", "kind", "npm", "deb", "root", "pages", "exclude", "redirects", "pin"}
        if unknown:
            raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
        name = _need(s, "name", where, str)
        if not NAME_RE.fullmatch(name) or name in seen:
            raise ConfigError(f"{where}: site name {name!r} must be unique, lower-case letters, digits and '-'")
        seen.add(name)
        kind = _need(s, "kind", where, str)
        if kind not in kinds or kind not in KINDS:
            raise ConfigError(f"{where}: kind {kind!r} must be one of {', '.join(KINDS)} with a [kind.{kind}] table")
        if ("npm" in s) == ("deb" in s):
            raise ConfigError(f"{where}: give exactly one of npm = PACKAGE or deb = PACKAGE")
        if "npm" in s:
            package, source = s["npm"], "npm"
            package_dir = node_modules / package
            root = package_dir / _need(s, "root", where, str)
        else:
            package, source = s["deb"], "deb"
            root = Path(_need(s, "root", where, str))
            package_dir = root
            if not root.is_absolute():
                raise ConfigError(f"{where}: a Debian site's root must be an absolute path under /usr/share/doc")
        redirects = s.get("redirects", {})
        sites.append(Site(name, kinds[kind], package, source, package_dir, root, tuple(_need(s, "pages", where, list)),
                          tuple(s.get("exclude", [])), tuple(sorted(redirects.items())), tuple(s.get("pin", []))))
    if not sites:
        raise ConfigError(f"{path}: no [[site]] entries")
    return Catalogue(sources, tuple(sites), mirrors, read_apt_pins(sources))


# --- pinned versions ---------------------------------------------------------------------------------------------

def npm_version(package_dir: Path) -> str | None:
    try:
        return json.loads((package_dir / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def deb_version(package: str) -> str | None:
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Status}\t${Version}", package], capture_output=True,
                             text=True, check=False)
    except FileNotFoundError:  # not a Debian system
        return None
    status, _, version = out.stdout.partition("\t")
    return version if out.returncode == 0 and "install ok installed" in status else None


def locked_npm_versions(sources: Path) -> dict[str, str]:
    """package -> version pinned by realset/package-lock.json (what `npm ci` installs)."""
    lock = json.loads((sources / "package-lock.json").read_text(encoding="utf-8"))
    return {k.removeprefix("node_modules/"): v["version"] for k, v in lock.get("packages", {}).items()
            if k.startswith("node_modules/") and "version" in v}


def _check_pin(what: str, have: str | None, pinned: str | None, unpinned: str, package: str,
               used: dict[str, str], problems: list[str]) -> None:
    """Record `package` as used at `have` if that is its pinned version, else say what is wrong in `problems`."""
    if pinned is None:
        problems.append(f"{what} {unpinned}")
    elif have != pinned:
        problems.append(f"{what}: {'not installed' if have is None else f'{have} installed'}, {pinned} pinned")
    else:
        used[package] = have


def check_sources(cat: Catalogue, sites: list[Site]) -> dict[str, dict[str, str]]:
    """Every source the sites (and the CDN mirrors) need, installed at its pinned version; returns
    {"npm": {package: version}, "deb": {package: version}} for the manifest. ConfigError lists what is wrong."""
    locked = locked_npm_versions(cat.sources)
    problems: list[str] = []
    used: dict[str, dict[str, str]] = {"npm": {}, "deb": {}}
    npm_needed = {s.package: s.package_dir for s in sites if s.source == "npm"}
    if any(s.source == "npm" for s in sites):
        npm_needed.update({m.package: m.package_dir for m in cat.mirrors})
    for m in cat.mirrors:
        if m.package in npm_needed and locked.get(m.package) != m.version:
            problems.append(f"mirror {m.url} needs {m.package} {m.version}, package-lock.json pins "
                            f"{locked.get(m.package)}")
    for package, pdir in sorted(npm_needed.items()):
        _check_pin(f"npm package {package}", npm_version(pdir), locked.get(package), "is not in package-lock.json",
                   package, used["npm"], problems)
    debs = sorted({s.package for s in sites if s.source == "deb"})
    if debs:
        debs += sorted(p for p in cat.apt_pins if p not in debs)  # the theme/script packages the pages link to
    for package in debs:
        _check_pin(f"Debian package {package}", deb_version(package), cat.apt_pins.get(package),
                   f"is not pinned in {APT_PINS}", package, used["deb"], problems)
    for s in sites:
        if s.package in used[s.source] and not s.root.is_dir():
            problems.append(f"site {s.name}: {s.root} is not a directory of {s.package}")
    if problems:
        raise ConfigError("the real-world sources are not installed as pinned: " + "; ".join(problems)
                          + f". Fix: {SETUP_HINT}; a newer Debian version must be checked and pinned in "
                            f"{cat.sources / APT_PINS} (and in package-lock.json for npm)")
    return used


# --- screens -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Screen:
    page: str  # relative to the site's root
    viewport: tuple[int, int]
    scroll: int  # index of the scroll position: y = min(scroll * step * height, the page's largest scroll)


def candidate_pages(site: Site, screens: int, seed: int) -> list[str]:
    """At most `screens` pages of the site: its pinned pages, then pages drawn with the set's seed (all of them
    when there are fewer). ConfigError when a pinned page is not one of the site's pages."""
    pages = site.page_files()
    missing = [p for p in site.pin if p not in pages]
    if missing:
        raise ConfigError(f"site {site.name}: pinned page(s) {missing} are not among its pages under {site.root}")
    if len(pages) <= screens:
        return pages
    pinned = list(dict.fromkeys(site.pin))[:screens]
    rest = [p for p in pages if p not in pinned]
    return sorted(pinned + rng_for(seed, f"pages:{site.name}").sample(rest, screens - len(pinned)))


def measure_order(site: Site, pages: list[str], seed: int) -> list[tuple[str, tuple[int, int]]]:
    """Every (page, viewport) of the site in the order they are measured: shuffled with the set's seed, so that the
    first ones measured (enough to draw the screens from) mix pages and viewports."""
    pairs = [(page, vp) for page in pages for vp in site.kind.viewports]
    rng = rng_for(seed, f"measure:{site.name}")
    rng.shuffle(pairs)
    first = [next(p for p in pairs if p[0] == page) for page in dict.fromkeys(site.pin) if page in pages]
    return first + [p for p in pairs if p not in first]  # each pinned page is measured at one viewport first


def choose_screens(site: Site, positions: dict[tuple[str, tuple[int, int]], int], screens: int,
                   seed: int) -> list[Screen]:
    """`screens` screens drawn from every (page, viewport, scroll) that exists (one of each pinned page among them):
    `positions` gives the number of distinct scroll positions of each (page, viewport), measured in the browser.
    Sorted by page, viewport, scroll (so a page is loaded once per viewport); all of them when there are fewer."""
    pool = [Screen(page, vp, k) for (page, vp), n in sorted(positions.items()) for k in range(n)]
    if len(pool) > screens:
        rng = rng_for(seed, f"screens:{site.name}")
        must = [rng.choice([s for s in pool if s.page == page]) for page in dict.fromkeys(site.pin)
                if any(s.page == page for s in pool)][:screens]  # one screen of each pinned page
        pool = must + rng.sample([s for s in pool if s not in must], screens - len(must))
    return sorted(pool, key=lambda s: (s.page, s.viewport, s.scroll))
