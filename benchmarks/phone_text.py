"""Short texts squeezed in phone rows (issue 14, "real looks"): how often a short label wraps or is crushed.

Renders N screens per style in phone viewports (and, with `--forms mobile desktop`, N in desktop viewports: the
factors drawn with the web renderer's viewports, its phone share forced to 1 or 0; layouts drawn for that form
factor by the grammars as a render draws them), then asks each page's DOM, for every annotated element of a
text-bearing class whose words are short (<= 3 words and <= 24 characters, a CJK one counted twice: a label, a
button's word, a list item's
title, a table cell, a tab, a badge, a field's label), how its words were laid out:

- `wrapped`: its words stand on 2 or more lines (the line boxes of its text nodes, `Range.getClientRects`);
- `mid-word`: more lines than words (a word broken inside itself: CJK labels count as one word);
- `crushed`: on one line, but its element is narrower than 60% of the width its words need (squeezed by its
  neighbours: a sliver, ellipsis or not);
- `cut`: its element has room, but less than 60% of its words are shown: it runs off the edge of what holds it (a
  phone table wider than the screen, its last column cut as a table scrolled sideways is);
- `truncated`: on one line, 60-98% shown: cut with or without an ellipsis, as a real app truncates a label.

Only elements that are visible (the renderer's measurement: visible, visible fraction >= 0.5) count, and those
crushed to nothing whose words lie on the screen; what a page holds off-screen is not in a sample. The width its
words need is the canvas width of the text in the
text node's computed font.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/phone_text.py --count 24 --seed 3 \\
        --styles material bootstrap fluent brutalist kit-bootstrap5 kit-ionic kit-framework7 kit-shoelace \\
        --forms mobile desktop --json /tmp/phone_text_before.json
    ... --json /tmp/phone_text_after.json --compare /tmp/phone_text_before.json   # the before/after table

`--shots DIR`: each phone screen with a squeezed text is saved there with the offenders outlined (red: wrapped,
orange: crushed), to look at.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factory.config import RenderConfig  # noqa: E402
from factory.core.seeding import rng_for, sample_seed  # noqa: E402
from factory.sample import draw_layout  # noqa: E402
from renderers.web.html import is_short  # noqa: E402  (the fix's own notion of short words: what it measures)

STYLES = ("material", "bootstrap", "fluent", "brutalist", "kit-bootstrap5", "kit-ionic", "kit-framework7",
          "kit-shoelace")
SHORT_CLASSES = ("text", "heading", "link", "button", "tab", "menu_item", "badge", "list_item", "dropdown")

# Per [data-nid] element: the number of lines its words stand on, the width they need on one line, and the width of
# them shown (clipped by the element and its ancestors). Only light-DOM text nodes (a web component's slotted words);
# an element showing its words in its shadow tree only (Ionic's select) has none and is skipped. A text node is styled
# and clipped by its parent in the flat tree: a web component's slotted words by the slot they are drawn in (Shoelace's
# sl-button, sl-tab, sl-tag set their label's font in their shadow tree: measured in the host's font, whole labels
# read as 75-88% shown), and by the shadow parts around that slot.
PROBE_JS = r"""
() => {
  const vw = window.innerWidth, vh = window.innerHeight, CLIPS = new Set(["hidden", "auto", "scroll", "clip"]);
  const cache = new Map();
  const inter = (a, b) => [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  // the parent in the flat tree: a slotted node's slot, else its parent, else (a shadow root's child) the host
  const flatParent = n => n.assignedSlot || n.parentElement || (n.getRootNode() && n.getRootNode().host) || null;
  function clipOf(el) {
    if (!el || el === document.documentElement) return [0, 0, vw, vh];
    if (cache.has(el)) return cache.get(el);
    let c = clipOf(flatParent(el));
    const cs = getComputedStyle(el);
    // overflow does not apply to inline boxes, nor to a box that is not there (a slot: display contents)
    if ((CLIPS.has(cs.overflowX) || CLIPS.has(cs.overflowY)) && cs.display !== "inline" && cs.display !== "contents") {
      const r = el.getBoundingClientRect(), x0 = r.left + el.clientLeft, y0 = r.top + el.clientTop;
      c = inter(c, [x0, y0, x0 + el.clientWidth, y0 + el.clientHeight]);
    }
    cache.set(el, c);
    return c;
  }
  const ctx = document.createElement("canvas").getContext("2d"), range = document.createRange(), out = {};
  for (const el of document.querySelectorAll("[data-nid]")) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const rects = []; let need = 0, shown = 0, words = [];
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const txt = t.textContent.replace(/\s+/g, " ").trim();
      if (!txt || !t.parentElement.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      // words of a nested annotated element are its own (a list item's title is a text of its own)
      const owner = t.parentElement.closest("[data-nid]");
      if (owner !== el) continue;
      const cs = getComputedStyle(flatParent(t));
      ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      ctx.letterSpacing = cs.letterSpacing === "normal" ? "0px" : cs.letterSpacing;
      let m = ctx.measureText(cs.textTransform === "uppercase" ? txt.toUpperCase() : txt).width;
      need += m; words.push(txt);
      range.selectNodeContents(t);
      const clip = clipOf(flatParent(t));
      for (const q of range.getClientRects()) {
        if (q.width < 0.5 || q.height < 0.5) continue;
        rects.push([q.left, q.top, q.right, q.bottom]);
        shown += Math.max(0, Math.min(q.right, clip[2]) - Math.max(q.left, clip[0]));
      }
    }
    if (!rects.length) continue;
    rects.sort((a, b) => a[1] - b[1]);
    let lines = 0, bottom = -1e9;
    for (const r of rects) { const mid = (r[1] + r[3]) / 2; if (mid > bottom) { lines++; bottom = r[3]; } }
    const b = el.getBoundingClientRect();
    out[el.dataset.nid] = { lines, need, shown, text: words.join(" "), box: [b.left, b.top, b.width, b.height],
                            rects };
  }
  return JSON.stringify(out);
}
"""


def verdict(p: dict) -> str:
    if p["lines"] >= 2:
        return "wrapped"
    need = max(p["need"], 1.0)
    if p["box"][2] < 0.6 * need:  # its own element squeezed by its neighbours
        return "crushed"
    if p["shown"] < 0.6 * need:  # an element of its width, run off the edge of what holds it (a wide table's column)
        return "cut"
    if p["shown"] < 0.98 * need and need - p["shown"] > 2:
        return "truncated"
    return "ok"


def draw(style_name: str, form: str, index: int, seed: int):
    """(style, layout, factors, grammar) of sample `index` in one form factor, drawn as a render draws it
    (factory.sample.draw_layout) with the web renderer's phone share forced to 1 or 0."""
    from renderers import RENDERERS

    spec = RENDERERS.get("web")
    cfg = RenderConfig(renderer="web", style=style_name, count=1)
    s = sample_seed(seed, index)
    viewports = replace(spec.viewports, mobile_share=1.0 if form == "mobile" else 0.0)
    layout, factors = draw_layout(cfg, s, viewports)
    grammar = cfg.grammar_names()[rng_for(s, "grammar").randrange(len(cfg.grammar_names()))]
    return spec.styles.get(style_name), layout, factors, grammar


