"""A small line-icon set of our own (24x24 stroke paths), inlined as SVG so pages load nothing."""

from markupsafe import Markup

PATHS = {
    "home": "M3 11l9-8 9 8v10h-6v-6H9v6H3z",
    "search": "M10 4a6 6 0 1 0 0 12a6 6 0 1 0 0-12zM15 15l6 6",
    "settings": "M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8zM12 1v4M12 19v4M1 12h4M19 12h4M4.2 4.2L7 7M17 17l2.8 2.8"
                "M4.2 19.8L7 17M17 7l2.8-2.8",
    "bell": "M6 16v-5a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0",
    "user": "M12 4a4 4 0 1 0 0 8a4 4 0 1 0 0-8zM4 21a8 8 0 0 1 16 0",
    "chart": "M4 20V10M10 20V4M16 20v-7M22 20H2",
    "menu": "M3 6h18M3 12h18M3 18h18",
    "close": "M5 5l14 14M19 5L5 19",
    "chevron": "M9 6l6 6-6 6",
    "chevron-down": "M6 9l6 6 6-6",
    "heart": "M12 20s-7-4.5-9-9a4.5 4.5 0 0 1 9-3a4.5 4.5 0 0 1 9 3c-2 4.5-9 9-9 9z",
    "star": "M12 3l2.8 5.8 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.3l1-6.2L3 9.7l6.2-.9z",
    "trash": "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13",
    "edit": "M4 20h4L19 9l-4-4L4 16zM14 6l4 4",
    "download": "M12 3v12M7 10l5 5 5-5M4 20h16",
    "plus": "M12 5v14M5 12h14",
    "mail": "M3 6h18v12H3zM3 6l9 7 9-7",
    "calendar": "M4 6h16v14H4zM4 10h16M8 3v4M16 3v4",
    "folder": "M3 6h6l2 2h10v11H3z",
    "filter": "M3 5h18l-7 8v6l-4 2v-8z",
    "more": "M5 12h.01M12 12h.01M19 12h.01",
    "check": "M5 12l5 5 9-10",
}


def icon_svg(name: str, cls: str = "gf-glyph", role_img: bool = False, label: str = "") -> Markup:
    """Inline SVG for `name`. With role_img it is an annotated icon (role="img"); else decoration."""
    d = PATHS.get(name)
    if d is None:
        raise ValueError(f"unknown icon {name!r}; known: {sorted(PATHS)}")
    aria = f' role="img" aria-label="{Markup.escape(label or name)}"' if role_img else ' aria-hidden="true"'
    width = "3" if name == "more" else "2"
    return Markup(
        f'<svg class="{cls}"{aria} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="{width}" '
        f'stroke-linecap="round" stroke-linejoin="round"><path d="{d}"/></svg>'
    )
