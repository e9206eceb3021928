"""Game styles: one module per look, each registering a Style whose assets hold a Skin (palettes, frame
painter, text treatment, scene preferences). Modules in this folder are found automatically."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from factory.core.registry import Registry, submodules
from factory.core.styles import Style

PALETTE_KEYS = (
    "panel",
    "panel2",
    "edge",
    "edge_hi",
    "text",
    "muted",
    "title",
    "slot",
    "slot_edge",
    "good",
    "bad",
    "health",
    "mana",
    "stamina",
    "xp",
    "gold",
    "shadow",
    "button",
    "button_text",
    "track",
)


@dataclass(frozen=True)
class Skin:
    """How a game style paints: `frame` picks the panel painter; colours are '#rrggbb' or '#rrggbbaa'."""

    frame: str  # pixel | ornate | neon | flat
    day: Mapping[str, str]  # palette for the light theme (daytime scenes)
    night: Mapping[str, str]  # palette for the dark theme (night scenes)
    scenes: Mapping[str, float]  # scene kind -> weight, for layouts that name no view
    radius: float = 0.0  # corner radius in spacing units
    border: float = 2.0  # frame line width in pixels at scale 1
    antialias: bool = True  # False: hard-edged bitmap-style text
    text_effect: str = "shadow"  # shadow | outline | glow | none
    pixel: tuple[int, int] = (1, 1)  # the scene is drawn at 1/k resolution and scaled up (pixel art)
    upper_buttons: bool = False  # button labels in capitals
    ui_scale: tuple[float, float] = (0.95, 1.1)
    hue_jitter: float = 0.04  # random hue shift of the palette per sample (fraction of the colour wheel)
    cjk_font: str = "Noto Sans CJK"  # fallback family for Chinese and Japanese text
    extra: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, pal in (("day", self.day), ("night", self.night)):
            missing = [k for k in PALETTE_KEYS if k not in pal]
            if missing:
                raise ValueError(f"game skin palette {name!r} lacks {missing}")


GAME_STYLES: Registry[Style] = Registry("game style", loader=submodules(__name__))


def register_game_style(
    name: str,
    description: str,
    skin: Skin,
    accents: Sequence[str],
    fonts: Sequence[str],
    font_scale: tuple[float, float] = (0.9, 1.15),
    density: tuple[float, float] = (0.85, 1.15),
) -> Style:
    style = Style(
        name=name,
        renderer="game",
        description=description,
        accents=tuple(accents),
        fonts=tuple(fonts),
        font_scale=font_scale,
        density=density,
        assets={"skin": skin},
    )
    return GAME_STYLES.register(name, style)
