"""The training loop shared by MAE pretraining and detection fine-tuning: micro-batches with gradient
accumulation, autocast (RunConfig.precision: bf16 where the device computes it, unless told), DDP gradient sync on the
last micro-batch only, clipping, the lr schedule, logging, and checkpoints that capture everything a resumed run
needs to continue with the same loss curve: weights, optimizer, scheduler, every RNG, and each rank's data position.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import torch
import torch.distributed as dist

from factory.core.errors import ConfigError
from trainer.checkpoint import RESTART, Checkpointer, first_line, rng_state, set_rng_state
from trainer.distributed import Dist, autocast, mean_across_ranks, resolve_precision
from trainer.faults import FaultTally
from trainer.runlog import RunLog

# Config keys that may change between a run and its resumption (they do not change the curve).
RESUMABLE_CHANGES = {"steps", "log_every", "ckpt_every", "keep_checkpoints", "workers", "threads", "recon_every"}


@dataclass
class Position:
    """Where this rank is: optimizer steps done, micro-batches consumed, raw samples read per loader worker."""

    step: int = 0
    batches: int = 0
    raw_seen: dict[int, int] = field(default_factory=dict)
    faults: FaultTally = field(default_factory=FaultTally)
    workers: int = 0  # loader workers the raw positions refer to


def start_or_resume(out: Path, cfg, resume: bool, d: Dist, model: torch.nn.Module, optimizer, scheduler,
                    generators: dict[str, torch.Generator], ema: torch.nn.Module | None = None
                    ) -> tuple[Checkpointer, Position]:
    """Load OUT's last checkpoint into model/optimizer/scheduler/RNGs (and the weights' EMA, a timm ModelEmaV3,
    when given) when resuming; otherwise start clean."""
    ckpt = Checkpointer(out, cfg.keep_checkpoints)
    last = ckpt.last() if resume else None  # (--no-resume never reads it: a damaged checkpoint can be replaced)
    if last is None:
        if ckpt.exists() and d.main:  # --no-resume: a clean start, not a mix of two runs' files
            shutil.rmtree(ckpt.dir)
            for name in ("metrics.csv", "tb", "recon"):
                p = Path(out) / name
                shutil.rmtree(p) if p.is_dir() else p.unlink(missing_ok=True)
        if d.world_size > 1:
            dist.barrier()
        return ckpt, Position()
    weights, state = ckpt.load(last)  # ConfigError naming the file if it is unreadable or not ours
    old = state["config"] if isinstance(state["config"], dict) else {}
    new = json.loads(cfg.to_json())
    # A key this checkpoint predates was at its default then (e.g. a setting added since): not a change.
    old = {**json.loads(type(cfg)().to_json()), **old} if old else old
    changed = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k) and k not in RESUMABLE_CHANGES)
    if changed:
        raise ConfigError(f"{out} holds a run with different settings ({', '.join(changed)}); resume with the same "
                          f"settings, use another --out, or pass --no-resume to start over")
    try:
        model.load_state_dict(weights)
        optimizer.load_state_dict(state["optimizer"])
        # The schedule object is saved with the checkpoint (its warm-up and total steps): a resume that changes
        # `steps` (a resumable change) must run to the new total, not the saved one; the peak lr does not change.
        wanted = [dict(f.__dict__) for f in scheduler.lr_lambdas]
        scheduler.load_state_dict(state["scheduler"])
        for f, attrs in zip(scheduler.lr_lambdas, wanted):
            f.__dict__.update(attrs)
        for group, base, f in zip(optimizer.param_groups, scheduler.base_lrs, scheduler.lr_lambdas):
            group["lr"] = base * f(scheduler.last_epoch)
        if ema is not None:
            ema.module.load_state_dict(state["ema"])
    except (RuntimeError, ValueError, KeyError, TypeError) as e:  # same config, other tensors: edited or damaged
        raise ConfigError(f"the checkpoint of step {last} in {ckpt.dir} does not fit this model ({first_line(e)}); "
                          f"{RESTART}") from None
    ranks = state["ranks"]
    pos = Position(step=state["step"], faults=FaultTally(state["faults"]))
    if len(ranks) == d.world_size:
        mine = ranks[d.rank]
        set_rng_state(mine["rng"], generators)
        pos.batches, pos.workers = mine["batches"], mine["workers"]
        pos.raw_seen = {int(k): v for k, v in mine["raw_seen"].items()}
    else:
        warnings.warn(f"checkpoint was written by {len(ranks)} ranks, this run has {d.world_size}: weights and "
                      f"optimizer resume, data streams restart (the loss curve will differ)")
        pos.batches = state["step"] * cfg.accum
    return ckpt, pos


def loader_position(pos: Position, workers: int) -> list[int] | None:
    """Raw samples each loader worker already consumed (for TrainStream's skip), or None for a fresh stream.
    Positions are per worker, so a different worker count restarts the streams (with a warning)."""
    workers = max(1, workers)
    if pos.raw_seen and pos.workers != workers:
        warnings.warn(f"resuming with {workers} loader workers instead of {pos.workers}: data streams restart")
        pos.raw_seen = {}
    pos.workers = workers
    return [pos.raw_seen.get(w, 0) for w in range(workers)] if pos.raw_seen else None


def save(ckpt: Checkpointer, cfg, d: Dist, model: torch.nn.Module, optimizer, scheduler, pos: Position,
         generators: dict[str, torch.Generator], ema: torch.nn.Module | None = None) -> None:
    """Gather every rank's RNG and data position, then rank 0 writes the checkpoint (with the weights' EMA, a
    timm ModelEmaV3, when given: plain tensors in the state file)."""
    mine = {"rng": rng_state(generators), "batches": pos.batches, "workers": pos.workers,
            "raw_seen": {str(k): v for k, v in pos.raw_seen.items()}}
    ranks = [mine]
    if d.world_size > 1:
        ranks = [None] * d.world_size
        dist.all_gather_object(ranks, mine)
    if d.main:
        state = {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict(), "ranks": ranks,
                 "faults": pos.faults.counts, "config": json.loads(cfg.to_json())}
        if ema is not None:
            state["ema"] = {k: v.detach().cpu() for k, v in ema.module.state_dict().items()}
        ckpt.save(pos.step, model.state_dict(), cfg.to_json(), state)
    if d.world_size > 1:
        dist.barrier()


def train(cfg, d: Dist, model: torch.nn.Module, ddp_model: torch.nn.Module, batches, optimizer, scheduler,
          loss_fn: Callable[[torch.nn.Module, dict], dict[str, torch.Tensor]], pos: Position, log: RunLog,
          checkpoint: Callable[[Position], None], on_step: Callable[[int], None] | None = None,
          stop_after: int | None = None) -> Position:
    """Run optimizer steps pos.step+1 .. cfg.steps (or stop after `stop_after`, checkpointing first).

    `batches` is an iterator over the loader, started before any logging thread exists: DataLoader workers
    are forked, and a fork taken while TensorBoard's or rich's thread holds a lock deadlocks the worker."""
    model.train()
    precision = resolve_precision(d.device, cfg.precision)  # once per run, not per micro-batch
    interval: dict[str, float] = {}  # summed losses since the last written row
    t0, images, nsteps = time.perf_counter(), 0, 0
    while pos.step < cfg.steps:
        step_losses: dict[str, float] = {}
        for micro in range(cfg.accum):
            batch = next(batches)
            pos.faults.update(batch)
            pos.raw_seen[batch["worker"]] = batch["raw_seen"]
            pos.batches += 1
            # DDP all-reduces gradients on every backward unless told not to: only the last micro-batch syncs.
            sync = micro == cfg.accum - 1 or d.world_size == 1
            with (contextlib.nullcontext() if sync else ddp_model.no_sync()):
                with autocast(d.device, precision):
                    losses = loss_fn(ddp_model, batch)
                (losses["loss"] / cfg.accum).backward()
            for k, v in losses.items():
                step_losses[k] = step_losses.get(k, 0.0) + v.item() / cfg.accum
            images += len(batch["key"])
        if cfg.clip_grad > 0:
            step_losses["grad_norm"] = float(torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.clip_grad))
        lr = optimizer.param_groups[0]["lr"]
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        scheduler.step()
        pos.step += 1
        nsteps += 1
        for k, v in step_losses.items():
            interval[k] = interval.get(k, 0.0) + v
        write = pos.step % cfg.log_every == 0 or pos.step == cfg.steps or pos.step == stop_after
        if write:  # every rank reaches this on the same steps: the all-reduce inside is safe
            metrics = mean_across_ranks({**step_losses, **{f"{k}_avg": v / nsteps for k, v in interval.items()}}, d)
            dt = time.perf_counter() - t0
            metrics.update(lr=lr, img_s=images * d.world_size / dt if dt > 0 else 0.0,
                           faults=float(sum(pos.faults.counts.values())))
            log.step(pos.step, metrics, write=True)
            interval, t0, images, nsteps = {}, time.perf_counter(), 0, 0
        else:
            log.step(pos.step, {"loss": step_losses["loss"], "lr": lr}, write=False)
        if on_step:
            on_step(pos.step)
        if pos.step % cfg.ckpt_every == 0 or pos.step == cfg.steps or pos.step == stop_after:
            checkpoint(pos)
        if stop_after is not None and pos.step >= stop_after:
            break
    return pos
