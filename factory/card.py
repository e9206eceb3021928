"""The dataset card: a markdown page per version saying what it holds, how it was made and how to load it.

Values from the dataset (directory and version names, renderer, style, drop reasons...) are escaped for
markdown and HTML, so none can add markup, links or table cells.
"""

from __future__ import annotations

import re
from pathlib import Path

from factory.core.dataset import PATH_RE, Dataset
from factory.outputs import check_file, marker, write_owned
from factory.core.schema import SCHEMA_VERSION

NAMES = ("card.md",)  # a card.md in a dataset directory is ours by name
# Characters that make markdown or HTML (code, emphasis, links and images, tags, entities, table cells).
_SPECIAL = re.compile(r"([\\`*\[\]<>|&])")

LICENCE = ("Screens are generated: layouts by the project's grammars, text by Faker (MIT), icons and pictures drawn "
           "procedurally by the project. No third-party screenshots or user data are included. The dataset is "
           "released under CC BY 4.0; the code that made it under Apache-2.0.")


REAL_DESCRIPTION = ("Screenshots of real web pages that pinned npm and Debian packages ship (site templates, UI kits' "
                    "pages, HTML documentation), rendered offline by GUI Factory and labelled from their DOM with an "
                    "annotation for every visible element (box, class, text, state, parent). **Evaluation only**: "
                    "the trainer refuses it as training data unless told otherwise (`--allow-evaluation-only`).")
REAL_LICENCE = ("The pages, their styles, fonts and pictures belong to their packages and keep those packages' "
                "licences (the parts' manifests list each source with its version); the annotations are released "
                "under CC BY 4.0, the code that made them under Apache-2.0.")


def md(value: object) -> str:
    """`value` as literal markdown text on one line: special characters backslash-escaped, line breaks as spaces."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(value).splitlines()))


def code(value: object) -> str:
    """`value` as an inline code span on one line, fenced by more backticks than it holds."""
    text = " ".join(str(value).splitlines())
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}" if "`" in text else f"{fence}{text}{fence}"


def _table(header: list, rows: list[list]) -> str:
    lines = ["| " + " | ".join(md(c) for c in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def card(ds: Dataset, stats: dict) -> str:
    name = md(", ".join(ds.versions))
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
    shard_size, image_format = code(f"shard_size={cfg['shard_size']}"), code(f"image_format={cfg['image_format']}")
    if cfg.get("episodes"):  # --episodes N: the card says what a sample is and how the episodes went
        image_format += ", " + code(f"episodes={cfg['episodes']}")
    contents = _episodes_line(ds)
    query = code(f'factory query {ds.root} "SELECT ..."')
    export = code(f"factory export {ds.root} --format coco --out coco/")
    example = tars[0].relative_to(ds.root).as_posix()
    if not PATH_RE.fullmatch(example):  # a part directory named by the user: not pasted into code
        example = f"PART/{tars[0].relative_to(ds.parts[0].root).as_posix()}"
    real = all(p.manifest.get("evaluation_only") is True for p in ds.parts)
    description = REAL_DESCRIPTION if real else (
        "Synthetic screenshots of graphical user interfaces with an annotation for every visible element\n"
        "(box, class, text, state, parent), made by GUI Factory from procedural layout grammars.")
    return f"""<!-- {marker("card")} -->
# Dataset card: {name}

{description}

## Contents

- **{s['samples']:,} screens**, **{s['elements']:,} elements** ({s['elements_per_screen']:.1f} per screen)
- text on {s['text_coverage']:.0%} of elements; {s['interactable_share']:.0%} interactable
- schema version {SCHEMA_VERSION} (per-sample JSON documented in the project README){contents}

{_table(["part", "renderer", "style", "samples", "elements", "seed", "engine"], parts)}

### Elements per class

{_table(["class", "count"], classes)}

### Most common classes per renderer and style

{_table(["renderer/style"] + top, style_rows)}

### Drops (elements left out by the quality checks)

{_table(["reason", "count"], [[k, v] for k, v in stats["drops"].items()]) if stats["drops"] else "none"}

## How it was made

Each sample *i* is a function of the base seed and *i* only. Generation parameters of the first part:
{shard_size}, {image_format}, grammars {md(', '.join(cfg['grammars']))},
locales {md(', '.join(cfg['locales']) or 'all')}. Each part's full resolved configuration is in its `manifest.json`.

## Licence

{REAL_LICENCE if real else LICENCE}

## How to load it

```python
import webdataset as wds
ds = wds.WebDataset("{example}").decode("pil")          # (image, json) per sample
import duckdb
duckdb.sql("SELECT class, count(*) FROM '*/tables/elements/*.parquet' GROUP BY ALL")
```

Or {query}, {export}; timm's
WebDataset reader uses `_info.json`; Hugging Face: `load_dataset("webdataset", data_files=...,
features=factory.hf.dataset_features(DIR))`.
"""


def _episodes_line(ds: Dataset) -> str:
    """A contents line for parts rendered with --episodes (each sample one step: before, action, after), or ''."""
    counts = [p.manifest["counts"]["episodes"] for p in ds.parts
              if isinstance(p.manifest["counts"].get("episodes"), dict)]
    if not counts:
        return ""
    n = {k: sum(c[k] for c in counts if type(c.get(k)) is int) for k in ("layouts", "steps", "stopped_early")}
    return (f"\n- episodes (`--episodes`): each sample is one step, the screen before an action with the action "
            f"(`.action.json`) and the screen after it (`.after.<image>`, `.after.json`): {n['steps']:,} steps of "
            f"{n['layouts']:,} layouts, {n['stopped_early']:,} episodes ended early (see the manifests' counts)")


def check_out(out: Path) -> None:
    """Refuse (ConfigError) to replace a file at `out` that the factory did not write."""
    check_file(out, "card", NAMES)


def write_text(out: Path, text: str) -> Path:
    """Write the card's text to `out` atomically (refusing a file the factory did not write)."""
    return write_owned(out, text, "card", NAMES)


def write_card(ds: Dataset, stats: dict, out: Path) -> Path:
    check_out(out)
    return write_text(out, card(ds, stats))
