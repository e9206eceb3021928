"""Data-management commands: merge, stats, query, verify, export, report, preview (on the `factory` group).

Every reader opens the dataset through factory.core.dataset (manifests checked) and reads shards through
factory.tario (members and samples checked); a bad dataset is one message and exit 2 (`verify`: a FAULT
line per problem and exit 1). Outputs never replace a file the factory did not write.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from factory.cli import _fail, main
from factory.cli_types import Count, Number
from factory.core.dataset import BadManifest, open_dataset
from factory.core.errors import ConfigError
from factory.outputs import check_dir

DATASET = click.argument("dataset", type=click.Path(path_type=Path))


def _open(path: Path):
    """The dataset at `path` with every file its manifests list present (else DataError: one message, exit 2)."""
    ds = open_dataset(path)
    ds.check_complete()
    return ds


@main.command()
@click.argument("parts", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--name", default=None, help="Version name, e.g. v1 (when PARTS are render outputs).")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="Version directory holding the parts; or, for slices, the dataset directory to write.")
def merge(parts, name, out) -> None:
    """Make a named dataset version from render outputs PARTS inside OUT (manifest.json and _info.json); or
    join slices (`factory render --shards A:B` outputs) into the dataset OUT that one render writes."""
    from factory.slices import is_slice

    kinds = {is_slice(p) for p in parts}
    if kinds == {True}:
        return _join_slices(list(parts), out, name)
    if len(kinds) > 1:
        raise ConfigError("PARTS mix slices (from `factory render --shards`) and render outputs; merge the "
                          "slices into a dataset first, then make a version of datasets")
    if name is None:
        raise ConfigError("--name is required to make a version of render outputs, e.g. --name v1")
    from factory.merge import merge as do_merge

    m = do_merge(out, name, list(parts))  # a bad part or --out: DataError/ConfigError, one message at the group
    click.echo(f"version {name}: {len(m['parts'])} parts, {m['counts']['samples']:,} samples "
               f"-> {out / 'manifest.json'}")


def _join_slices(parts: list[Path], out: Path, name: str | None) -> None:
    from factory.ownership import check_output_dir, check_writable, prepare_dir
    from factory.preview import contact_sheet
    from factory.slices import check, join
    from factory.writer_lock import WriterLock

    if name is not None:
        raise ConfigError("--name names a version; slices merge into one dataset: leave --name out")
    slices = check(parts, out)  # the slices fit together and are finished: checked before OUT is touched
    check_output_dir(out, "--out")
    check_writable(out, "--out")
    prepare_dir(out, "--out")
    with WriterLock(out, "--out") as lock:
        m = join(out, slices)
        contact_sheet(out, out / "preview.png")
        lock.clear()
    click.echo(f"{len(parts)} slices: {m['counts']['samples']:,} samples in {m['counts']['shards']} shards "
               f"-> {out / 'manifest.json'}")


@main.command()
@DATASET
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Directory for stats.json and the CSVs [default: DATASET/stats].")
@click.option("--diversity", is_flag=True,
              help="Also measure how different the screens are, per style and family: perceptual-hash distance, "
                   "colourfulness, hue entropy, elements per screen, class entropy, layout distance (decodes images).")
@click.option("--diversity-screens", type=Count(minimum=2, maximum=100_000), default=None,
              help="--diversity: screens measured per row at most (all pairs; a seeded sample above) [default: 200].")
def stats(dataset, as_json, out, diversity, diversity_screens) -> None:
    """Annotation statistics (DuckDB): classes by renderer and style, sizes, text, states, drops; with
    --diversity, how different the screens are per style and family."""
    from rich.markup import escape

    from factory import stats as st

    if diversity_screens is not None and not diversity:
        raise ConfigError("--diversity-screens applies with --diversity; add --diversity or leave it out")
    ds = _open(dataset)
    out = out or dataset / "stats"
    st.check_out(out)  # before the work: a foreign --out is refused at once
    con = st.tables(ds)
    result = st.compute(ds, con)
    rows = _diversity(ds, con, diversity_screens) if diversity else None
    written = st.write(result, out)
    if rows is not None:
        from dataclasses import asdict

        result["diversity"] = [asdict(r) for r in rows]
    if as_json:
        click.echo(json.dumps(result, indent=1, default=float))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    s = result["summary"]
    console.print(f"[bold]{escape(str(dataset))}[/]: {s['samples']:,} screens, {s['elements']:,} elements "
                  f"({s['elements_per_screen']:.1f} per screen), text on {s['text_coverage']:.0%}, "
                  f"{s['interactable_share']:.0%} interactable")
    t = Table(title="elements per class")
    for c in ("class", "count", "share"):
        t.add_column(c, justify="right" if c != "class" else "left")
    total = max(1, s["elements"])
    for cls, n in result["classes"].items():
        t.add_row(escape(cls), f"{n:,}", f"{n / total:.1%}")
    console.print(t)
    states = ", ".join(f"{k[6:]} {v:.1%}" for k, v in s.items() if k.startswith("state_") and v is not None)
    console.print(f"states (share true where defined): {states}")
    console.print(f"drops: {escape(', '.join(f'{k} {v:,}' for k, v in result['drops'].items()) or 'none')}")
    if rows is not None and console.is_terminal:  # spreads where the terminal has room for them
        console.print(_diversity_table(rows, spreads=console.width >= 100))
    elif rows is not None:  # piped to a file or a log: the whole table, not cut at 80 columns
        Console(width=200).print(_diversity_table(rows))
    console.print(f"written: {escape(', '.join(str(p) for p in written))}")


def _diversity(ds, con, max_screens: int | None) -> list:
    from factory import diversity as dv
    from factory.progress import render_progress

    with render_progress(0, label="measuring screens") as update:
        return dv.compute(ds, con, max_screens=max_screens or dv.MAX_SCREENS, progress=update)


def _diversity_table(rows: list, spreads: bool = True):
    """One row per (style, family) group and roll-up: phash and layout are mean pairwise distances (0 = same);
    colourfulness, hue entropy and elements as mean±spread over screens (`spreads`; means only on a narrow
    terminal: --json has both)."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    num = lambda v, f=".3f": "-" if v is None else format(v, f)  # noqa: E731
    spread = lambda m, s, f: "-" if m is None else f"{m:{f}}" + (f"±{s:{f}}" if spreads else "")  # noqa: E731
    renderers = len({r.renderer for r in rows if r.renderer != "all"}) > 1
    t = Table(title="diversity per style and family: phash, layout = mean pairwise distance (0 = identical); "
                    "colour = colourfulness; H = entropy (bits); " + ("± the spread over screens; " if spreads else "")
                    + "screens (measured)", box=box.SIMPLE_HEAD, padding=(0, 1), collapse_padding=True,
              pad_edge=False)
    cols = ["renderer"] * renderers + ["style", "family", "screens", "phash", "colour", "hue H", "elements",
                                       "class H", "layout"]
    for c in cols:
        t.add_column(c, justify="left" if c in ("renderer", "style", "family") else "right",
                     no_wrap=c in ("renderer", "style", "family"))
    level = lambda r: (r.renderer == "all", r.style == "all", r.family == "all")  # noqa: E731
    for i, r in enumerate(rows):
        screens = f"{r.screens:,}" + (f" ({r.sampled:,})" if r.sampled < r.screens else "")
        t.add_row(*[escape(r.renderer)] * renderers, escape(r.style), escape(r.family), screens, num(r.phash),
                  spread(r.colourfulness, r.colourfulness_std, ".1f"), spread(r.hue_entropy, r.hue_entropy_std, ".2f"),
                  spread(r.elements, r.elements_std, ".1f"), num(r.class_entropy, ".2f"), num(r.layout),
                  end_section=i + 1 < len(rows) and level(rows[i + 1]) != level(r))
    return t


