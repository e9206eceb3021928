"""A one-file HTML report: summary, plots (inline SVG), and a gallery per renderer x style with boxes drawn.

Everything is inline (images as data: URIs), so the page loads nothing from the network. Hovering a box
shows its class and text; a legend maps colours to classes.
"""

from __future__ import annotations

import base64
import io
import json
from html import escape
from pathlib import Path

from PIL import Image

from factory.dataset import Dataset
from factory.preview import class_colour
from factory.verify import _tar_samples

THUMB_W = 360
CSS = """
body { font: 14px/1.45 "DejaVu Sans", sans-serif; margin: 24px; color: #1f2328; background: #f6f8fa; }
h1, h2 { margin: 18px 0 8px; } .cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 12px 16px; }
.card b { display: block; font-size: 22px; } .plots { display: flex; gap: 16px; flex-wrap: wrap; }
.gallery { display: flex; gap: 12px; flex-wrap: wrap; } figure { margin: 0; background: #fff; padding: 6px;
border: 1px solid #d0d7de; border-radius: 6px; } figcaption { font-size: 12px; color: #57606a; }
.shot { position: relative; width: 360px; } .shot img { width: 100%; display: block; }
.shot svg { position: absolute; inset: 0; width: 100%; height: 100%; }
.shot rect { fill: transparent; stroke-width: 2; vector-effect: non-scaling-stroke; }
.shot rect:hover { fill: rgba(255, 255, 0, .25); } .legend span { display: inline-block; margin: 2px 8px 2px 0; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: middle; }
table { border-collapse: collapse; background: #fff; } td, th { border: 1px solid #d0d7de; padding: 3px 8px; }
"""


def _hex(cls: str) -> str:
    return "#%02x%02x%02x" % class_colour(cls)


def bar_chart(title: str, rows: list[tuple[str, float]], width: int = 520, bar_h: int = 16) -> str:
    """A horizontal bar chart as inline SVG."""
    if not rows:
        return ""
    peak = max(v for _, v in rows) or 1
    label_w, h = 150, bar_h * len(rows) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h}" role="img" '
             f'aria-label="{escape(title)}"><text x="0" y="14" font-weight="bold">{escape(title)}</text>']
    for i, (label, v) in enumerate(rows):
        y = 22 + i * bar_h
        w = (width - label_w - 60) * v / peak
        parts.append(f'<text x="{label_w - 6}" y="{y + bar_h - 4}" text-anchor="end" font-size="12">{escape(str(label))}</text>'
                     f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{bar_h - 4}" fill="#4f7cff"/>'
                     f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 4}" font-size="11">{v:,.0f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _binned(rows: list[dict], width: int) -> list[tuple[str, int]]:
    bins: dict[int, int] = {}
    for r in rows:
        b = r["n_elements"] // width * width
        bins[b] = bins.get(b, 0) + r["samples"]
    return [(f"{b}-{b + width - 1}", n) for b, n in sorted(bins.items())]


def _thumb(image: bytes, doc: dict) -> str:
    img = Image.open(io.BytesIO(image)).convert("RGB")
    img = img.resize((THUMB_W, max(1, round(img.height * THUMB_W / img.width))), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=82)
    uri = "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode()
    rects = "".join(
        f'<rect x="{e["bbox"][0]}" y="{e["bbox"][1]}" width="{e["bbox"][2]}" height="{e["bbox"][3]}" '
        f'stroke="{_hex(e["class"])}"><title>{escape(e["class"])}: {escape(e["text"][:80])}</title></rect>'
        for e in doc["elements"])
    f = doc["factors"]
    caption = f'{escape(doc["key"])} · {escape(doc["grammar"])} · {f["theme"]} · {f["locale"]} · {len(doc["elements"])} el'
    return (f'<figure><div class="shot"><img src="{uri}" alt="{escape(doc["key"])}">'
            f'<svg viewBox="0 0 {doc["width"]} {doc["height"]}" preserveAspectRatio="none">{rects}</svg></div>'
            f'<figcaption>{caption}</figcaption></figure>')


def report_html(ds: Dataset, stats: dict, per_part: int = 4) -> str:
    s = stats["summary"]
    cards = "".join(f'<div class="card">{label}<b>{value}</b></div>' for label, value in (
        ("screens", f"{s['samples']:,}"), ("elements", f"{s['elements']:,}"),
        ("per screen", f"{s['elements_per_screen']:.1f}"), ("with text", f"{s['text_coverage']:.0%}"),
        ("interactable", f"{s['interactable_share']:.0%}"), ("versions", ", ".join(ds.versions))))
    plots = [
        bar_chart("Elements per class", list(stats["classes"].items())),
        bar_chart("Box size (log2 of side, px)", [(f"2^{r['log2_side']}", r["count"]) for r in stats["box_sizes"]]),
        bar_chart("Elements per screen", _binned(stats["elements_per_screen"], 10)),
        bar_chart("Aspect ratio (log2 w/h)", [(r["log2_aspect"], r["count"]) for r in stats["aspect_ratios"]]),
    ]
    legend = "".join(f'<span><i style="background:{_hex(c)}"></i>{escape(c)}</span>' for c in stats["classes"])
    galleries = []
    for part in ds.parts:
        figs = []
        for tar in part.tars:
            for key, members in _tar_samples(tar):
                doc = json.loads(members["json"])
                figs.append(_thumb(members[doc["image_format"]], doc))
                if len(figs) >= per_part:
                    break
            if len(figs) >= per_part:
                break
        cfg = part.manifest["config"]
        galleries.append(f'<h2>{escape(part.version)} · {escape(cfg["renderer"])} / {escape(cfg["style"])}</h2>'
                         f'<div class="gallery">{"".join(figs)}</div>')
    drops = "".join(f"<tr><td>{escape(k)}</td><td>{v:,}</td></tr>" for k, v in stats["drops"].items())
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>GUI Factory report</title>
<style>{CSS}</style></head><body><h1>GUI Factory dataset report</h1><div class="cards">{cards}</div>
<h2>Distributions</h2><div class="plots">{"".join(plots)}</div>
<h2>Drops</h2><table><tr><th>reason</th><th>count</th></tr>{drops}</table>
<h2>Legend</h2><div class="legend">{legend}</div>{"".join(galleries)}</body></html>"""


def write_report(ds: Dataset, stats: dict, out: Path, per_part: int = 4) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report_html(ds, stats, per_part), encoding="utf-8")
    return out
