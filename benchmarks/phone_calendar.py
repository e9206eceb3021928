"""A phone calendar's event chips (benchmarks/README.md, "Event chips in a phone's calendar"): what each one shows.

Renders N phone calendar screens per style (the calendar grammar, the web renderer's factors with its phone share
forced to 1: a month or week of 7 day columns on a 360-412 px screen) and asks each page, for every event chip in a day
cell (a button there), which characters of its words are drawn whole: inside everything that clips them (the chip,
the shadow parts of a web component, the day; the flat tree), less an ellipsis where one is drawn. Per style:

- `< 3 shown`: chips of 3 or more characters showing fewer than 3 of them from their start (an ellipsis after 1-2
  letters: labelled with all their words, as every cut text is, these are labels of words the screen does not show);
- `first hidden`: chips whose first character is not drawn whole (words centred and cut on both sides);
- `spill`: chips whose words are drawn more than 1 px beyond their own box (over the next days);
- `title < 3`: chips showing fewer than 3 characters of their title (their words after a time: "09:30 S"), or all of
  a shorter one;
- the median of the characters shown from the start, and of the chips' widths (CSS px);
- `day labels cut`: days whose number or label (a week's "Mon 2") is not drawn whole in its day: cut ("Mo…"), drawn
  beyond its day, or broken inside a word ("We|d 4").

    PYTHONPATH=$PWD .venv/bin/python benchmarks/phone_calendar.py --count 8 --seed 3 --json /tmp/chips_after.json \\
        [--compare /tmp/chips_before.json] [--styles material kit-ionic ...]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factory.config import RenderConfig  # noqa: E402
from factory.core.seeding import sample_seed  # noqa: E402
from factory.sample import draw_layout  # noqa: E402

# Per event chip (an element after the day's number in a calendar day cell, .k-day*; with `heads`, the day's number or
# label itself): its box and its day's (CSS px), and per character of its words [the character, drawn whole, px of it
# drawn outside the chip's box (a label's: its day's), its top (lines)].
CHIP_PROBE = r"""
(heads) => {
  const CLIPS = new Set(["hidden", "auto", "scroll", "clip"]), vw = innerWidth, vh = innerHeight;
  // the parent in the flat tree: a slotted node's slot, else its parent, else (a shadow root's child) the host
  const flat = n => n.assignedSlot || n.parentElement || (n.getRootNode() && n.getRootNode().host) || null;
  const ctx = document.createElement("canvas").getContext("2d"), range = document.createRange(), out = [];
  for (const el of document.querySelectorAll(":is(.k-day, .k-day-out, .k-day-today) > [data-nid]")) {
    // the day's number (its label: "Mon 11" in a week's columns) with `heads`, else the chips after it
    if ((el === el.parentElement.firstElementChild) !== !!heads) continue;
    const b = el.getBoundingClientRect(), day = el.parentElement.getBoundingClientRect(), chars = [];
    const ref = heads ? day : b;  // how far a character is drawn beyond the chip's box (a label's: its day's)
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      let x0 = 0, x1 = vw, ell = 0;
      for (let a = flat(t); a && a !== document.documentElement; a = flat(a)) {
        const cs = getComputedStyle(a);
        if (!CLIPS.has(cs.overflowX) || ["inline", "contents"].includes(cs.display)) continue;
        const left = a.getBoundingClientRect().left + a.clientLeft;
        x0 = Math.max(x0, left); x1 = Math.min(x1, left + a.clientWidth);
        if (cs.textOverflow === "ellipsis" && a.scrollWidth > a.clientWidth + 0.5) {  // its words end in an ellipsis
          const fs = getComputedStyle(flat(t));
          ctx.font = `${fs.fontStyle} ${fs.fontWeight} ${fs.fontSize} ${fs.fontFamily}`;
          ell = Math.max(ell, ctx.measureText("\u2026").width);
        }
      }
      for (let i = 0; i < t.length; i++) {
        range.setStart(t, i); range.setEnd(t, i + 1);
        const q = range.getBoundingClientRect();
        const l = Math.max(q.left, x0), r = Math.min(q.right, x1);
        chars.push([t.data[i], q.left >= x0 - 0.5 && q.right <= x1 - ell + 0.5,
                    r > l ? Math.max(0, ref.left - l, r - ref.right) : 0, q.top]);
      }
    }
    if (!chars.some(c => c[0].trim())) continue;
    out.push({ nid: el.dataset.nid, box: [b.left, b.top, b.right, b.bottom],
               day: [day.left, day.top, day.right, day.bottom], chars });
  }
  return JSON.stringify(out);
}
"""


def lead(chars: list) -> int:
    """How many characters of a chip's words are drawn whole from their start."""
    return next((i for i, c in enumerate(chars) if not c[1]), len(chars))


