"""The dataset card: a markdown page per version saying what it holds, how it was made and how to load it."""

from __future__ import annotations

from pathlib import Path

from factory.dataset import Dataset
from factory.schema import SCHEMA_VERSION

LICENCE = ("Screens are generated: layouts by the project's grammars, text by Faker (MIT), icons and pictures drawn "
           "procedurally by the project. No third-party screenshots or user data are included. The dataset is "
           "released under CC BY 4.0; the code that made it under Apache-2.0.")


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def card(ds: Dataset, stats: dict) -> str:
    name = ", ".join(ds.versions)
    s = stats["summary"]
    parts = [[p.name, p.manifest["config"]["renderer"], p.manifest["config"]["style"], p.manifest["counts"]["samples"],
              p.manifest["counts"]["elements"], p.manifest["config"]["seed"],
              p.manifest["config"]["renderer_version"]] for p in ds.parts]
    classes = [[c, n] for c, n in stats["classes"].items()]
    per_style: dict[tuple, dict] = {}
    for r in stats["class_counts"]:
        per_style.setdefault((r["renderer"], r["style"]), {})[r["class"]] = r["count"]
    top = sorted(stats["classes"], key=lambda c: -stats["classes"][c])[:8]
    style_rows = [[f"{r}/{st}"] + [counts.get(c, 0) for c in top] for (r, st), counts in sorted(per_style.items())]
    cfg = ds.parts[0].manifest["config"]
    tars = ds.parts[0].tars
    example = tars[0].relative_to(ds.root).as_posix() if tars else "shards/*.tar"
    return f"""# Dataset card: {name}

Synthetic screenshots of graphical user interfaces with an annotation for every visible element
(box, class, text, state, parent), made by GUI Factory from procedural layout grammars.

## Contents

- **{s['samples']:,} screens**, **{s['elements']:,} elements** ({s['elements_per_screen']:.1f} per screen)
- text on {s['text_coverage']:.0%} of elements; {s['interactable_share']:.0%} interactable
- schema version {SCHEMA_VERSION} (per-sample JSON documented in the project README)

{_table(["part", "renderer", "style", "samples", "elements", "seed", "engine"], parts)}

### Elements per class

{_table(["class", "count"], classes)}

### Most common classes per renderer and style

{_table(["renderer/style"] + top, style_rows)}

### Drops (elements left out by the quality checks)

{_table(["reason", "count"], [[k, v] for k, v in stats["drops"].items()]) if stats["drops"] else "none"}

## How it was made

Each sample *i* is a function of the base seed and *i* only. Generation parameters of the first part:
`shard_size={cfg['shard_size']}`, `image_format={cfg['image_format']}`, grammars {', '.join(cfg['grammars'])},
locales {', '.join(cfg['locales']) or 'all'}. Each part's full resolved configuration is in its `manifest.json`.

## Licence

{LICENCE}

## How to load it

```python
import webdataset as wds
ds = wds.WebDataset("{example}").decode("pil")          # (image, json) per sample
import duckdb
duckdb.sql("SELECT class, count(*) FROM '*/tables/elements/*.parquet' GROUP BY ALL")
```

Or `factory query {ds.root} "SELECT ..."`, `factory export {ds.root} --format coco --out coco/`; timm's
WebDataset reader uses `_info.json`; Hugging Face: `load_dataset("webdataset", data_files=...)`.
"""


def write_card(ds: Dataset, stats: dict, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(card(ds, stats), encoding="utf-8")
    return out
