"""The `factory` command line. Heavy libraries load inside commands, so `factory --help` stays instant."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from factory.cli_types import Count, FactoryGroup, Number, fail
from factory.errors import ConfigError


def _fail(message: str, code: int = 2) -> None:
    fail(message, code)


@click.group(cls=FactoryGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gui-factory")
def main() -> None:
    """GUI Factory: render annotated GUI screenshots into WebDataset + Parquet datasets."""


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
def list_cmd(as_json: bool) -> None:
    """List renderers, their styles, and the grammars each can draw."""
    from factory.grammars import GRAMMARS
    from renderers import RENDERERS

    data = {"renderers": {}, "grammars": {}}
    for name in RENDERERS.names():
        spec = RENDERERS.get(name)
        data["renderers"][name] = {
            "description": spec.description, "default_style": spec.default_style,
            "styles": {s: spec.styles.get(s).description for s in spec.styles.names()},
            "grammars": [g for g in GRAMMARS.names() if name in GRAMMARS.get(g).renderers],
        }
    for g in GRAMMARS.names():
        grammar = GRAMMARS.get(g)
        data["grammars"][g] = {"description": grammar.description, "renderers": list(grammar.renderers)}
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Renderers and styles")
    for col in ("renderer", "style", "description"):
        table.add_column(col)
    for r, info in data["renderers"].items():
        for s, desc in info["styles"].items():
            table.add_row(r, s + (" (default)" if s == info["default_style"] else ""), desc)
    grammars = Table(title="Grammars")
    for col in ("grammar", "renderers", "description"):
        grammars.add_column(col)
    for g, info in data["grammars"].items():
        grammars.add_row(g, ", ".join(info["renderers"]), info["description"])
    console = Console()
    console.print(table)
    console.print(grammars)


@main.command()
@click.option("--renderer", default="web", show_default=True, help="Renderer name (see `factory list`).")
@click.option("--style", default=None, help="Style name; defaults to the renderer's default style.")
@click.option("--grammar", "grammars", multiple=True, help="Restrict to these grammars (repeatable).")
@click.option("--locale", "locales", multiple=True, help="Restrict to these locales (repeatable).")
@click.option("--count", type=Count(), required=True, help="Number of samples; 1e6 works.")
@click.option("--seed", type=Count(), default=0, show_default=True, help="Base seed.")
@click.option("--workers", type=int, default=None, help="Worker processes [default: all cores].")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Dataset directory.")
@click.option("--shard-size", type=Count(), default=1000, show_default=True, help="Samples per shard.")
@click.option("--image-format", type=click.Choice(["png", "webp"]), default="png", show_default=True)
@click.option("--resume/--no-resume", default=True, show_default=True,
              help="Keep finished shards of an earlier run with the same parameters.")
@click.option("--timeout", "timeout_s", type=float, default=30.0, show_default=True,
              help="Seconds allowed for each renderer call.")
@click.option("--hang-timeout", "hang_s", type=float, default=300.0, show_default=True,
              help="A worker silent this many seconds is killed and its shard rendered again.")
@click.option("--scratch", type=click.Path(path_type=Path), default=None,
              help="Render (resumably) here and move the finished dataset to OUT: for tools such as DVC that "
                   "delete OUT before a stage runs.")
@click.option("--run-record", type=click.Path(path_type=Path), default=None,
              help="Where to write the wall-clock run record [default: OUT.run.json beside OUT].")
def render(renderer, style, grammars, locales, count, seed, workers, out, shard_size, image_format, resume,
           timeout_s, hang_s, scratch, run_record) -> None:
    """Render COUNT samples into OUT as WebDataset shards plus Parquet tables, resumably."""
    import os

    from factory.config import RenderConfig
    from factory.pipeline import JobOptions, RenderFailed, prepare_out, run
    from factory.progress import render_progress, print_summary
    from renderers import RENDERERS

    try:
        spec = RENDERERS.get(renderer) if renderer in RENDERERS else None
        cfg = RenderConfig(renderer=renderer, style=style or (spec.default_style if spec else ""), count=count,
                           seed=seed, shard_size=shard_size, image_format=image_format, grammars=tuple(grammars),
                           locales=tuple(locales)).validate()
        if workers is not None and workers < 1:
            raise ConfigError(f"--workers must be >= 1, got {workers}")
        version = RENDERERS.get(renderer).version()
        work = scratch or out
        prepare_out(work)
    except ConfigError as e:
        _fail(str(e))
    except RuntimeError as e:  # renderer missing (browser, Qt libraries...)
        _fail(str(e), code=3)
    opts = JobOptions(workers=workers or os.cpu_count() or 1, resume=resume, timeout_s=timeout_s, hang_s=hang_s)
    try:
        with render_progress(cfg.count) as update:
            result = run(cfg, work, opts, version, on_progress=update)
    except RenderFailed as e:
        _fail(f"render failed: {e}\nFinished shards are kept; rerun the same command to resume.", code=1)
    from factory.preview import contact_sheet

    contact_sheet(work, work / "preview.png")
    if scratch:
        from factory.pipeline import move_dataset

        move_dataset(scratch, out)
        result.out = out
    preview = out / "preview.png"
    record = {
        "finished_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "out": str(out),
        "workers": opts.workers, "seconds": round(result.seconds, 3), "samples_rendered": result.samples_rendered,
        "samples_per_s": round(result.samples_rendered / result.seconds, 3) if result.seconds else None,
        "rendered_shards": result.rendered_shards, "reused_shards": result.reused_shards,
        "worker_restarts": result.worker_restarts, "renderer_retries": result.renderer_retries,
        "renderer_version": version,
    }
    run_record = run_record or out.with_name(out.name + ".run.json")
    run_record.parent.mkdir(parents=True, exist_ok=True)
    run_record.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print_summary(result, preview, run_record)


@main.command()
@click.argument("dataset", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--out", type=click.Path(path_type=Path), default=None, help="PNG path [default: DATASET/preview.png].")
@click.option("-n", "count", type=Count(), default=12, show_default=True, help="Samples on the sheet.")
@click.option("--columns", type=Count(), default=4, show_default=True)
def preview(dataset: Path, out: Path | None, count: int, columns: int) -> None:
    """Write a contact sheet of DATASET's samples with boxes and classes drawn."""
    from factory.preview import contact_sheet

    try:
        path = contact_sheet(dataset, out or dataset / "preview.png", n=count, columns=max(1, columns))
    except FileNotFoundError as e:
        _fail(str(e))
    click.echo(f"preview: {path}")


from factory import cli_data  # noqa: E402,F401 - registers merge, stats, query, verify, export, report
from factory import cli_train  # noqa: E402,F401 - registers pretrain, finetune, evaluate, predict

if __name__ == "__main__":
    main()
