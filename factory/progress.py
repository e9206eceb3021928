"""Progress of a render (a rich bar on a terminal; elsewhere, a cluster job's log say, one plain line every
30 s) and the one-screen summary printed after it."""

from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from rich.console import Console
from rich.panel import Panel
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

console = Console(stderr=True)
PLAIN_EVERY_S = 30.0  # seconds between progress lines when stderr is not a terminal


class RateColumn(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("-- samples/s" if speed is None else f"{speed:,.2f} samples/s", style="cyan")


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "--:--:--"
    s = int(seconds)
    return f"{s // 3600:d}:{s // 60 % 60:02d}:{s % 60:02d}"


def plain_progress(every_s: float = PLAIN_EVERY_S, clock: Callable[[], float] = time.monotonic,
                   label: str = "rendering"):
    """update(done, total) printing `<label>: done/total (%), rate, elapsed, ETA` at most every `every_s`
    seconds, and always when done reaches total. Samples done at the first call (kept from an earlier run)
    do not count in the rate."""
    state: dict = {}

    def update(done: int, total: int) -> None:
        now = clock()
        if not state:
            state.update(start=now, base=done, last=now)
            return
        if done < total and now - state["last"] < every_s:
            return
        state["last"] = now
        elapsed = now - state["start"]
        rate = (done - state["base"]) / elapsed if elapsed > 0 else 0.0
        eta = (total - done) / rate if rate > 0 else None
        console.print(f"{label}: {done:,}/{total:,} ({100 * done / max(1, total):.1f}%)  {rate:,.2f} samples/s  "
                      f"elapsed {_clock(elapsed)}  ETA {_clock(eta)}", highlight=False, soft_wrap=True)

    return update


@contextmanager
def render_progress(total: int, label: str = "rendering"):
    """Yields update(done, total): a bar with count, rate and ETA on a terminal, plain lines otherwise; `label`
    names the work (rendering, measuring...)."""
    if not console.is_terminal:
        yield plain_progress(label=label)
        return
    with Progress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                  TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=console,
                  transient=False) as progress:
        task = progress.add_task("render", total=total)
        first = {"seen": False}

        def update(done: int, total_: int) -> None:
            if not first["seen"]:
                # Samples reused from an earlier run are not counted in the rate.
                progress.reset(task, total=total_, completed=done)
                first["seen"] = True
            else:
                progress.update(task, completed=done)

        yield update


def print_summary(result, preview: Path | None, run_record: Path) -> None:
    """`preview` None: the output is a slice of a plan (factory.slices), not yet a dataset."""
    m = result.manifest
    counts = m["counts"]
    rate = result.samples_rendered / result.seconds if result.seconds else 0
    table = Table.grid(padding=(0, 2))
    table.add_row("slice" if preview is None else "dataset", str(result.out))
    where = f"shards {m['slice'][0]}:{m['slice'][1]} of the plan; " if "slice" in m else ""
    table.add_row("samples", f"{counts['samples']:,} in {counts['shards']} shards ({where}{result.rendered_shards} "
                             f"rendered, {result.reused_shards} kept from an earlier run)")
    if "episodes" in counts:  # --episodes: the samples are steps
        ep = counts["episodes"]
        table.add_row("episodes", f"{ep['layouts']:,} layouts, {ep['steps']:,} steps; {ep['stopped_early']:,} ended "
                                  f"early ({ep['stopped_no_action']:,} with no possible action, "
                                  f"{ep['stopped_after_empty']:,} with an after-screen that kept no element)")
    per_screen = counts["elements"] / max(1, counts["samples"])
    table.add_row("elements", f"{counts['elements']:,} ({per_screen:.1f} per screen)")
    table.add_row("throughput", f"{rate:,.2f} samples/s over {result.seconds:,.1f} s")
    classes = sorted(counts["classes"].items(), key=lambda kv: -kv[1])
    table.add_row("classes", ", ".join(f"{k} {v:,}" for k, v in classes[:12]) + (" …" if len(classes) > 12 else ""))
    drops = counts["drops"]
    table.add_row("drops", ", ".join(f"{k} {v:,}" for k, v in drops.items()) or "none")
    table.add_row("retries", f"{result.renderer_retries} renderer relaunches, {result.worker_restarts} worker restarts")
    table.add_row("preview", str(preview) if preview else "none yet: `factory merge` the slices into the dataset")
    table.add_row("run record", str(run_record))
    console.print(Panel(table, title="factory render: done", border_style="green"))
