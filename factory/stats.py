"""Annotation statistics in DuckDB: one SQL query per statistic over the `samples`/`elements` views.

`compute` returns plain dicts/lists; `write` stores stats.json (for `dvc metrics show`) and one CSV per
distribution (for `dvc plots`), each file atomically, in a directory that is new, empty, an earlier stats
output (marked) or the dataset's own `stats/`.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from factory.core.dataset import Dataset
from factory.core.errors import DataError
from factory.outputs import check_dir, in_dataset_dir, made_dirs, marker, write_atomic
from factory.core.schema import STATE_FIELDS, arrow_schemas
from factory.core.taxonomy import CLASSES

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


MARKER = ".gui-factory-stats"
CSVS = ("class_counts", "elements_per_screen", "box_sizes", "aspect_ratios", "text_coverage", "per_style")


def tables(ds: Dataset):
    """A DuckDB connection over the dataset's tables (factory.query.connect).

    DataError, naming the file, if a table is missing, is not Parquet or has other columns than schema v1's:
    DuckDB would read a missing column as NULL and give statistics of nothing."""
    from factory.query import QueryError, connect

    ds.check_complete()
    _check_schemas(ds)
    try:
        return connect(ds)
    except (QueryError, duckdb.Error) as e:
        raise DataError(f"{ds.root}: the tables cannot be read ({_first_line(e)}); "
                        f"`factory verify {ds.root}` lists every fault") from None


def _check_schemas(ds: Dataset) -> None:
    """DataError naming the first table that is not Parquet with exactly schema v1's columns (footers only)."""
    for view, schema in zip(("samples", "elements"), arrow_schemas()):
        want = [(f.name, f.type) for f in schema]
        for path in (p for part in ds.parts for p in part.tables(view)):
            try:
                got = [(f.name, f.type) for f in pq.read_schema(path)]
            except (pa.ArrowException, OSError) as e:
                raise DataError(f"{path} is not a readable Parquet table ({_first_line(e)}); "
                                f"`factory verify {ds.root}` lists every fault") from None
            if got != want:
                raise DataError(f"{path} does not have the columns of a schema-v1 {view} table; "
                                f"`factory verify {ds.root}` lists every fault")


def _first_line(e: Exception) -> str:
    return (str(e).splitlines() or [type(e).__name__])[0][:200]


def compute(ds: Dataset, con) -> dict:
    """Every statistic of the dataset; DataError naming the problem when a table does not read."""
    try:
        return _compute(ds, con)
    except duckdb.Error as e:
        raise DataError(f"{ds.root}: reading the tables failed ({_first_line(e)}); "
                        f"`factory verify {ds.root}` lists every fault") from None


def _compute(ds: Dataset, con) -> dict:
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


def check_out(out_dir: Path) -> None:
    """Refuse (ConfigError) a stats directory holding files the factory did not write."""
    check_dir(out_dir, "stats", MARKER, dataset_names=("stats",))


def write(stats: dict, out_dir: Path) -> list[Path]:
    """stats.json with scalar metrics and class/drop counts; CSVs for the distributions."""
    check_out(out_dir)
    metrics = {**stats["summary"], "classes": stats["classes"], "drops": stats["drops"]}
    files = {"stats.json": json.dumps(metrics, indent=1, sort_keys=True, default=float) + "\n"}
    for name in CSVS:
        rows = stats[name]
        files[f"{name}.csv"] = _csv(list(rows[0]) if rows else [], [list(r.values()) for r in rows])
    # The class histogram summed over renderers and styles, the shape `dvc plots` draws as bars.
    files["class_hist.csv"] = _csv(["class", "count"], list(stats["classes"].items()))
    with made_dirs(out_dir):
        if not in_dataset_dir(out_dir, ("stats",)):  # the dataset's own stats/ is ours by name (and DVC's)
            write_atomic(out_dir / MARKER, marker("stats") + "\n")
        return [write_atomic(out_dir / name, text) for name, text in files.items()]


def _csv(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    if header:
        w.writerow(header)
        w.writerows(rows)
    return buf.getvalue()
