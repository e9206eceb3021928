"""Annotation statistics in DuckDB: one SQL query per statistic over the `samples`/`elements` views.

`compute` returns plain dicts/lists; `write` stores stats.json (for `dvc metrics show`) and one CSV per
distribution (for `dvc plots`).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

from factory.dataset import Dataset
from factory.schema import STATE_FIELDS
from factory.taxonomy import CLASSES

# One scan of the element rows into a small cube (a few thousand groups); every statistic is then a
# query over the cube. Box sizes are log2 bins of the square root of the area; aspect ratios log2 bins of w/h.
CUBE = """
    CREATE TEMP TABLE cube AS
    SELECT class_id, renderer, style,
           floor(log2(greatest(sqrt(w * h), 1)))::INT AS log2_side,
           round(log2(w / h) * 2) / 2 AS log2_aspect,
           count(*) AS n, count_if(length(text) > 0) AS n_text, count_if(interactable) AS n_interactable,
           sum(visible_fraction) AS sum_visible_fraction, sum(w::BIGINT * h) AS sum_area,
           {states}
    FROM elements GROUP BY ALL"""
# Grouping by the integer class id is much cheaper than by the class string; names are joined back after.
CLASS_NAMES = "CREATE TEMP TABLE class_names AS SELECT * FROM (VALUES {values}) t(class_id, class)"

QUERIES = {
    "class_counts": """
        SELECT class, renderer, style, sum(n)::BIGINT AS count FROM cube JOIN class_names USING (class_id)
        GROUP BY ALL ORDER BY count DESC, class""",
    "elements_per_screen": "SELECT n_elements, count(*) AS samples FROM samples GROUP BY ALL ORDER BY n_elements",
    "box_sizes": "SELECT log2_side, sum(n)::BIGINT AS count FROM cube GROUP BY ALL ORDER BY log2_side",
    "aspect_ratios": "SELECT log2_aspect, sum(n)::BIGINT AS count FROM cube GROUP BY ALL ORDER BY log2_aspect",
    "text_coverage": """
        SELECT class, sum(n_text) / sum(n) AS text_share, sum(n)::BIGINT AS count FROM cube
        JOIN class_names USING (class_id) GROUP BY ALL ORDER BY class""",
    "per_style": """
        SELECT renderer, style, count(*) AS samples, avg(n_elements) AS elements_per_screen
        FROM samples GROUP BY ALL ORDER BY renderer, style""",
}

SUMMARY = """
    SELECT (SELECT count(*) FROM samples) AS samples, sum(n)::BIGINT AS elements,
           sum(n) / (SELECT count(*) FROM samples) AS elements_per_screen,
           sum(n_text) / sum(n) AS text_coverage, sum(n_interactable) / sum(n) AS interactable_share,
           sum(sum_area) / sum(n) AS mean_box_area, sum(sum_visible_fraction) / sum(n) AS mean_visible_fraction,
           {states}
    FROM cube"""


def compute(ds: Dataset, con) -> dict:
    con.execute(CUBE.format(states=", ".join(
        f"count_if(state_{s}) AS t_{s}, count(state_{s}) AS d_{s}" for s in STATE_FIELDS)))
    con.execute(CLASS_NAMES.format(values=", ".join(f"({i}, '{c}')" for i, c in enumerate(CLASSES))))
    # The share of elements with the state true, among elements where the state is defined.
    states = ", ".join(f"sum(t_{s}) / nullif(sum(d_{s}), 0) AS state_{s}" for s in STATE_FIELDS)
    cur = con.execute(SUMMARY.format(states=states))
    summary = dict(zip([d[0] for d in cur.description], cur.fetchone()))
    out = {"summary": {k: round(v, 6) if isinstance(v, float) else v for k, v in summary.items()}}
    for name, sql in QUERIES.items():
        cur = con.execute(sql)
        cols = [d[0] for d in cur.description]
        out[name] = [dict(zip(cols, row)) for row in cur.fetchall()]
    drops: Counter = Counter()
    for part in ds.parts:
        drops.update(part.manifest["counts"]["drops"])
    out["drops"] = dict(sorted(drops.items()))
    classes: Counter = Counter()
    for row in out["class_counts"]:
        classes[row["class"]] += row["count"]
    out["classes"] = dict(sorted(classes.items(), key=lambda kv: (-kv[1], kv[0])))
    return out


def write(stats: dict, out_dir: Path) -> list[Path]:
    """stats.json with scalar metrics and class/drop counts; CSVs for the distributions."""
    out_dir.mkdir(parents=True, exist_ok=True)
    metrics = {**stats["summary"], "classes": stats["classes"], "drops": stats["drops"]}
    written = [out_dir / "stats.json"]
    written[0].write_text(json.dumps(metrics, indent=1, sort_keys=True, default=float) + "\n", encoding="utf-8")
    for name in ("class_counts", "elements_per_screen", "box_sizes", "aspect_ratios", "text_coverage", "per_style"):
        rows = stats[name]
        path = out_dir / f"{name}.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            if rows:
                w = csv.DictWriter(f, fieldnames=list(rows[0]))
                w.writeheader()
                w.writerows(rows)
        written.append(path)
    # The class histogram summed over renderers and styles, the shape `dvc plots` draws as bars.
    hist = out_dir / "class_hist.csv"
    with open(hist, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["class", "count"])
        w.writerows(stats["classes"].items())
    written.append(hist)
    return written
