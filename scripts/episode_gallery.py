"""A gallery of before/after pairs from `factory export --format actions` outputs: per row the screen before the
action (the target's box and the action's point drawn, the instruction above) and the screen after it.

    scripts/episode_gallery.py EXPORT_DIR [EXPORT_DIR...] --out docs/images/episodes-before-after.jpg

One row per action type where the exports have it (English instructions first: the font has no CJK glyphs),
at most --rows rows, each image scaled to --height pixels.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from PIL import Image, ImageDraw

from factory.core.draw import label_font

TARGET, POINT = (230, 40, 40), (20, 120, 255)


def pick(records: list[tuple[int, dict]], rows: int) -> list[dict]:
    """One record per action type (English first, the exports taken in turn), then more until `rows`."""
    ordered = [r for _, r in sorted(records, key=lambda nr: (nr[1]["lang"] != "en", nr[0]))]
    chosen, types = [], set()
    for r in ordered:
        if r["type"] not in types:
            chosen.append(r)
            types.add(r["type"])
    chosen += [r for r in ordered if r not in chosen]
    return chosen[:rows]


def scaled(path: Path, height: int) -> tuple[Image.Image, float]:
    img = Image.open(path).convert("RGB")
    s = height / img.height
    return img.resize((round(img.width * s), height), Image.LANCZOS), s


def row(export: Path, r: dict, height: int) -> Image.Image:
    before, s = scaled(export / r["image"], height)
    after, _ = scaled(export / r["after_image"], height)
    draw = ImageDraw.Draw(before)
    if r["bbox"]:
        x, y, w, h = (v * s for v in r["bbox"])
        draw.rectangle([x - 2, y - 2, x + w + 2, y + h + 2], outline=TARGET, width=3)
    a = r["action"]
    px, py = a["x"] * s, a["y"] * s
    draw.ellipse([px - 7, py - 7, px + 7, py + 7], outline=POINT, width=3)
    draw.line([px - 12, py, px + 12, py], fill=POINT, width=2)
    draw.line([px, py - 12, px, py + 12], fill=POINT, width=2)
    font = label_font(15)
    caption = f"{r['instruction']}    {json.dumps(a, ensure_ascii=False)}"
    gap, top = 12, 26
    out = Image.new("RGB", (before.width + after.width + gap, height + top), "white")
    ImageDraw.Draw(out).text((4, 4), caption[:150], fill=(0, 0, 0), font=font)
    out.paste(before, (0, top))
    out.paste(after, (before.width + gap, top))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("exports", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--rows", type=int, default=4)
    ap.add_argument("--height", type=int, default=300)
    args = ap.parse_args()
    found = []
    for export in args.exports:
        lines = (export / "actions.jsonl").read_text(encoding="utf-8").splitlines()
        found += [(export, json.loads(line)) for line in lines]
    per_export: dict[Path, int] = {}
    numbered = []
    for e, r in found:  # the n-th record of each export gets number n: sorting by it takes the exports in turn
        per_export[e] = per_export.get(e, -1) + 1
        numbered.append((per_export[e], r))
    chosen = pick(numbered, args.rows)
    rows = [row(next(e for e, r2 in found if r2 is r), r, args.height) for r in chosen]
    width = max(r.width for r in rows)
    sheet = Image.new("RGB", (width, sum(r.height + 10 for r in rows)), "white")
    y = 0
    for r in rows:
        sheet.paste(r, (0, y))
        y += r.height + 10
    args.out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(args.out, "JPEG", quality=80, optimize=True)
    print(f"{args.out}: {len(rows)} pairs, {sheet.width}x{sheet.height}, {args.out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
