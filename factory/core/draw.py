"""Boxes drawn on screenshots in one fixed colour per class: contact sheets, galleries and prediction overlays."""

from __future__ import annotations

import colorsys

from PIL import Image, ImageDraw, ImageFont

from factory.core.taxonomy import CLASS_ID


def class_colour(cls: str) -> tuple[int, int, int]:
    """A fixed, well-spread colour per class id (golden-ratio hue steps)."""
    h = (CLASS_ID.get(cls, 0) * 0.618034) % 1.0
    r, g, b = colorsys.hsv_to_rgb(h, 0.85, 0.95)
    return int(r * 255), int(g * 255), int(b * 255)


def label_font(size: int) -> ImageFont.ImageFont:
    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def draw_boxes(image: Image.Image, elements: list[dict], label: bool = True) -> Image.Image:
    """The image with every element's visible box outlined in its class colour and labelled."""
    img = image.convert("RGB")
    draw = ImageDraw.Draw(img)
    font = label_font(max(10, img.width // 110))
    for e in elements:
        x, y, w, h = e["bbox"]
        colour = class_colour(e["class"])
        draw.rectangle([x, y, x + w - 1, y + h - 1], outline=colour, width=max(1, img.width // 640))
        if label:
            tw = draw.textlength(e["class"], font=font)
            draw.rectangle([x, y, x + tw + 4, y + font.size + 3], fill=colour)
            draw.text((x + 2, y + 1), e["class"], fill=(0, 0, 0), font=font)
    return img
