"""Procedural layout grammars: one module per screen family, each registering itself in GRAMMARS."""

from factory.grammars.base import GRAMMARS, Ctx, Grammar, register

__all__ = ["GRAMMARS", "Ctx", "Grammar", "register"]
