"""Where a class's real boxes go: for each ground-truth box of CLASS, the class of the detection that overlaps it
best (score >= 0.3, IoU >= 0.5; "(none)" below that), split by whether a real `text` box holds it (running text),
and per site for the boxes outside running text. For `link`, the other side too: precision and recall by score, and
what the false link detections lie on (a word of a real link, a whole real text, words inside a real text, nothing
labelled...), those of score 0.5 or more apart; and how real links are matched by link detections (found, found as a
smaller box inside one: a padded link's words, off to a side, not at all). Reads the model output that
`recall_iou.py --cache DIR` keeps (DIR/real.json), so the model is not run again (benchmarks/README.md,
"Documentation sidebars as links").

    .venv/bin/python benchmarks/link_confusion.py /tmp/ila/recall/shipped/real.json [link]
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factory.core.taxonomy import CLASSES  # noqa: E402

SCORE, IOU = 0.3, 0.5
NAMES = {i + 1: c for i, c in enumerate(CLASSES)}  # COCO category ids (trainer.evaluate)


def iou(a, b) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    iw = max(0.0, min(ax + aw, bx + bw) - max(ax, bx))
    ih = max(0.0, min(ay + ah, by + bh) - max(ay, by))
    inter = iw * ih
    return inter / (aw * ah + bw * bh - inter + 1e-9)


def inside_text(box, boxes) -> bool:
    """Whether a `text` box other than `box` holds it (1 px slack)."""
    x, y, w, h = box["bbox"]
    return any(NAMES[g["category_id"]] == "text" and g["bbox"][0] <= x + 1 and g["bbox"][1] <= y + 1
               and x + w <= g["bbox"][0] + g["bbox"][2] + 1 and y + h <= g["bbox"][1] + g["bbox"][3] + 1
               for g in boxes if g is not box)


def precision(detections: list, truth: dict, cls: str) -> None:
    """Precision and recall of CLASS at a few score thresholds, every detection matched in score order to the
    best-overlapping real box of CLASS not yet taken (IoU >= 0.5), as COCO's AP matches them."""
    real = {i: [a for a in boxes if NAMES[a["category_id"]] == cls] for i, boxes in truth.items()}
    n_real = sum(len(b) for b in real.values())
    taken, tp, fp, rows = set(), 0, 0, []
    for d in sorted((d for d in detections if NAMES[d["category_id"]] == cls), key=lambda d: -d["score"]):
        best, j = max(((iou(a["bbox"], d["bbox"]), k) for k, a in enumerate(real.get(d["image_id"], []))
                       if (d["image_id"], k) not in taken), default=(0.0, None))
        if best >= IOU:
            taken.add((d["image_id"], j))
            tp += 1
        else:
            fp += 1
        rows.append((d["score"], tp, fp))
    print(f"\n`{cls}` precision / recall by score (matched in score order, IoU >= {IOU}; {n_real} real boxes):")
    for t in (0.7, 0.6, 0.5, 0.4, 0.3):
        tp, fp = next(((tp, fp) for score, tp, fp in reversed(rows) if score >= t), (0, 0))
        print(f"  score >= {t}: {tp} true, {fp} false, precision {tp / max(1, tp + fp):.2f}, "
              f"recall {tp / max(1, n_real):.2f}")


def holds(g: dict, d: dict, slack: float = 2) -> bool:
    x, y, w, h = d["bbox"]
    gx, gy, gw, gh = g["bbox"]
    return gx <= x + slack and gy <= y + slack and x + w <= gx + gw + slack and y + h <= gy + gh + slack


def covers(false: list, truth: dict, cls: str) -> None:
    """What the false detections of CLASS lie on: part of a real box of CLASS (IoU 0.2-0.5: a word of a link, two
    links in one), a whole real box of another class (IoU >= 0.5), words inside a real text, heading, list item...,
    or nothing labelled; with how many of each score 0.5 or more (those rank above most true ones)."""
    kinds, high = Counter(), Counter()
    for d in false:
        boxes = truth[d["image_id"]]
        own = max((iou(a["bbox"], d["bbox"]) for a in boxes if NAMES[a["category_id"]] == cls), default=0.0)
        whole = max(((iou(a["bbox"], d["bbox"]), a) for a in boxes), key=lambda t: t[0], default=(0.0, None))
        if own >= 0.2:
            kind = f"part of a real {cls}"
        elif whole[0] >= IOU:
            kind = f"a whole real {NAMES[whole[1]['category_id']]}"
        else:
            inner = [NAMES[a["category_id"]] for a in boxes if holds(a, d)]
            kind = f"inside a real {inner[-1]}" if inner else "on nothing labelled"
        kinds[kind] += 1
        high[kind] += d["score"] >= 0.5
    print(f"\nfalse `{cls}` detections lie on (score >= 0.5 of them):")
    for kind, n in kinds.most_common(10):
        print(f"  {kind:28s} {n:6d} ({n / max(1, len(false)):.0%})  {high[kind]:5d}")


