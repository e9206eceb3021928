"""Checkpoints that load without executing code.

DIR/checkpoints/
  step-000100.safetensors     model weights (safetensors; the resolved config in its metadata)
  step-000100.state.pt        optimizer, scheduler, step, RNG states, data position: plain tensors and
                              numbers, read back with torch.load(weights_only=True)
  last.json                   {"step": 100}: written last, atomically, so a kill mid-save leaves the
                              previous checkpoint in charge
DIR/encoder.safetensors       (pretraining) the ViT alone under timm's key names:
                              timm.create_model(name, checkpoint_path=..., img_size=(H, W), num_classes=0)
DIR/model.safetensors         (fine-tuning) the detector, for `factory evaluate` / `factory predict`
"""

from __future__ import annotations

import json
import os
import pickle
import random
from pathlib import Path

import numpy as np
import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, safe_open, save_file

from factory.core.errors import ConfigError

# What a training state file must hold (written by engine.save); anything else is not our checkpoint.
STATE_KEYS = ("step", "optimizer", "scheduler", "ranks", "faults", "config")
RESTART = "pass --no-resume to start over, or another --out"


def first_line(e: BaseException, limit: int = 160) -> str:
    """The first line of an exception's message (torch's and timm's run over many lines)."""
    return (str(e).strip().splitlines() or [""])[0][:limit]


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def save_weights(path: Path, state: dict[str, torch.Tensor], config_json: str, **meta: str) -> None:
    """safetensors file of `state` (contiguous CPU copies) with the config in its metadata; atomic."""
    path = Path(path)
    tensors = {k: v.detach().to("cpu").contiguous() for k, v in state.items()}
    tmp = path.with_name(path.name + ".tmp")
    save_file(tensors, str(tmp), metadata={"format": "pt", "config": config_json, **meta})
    os.replace(tmp, path)


def load_weights(path: Path, hint: str = "") -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    """(state dict, metadata) of a safetensors file; ConfigError naming the file (and `hint`, the fix) when it
    is missing, not a file, or not a complete safetensors file (text, random bytes, truncated)."""
    path, fix = Path(path), f"; {hint}" if hint else ""
    if not path.is_file():
        raise ConfigError(f"{path} is not a file{fix}")
    try:
        with safe_open(str(path), framework="pt") as f:
            meta = f.metadata() or {}
        return load_file(str(path)), meta
    except (SafetensorError, OSError) as e:
        raise ConfigError(f"{path} is not a readable safetensors file ({first_line(e)}){fix}") from None


def rng_state(generators: dict[str, torch.Generator]) -> dict:
    """Every RNG the run draws from, as tensors and plain numbers (weights_only-loadable)."""
    np_state = np.random.get_state()
    return {
        "torch": torch.get_rng_state(),
        "python": random.getstate(),
        "numpy": {"keys": torch.from_numpy(np_state[1].astype(np.int64)), "pos": int(np_state[2]),
                  "has_gauss": int(np_state[3]), "cached": float(np_state[4])},
        "generators": {k: g.get_state() for k, g in generators.items()},
        "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else [],
    }


def set_rng_state(state: dict, generators: dict[str, torch.Generator]) -> None:
    torch.set_rng_state(state["torch"])
    v, keys, *rest = state["python"]
    random.setstate((v, tuple(keys), *rest))
    n = state["numpy"]
    np.random.set_state(("MT19937", n["keys"].numpy().astype(np.uint32), n["pos"], n["has_gauss"], n["cached"]))
    for k, g in generators.items():
        g.set_state(state["generators"][k])
    if state["cuda"] and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


class Checkpointer:
    """Writes and finds step checkpoints under OUT/checkpoints; keeps the newest `keep`."""

    def __init__(self, out: Path, keep: int = 2):
        self.dir = Path(out) / "checkpoints"
        self.keep = keep

    def save(self, step: int, model_state: dict, config_json: str, state: dict) -> Path:
        self.dir.mkdir(parents=True, exist_ok=True)
        stem = self.dir / f"step-{step:06d}"
        save_weights(stem.with_suffix(".safetensors"), model_state, config_json, step=str(step))
        tmp = stem.with_name(stem.name + ".state.pt.tmp")
        torch.save({"step": step, **state}, tmp)
        os.replace(tmp, stem.with_name(stem.name + ".state.pt"))
        _atomic_write_bytes(self.dir / "last.json", json.dumps({"step": step}).encode())
        self._prune()
        return stem.with_suffix(".safetensors")

    def _prune(self) -> None:
        steps = sorted(int(p.stem[5:]) for p in self.dir.glob("step-*.safetensors"))
        for s in steps[:-self.keep]:
            for p in self.dir.glob(f"step-{s:06d}.*"):
                p.unlink()

    def exists(self) -> bool:
        return (self.dir / "last.json").exists()

    def last(self) -> int | None:
        """The step of the last complete checkpoint, or None; ConfigError if last.json is not ours."""
        p = self.dir / "last.json"
        if not p.exists():
            return None
        try:
            step = json.loads(p.read_text(encoding="utf-8"))["step"]
        except (ValueError, KeyError, TypeError) as e:  # (JSONDecodeError and UnicodeDecodeError are ValueErrors)
            raise ConfigError(f"{p} is unreadable ({type(e).__name__}: {first_line(e)}); {RESTART}") from None
        if not isinstance(step, int) or isinstance(step, bool) or step < 0:
            raise ConfigError(f"{p} names step {str(step)[:40]!r}, not a step number; {RESTART}")
        return step

    def load(self, step: int) -> tuple[dict[str, torch.Tensor], dict]:
        """(model state, training state) of `step`; the state loads with weights_only=True (no code runs).
        ConfigError naming the file when either is missing, unreadable or not written by this trainer."""
        stem = self.dir / f"step-{step:06d}"
        weights, _ = load_weights(stem.with_suffix(".safetensors"), RESTART)
        path = stem.with_name(stem.name + ".state.pt")
        try:
            state = torch.load(path, map_location="cpu", weights_only=True)
        except (RuntimeError, pickle.UnpicklingError, EOFError, OSError, ValueError, IndexError) as e:
            raise ConfigError(f"{path} is unreadable ({type(e).__name__}: {first_line(e)}); {RESTART}") from None
        if not isinstance(state, dict) or any(k not in state for k in STATE_KEYS):
            raise ConfigError(f"{path} is not a training state written by this trainer; {RESTART}")
        return weights, state

