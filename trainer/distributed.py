"""Where a run executes: rank, world size and device, from `torchrun`'s environment (or a single process).

CUDA when present (NCCL, bf16 autocast), CPU otherwise (gloo, fp32: bf16 on a CPU without bf16
instructions is 20-65x slower). torchrun sets OMP_NUM_THREADS=1, which would starve CPU training, so the
thread count is set explicitly: the machine's cores shared among the local ranks.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass

import torch
import torch.distributed as dist

from trainer.config import PRECISIONS


@dataclass(frozen=True)
class Dist:
    rank: int
    world_size: int
    local_rank: int
    local_world_size: int
    device: torch.device

    @property
    def main(self) -> bool:
        return self.rank == 0


def setup(threads: int = 0) -> Dist:
    """Initialise the process group when launched by torchrun (WORLD_SIZE > 1) and pick the device."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    local_world = int(os.environ.get("LOCAL_WORLD_SIZE", str(world)))
    if torch.cuda.is_available():
        device = torch.device("cuda", local_rank % torch.cuda.device_count())
        torch.cuda.set_device(device)
    else:
        device = torch.device("cpu")
    if world > 1 and not dist.is_initialized():
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
    torch.set_num_threads(threads or max(1, (os.cpu_count() or 1) // max(1, local_world)))
    return Dist(rank, world, local_rank, local_world, device)


def teardown() -> None:
    if dist.is_initialized():
        dist.destroy_process_group()


def autocast(device: torch.device, precision: str = "auto"):
    """The autocast of a precision on `device`: bf16, fp32 (none), or auto as resolve_precision resolves it. Training
    and inference run under it."""
    if resolve_precision(device, precision) == "bf16":
        return torch.autocast(device.type, dtype=torch.bfloat16)
    return contextlib.nullcontext()


def bf16_native(device: torch.device) -> bool:
    """Whether `device` computes bf16 in hardware: a CUDA GPU that supports it (Ampere on), or a CPU with AVX512-BF16
    or AMX instructions (where it does not, oneDNN emulates bf16 and a forward is slower than in fp32)."""
    if device.type == "cuda":
        return torch.cuda.is_bf16_supported()
    cpu = torch.cpu
    return any(getattr(cpu, f, lambda: False)() for f in ("_is_avx512_bf16_supported", "_is_amx_tile_supported"))


def resolve_precision(device: torch.device, precision: str = "auto") -> str:
    """The precision a run computes in on `device`: "fp32" or "bf16". `auto` is bf16 where the device computes it in
    hardware (bf16_native), fp32 elsewhere. On this project's CPU (AVX512-BF16) bf16 makes the detector's forward ~1.5x
    faster with the same detections (benchmarks/README "factory predict latency") and a training step ~1.2-1.3x
    faster with the same learning per step (benchmarks/README "bf16 training on the CPU", a paired run)."""
    if precision not in PRECISIONS:
        raise ValueError(f"precision {precision!r}: give one of {', '.join(PRECISIONS)}")
    if precision == "auto":
        return "bf16" if bf16_native(device) else "fp32"
    return precision


def mean_across_ranks(values: dict[str, float], d: Dist) -> dict[str, float]:
    """Average scalar metrics over ranks (for logging only)."""
    if d.world_size == 1 or not values:
        return values
    t = torch.tensor(list(values.values()), dtype=torch.float64, device=d.device)
    dist.all_reduce(t)
    return dict(zip(values, (t / d.world_size).tolist()))


def barrier(d: Dist) -> None:
    if d.world_size > 1:
        dist.barrier()