def fit(dets: dict, truth: dict, cls: str, site: dict) -> None:
    """How the real boxes of CLASS are matched by detections of CLASS: found (IoU >= 0.5); found as a smaller box
    inside it (its best detection at IoU 0.2-0.5 lies inside: the words of a padded <a>, which both labellers box
    with its padding); overlapped off to a side (IoU 0.2-0.5, not inside: a word of it, two in one); not at all."""
    kinds, small_sites = defaultdict(Counter), Counter()
    for i, boxes in truth.items():
        mine = [d for d in dets[i] if NAMES[d["category_id"]] == cls]
        for a in boxes:
            if NAMES[a["category_id"]] != cls:
                continue
            best, hit = max(((iou(a["bbox"], d["bbox"]), d) for d in mine), key=lambda t: t[0], default=(0.0, None))
            kind = ("found" if best >= IOU else "inside it, smaller" if best >= 0.2 and holds(a, hit)
                    else "off to a side" if best >= 0.2 else "no detection near")
            inside = inside_text(a, boxes)
            kinds["inside running text" if inside else "outside running text"][kind] += 1
            small_sites[site[i]] += kind == "inside it, smaller" and not inside
    print(f"\nreal `{cls}` boxes by their best `{cls}` detection (found: IoU >= {IOU}; smaller inside it or off to a "
          "side: IoU 0.2-0.5):")
    for name, c in kinds.items():
        print(f"  {name}: " + ", ".join(f"{k} {c[k]}" for k in ("found", "inside it, smaller", "off to a side",
                                                                   "no detection near")))
    print("  outside running text, smaller inside it, per site: "
          + ", ".join(f"{s} {n}" for s, n in small_sites.most_common(8) if n))


def main(cache: Path, cls: str) -> None:
    images, annotations, detections = json.loads(cache.read_text())
    site = {im["id"]: im["file_name"].rsplit("_", 1)[0] for im in images}
    dets, truth = defaultdict(list), defaultdict(list)
    for d in detections:
        if d["score"] >= SCORE:
            dets[d["image_id"]].append(d)
    for a in annotations:
        truth[a["image_id"]].append(a)
    where, per_site = defaultdict(Counter), defaultdict(Counter)
    for a in annotations:
        if NAMES[a["category_id"]] != cls:
            continue
        best, hit = max(((iou(a["bbox"], d["bbox"]), d) for d in dets[a["image_id"]]), key=lambda t: t[0],
                        default=(0.0, None))
        got = NAMES[hit["category_id"]] if best >= IOU else "(none)"
        inside = inside_text(a, truth[a["image_id"]])
        where["inside running text" if inside else "outside running text"][got] += 1
        if not inside:
            per_site[site[a["image_id"]]][got] += 1
    print(f"real `{cls}` boxes: the class of the best-overlapping detection (score >= {SCORE}, IoU >= {IOU})\n")
    for name, c in where.items():
        n = sum(c.values())
        print(f"{name}: {n} boxes; " + ", ".join(f"{k} {v} ({v / n:.0%})" for k, v in c.most_common(8)))
    if cls == "link":  # the other side: link detections that match no real link (precision, not recall)
        mine = [d for ds in dets.values() for d in ds if NAMES[d["category_id"]] == cls]
        false = [d for d in mine if not any(NAMES[a["category_id"]] == cls and iou(a["bbox"], d["bbox"]) >= IOU
                                            for a in truth[d["image_id"]])]
        in_text = sum(inside_text(d, truth[d["image_id"]]) for d in false)
        print(f"\n`{cls}` detections: {len(mine)}; matching no real `{cls}` (IoU < {IOU}): {len(false)}, "
              f"{in_text} of them inside a real `text` box")
        precision(detections, truth, cls)
        covers(false, truth, cls)
        fit(dets, truth, cls, site)
    print("\noutside running text, per site:")
    for s, c in sorted(per_site.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"  {s:30s} {sum(c.values()):5d}  " + ", ".join(f"{k} {v}" for k, v in c.most_common(5)))


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3) or not Path(sys.argv[1]).is_file():
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) == 3 else "link")