def measure(renderer, style, layout, factors) -> tuple[list[dict], bytes]:
    out = renderer.render(layout, style, factors)
    page = renderer._page_entry.page  # the page still holds the document just drawn
    probe = json.loads(page.evaluate(PROBE_JS))
    rows = []
    for nid, p in probe.items():
        node = out.nodes.get(nid)
        if node is None or node.cls not in SHORT_CLASSES:
            continue
        # a text crushed to nothing is not visible: counted when its words lie on the screen (not scrolled away)
        on_screen = all(0 <= q[1] and q[3] <= factors.viewport_h for q in p["rects"])
        if not (node.visible and node.visible_fraction >= 0.5) and not (on_screen and p["box"][2] < 4):
            continue
        if not is_short(p["text"]):
            continue
        rows.append({"nid": nid, "cls": node.cls, "text": p["text"], "lines": p["lines"], "need": p["need"],
                     "shown": p["shown"], "box_w": p["box"][2], "verdict": verdict(p),
                     "words": len(p["text"].split()),
                     "rects": p["rects"]})
    return rows, out.image


def outline(png: bytes, rows: list[dict], dpr: float) -> bytes:
    from PIL import Image, ImageDraw

    im = Image.open(io.BytesIO(png)).convert("RGB")
    d = ImageDraw.Draw(im)
    for r in rows:
        if r["verdict"] not in ("wrapped", "crushed"):
            continue
        xs = [v for q in r["rects"] for v in (q[0], q[2])]
        ys = [v for q in r["rects"] for v in (q[1], q[3])]
        box = [min(xs) * dpr - 2, min(ys) * dpr - 2, max(xs) * dpr + 2, max(ys) * dpr + 2]
        d.rectangle(box, outline=(230, 0, 0) if r["verdict"] == "wrapped" else (255, 140, 0), width=3)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def summarize(rows: list[dict]) -> dict:
    n = len(rows)
    c = defaultdict(int)
    for r in rows:
        c[r["verdict"]] += 1
        if r["verdict"] == "wrapped" and r["lines"] > r["words"]:
            c["mid-word"] += 1
    return {"n": n, **{k: c[k] for k in ("wrapped", "mid-word", "crushed", "cut", "truncated")}}


