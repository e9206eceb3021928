"""The `factory` command line. Heavy libraries load inside commands, so `factory --help` stays instant."""

from __future__ import annotations

import errno
import json
import time
from pathlib import Path

import click

from factory.cli_types import Count, FactoryGroup, fail, Number, os_message
from factory.core.errors import ConfigError
from factory.core.schema import RENDER_IMAGE_FORMATS
from factory.ownership import check_apart, check_output_dir, check_writable, prepare_dir, replace_dataset
from factory.config import (DEFAULT_BALANCE_CANDIDATES, MAX_BALANCE, MAX_BALANCE_CANDIDATES, MAX_COUNT,
                            MAX_EPISODE_STEPS, MAX_SEED, MAX_SHARD_SIZE, MAX_WORKERS)

MAX_TIMEOUT_S = 7 * 86_400.0  # a renderer call or a silent worker: a week is already no limit at all


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


def encoding_options(f):
    """--image-format, --quality and --jpeg-chroma: how samples are encoded (render and plan share them)."""
    f = click.option("--jpeg-chroma", type=click.Choice(["4:4:4", "4:2:0"]), default=None,
                     help="jpg colour resolution: 4:4:4 full, 4:2:0 half each way (smaller files) "
                          "[default: 4:4:4].")(f)
    f = click.option("--quality", type=Count(minimum=1, maximum=100), default=None,
                     help="Lossy encoding quality 1-100 for webp or jpg [default: lossless webp; jpg 90].")(f)
    # "jpeg" is taken for "jpg" (the file extension, and the name the manifest records).
    return click.option("--image-format", type=click.Choice([*RENDER_IMAGE_FORMATS, "jpeg"]), default="png",
                        show_default=True, callback=lambda ctx, param, v: "jpg" if v == "jpeg" else v,
                        help="png (lossless, the renderer's bytes), webp (lossless, or lossy with --quality) "
                             "or jpg (or jpeg).")(f)


@main.command()
@click.option("--renderer", default="web", show_default=True, help="Renderer name (see `factory list`).")
@click.option("--style", default=None, help="Style name; defaults to the renderer's default style.")
@click.option("--grammar", "grammars", multiple=True, help="Restrict to these grammars (repeatable).")
@click.option("--locale", "locales", multiple=True, help="Restrict to these locales (repeatable).")
@click.option("--count", type=Count(minimum=1, maximum=MAX_COUNT), required=True,
              help="Number of samples; 1e6 works (at most 1e9: keys have 9 digits).")
@click.option("--seed", type=Count(maximum=MAX_SEED), default=0, show_default=True, help="Base seed.")
@click.option("--seed-stream", default="", metavar="NAME",
              help="A name mixed into every sample's seed (e.g. the part's name): parts with different names draw "
                   "different layouts from one --seed; without it every style at one seed draws the same layouts.")
@click.option("--workers", type=Count(minimum=1, maximum=MAX_WORKERS), default=None,
              help="Worker processes [default: all cores].")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="Dataset directory: new, empty, or a dataset the factory wrote.")
@click.option("--shard-size", type=Count(minimum=1, maximum=MAX_SHARD_SIZE), default=1000, show_default=True,
              help="Samples per shard.")
@encoding_options
@click.option("--balance", type=Count(maximum=MAX_BALANCE), default=0, show_default=True,
              help="Class floor: steer the screens drawn so every class reaches N instances per 1,000 screens "
                   "(several candidate layouts per sample, one kept; see the manifest's `balance`). 0: off.")
@click.option("--balance-candidates", type=Count(minimum=2, maximum=MAX_BALANCE_CANDIDATES),
              default=DEFAULT_BALANCE_CANDIDATES, show_default=True,
              help="Candidate layouts drawn per sample when balancing: more reach rarer floors, at more cost.")
@click.option("--keep-source", is_flag=True,
              help="Samples also carry the code that drew them: web the page's HTML (<key>.html; CSS inline, "
                   "a kit-* style's linked), desktop the widget tree as a Qt Designer file (<key>.ui). Game "
                   "screens have no source: ignored, with a note in the manifest. `factory export --format "
                   "code-pairs` writes the pairs.")
@click.option("--episodes", type=Count(minimum=1, maximum=MAX_EPISODE_STEPS), default=None, metavar="N",
              help="Episodes for GUI agents: up to N actions per layout, each step one sample (the screen before, "
                   "<key>.action.json, <key>.after.<image-format>, <key>.after.json); --count and --shard-size "
                   "then count layouts. `factory export --format actions` writes instruction -> action JSONL.")
@click.option("--resume/--no-resume", default=True, show_default=True,
              help="Keep finished shards of an earlier run with the same parameters.")
@click.option("--timeout", "timeout_s", type=Number(minimum=0, maximum=MAX_TIMEOUT_S, low_open=True), default=30.0,
              show_default=True, help="Seconds allowed for each renderer call.")
@click.option("--hang-timeout", "hang_s", type=Number(minimum=0, maximum=MAX_TIMEOUT_S, low_open=True),
              default=300.0, show_default=True,
              help="A worker silent this many seconds is killed and its shard rendered again.")
