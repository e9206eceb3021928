"""The shipped detector's learning curve over its whole lineage, on one set of splits (issue 12).

Every model the project shipped is in git history (models/gui-detector/model.safetensors at the commit that shipped
it). Each round was judged on the splits of its day, drawn and labelled by the code of its day, so the rounds'
recorded numbers are not one curve. This script takes every shipped model out of history and evaluates all of them
with today's `factory evaluate` on the splits given (e.g. benchmarks/ship_run.sh's validation and held-out splits
drawn by today's code, and the real-world development set), then prints one table and draws one plot: mAP50 and mAP
against screens seen (training samples, summed along the lineage; a plot on a log axis).

    .venv/bin/python benchmarks/lineage.py --work /tmp/lineage --split in_dist '/tmp/ship16/val/*' \\
        --split heldout_style '/tmp/ship16/heldout/*' --split real /tmp/realset [--precision fp32]

WORK must be new, empty or an earlier WORK of this script: it keeps WORK/models/*.safetensors (from git), the
evaluations WORK/evals/*.json (an evaluation already there is kept, so a stopped run resumes) and writes
WORK/lineage.md (the table), WORK/lineage.json and WORK/lineage.svg (the plot). Only what ROUNDS says about each
round's training (steps, batch, parent, hardware, minutes) comes from the records in benchmarks/README.md and the
model card. The in-distribution target (0.8) is projected from the last rounds on the CPU: a straight line through their
mAP50 against log2(screens seen), least squares. A projection, not a measurement.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bakeoff_report import small_thin  # noqa: E402
from fewshot import factory  # noqa: E402
from factory.core.errors import ConfigError  # noqa: E402
from factory.outputs import check_dir, marker, write_atomic  # noqa: E402

MARKER = ".gui-factory-lineage"
MODEL = "models/gui-detector/model.safetensors"
TARGET = 0.8


@dataclass(frozen=True)
class Round:
    name: str
    commit: str      # the commit that shipped it
    parent: str      # the round its weights started from ("" = from scratch)
    steps: int
    batch: int
    hardware: str
    minutes: float | None  # training wall-clock as recorded (None: not recorded)

    @property
    def screens(self) -> int:
        return self.steps * self.batch


# Every model shipped in models/gui-detector, oldest first (benchmarks/README.md, the commits' messages).
ROUNDS = (
    Round("bake-off winner", "6069ee2", "", 374, 8, "2 CPU cores", 20),
    Round("round 1", "13ff715", "", 1000, 8, "2 CPU cores", 51),
    Round("round 2", "615ff3a", "round 1", 560, 8, "2 CPU cores", 75),
    Round("round 3", "f578aa4", "round 2", 850, 8, "2 CPU cores", 62),
    Round("round 4", "db310f7", "round 3", 827, 32, "1 H200 GPU", 2.5),
    Round("round 5", "a7d52fc", "round 4", 3950, 32, "1 H200 GPU", 10.8),
    Round("round 6", "4196fb6", "round 5", 2400, 8, "2 CPU cores", 93),
    Round("round 7", "0f8dabc", "round 6", 1350, 8, "2 CPU cores", 81),
    Round("round 11", "03e47a4", "round 7", 2000, 8, "2 CPU cores", 116),  # rounds 10 (57 min) and 11 (59) in line
    Round("round 13", "968fcee", "round 11", 1000, 8, "2 CPU cores", 60),
    Round("round 15", "10036ee", "round 13", 1000, 8, "2 CPU cores (bf16)", 46),
    Round("round 16", "8bfafa0", "round 15", 1000, 8, "2 CPU cores (bf16)", 29),
    Round("round 17", "7b525b5", "round 16", 3000, 8, "2 CPU cores (bf16)", 91),
)
PROJECT_FROM = ("round 6", "round 7", "round 11", "round 13", "round 15")  # the CPU rounds on today's kind of mix
# (fixed before round 16 was trained: rounds 16 and 17 test the projection)


def seen(r: Round) -> int:
    """Screens seen by the model of round r since random initialisation."""
    by_name = {x.name: x for x in ROUNDS}
    total = 0
    while True:
        total += r.screens
        if not r.parent:
            return total
        r = by_name[r.parent]


def slug(r: Round) -> str:
    return r.name.replace(" ", "-")


def extract(r: Round, models: Path) -> Path:
    """The model round r shipped, as git history holds it."""
    out = models / f"{slug(r)}-{r.commit}.safetensors"
    if not out.is_file():
        blob = subprocess.run(["git", "show", f"{r.commit}:{MODEL}"], cwd=ROOT, capture_output=True, check=False)
        if blob.returncode != 0:
            raise ConfigError(f"{r.name}: {MODEL} is not in commit {r.commit} ({blob.stderr.decode().strip()}); "
                              "run from a full clone of the project (git fetch --unshallow)")
        write_atomic(out, blob.stdout)
    return out


def evaluate(model: Path, out: Path, splits: list[tuple[str, str]], precision: str, workers: int) -> dict:
    if not out.is_file():  # the command and its output are kept in OUT.log beside it
        split_args = [a for n, g in splits for a in ("--split", n, g)]
        factory("evaluate", str(model), *split_args, "--workers", str(workers), "--precision", precision,
                "--out", str(out), log=out.with_suffix(".log"))
    return json.loads(out.read_text())["splits"]


def fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least squares y = a + b * log2(x): (a, b)."""
    xs = [math.log2(x) for x, _ in points]
    ys = [y for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return my - b * mx, b


def svg(rows: list[dict], split_names: list[str]) -> str:
    """mAP50 (solid) and mAP (dashed) of each split against screens seen, log2 x axis; numbers only."""
    w, h, left, right, top, bottom = 760, 420, 60, 170, 30, 50
    xs = [math.log2(r["screens_seen"]) for r in rows]
    x0, x1 = math.floor(min(xs)), math.ceil(max(xs))
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]

    def px(x: float) -> float:
        return left + (math.log2(x) - x0) / (x1 - x0) * (w - left - right)

    def py(y: float) -> float:
        return top + (1 - y) * (h - top - bottom)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="11">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{left}" y="18" font-size="13">The shipped detector\'s lineage: every shipped model on one set of '
           f'splits</text>']
    for k in range(11):
        y = k / 10
        out.append(f'<line x1="{left}" x2="{w - right}" y1="{py(y):.1f}" y2="{py(y):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{py(y) + 4:.1f}" text-anchor="end">{y:.1f}</text>')
    for e in range(x0, x1 + 1):
        x = px(2 ** e)
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{h - bottom}" stroke="#eee"/>')
        out.append(f'<text x="{x:.1f}" y="{h - bottom + 16}" text-anchor="middle">{round(2 ** e / 1000)}k</text>')
    out.append(f'<text x="{(left + w - right) / 2:.0f}" y="{h - 12}" text-anchor="middle">'
               'screens seen (log scale)</text>')
    out.append(f'<line x1="{left}" x2="{w - right}" y1="{py(TARGET):.1f}" y2="{py(TARGET):.1f}" stroke="#888" '
               f'stroke-dasharray="2 3"/><text x="{left + 4}" y="{py(TARGET) - 4:.1f}">target {TARGET}</text>')
    for i, name in enumerate(split_names):
        c = colours[i % len(colours)]
        for metric, dash in (("mAP50", ""), ("mAP", ' stroke-dasharray="5 4"')):
            pts = " ".join(f"{px(r['screens_seen']):.1f},{py(r[name][metric]):.1f}" for r in rows)
            out.append(f'<polyline points="{pts}" fill="none" stroke="{c}" stroke-width="1.6"{dash}/>')
            out += [f'<circle cx="{px(r["screens_seen"]):.1f}" cy="{py(r[name][metric]):.1f}" r="2.5" fill="{c}"/>'
                    for r in rows]
        ly = top + 14 + i * 34
        out.append(f'<line x1="{w - right + 10}" x2="{w - right + 30}" y1="{ly}" y2="{ly}" stroke="{c}" '
                   f'stroke-width="1.6"/><text x="{w - right + 34}" y="{ly + 4}">{name} mAP50</text>')
        out.append(f'<line x1="{w - right + 10}" x2="{w - right + 30}" y1="{ly + 14}" y2="{ly + 14}" stroke="{c}" '
                   f'stroke-width="1.6" stroke-dasharray="5 4"/>'
                   f'<text x="{w - right + 34}" y="{ly + 18}">{name} mAP</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--split", nargs=2, action="append", metavar=("NAME", "GLOB"), required=True,
                    help="as `factory evaluate --split`; the first is the one projected to the target")
    ap.add_argument("--precision", choices=("fp32", "bf16"), default="fp32")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    work = args.work.resolve()
    try:
        try:
            check_dir(work, "lineage", MARKER)
        except ConfigError:
            raise ConfigError(f"--work {work} is not new, empty or an earlier WORK of benchmarks/lineage.py: it does "
                              "not write among files it did not write; choose a new or empty directory") from None
        (work / "models").mkdir(parents=True, exist_ok=True)
        (work / "evals").mkdir(exist_ok=True)
        write_atomic(work / MARKER, json.dumps({"generator": marker("lineage")}) + "\n")
        names = [n for n, _ in args.split]
        rows = []
        for r in ROUNDS:
            model = extract(r, work / "models")
            ev = evaluate(model, work / "evals" / f"{slug(r)}.json", args.split, args.precision, args.workers)
            row = {"round": r.name, "commit": r.commit, "parent": r.parent or None, "steps": r.steps, "batch": r.batch,
                   "hardware": r.hardware, "minutes": r.minutes, "screens_seen": seen(r)}
            for n in names:
                s = ev[n]
                row[n] = {"mAP50": s["mAP50"], "mAP": s["mAP"], "interactable_AP50": s["interactable"]["AP50"],
                          "small_thin_AP50": small_thin(s)}
            rows.append(row)
            print(f"{r.name}: " + ", ".join(f"{n} mAP50 {row[n]['mAP50']:.4f}" for n in names), flush=True)
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        raise SystemExit(2) from None

    head = "| round | commit | from | steps x batch | hardware, minutes | screens seen | " + " | ".join(
        f"{n} mAP50 | {n} mAP" for n in names) + f" | {names[0]} small/thin AP50 | {names[-1]} interactable AP50 |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        mins = "-" if r["minutes"] is None else f"{r['minutes']:g}"
        lines.append(f"| {r['round']} | {r['commit']} | {r['parent'] or 'scratch'} | {r['steps']:,} x {r['batch']} | "
                     f"{r['hardware']}, {mins} | {r['screens_seen']:,} | "
                     + " | ".join(f"{r[n]['mAP50']:.4f} | {r[n]['mAP']:.4f}" for n in names)
                     + f" | {r[names[0]]['small_thin_AP50']:.4f} | {r[names[-1]]['interactable_AP50']:.4f} |")
    pts = [(r["screens_seen"], r[names[0]]["mAP50"]) for r in rows if r["round"] in PROJECT_FROM]
    a, b = fit(pts)
    need = 2 ** ((TARGET - a) / b) if b > 0 else math.inf
    last = rows[-1]["screens_seen"]
    proj = (f"Projection ({', '.join(PROJECT_FROM)}: {names[0]} mAP50 = {a:.3f} + {b:.4f} x log2(screens seen)): "
            f"+{b:.4f} per doubling of screens seen; {TARGET} at ~{need:,.0f} screens seen "
            f"({need / last:.1f}x the last round's {last:,}).")
    lines += ["", proj]
    table = "\n".join(lines) + "\n"
    print(table)
    write_atomic(work / "lineage.md", table)
    write_atomic(work / "lineage.json", json.dumps({"precision": args.precision, "splits": args.split, "rounds": rows,
                                                    "projection": {"from": PROJECT_FROM, "a": a, "b_per_doubling": b,
                                                                   "screens_for_target": need}}, indent=1) + "\n")
    write_atomic(work / "lineage.svg", svg(rows, names))


if __name__ == "__main__":
    main()