@main.command()
@DATASET
@click.argument("sql")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--timeout", "timeout_s", type=Number(minimum=0, maximum=86_400, low_open=True), default=30.0,
              show_default=True, help="Seconds before the query is cancelled.")
@click.option("--max-rows", type=Count(minimum=1), default=100_000, show_default=True,
              help="Rows returned at most; a longer result is cut with a note on stderr.")
def query(dataset, sql, fmt, timeout_s, max_rows) -> None:
    """Run one read-only SQL query (DuckDB) over views `samples` and `elements` (with a `version` column).

    The statement runs in a child process that cannot write any file (Linux Landlock), with DuckDB able to
    read only the dataset's tables; anything but SELECT (or EXPLAIN of a SELECT) is refused."""
    from factory.query import QueryError, run_query

    ds = _open(dataset)
    try:
        cols, rows, truncated = run_query(ds, sql, timeout_s=timeout_s, max_rows=max_rows)
    except QueryError as e:
        _fail(f"query failed: {e}")
    if truncated:
        click.echo(f"note: showing the first {max_rows:,} rows; add LIMIT or raise --max-rows", err=True)
    if fmt == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(cols)
        w.writerows(rows)
    elif fmt == "json":
        click.echo(json.dumps([dict(zip(cols, r)) for r in rows], indent=1, default=str, ensure_ascii=False))
    else:
        from rich.console import Console
        from rich.table import Table

        t = Table(*cols)
        for r in rows:
            t.add_row(*("NULL" if v is None else str(v) for v in r))
        Console().print(t)


