"""Loads pygame-ce headless (SDL's dummy video driver, no audio) and fails early with the install hint."""

from __future__ import annotations

import os

from renderers.base import RendererError

INSTALL_HINT = "install it with: .venv/bin/pip install -e '.[game]'  (pygame-ce>=2.4)"


def import_pygame():
    """pygame with only the font module initialised: nothing opens a window, a sound device or a display."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"  # pygame prints a banner on import otherwise
    try:
        import pygame
    except ImportError as e:
        raise RendererError(f"the game renderer needs pygame-ce, which is missing ({e}); {INSTALL_HINT}") from None
    if not getattr(pygame, "IS_CE", False):
        raise RendererError(
            f"the game renderer needs pygame-ce, found upstream pygame {pygame.version.ver}; "
            f"uninstall pygame, then {INSTALL_HINT}"
        )
    if not pygame.font.get_init():
        pygame.font.init()
    return pygame


def engine_version() -> str:
    """pygame-ce, SDL and SDL_ttf versions: pixels depend on all three."""
    pg = import_pygame()
    sdl = ".".join(map(str, pg.get_sdl_version()))
    ttf = ".".join(map(str, pg.font.get_sdl_ttf_version()))
    return f"pygame-ce {pg.version.ver} (SDL {sdl}, SDL_ttf {ttf})"