TIME = re.compile(r"\d{1,2}:\d{2}\s+")  # a timed event's time before its title ("09:30 Standup")


def title_shown(chars: list) -> tuple[int, int]:
    """(characters of a chip's title drawn whole from its start, the title's length): its words after a time."""
    words = "".join(c[0] for c in chars)
    m = TIME.match(words)
    skip = m.end() if m else 0
    return max(0, lead(chars) - skip), len(words) - skip


def cut(chars: list) -> bool:
    """Whether a label's words are not all drawn whole, drawn more than 1 px beyond its day, or broken inside a word
    (two of its letters on different lines: "We|d 4")."""
    broken = any(a[0].strip() and b[0].strip() and abs(a[3] - b[3]) > 2 for a, b in zip(chars, chars[1:]))
    return broken or any(c[0].strip() and not c[1] for c in chars) or max((c[2] for c in chars), default=0) > 1


def summarize(chips: list[dict], labels: list[dict] | None = None) -> dict:
    n3 = [c for c in chips if len(c["chars"]) >= 3]
    titles = [title_shown(c["chars"]) for c in chips]
    labels = labels or []
    return {"chips": len(chips), "long": len(n3), "few": sum(lead(c["chars"]) < 3 for c in n3),
            "title_few": sum(shown < min(3, n) for shown, n in titles),
            "first_hidden": sum(lead(c["chars"]) == 0 for c in chips),
            "spill": sum(max((ch[2] for ch in c["chars"]), default=0) > 1 for c in chips),
            "median_shown": statistics.median(lead(c["chars"]) for c in chips) if chips else 0,
            "median_width": statistics.median(c["box"][2] - c["box"][0] for c in chips) if chips else 0,
            "labels": len(labels), "labels_cut": sum(cut(c["chars"]) for c in labels)}


def main() -> None:
    from renderers import RENDERERS
    from renderers.web.renderer import WebRenderer

    spec = RENDERERS.get("web")
    phone = [s for s in spec.styles.names() if "mobile" in spec.styles.get(s).form_factors]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--styles", nargs="+", default=phone)
    ap.add_argument("--count", type=int, default=8, help="phone calendar screens per style")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--json", help="write the per-style counts here")
    ap.add_argument("--compare", help="a --json of an earlier run: print before -> after")
    args = ap.parse_args()

    viewports = replace(spec.viewports, mobile_share=1.0)
    result = {}
    with WebRenderer() as renderer:
        for name in args.styles:
            cfg = RenderConfig(renderer="web", style=name, count=1, grammars=("calendar",))
            chips, labels = [], []
            for i in range(args.count):
                layout, factors = draw_layout(cfg, sample_seed(args.seed, i), viewports)
                renderer.render(layout, spec.styles.get(name), factors)
                page = renderer._page_entry.calls  # the page just drawn
                chips += json.loads(page.evaluate(CHIP_PROBE))
                labels += json.loads(page.evaluate(CHIP_PROBE, True))
            result[name] = summarize(chips, labels)
            s = result[name]
            print(f"{name:15s} chips {s['chips']:4d}  < 3 shown {s['few']:4d}  title < 3 {s['title_few']:4d}  "
                  f"first hidden {s['first_hidden']:4d}  spill {s['spill']:4d}  median shown {s['median_shown']:g}  "
                  f"width {s['median_width']:.0f}  day labels {s['labels']:4d} cut {s['labels_cut']:4d}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    if args.compare:
        before = json.loads(Path(args.compare).read_text())
        print("\n| style | chips | < 3 shown (before -> after) | title < 3 shown | first hidden | spill | median shown "
              "| median width | day labels cut |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for name, a in result.items():
            b = before.get(name)
            if b:
                print(f"| {name} | {a['chips']} | {b['few']} -> {a['few']} | {b.get('title_few', '?')} -> "
                      f"{a['title_few']} | {b['first_hidden']} -> "
                      f"{a['first_hidden']} | {b['spill']} -> {a['spill']} | {b['median_shown']:g} -> "
                      f"{a['median_shown']:g} | {b['median_width']:.0f} -> {a['median_width']:.0f} | "
                      f"{b.get('labels_cut', '?')}/{b.get('labels', '?')} -> {a['labels_cut']}/{a['labels']} |")


if __name__ == "__main__":
    main()