def pct(k: int, n: int) -> str:
    return f"{100 * k / n:.1f}%" if n else "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--styles", nargs="+", default=list(STYLES))
    ap.add_argument("--forms", nargs="+", default=["mobile"], choices=["mobile", "desktop"])
    ap.add_argument("--count", type=int, default=24, help="screens per style and form factor")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--json", help="write the per-style, per-class counts (and every squeezed text) here")
    ap.add_argument("--compare", help="a --json of an earlier run: print before/after per style")
    ap.add_argument("--shots", help="save phone screens with squeezed texts here, outlined")
    args = ap.parse_args()

    from renderers.web.renderer import WebRenderer

    result: dict = {"args": vars(args), "styles": {}}
    shots = Path(args.shots) if args.shots else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    with WebRenderer() as renderer:
        for name in args.styles:
            for form in args.forms:
                from renderers import RENDERERS

                if form not in RENDERERS.get("web").styles.get(name).form_factors:
                    continue
                rows_all, per_class, examples = [], defaultdict(list), []
                for i in range(args.count):
                    style, layout, factors, grammar = draw(name, form, i, args.seed)
                    rows, png = measure(renderer, style, layout, factors)
                    for r in rows:
                        r["grammar"] = grammar
                        per_class[r["cls"]].append(r)
                        if r["verdict"] in ("wrapped", "crushed"):
                            examples.append(f"{i} {grammar} {r['cls']} {r['verdict']} lines={r['lines']} "
                                            f"{r['shown']:.0f}/{r['need']:.0f}px {r['text']!r}")
                    rows_all += rows
                    if shots and form == "mobile" and any(r["verdict"] in ("wrapped", "crushed") for r in rows):
                        (shots / f"{name}-{i:03d}-{grammar}.png").write_bytes(outline(png, rows, factors.dpr))
                summary = summarize(rows_all)
                result["styles"][f"{name}/{form}"] = {
                    **summary, "classes": {c: summarize(rs) for c, rs in sorted(per_class.items())},
                    "examples": examples}
                shares = "  ".join(f"{k} {pct(summary[k], summary['n']):>6s}"
                                   for k in ("wrapped", "mid-word", "crushed", "cut", "truncated"))
                print(f"{name:15s} {form:7s} short texts {summary['n']:5d}  {shares}  ({time.time() - t0:.0f} s)",
                      flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    print("\nper class (phone):")
    for key, s in result["styles"].items():
        if not key.endswith("/mobile"):
            continue
        bad = {c: v for c, v in s["classes"].items() if v["wrapped"] + v["crushed"]}
        print(f"  {key}: " + ", ".join(f"{c} {v['wrapped'] + v['crushed']}/{v['n']}" for c, v in bad.items()))
    if args.compare:
        before = json.loads(Path(args.compare).read_text())["styles"]
        print("\n| style | viewport | short texts | wrapped (before -> after) | mid-word | crushed | cut | truncated |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        for key, a in result["styles"].items():
            b = before.get(key)
            if not b:
                continue
            name, form = key.split("/")
            cells = [f"{pct(b.get(k, 0), b['n'])} -> {pct(a[k], a['n'])}"
                     for k in ("wrapped", "mid-word", "crushed", "cut", "truncated")]
            view = "phone" if form == "mobile" else form
            print(f"| {name} | {view} | {b['n']} / {a['n']} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
