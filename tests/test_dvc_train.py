"""The trainer stages of the project's dvc.yaml, resolved from its params.yaml as DVC does, run for real on a
small dataset (4 game screens): the default architecture and recipe that `dvc repro` trains (params.yaml's `train`) are
accepted by the CLI and train, pretrain -> finetune (from the pretrained encoder) -> evaluate.

Only the data (the session's small game fixture under every part name), loader processes, the step counts
and the batch are replaced; the model, canvas and detector options are params.yaml's own."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

pytestmark = [pytest.mark.train, pytest.mark.slow]
STAGES = ("pretrain", "finetune", "finetune_scratch", "finetune_cross", "evaluate")
SMALL = {"steps": 1, "batch-size": 2, "warmup": 1, "log-every": 1, "ckpt-every": 1, "recon-every": 1}


def resolve(cmd: str, params: dict) -> str:
    """DVC's interpolation: ${a.b} is the value; a dict becomes `--key value` for each entry (dvc's default)."""
    def value(m: re.Match) -> str:
        v = params
        for k in m.group(1).split("."):
            v = v[k]
        if isinstance(v, dict):
            return " ".join(f"--{k} {shlex.quote(str(x))}" for k, x in v.items())
        return str(v)

    return re.sub(r"\$\{([^}]+)\}", value, cmd)


def small_params() -> dict:
    params = yaml.safe_load((ROOT / "params.yaml").read_text())
    train = params["train"]
    for stage in ("pretrain", "finetune"):
        train[stage].update({k: v for k, v in SMALL.items() if k in train[stage] or k in ("steps", "batch-size")})
    train["common"].update(threads=2, workers=0)  # no loader process to start: seconds per stage
    return params


def test_default_params_are_the_bakeoff_winner():
    """The pipeline trains what benchmarks/README.md's bake-off chose (issue 12), not the ViT control."""
    params = yaml.safe_load((ROOT / "params.yaml").read_text())["train"]
    assert params["common"]["model"] == "convnextv2_atto"
    assert params["finetune"]["assigner"] == "atss_along" and params["finetune"]["ema-decay"] > 0
    assert params["finetune"]["box-regression"] == "scaled"  # the shipped detector's head (round 11)
    assert "encoder" not in params["common"]  # a ViT option: refused with a convnet


def test_train_stages_run_as_dvc_would(small_game_dataset, tmp_path: Path):
    params = small_params()
    version = params["dataset"]["version"]
    data = tmp_path / "datasets" / version
    names = {n.split("=")[0] for key in ("data", "pretrain_data") for n in params["train"][key].split()}
    names |= {n.split("=")[0] for n in params["train"]["cross"]["data"].split()} | {params["train"]["heldout"]}
    for name in names:
        (data / "parts").mkdir(parents=True, exist_ok=True)
        (data / "parts" / name).symlink_to(small_game_dataset)
    for name in ("web-material", f"{params['train']['cross']['test']}-x"):  # a split's parts: no links allowed
        shutil.copytree(small_game_dataset, data / "val" / name)
    stages = yaml.safe_load((ROOT / "dvc.yaml").read_text())["stages"]
    env = {**os.environ, "COLUMNS": "120", "OMP_NUM_THREADS": "2",
           "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    for name in STAGES:
        cmd = resolve(stages[name]["cmd"], params)
        res = subprocess.run(cmd, shell=True, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=600)
        assert res.returncode == 0, f"stage {name}: {cmd}\n{res.stdout[-2000:]}{res.stderr[-3000:]}"
    run = json.loads((data / "train" / "det" / "config.json").read_text())
    assert run["model"] == "convnextv2_atto" and run["assigner"] == "atss_along" and run["box_regression"] == "scaled"
    assert run["encoder_checkpoint"].endswith("mae/encoder.safetensors")
    metrics = json.loads((data / "train" / "metrics.json").read_text())
    assert set(metrics["splits"]) == {"val_in_distribution", "heldout_style"}
