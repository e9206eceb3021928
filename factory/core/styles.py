"""Styles and the domain-randomization factors drawn for each sample.

A Style is a named look for one renderer (its assets are renderer-specific: CSS for the web, QSS for Qt,
palettes for games). Factors are what varies per sample within a style: theme, accent, font, size,
density, viewport, device pixel ratio, locale, form factor. Both are pure data.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from typing import Any, Mapping, Sequence

from factory.core.content import LOCALES

THEMES = ("light", "dark")
FORM_FACTORS = ("desktop", "mobile")


@dataclass(frozen=True)
class Style:
    name: str
    renderer: str
    description: str
    accents: Sequence[str]  # accent colours the randomizer picks from
    fonts: Sequence[str]  # font families (installed system fonts) the randomizer picks from
    font_scale: tuple[float, float] = (0.9, 1.15)
    density: tuple[float, float] = (0.8, 1.25)
    assets: Mapping[str, Any] = field(default_factory=dict)  # renderer-specific: css, qss, palette...
    themes: Sequence[str] = THEMES  # the themes the style has (a kit without a dark mode: light only)
    # The form factors the style draws: a mobile-app kit (Framework7, Onsen UI) only phone viewports.
    form_factors: Sequence[str] = FORM_FACTORS

    def __post_init__(self) -> None:
        if not self.form_factors or set(self.form_factors) - set(FORM_FACTORS):
            raise ValueError(f"style {self.name!r}: form_factors must be a non-empty subset of {FORM_FACTORS}, "
                             f"got {tuple(self.form_factors)}")


@dataclass(frozen=True)
class Viewports:
    """The sizes (CSS/logical pixels) and device pixel ratios a renderer draws at."""

    desktop: Sequence[tuple[int, int]]
    mobile: Sequence[tuple[int, int]]
    desktop_dpr: Sequence[float] = (1.0,)
    mobile_dpr: Sequence[float] = (1.0,)
    mobile_share: float = 0.3


@dataclass(frozen=True)
class Factors:
    theme: str
    locale: str
    form_factor: str
    viewport_w: int
    viewport_h: int
    dpr: float
    font_family: str
    font_scale: float
    density: float
    accent: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# The default locale mix (when a render names no locales), weighted so that non-Latin scripts appear often but
# English dominates, as on the web. The right-to-left locales (content.RTL_LOCALES) are drawn only when named
# (--locale ar_AA): the web renderer mirrors their pages, the desktop and game renderers refuse them.
LOCALE_WEIGHTS = {"en_US": 4, "de_DE": 1.5, "ja_JP": 1.2, "ru_RU": 1.2, "zh_CN": 1.0}
assert set(LOCALE_WEIGHTS) <= set(LOCALES)


def sample_factors(rng: random.Random, style: Style, viewports: Viewports,
                   locales: Sequence[str] | None = None) -> Factors:
    """Draw one sample's factors; the RNG is the sample's private 'factors' stream."""
    locales = list(locales or LOCALE_WEIGHTS)
    locale = rng.choices(locales, weights=[LOCALE_WEIGHTS.get(loc, 1.0) for loc in locales])[0]
    mobile = rng.random() < viewports.mobile_share
    if len(style.form_factors) == 1:  # drawn all the same, so a style's other factors do not shift with this one
        mobile = style.form_factors[0] == "mobile"
    w, h = rng.choice(list(viewports.mobile if mobile else viewports.desktop))
    dpr = rng.choice(list(viewports.mobile_dpr if mobile else viewports.desktop_dpr))
    return Factors(
        theme=rng.choice(list(style.themes)),
        locale=locale,
        form_factor="mobile" if mobile else "desktop",
        viewport_w=w,
        viewport_h=h,
        dpr=dpr,
        font_family=rng.choice(list(style.fonts)),
        font_scale=round(rng.uniform(*style.font_scale), 3),
        density=round(rng.uniform(*style.density), 3),
        accent=rng.choice(list(style.accents)),
    )
