"""Label conventions, synthetic vs real (issue 12): per class, what a box looks like on each side.

For every class present on either side: boxes per screen, width / height / area (p10, median, p90, in pixels at
the screen's size), the median aspect ratio (w / h), the median share of the screen's width, the median text
length of text-bearing classes, and nesting: the share of a class's boxes that have a labelled child (the
labellers' `parent` link: the nearest labelled ancestor) and which classes those children are. A class that
follows one convention on one side and another on the other shows up as a shifted size, aspect, text length
or nesting, e.g. a `text` box of a paragraph (tall, long text) against one of a line.

All numbers come from the datasets' Parquet tables through the factory's own DuckDB views (factory.query).

    .venv/bin/python benchmarks/label_conventions.py --synthetic '/tmp/ship2/val/web-*' --real /tmp/realset
        [--after 'DIR/web-*'] [--classes text link heading ...] [--min 5]

`--after`: the same synthetic parts drawn again by changed code (a third row per class, "after"), and a second
table: per class, how far each element's box moved (IoU of its box before and after, matched by key and id).
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factory.core.dataset import open_dataset  # noqa: E402
from factory.core.errors import FactoryError  # noqa: E402
from factory.query import open_views  # noqa: E402

TEXT_CLASSES = ("text", "heading", "link", "button", "menu_item", "tab", "badge", "list_item", "checkbox", "radio",
                "switch", "text_input", "dropdown")

PER_CLASS = """
WITH s AS (SELECT version, key, width FROM samples),
e AS (SELECT e.version, e.key, e.id, e.parent, e.class, e.w, e.h, e.text, s.width
      FROM elements e JOIN s USING (version, key))
SELECT version, class, count(*) AS n,
  quantile_cont(w, [0.1, 0.5, 0.9]) AS w, quantile_cont(h, [0.1, 0.5, 0.9]) AS h,
  quantile_cont(w * h, 0.5) AS area, quantile_cont(w / greatest(h, 1), 0.5) AS aspect,
  quantile_cont(w / width, 0.5) AS wshare, quantile_cont(length(coalesce(text, '')), 0.5) AS textlen
FROM e GROUP BY ALL ORDER BY ALL
"""
SCREENS = "SELECT version, count(*) FROM samples GROUP BY ALL"
MOVED = """
WITH b AS (SELECT * FROM elements WHERE version = 'synthetic'), a AS (SELECT * FROM elements WHERE version = 'after'),
j AS (SELECT b.class, greatest(0, least(b.x + b.w, a.x + a.w) - greatest(b.x, a.x))
             * greatest(0, least(b.y + b.h, a.y + a.h) - greatest(b.y, a.y)) AS i, b.w * b.h AS ab, a.w * a.h AS aa
      FROM b JOIN a ON a.key = b.key AND a.id = b.id AND a.class = b.class)
SELECT class, count(*) AS n, quantile_cont(i / (ab + aa - i), 0.5) AS med, avg((i / (ab + aa - i) < 0.5)::INT) AS low,
       avg((i / (ab + aa - i) < 0.999)::INT) AS moved
