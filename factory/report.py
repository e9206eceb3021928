"""A one-file HTML report: summary, plots (inline SVG), and a gallery per renderer x style with boxes drawn.

Everything is inline (images as data: URIs), so the page loads nothing from the network. Hovering a box
shows its class and text; a legend maps colours to classes. Every value from the dataset is data: the page
is rendered by a Jinja2 template with autoescape on, numbers are coerced to numbers before they reach an
attribute, and a Content-Security-Policy allows no script at all (the report ships none), no request,
only data: images and the inline styles.
"""

from __future__ import annotations

import base64
import io
import itertools
from functools import lru_cache
from pathlib import Path

import jinja2
from PIL import Image

from factory.core.dataset import Dataset
from factory.outputs import check_file, marker, write_owned
from factory.preview import class_colour
from factory.tario import Sample, samples

THUMB_W = 360
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
NAMES = ("report.html",)  # a report.html in a dataset directory is ours by name


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.PackageLoader("factory", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2")


def _hex(cls: str) -> str:
    return "#%02x%02x%02x" % class_colour(cls)


def bar_chart(title: str, rows: list[tuple[object, float]], width: int = 520, bar_h: int = 16) -> dict | None:
    """A horizontal bar chart's geometry (drawn as inline SVG by the template); None without rows."""
    if not rows:
        return None
    values = [float(v) for _, v in rows]
    peak = max(values) or 1.0
    label_w = 150
    bars = [{"label": str(label), "value": v, "y": 22 + i * bar_h, "w": (width - label_w - 60) * v / peak}
            for i, ((label, _), v) in enumerate(zip(rows, values))]
    return {"title": title, "width": width, "height": bar_h * len(rows) + 30, "bar_h": bar_h, "label_w": label_w,
            "bars": bars}


def _binned(rows: list[dict], width: int) -> list[tuple[str, int]]:
    bins: dict[int, int] = {}
    for r in rows:
        b = int(r["n_elements"]) // width * width
        bins[b] = bins.get(b, 0) + int(r["samples"])
    return [(f"{b}-{b + width - 1}", n) for b, n in sorted(bins.items())]


def _figure(s: Sample) -> dict:
    """One gallery figure: a JPEG thumbnail as a data: URI and the element boxes in the image's pixels."""
    with s.load_image() as img:
        rgb = img.convert("RGB")
    rgb = rgb.resize((THUMB_W, max(1, round(rgb.height * THUMB_W / rgb.width))), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    rgb.save(buf, "JPEG", quality=82)
    doc, f = s.doc, s.doc["factors"]
    rects = [{"x": int(e["bbox"][0]), "y": int(e["bbox"][1]), "w": int(e["bbox"][2]), "h": int(e["bbox"][3]),
              "colour": _hex(e["class"]), "title": f"{e['class']}: {e['text'][:80]}"} for e in doc["elements"]]
    return {"uri": "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode(), "key": s.key,
            "width": int(doc["width"]), "height": int(doc["height"]), "rects": rects,
            "caption": " · ".join([s.key, str(doc["grammar"]), str(f["theme"]), str(f["locale"]),
                                   f"{len(doc['elements'])} el"])}


def report_html(ds: Dataset, stats: dict, per_part: int = 4) -> str:
    s = stats["summary"]
    cards = [("screens", f"{int(s['samples']):,}"), ("elements", f"{int(s['elements']):,}"),
             ("per screen", f"{float(s['elements_per_screen']):.1f}"),
             ("with text", f"{float(s['text_coverage']):.0%}"),
             ("interactable", f"{float(s['interactable_share']):.0%}"), ("versions", ", ".join(ds.versions))]
    plots = [
        bar_chart("Elements per class", list(stats["classes"].items())),
        bar_chart("Box size (log2 of side, px)", [(f"2^{r['log2_side']}", r["count"]) for r in stats["box_sizes"]]),
        bar_chart("Elements per screen", _binned(stats["elements_per_screen"], 10)),
        bar_chart("Aspect ratio (log2 w/h)", [(r["log2_aspect"], r["count"]) for r in stats["aspect_ratios"]]),
    ]
    galleries = []
    for part in ds.parts:
        cfg = part.manifest["config"]
        figures = [_figure(x) for x in itertools.islice(samples(ds, [part]), per_part)]
        galleries.append({"title": f"{part.version} · {cfg['renderer']} / {cfg['style']}", "figures": figures})
    return _template().render(
        csp=CSP, generator=marker("report"), cards=cards, plots=[p for p in plots if p], galleries=galleries,
        drops=[(str(k), int(v)) for k, v in stats["drops"].items()],
        legend=[(str(c), _hex(c)) for c in stats["classes"]])


def check_out(out: Path) -> None:
    """Refuse (ConfigError) to replace a file at `out` that the factory did not write."""
    check_file(out, "report", NAMES)


def write_html(out: Path, html: str) -> Path:
    """Write the report's text to `out` atomically (refusing a file the factory did not write)."""
    return write_owned(out, html, "report", NAMES)


def write_report(ds: Dataset, stats: dict, out: Path, per_part: int = 4) -> Path:
    check_out(out)
    return write_html(out, report_html(ds, stats, per_part))