@main.command()
@DATASET
def verify(dataset) -> None:
    """Re-hash shards against the manifest, decode every image, validate every JSON, join tar and table keys."""
    from factory.verify import verify as do_verify

    try:
        ds = open_dataset(dataset)
    except BadManifest as e:  # a damaged manifest is a fault of the dataset; nothing else can be checked
        click.echo(f"FAULT {e}", err=True)
        click.echo(f"verify: 1 fault in {dataset} (its manifest: nothing else was checked)", err=True)
        sys.exit(1)
    faults = do_verify(ds, log=lambda s: click.echo(s, err=True))
    for f in faults:
        click.echo(f"FAULT {f}", err=True)
    n = sum(p.manifest["counts"]["samples"] for p in ds.parts)
    if faults:
        click.echo(f"verify: {len(faults)} faults in {dataset}", err=True)
        sys.exit(1)
    click.echo(f"verify: OK, {len(ds.parts)} parts, {n:,} samples")


@main.command()
@DATASET
@click.option("--format", "fmt", type=click.Choice(["coco", "yolo", "grounding", "code-pairs", "actions"]),
              required=True,
              help="coco / yolo: detection labels; grounding: instruction -> element records for VLMs; code-pairs: "
                   "(screen, source) pairs of a dataset rendered with --keep-source; actions: instruction -> action "
                   "JSONL for GUI agents with before/after screens, of a dataset rendered with --episodes N.")
@click.option("--taxonomy", type=click.Choice(["canonical", "rico", "clay", "vins", "interactable"]),
              default="canonical", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="New or empty directory, or an earlier export (replaced).")
@click.option("--coords", type=click.Choice(["pixels", "norm1000", "florence"]), default=None,
              help="grounding: answer coordinates, pixels, 0-1000 integers (Qwen2-VL) or Florence-2 <loc_> tokens; "
                   "actions: pixels or norm1000 [default: pixels].")
@click.option("--target", type=click.Choice(["point", "box"]), default=None,
              help="grounding: answer with the click point or the box [default: point].")
