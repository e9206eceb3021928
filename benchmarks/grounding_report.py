"""Markdown tables of a grounding export (`factory export --format grounding`): records per screen by renderer,
per class, and what was left out, from OUT/grounding_stats.json and OUT/grounding.jsonl.

    .venv/bin/python benchmarks/grounding_report.py OUT
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def main(out: Path) -> None:
    st = json.loads((out / "grounding_stats.json").read_text(encoding="utf-8"))
    records = [json.loads(line) for line in (out / "grounding.jsonl").read_text(encoding="utf-8").splitlines()]
    print("| renderer | screens | records | records per screen | interactable | ambiguous | too small | disabled |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    rows = {**st["per_renderer"], "all": {"screens": st["screens"], "records": st["records"],
                                          "interactable": st["interactable"], **st["left_out"]}}
    for name, r in rows.items():
        print(f"| {name} | {r['screens']} | {r['records']} | {r['records'] / r['screens']:.1f} | {r['interactable']} "
              f"| {pct(r['ambiguous'], r['interactable'])} | {pct(r['too_small'], r['interactable'])} "
              f"| {pct(r['disabled'], r['interactable'])} |")
    print()
    print("| class | interactable | records | per screen | ambiguous | too small | disabled |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for cls, c in sorted(st["per_class"].items(), key=lambda kv: -kv[1]["records"]):
        print(f"| {cls} | {c['interactable']} | {c['records']} | {c['records'] / st['screens']:.2f} "
              f"| {pct(c['ambiguous'], c['interactable'])} | {pct(c['too_small'], c['interactable'])} "
              f"| {pct(c['disabled'], c['interactable'])} |")
    print()
    by = Counter(r["by"] for r in records)
    print("told apart by: " + ", ".join(f"{k} {pct(v, len(records))}" for k, v in by.most_common()))
    print("languages: " + ", ".join(f"{k} {pct(v, len(records))}" for k, v in sorted(st["langs"].items())))
    print(f"median records per screen {st['records_per_screen']['median']}, min {st['records_per_screen']['min']}, "
          f"max {st['records_per_screen']['max']}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
