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
# --- app families (checkout, profile, chat, calendar, kanban, compose) ---
PATHS.update({
    "minus": "M5 12h14",
    "chevron-left": "M15 6l-6 6 6 6",
    "send": "M3 11l18-8-8 18-2-8z",
    "paperclip": "M20 11l-8.5 8.5a5 5 0 0 1-7-7L13 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L14 7",
    "smile": "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM8 14a5 5 0 0 0 8 0M9 9h.01M15 9h.01",
    "phone": "M5 3h4l2 5-3 2a11 11 0 0 0 6 6l2-3 5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z",
    "video": "M3 7h12v10H3zM15 11l6-4v10l-6-4",
    "bold": "M7 4h6a4 4 0 0 1 0 8H7zM7 12h7a4 4 0 0 1 0 8H7z",
    "italic": "M10 4h8M6 20h8M14 4l-4 16",
    "underline": "M7 4v7a5 5 0 0 0 10 0V4M5 21h14",
    "list": "M9 6h12M9 12h12M9 18h12M4 6h.01M4 12h.01M4 18h.01",
    "link": "M10 14a4 4 0 0 0 6 0l3-3a4 4 0 0 0-6-6l-1 1M14 10a4 4 0 0 0-6 0l-3 3a4 4 0 0 0 6 6l1-1",
    "image": "M3 5h18v14H3zM3 16l5-5 4 4 3-3 6 6M15 8h.01",
    "cart": "M3 4h3l2 11h11l2-8H7M9 20h.01M18 20h.01",
    "message": "M4 5h16v11H9l-5 4z",
    "share": "M18 4a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5zM6 9.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5z"
             "M18 15a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5zM8.2 11l7.6-4M8.2 13l7.6 4",
    "clock": "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 7v5l3 3",
    "tag": "M3 3h8l10 10-8 8L3 11zM7 7h.01",
})


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