@click.option("--skip-bad", is_flag=True, help="Skip bad samples and count them instead of stopping at the first.")
def export(dataset, fmt, taxonomy, out, coords, target, skip_bad) -> None:
    """Export to COCO detection JSON or YOLO txt + data.yaml, with a public taxonomy's mapping applied; to
    grounding records (instruction -> element) with a chat "conversations" JSONL for VLM fine-tuning; or to
    screen-to-code pairs (images/, sources/<key>.html|.ui, pairs.jsonl) of a --keep-source render; or to
    instruction -> action JSONL for GUI agents (images/, after/, actions.jsonl) of an --episodes render."""
    from factory.export import MARKER, export as do_export

    if target and fmt != "grounding" or coords and fmt not in ("grounding", "actions"):
        raise ConfigError("--coords applies to --format grounding and actions, --target to grounding only")
    if coords == "florence" and fmt == "actions":
        raise ConfigError("--coords florence applies to grounding; actions take --coords pixels or norm1000")
    if fmt in ("grounding", "actions") and taxonomy != "canonical":
        raise ConfigError(f"--taxonomy applies to coco and yolo; {fmt} records carry canonical classes")
    check_dir(out, "export", MARKER)  # before opening the dataset: a foreign --out is refused at once
    ds = _open(dataset)
    if fmt == "grounding":
        from factory.grounding.writer import export_grounding

        res = export_grounding(ds, out, coords or "pixels", target or "point", skip_bad=skip_bad)
    elif fmt == "actions":
        from factory.grounding.agent import export_actions

        res = export_actions(ds, out, coords or "pixels", skip_bad=skip_bad)
    else:
        res = do_export(ds, fmt, out, taxonomy, skip_bad=skip_bad)
    if res.skipped:
        from factory.code_pairs import part_name

        left_out = res.left_out if fmt in ("code-pairs", "actions") else []
        listed = sum(p.manifest["counts"]["samples"] for p in ds.parts if part_name(ds, p) not in left_out)
        click.echo(f"skipped {len(res.skipped):,} fault(s), {listed - res.images:,} of {listed:,} samples not "
                   f"exported; first: {res.skipped[0]} (`factory verify {dataset}` lists every fault)", err=True)
    if fmt == "code-pairs":
        if res.left_out:
            click.echo(f"left out (no sources: rendered without --keep-source, or game screens): "
                       f"{', '.join(res.left_out)}", err=True)
        langs = ", ".join(f"{n:,} {lang}" for lang, n in sorted(res.counts.items()))
        click.echo(f"code-pairs export: {res.images:,} pairs ({langs}) -> {out}")
        return
    if fmt == "grounding":
        _grounding_summary(res.stats, out)
        return
    if fmt == "actions":
        st = res.stats
        if res.left_out:
            click.echo(f"left out (no episodes: rendered without --episodes): {', '.join(res.left_out)}", err=True)
        click.echo(f"actions export ({st['coords']}): {st['records']:,} of {st['steps']:,} steps ("
                   + ", ".join(f"{t} {n:,}" for t, n in st["per_type"].items())
                   + f"); left out without an unambiguous instruction: {st['share_left_out']:.1%} -> {out}")
        return
    click.echo(f"{fmt} export ({taxonomy}): {res.images:,} images, {sum(res.counts.values()):,} boxes in "
               f"{len(res.counts)} classes -> {out}")


def _grounding_summary(st: dict, out: Path) -> None:
    share = st["share_left_out"]
    click.echo(f"grounding export ({st['coords']}, {st['target']}): {st['screens']:,} screens, {st['records']:,} "
               f"records ({st['records_per_screen']['mean']:.1f} per screen) -> {out}")
    click.echo(f"left out of {st['interactable']:,} interactable elements: ambiguous {share['ambiguous']:.1%}, "
               f"too small {share['too_small']:.1%}, disabled {share['disabled']:.1%}; languages: "
               + ", ".join(f"{k} {v:,}" for k, v in st["langs"].items()))
    click.echo("records per class: " + ", ".join(f"{cls} {c['records']:,}" for cls, c in st["per_class"].items()
                                                  if c["records"]))


@main.command()
@DATASET
@click.option("--out", type=click.Path(path_type=Path), required=True, help="HTML file to write.")
@click.option("--card", "card_out", type=click.Path(path_type=Path), default=None,
              help="Also write the dataset card here.")
@click.option("--per-part", type=Count(minimum=0, maximum=100), default=4, show_default=True,
              help="Gallery samples per renderer/style part.")
def report(dataset, out, card_out, per_part) -> None:
    """A static HTML report (summary, plots, gallery with boxes) and optionally the markdown dataset card."""
    from factory import card, report as rp, stats as st

    rp.check_out(out)  # both outputs checked before any work: neither is written if the other is refused
    if card_out:
        card.check_out(card_out)
    ds = _open(dataset)
    result = st.compute(ds, st.tables(ds))
    html = rp.report_html(ds, result, per_part)  # every sample drawn is read first: a bad one writes nothing
    text = card.card(ds, result) if card_out else ""
    click.echo(f"report: {rp.write_html(out, html)}")
    if card_out:
        click.echo(f"card: {card.write_text(card_out, text)}")


@main.command()
@click.argument("dataset", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=None, help="PNG path [default: DATASET/preview.png].")
@click.option("-n", "count", type=Count(minimum=1, maximum=200), default=12, show_default=True,
              help="Samples on the sheet.")
@click.option("--columns", type=Count(minimum=1, maximum=16), default=4, show_default=True)
def preview(dataset: Path, out: Path | None, count: int, columns: int) -> None:
    """Write a contact sheet of DATASET's samples with boxes and classes drawn."""
    from factory.preview import check_out, contact_sheet

    out = out or dataset / "preview.png"
    check_out(out)
    _open(dataset)  # the same checks as every reader (manifests, listed files present) before any drawing
    click.echo(f"preview: {contact_sheet(dataset, out, n=count, columns=columns)}")
