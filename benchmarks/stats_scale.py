"""`factory stats` at scale: 1,000,000 samples and ~30,000,000 element rows in the project's Parquet schema
(synthetic rows, no rendering), timed in DuckDB (our path: factory.stats.compute) against a pandas
implementation of the same statistics, each in its own process so that peak memory is measured apart.

    .venv/bin/python benchmarks/stats_scale.py [--samples 1000000] [--dir /tmp/gf-stats-scale]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factory.core.schema import SCHEMA_VERSION, STATE_FIELDS, arrow_schemas  # noqa: E402
from factory.shards import sha256_file  # noqa: E402
from factory.core.taxonomy import CLASSES  # noqa: E402

ROWS_PER_FILE = 1_000_000
WORDS = np.array(["", "", "", "Save", "Cancel", "Settings", "Jane Doe", "Orders", "$12.00", "2024-05-01", "Search"],
                 dtype=object)


def generate(root: Path, n_samples: int, seed: int = 0) -> None:
    """Write samples/elements tables, empty stand-in tars and a part manifest that lists them."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    s_schema, e_schema = arrow_schemas()
    (root / "tables" / "samples").mkdir(parents=True, exist_ok=True)
    (root / "tables" / "elements").mkdir(parents=True, exist_ok=True)
    per_sample = rng.poisson(30, n_samples).clip(1, 120)
    styles = np.array(["material", "bootstrap", "fluent", "brutalist"], dtype=object)
    shards = []
    samples_per_file = max(1, n_samples * ROWS_PER_FILE // int(per_sample.sum()))
    for f, start in enumerate(range(0, n_samples, samples_per_file)):
        idx = np.arange(start, min(n_samples, start + samples_per_file))
        keys = np.array([f"web_x_{i:09d}" for i in idx], dtype=object)
        counts = per_sample[idx]
        style = styles[idx % 4]
        n = len(idx)
        samples = {c.name: None for c in s_schema}
        samples.update(key=keys, index=idx, seed=idx, attempt=np.zeros(n, np.int32), shard=np.full(n, f"p{f}", object),
                       renderer=np.full(n, "web", object), renderer_version=np.full(n, "x", object), style=style,
                       grammar=np.full(n, "dashboard", object), width=np.full(n, 1280, np.int32),
                       height=np.full(n, 800, np.int32), image_format=np.full(n, "png", object),
                       n_elements=counts.astype(np.int32), schema_version=np.full(n, SCHEMA_VERSION, np.int32))
        m = int(counts.sum())
        cls = rng.integers(0, len(CLASSES), m)
        elements = {
            "key": np.repeat(keys, counts), "id": rng.integers(0, 200, m, dtype=np.int32),
            "parent": rng.integers(0, 200, m, dtype=np.int32), "class": np.array(CLASSES, dtype=object)[cls],
            "class_id": cls.astype(np.int32), "x": rng.integers(0, 1200, m, dtype=np.int32),
            "y": rng.integers(0, 780, m, dtype=np.int32), "w": rng.integers(2, 600, m, dtype=np.int32),
            "h": rng.integers(2, 200, m, dtype=np.int32), "text": WORDS[rng.integers(0, len(WORDS), m)],
            "interactable": rng.random(m) < 0.4, "source_type": np.full(m, "div", object),
            "visible_fraction": rng.random(m), "depth": rng.integers(0, 8, m, dtype=np.int32),
            "overflows_parent": rng.random(m) < 0.01, "renderer": np.full(m, "web", object),
            "style": np.repeat(style, counts), "grammar": np.full(m, "dashboard", object),
        }
        for s in STATE_FIELDS:
            elements[f"state_{s}"] = rng.random(m) < 0.3
        for k in ("full_x", "full_y", "full_w", "full_h"):
            elements[k] = elements[k[5:]]
        name = f"web_x-{f:06d}"
        for table, schema, cols in (("samples", s_schema, samples), ("elements", e_schema, elements)):
            arrays = [pa.array(cols[c.name], type=c.type) if cols[c.name] is not None else pa.nulls(n, c.type)
                      for c in schema]
            pq.write_table(pa.Table.from_arrays(arrays, schema=schema), root / "tables" / table / f"{name}.parquet",
                           compression="zstd", row_group_size=100_000)
        # An empty tar stands in for the images: stats never reads them, but a manifest lists one per shard.
        tar = root / "shards" / f"{name}.tar"
        tar.parent.mkdir(parents=True, exist_ok=True)
        tar.write_bytes(b"\0" * 1024)
        files = [f"tables/samples/{name}.parquet", f"tables/elements/{name}.parquet", f"shards/{name}.tar"]
        shards.append({"name": name, "samples": n, "elements": m, "drops": {}, "classes": {},
                       "files": {rel: {"sha256": sha256_file(root / rel), "bytes": (root / rel).stat().st_size}
                                 for rel in files}})
    config = {"renderer": "web", "style": "x", "seed": seed, "renderer_version": "synthetic", "shard_size": 1,
              "image_format": "png", "grammars": ["dashboard"], "locales": []}
    manifest = {"schema_version": SCHEMA_VERSION, "config": config, "shards": shards,
                "counts": {"samples": n_samples, "elements": int(per_sample.sum()), "drops": {"dropped_flat": 1},
                           "classes": {}}}
    (root / "manifest.json").write_text(json.dumps(manifest))


def run_duckdb(root: Path) -> dict:
    from factory.core.dataset import open_dataset
    from factory.query import connect
    from factory.stats import compute

    t0 = time.perf_counter()
    ds = open_dataset(root)
    result = compute(ds, connect(ds))
    return {"seconds": time.perf_counter() - t0, "elements": result["summary"]["elements"],
            "classes": len(result["classes"])}


def run_pandas(root: Path) -> dict:
    """The same statistics with pandas: read the needed columns, then group-bys and means."""
    import pandas as pd

    t0 = time.perf_counter()
    cols = ["class", "renderer", "style", "w", "h", "text", "interactable", "visible_fraction",
            *[f"state_{s}" for s in STATE_FIELDS]]
    el = pd.read_parquet(root / "tables" / "elements", columns=cols)
    sa = pd.read_parquet(root / "tables" / "samples", columns=["renderer", "style", "n_elements"])
    has_text = el["text"] != ""
    area = el["w"] * el["h"]
    summary = {"samples": len(sa), "elements": len(el), "text_coverage": has_text.mean(),
               "interactable_share": el["interactable"].mean(), "median_box_area": area.median(),
               "mean_visible_fraction": el["visible_fraction"].mean(),
               **{f"state_{s}": el[f"state_{s}"].mean() for s in STATE_FIELDS}}
    class_counts = el.groupby(["class", "renderer", "style"]).size()
    per_screen = sa.groupby("n_elements").size()
    box_sizes = np.floor(np.log2(np.maximum(np.sqrt(area), 1))).astype(int).value_counts()
    aspect = (np.round(np.log2(el["w"] / el["h"]) * 2) / 2).value_counts()
    text_cov = has_text.groupby(el["class"]).mean()
    per_style = sa.groupby(["renderer", "style"])["n_elements"].agg(["size", "mean"])
    assert len(class_counts) and len(per_screen) and len(box_sizes) and len(aspect) and len(text_cov) and len(per_style)
    return {"seconds": time.perf_counter() - t0, "elements": summary["elements"], "classes": el["class"].nunique()}


def child(kind: str, root: Path) -> dict:
    """Run one implementation in a fresh process; returns its result plus peak RSS."""
    code = (f"import sys, json, resource; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
            f"import stats_scale as b; from pathlib import Path; r = b.run_{kind}(Path({str(root)!r})); "
            f"r['peak_rss_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024; print(json.dumps(r))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", type=int, default=1_000_000)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/gf-stats-scale"))
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    root = args.dir / f"n{args.samples}"
    if not (root / "manifest.json").exists():
        t0 = time.perf_counter()
        generate(root, args.samples)
        print(f"generated {root} in {time.perf_counter() - t0:.0f} s")
    duck = min((child("duckdb", root) for _ in range(args.repeats)), key=lambda r: r["seconds"])
    pand = child("pandas", root)
    assert duck["elements"] == pand["elements"] and duck["classes"] == pand["classes"]
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"factory stats over {args.samples:,} samples / {duck['elements']:,} element rows")
    for c in ("implementation", "seconds", "x pandas", "peak RSS MiB"):
        t.add_column(c, justify="right")
    t.add_row("pandas (read columns + group-bys)", f"{pand['seconds']:.2f}", "1.0", f"{pand['peak_rss_mb']:,.0f}")
    t.add_row(f"DuckDB (factory.stats.compute, best of {args.repeats})", f"{duck['seconds']:.2f}",
              f"{pand['seconds'] / duck['seconds']:.1f}", f"{duck['peak_rss_mb']:,.0f}")
    Console().print(t)


if __name__ == "__main__":
    main()