FROM j GROUP BY ALL HAVING moved > 0 ORDER BY n DESC
"""
CHILDREN = """
SELECT p.version, p.class AS parent_class, c.class AS child_class, count(DISTINCT p.id || '/' || p.key) AS parents
FROM elements p JOIN elements c ON c.version = p.version AND c.key = p.key AND c.parent = p.id
GROUP BY ALL ORDER BY ALL
"""


def parquet_files(patterns: list[str], view: str) -> list[str]:
    out = []
    for pattern in patterns:
        dirs = sorted(glob.glob(pattern)) or [pattern]
        for d in dirs:
            if not os.path.isdir(d):
                continue
            try:
                parts = open_dataset(Path(d)).parts
            except FactoryError as e:  # a part still being rendered, a foreign directory
                print(f"error: {e}", file=sys.stderr)
                sys.exit(2)
            for part in parts:
                out.extend(os.path.realpath(f) for f in part.tables(view))
    if not out:
        print(f"error: no {view} tables under {' '.join(patterns)}; give rendered dataset directories", file=sys.stderr)
        sys.exit(2)
    return out


def measure(sides: dict[str, list[str]]):
    files = {view: [(side, parquet_files(patterns, view)) for side, patterns in sides.items()]
             for view in ("samples", "elements")}
    con = open_views(files)
    screens = dict(con.execute(SCREENS).fetchall())
    rows = con.execute(PER_CLASS).fetchall()
    stats = {(r[0], r[1]): dict(zip(("n", "w", "h", "area", "aspect", "wshare", "textlen"), r[2:])) for r in rows}
    children: dict[tuple[str, str], dict[str, int]] = {}
    for version, pc, cc, n in con.execute(CHILDREN).fetchall():
        children.setdefault((version, pc), {})[cc] = n
    # parents with any labelled child (a parent with children of 2 classes counted once)
    with_child = dict(((v, c), n) for v, c, n in con.execute(
        "SELECT p.version, p.class, count(*) FROM elements p WHERE EXISTS (SELECT 1 FROM elements c WHERE "
        "c.version = p.version AND c.key = p.key AND c.parent = p.id) GROUP BY ALL").fetchall())
    moved = con.execute(MOVED).fetchall() if "after" in sides else []
    return screens, stats, children, with_child, moved


def q(v) -> str:
    return "/".join(f"{x:.0f}" for x in v)


def table(screens, stats, children, with_child, classes: list[str], min_n: int, sides: list[str]) -> str:
    lines = ["screens: " + ", ".join(f"{side} {screens.get(side, 0)}" for side in sides), "",
             "| class | side | boxes/screen | w p10/50/90 | h p10/50/90 | median area | aspect w/h | w/screen | "
             "text chars | has a labelled child: share (top children) |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for cls in classes:
        rows = [(side, stats.get((side, cls))) for side in sides]
        if all(s is None or s["n"] < min_n for _, s in rows):
            continue
        for side, s in rows:
            if s is None:
                lines.append(f"| {cls} | {side} | 0 | | | | | | | |")
                continue
            kids = children.get((side, cls), {})
            top = ", ".join(f"{c} {n / s['n']:.0%}" for c, n in sorted(kids.items(), key=lambda kv: -kv[1])[:3])
            share = with_child.get((side, cls), 0) / s["n"]
            text = f"{s['textlen']:.0f}" if cls in TEXT_CLASSES else ""
            lines.append(f"| {cls} | {side} | {s['n'] / screens[side]:.2f} | {q(s['w'])} | {q(s['h'])} | "
                         f"{s['area']:.0f} | {s['aspect']:.2f} | {s['wshare']:.2f} | {text} | "
                         f"{share:.0%}{f' ({top})' if top else ''} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--synthetic", nargs="+", required=True, help="dataset directories or quoted globs (web parts)")
    ap.add_argument("--real", nargs="+", required=True, help="the real-world set (factory realset --out)")
    ap.add_argument("--after", nargs="+", help="the synthetic parts drawn again by changed code (optional)")
    ap.add_argument("--classes", nargs="*", help="classes to show [default: every class either side has]")
    ap.add_argument("--min", type=int, default=5, help="leave out classes with fewer boxes on both sides")
    args = ap.parse_args()
    sides = {"synthetic": args.synthetic, **({"after": args.after} if args.after else {}), "real": args.real}
    screens, stats, children, with_child, moved = measure(sides)
    present = sorted({c for _, c in stats}, key=lambda c: -sum(stats.get((s, c), {"n": 0})["n"] for s in sides))
    print(table(screens, stats, children, with_child, args.classes or present, args.min, list(sides)))
    if moved:
        print("\nBoxes that moved (synthetic -> after, the same element by key and id):\n")
        print("| class | elements | boxes changed | IoU before/after: median | share < 0.5 |")
        print("|---|---:|---:|---:|---:|")
        for cls, n, med, low, share in moved:
            print(f"| {cls} | {n} | {share:.0%} | {med:.2f} | {low:.0%} |")


if __name__ == "__main__":
    main()
