"""Registers the game renderer; importing this module is cheap (pygame loads in `open`)."""

from __future__ import annotations

from functools import lru_cache

from factory.core.styles import Viewports
from renderers import RENDERERS
from renderers.base import RendererSpec
from renderers.game.styles import GAME_STYLES


def _open(**kwargs):
    from renderers.game.renderer import GameRenderer

    return GameRenderer(**kwargs)


@lru_cache(maxsize=1)
def _version() -> str:
    """pygame-ce, SDL and SDL_ttf versions plus the deflate that writes the PNGs: output bytes depend on them."""
    from renderers.game.encode import deflate_version
    from renderers.game.engine import engine_version

    return f"{engine_version()}, {deflate_version()}"


# Games render at native resolution (DPR 1); 16:9 dominates, with some 16:10 and 4:3 monitors, and
# landscape phones for the mobile form factor. Density and font scale still vary the UI size.
VIEWPORTS = Viewports(
    desktop=(
        (1280, 720),
        (1280, 720),
        (1600, 900),
        (1920, 1080),
        (1366, 768),
        (1440, 900),
        (1680, 1050),
        (1280, 800),
        (1024, 768),
        (1280, 960),
    ),
    mobile=((1334, 750), (1280, 720), (1520, 720), (1792, 828)),
    desktop_dpr=(1.0,),
    mobile_dpr=(1.0,),
    mobile_share=0.15,
)

RENDERERS.register(
    "game",
    RendererSpec(
        name="game",
        description="Game menus and HUDs over procedural game scenes, drawn headless with pygame-ce (SDL)",
        open=_open,
        version=_version,
        styles=GAME_STYLES,
        default_style="pixel",
        viewports=VIEWPORTS,
        source_note="game screens carry no source with --keep-source: they are painted by pygame primitives, not "
                    "drawn from code; the sample JSON already holds their scene graph (primitive, box, text, parent)",
    ),
)
