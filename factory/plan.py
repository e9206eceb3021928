"""Plan a big render before running it: render a small calibration sample of the plan (its first samples, in
one worker as the pipeline renders them) and project shards, bytes and wall-clock for the whole count.

The projection assumes what the pipeline does: one renderer per worker process, workers independent, so
samples/s grows with workers until the machine's cores (or the nodes) run out. Bytes are measured on the
shard files the calibration writes (tar and both Parquet tables), per sample.
"""

from __future__ import annotations

import dataclasses
import tempfile
import time
from pathlib import Path

from factory.config import RenderConfig
from factory.shards import ShardPaths, ShardWriter
from factory.worker import shard_name

WARMUP = 2  # samples rendered before the clock starts (page, fonts and caches warm up)


@dataclasses.dataclass(frozen=True)
class Plan:
    cfg: RenderConfig
    calibration_samples: int
    seconds_per_sample: float  # one worker, after warm-up
    bytes_per_sample: float  # tar + tables, on disk

    @property
    def total_bytes(self) -> float:
        return self.bytes_per_sample * self.cfg.count

    def wall_clock_s(self, workers: int) -> float:
        return self.cfg.count * self.seconds_per_sample / workers


def calibrate(cfg: RenderConfig, samples: int, renderer_version: str, open_renderer) -> Plan:
    """Render the plan's first `samples` samples (after WARMUP more) with one renderer from `open_renderer()`,
    into a temporary shard; time the rendering and weigh the shard."""
    n = WARMUP + samples
    small = dataclasses.replace(cfg, count=n, shard_size=n)  # sample i depends on (config, i), not on count
    from factory.sample import render_samples

    with tempfile.TemporaryDirectory(prefix="factory-plan-") as tmp, open_renderer() as renderer:
        writer = ShardWriter(ShardPaths(Path(tmp), shard_name(small, 0)))
        try:
            started = None
            for i, sample in enumerate(render_samples(small, range(n), renderer, renderer_version)):
                if i == WARMUP - 1:
                    started = time.perf_counter()
                writer.write(sample)
            seconds = time.perf_counter() - started
            record = writer.commit(small.shard_fingerprint(renderer_version), range(n))
        except BaseException:
            writer.abort()
            raise
    size = sum(f["bytes"] for f in record["files"].values())
    return Plan(cfg, samples, seconds / samples, size / n)


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB", "PB"):
        if n < 1000 or unit == "PB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1000
    raise AssertionError("unreachable")


def human_time(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"
