"""The detector the project ships: models/DEFAULT_MODEL, used by `factory predict` when no --checkpoint is given.

`python -m trainer.ship RUN_OR_MODEL models/NAME` copies a fine-tuned detector there with its floating-point
weights stored in half precision (half the bytes in git; `load` casts them back to float32, and the
shipped model's scores are compared with the original's by tests/test_ship.py) and the metadata unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

from safetensors.torch import save

from factory.core.errors import ConfigError
from factory.core.files import write_atomic

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL = ROOT / "models" / "gui-detector" / "model.safetensors"


def default_checkpoint() -> Path:
    """The shipped detector; ConfigError saying how to get one when this checkout has none."""
    if not DEFAULT_MODEL.is_file():
        raise ConfigError(f"no --checkpoint given and the shipped detector {DEFAULT_MODEL} is missing; give "
                          f"--checkpoint with a model.safetensors of `factory finetune` (or restore models/ "
                          f"from git)")
    return DEFAULT_MODEL


def ship(src: Path, dst: Path) -> Path:
    """Write the detector `src` (a model.safetensors of `factory finetune`, or its --out) to `dst`, float weights
    in float16. Refuses to replace an existing file: a shipped model is replaced by a deliberate `git rm`."""
    from trainer.checkpoint import load_weights
    from trainer.finetune import _model_file, load

    src, dst = _model_file(src), Path(dst)
    load(src)  # refuses anything that is not a detector written by `factory finetune`
    if dst.exists():
        raise ConfigError(f"{dst} exists; remove it first (git rm) if it is to be replaced")
    weights, meta = load_weights(src)
    half = {k: v.half() if v.is_floating_point() else v for k, v in weights.items()}
    dst.parent.mkdir(parents=True, exist_ok=True)
    data = save({k: v.contiguous() for k, v in half.items()}, metadata={**meta, "stored_as": "float16"})
    return write_atomic(dst, data)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m trainer.ship RUN_OR_MODEL models/NAME/model.safetensors")
    print(ship(Path(sys.argv[1]), Path(sys.argv[2])))