@click.option("--scratch", type=click.Path(path_type=Path), default=None,
              help="Render (resumably) here and move the finished dataset to OUT: for tools such as DVC that "
                   "delete OUT before a stage runs.")
@click.option("--run-record", type=click.Path(path_type=Path), default=None,
              help="Where to write the wall-clock run record [default: OUT.run.json beside OUT].")
@click.option("--executor", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where workers run: local processes, or Ray actors (a local Ray instance, or --address).")
@click.option("--address", default=None, help="Ray cluster address (with --executor ray), e.g. 10.0.0.5:6379.")
@click.option("--shards", "shard_spec", default=None, metavar="A:B",
              help="Render only shards A..B-1 of the plan into OUT, a slice (one task of a job array); "
                   "`factory merge SLICE...` joins the slices into the dataset.")
def render(renderer, style, grammars, locales, count, seed, seed_stream, workers, out, shard_size, image_format,
           quality, jpeg_chroma, balance, balance_candidates, keep_source, episodes, resume, timeout_s, hang_s, scratch,
           run_record, executor, address, shard_spec) -> None:
    """Render COUNT samples into OUT as WebDataset shards plus Parquet tables, resumably.

    OUT must be new, empty, or a dataset the factory wrote (nothing else is ever deleted); one render at a
    time writes it (a lock file inside it)."""
    import os
    from contextlib import ExitStack

    from factory.config import RenderConfig
    from factory.manifest import check_run_record, default_run_record
    from factory.config import JobOptions
    from factory.writer_lock import WriterLock
    from renderers import RENDERERS

    # Everything is checked before anything is created: bad input leaves nothing behind.
    spec = RENDERERS.get(renderer) if renderer in RENDERERS else None
    cfg = RenderConfig(renderer=renderer, style=style or (spec.default_style if spec else ""), count=count,
                       seed=seed, seed_stream=seed_stream, shard_size=shard_size, image_format=image_format,
                       quality=quality or 0, jpeg_chroma=jpeg_chroma or "", grammars=tuple(grammars),
                       locales=tuple(locales), balance=balance,
                       balance_candidates=balance_candidates, keep_source=keep_source,
                       episodes=episodes or 0).validate()
    if keep_source and spec is not None and spec.source_member is None:
        click.echo(f"note: --keep-source: {spec.source_note}", err=True)
    if shard_spec is not None:
        from factory.slices import parse

        shards = parse(shard_spec, cfg.n_shards)
    else:
        shards = None
    dirs = [(out, "--out")] + ([(scratch, "--scratch")] if scratch else [])
    for d, flag in dirs:
        check_output_dir(d, flag)
        check_writable(d, flag)
    if scratch:
        check_apart(scratch, out)
    run_record = run_record or default_run_record(out)
    check_run_record(run_record, *(d for d, _ in dirs))
    check_writable(run_record.parent, "--run-record", shown_as=run_record)
    try:
        version = RENDERERS.get(renderer).version()
    except RuntimeError as e:  # renderer missing (browser, Qt libraries...)
        fail(str(e), code=3)
    if address and executor != "ray":
        raise ConfigError("--address is the Ray cluster's: give --executor ray with it, or leave it out")
    if executor == "ray":
        from factory.ray_executor import require_ray, check_address

        require_ray()  # the extra is installed and the cluster reachable: said before anything is created
        if address:
            check_address(address)
    opts = JobOptions(workers=workers or os.cpu_count() or 1, resume=resume, timeout_s=timeout_s, hang_s=hang_s,
                      executor=executor, address=address)
    if cfg.balance:  # calibrated here (cheap layouts, seconds), so an unreachable floor is said before rendering
        from factory.sample import steering

        for line in steering(cfg).notes(f"{cfg.renderer}/{cfg.style}"):
            click.echo(line, err=True)
    with ExitStack() as held:
        locks = []
        for d, flag in dirs:  # always --out first, so two renders never wait on each other in opposite order
            prepare_dir(d, flag)
            locks.append(held.enter_context(WriterLock(d, flag)))
        work = scratch or out
        result = _render(cfg, work, opts, version, shards)
        locks[-1].clear()  # the finished dataset's lock file is empty: its bytes do not say who wrote it
        if scratch:
            replace_dataset(scratch, out)
            result.out = out
        _write_run_record(run_record, result, out, opts, version)
    from factory.progress import print_summary

    print_summary(result, None if "slice" in result.manifest else out / "preview.png", run_record)


@main.command()
@click.option("--renderer", default="web", show_default=True, help="Renderer name (see `factory list`).")
@click.option("--style", default=None, help="Style name; defaults to the renderer's default style.")
@click.option("--grammar", "grammars", multiple=True, help="Restrict to these grammars (repeatable).")
@click.option("--locale", "locales", multiple=True, help="Restrict to these locales (repeatable).")
@click.option("--count", type=Count(minimum=1, maximum=MAX_COUNT), required=True, help="Samples to plan, e.g. 1e6.")
@click.option("--seed", type=Count(maximum=MAX_SEED), default=0, show_default=True, help="Base seed.")
@click.option("--shard-size", type=Count(minimum=1, maximum=MAX_SHARD_SIZE), default=1000, show_default=True)
@encoding_options
@click.option("--calibration", type=Count(minimum=1, maximum=1000), default=64, show_default=True,
              help="Samples rendered to measure time and bytes (after 2 warm-up samples); bytes per sample vary a "
                   "lot from screen to screen, so fewer than ~64 over-read or under-read them.")
@click.option("--workers", "worker_counts", type=Count(minimum=1, maximum=10**6), multiple=True,
              help="Worker processes to project for (repeatable) [default: this machine's cores, 16, 64, 256].")
def plan(renderer, style, grammars, locales, count, seed, shard_size, image_format, quality, jpeg_chroma, calibration,
         worker_counts) -> None:
    """Project a render before running it: shards, bytes per sample and on disk, samples/s per worker and
    wall-clock on N workers, measured on a small calibration render of the plan's first samples."""
    import os

    from rich.console import Console
    from rich.table import Table

    from factory.config import RenderConfig
    from factory.plan import calibrate, human_bytes, human_time
    from renderers import RENDERERS

    spec = RENDERERS.get(renderer) if renderer in RENDERERS else None
    cfg = RenderConfig(renderer=renderer, style=style or (spec.default_style if spec else ""), count=count,
                       seed=seed, shard_size=shard_size, image_format=image_format, quality=quality or 0,
                       jpeg_chroma=jpeg_chroma or "", grammars=tuple(grammars), locales=tuple(locales)).validate()
    try:
        version = RENDERERS.get(renderer).version()
    except RuntimeError as e:  # renderer missing (browser, Qt libraries...)
        fail(str(e), code=3)
    p = calibrate(cfg, calibration, version, RENDERERS.get(renderer).open)
    console = Console()
    head = Table.grid(padding=(0, 2))
    enc = cfg.encoding
    fmt = f"{enc['format']} " + ("lossless" if enc["lossless"] else f"q{enc['quality']}") + \
        (f" {enc['chroma']}" if "chroma" in enc else "")
    head.add_row("plan", f"{cfg.count:,} {renderer}/{cfg.style} samples, {fmt}, in {cfg.n_shards:,} "
                         f"shards of {cfg.shard_size:,}")
    head.add_row("bytes", f"{human_bytes(p.bytes_per_sample)} per sample (tar + tables) -> "
                          f"{human_bytes(p.total_bytes)} in all")
    head.add_row("speed", f"{p.seconds_per_sample * 1000:,.0f} ms per sample in one worker = "
                          f"{1 / p.seconds_per_sample:,.2f} samples/s per worker (measured on {p.calibration_samples} "
                          f"samples here)")
    console.print(head)
    table = Table(title="projected wall-clock (workers independent, one core each)")
    for col in ("workers", "samples/s", "wall-clock"):
        table.add_column(col, justify="right")
    for n in worker_counts or sorted({os.cpu_count() or 1, 16, 64, 256}):
        table.add_row(f"{n:,}", f"{n / p.seconds_per_sample:,.1f}", human_time(p.wall_clock_s(n)))
    console.print(table)


def _render(cfg, work: Path, opts, version: str, shards: range | None = None):
    """Run the job and write the preview; a failure is one message (exit 1) and finished shards stay."""
    from factory.pipeline import RenderFailed, run
    from factory.progress import render_progress

    try:
        with render_progress(cfg.count) as update:
            result = run(cfg, work, opts, version, on_progress=update, shards=shards)
        if "slice" not in result.manifest:  # a slice is not a dataset yet: its preview comes with the merge
            from factory.preview import contact_sheet

            contact_sheet(work, work / "preview.png")  # written atomically (factory.outputs.write_atomic)
    except RenderFailed as e:
        fail(f"render failed: {e}\nFinished shards are kept; rerun the same command to resume.", code=1)
    except OSError as e:
        name = errno.errorcode.get(e.errno or 0, "")
        fail(f"render stopped: {os_message(e)}{f' [{name}]' if name else ''}; finished shards are kept: rerun "
             f"the same command to resume.", code=1)
    return result


def _write_run_record(path: Path, result, out: Path, opts, version: str) -> None:
    from factory.manifest import write_run_record

    record = {
        "finished_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "out": str(out),
        "workers": opts.workers, "seconds": round(result.seconds, 3), "samples_rendered": result.samples_rendered,
        "samples_per_s": round(result.samples_rendered / result.seconds, 3) if result.seconds else None,
        "rendered_shards": result.rendered_shards, "reused_shards": result.reused_shards,
        "worker_restarts": result.worker_restarts, "renderer_retries": result.renderer_retries,
        "renderer_version": version,
    }
    try:
        write_run_record(path, record)
    except OSError as e:
        fail(f"the dataset {out} is complete, but its run record could not be written: {os_message(e)}", code=1)


from factory import cli_data  # noqa: E402,F401 - registers merge, stats, query, verify, export, report
from factory import cli_train  # noqa: E402,F401 - registers pretrain, finetune, evaluate, predict
from factory import cli_realset  # noqa: E402,F401 - registers realset (the real-world development set)

if __name__ == "__main__":
    main()
