"""benchmarks/fewshot.py, the few-shot protocol of issue 12: seeded draws of training / evaluation screens,
subsets written as datasets without touching the source, and a smoke run of the whole protocol through the
CLI (zero-shot evaluate, finetune --init, few-shot evaluate) on 4 game screens."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys

import pytest

from factory.core.dataset import open_dataset
from factory.core.errors import ConfigError
from factory.tario import samples
from tests.conftest import ROOT, tree_hashes
from tests.test_finetune_init import detector_file

pytestmark = pytest.mark.train

_spec = importlib.util.spec_from_file_location("fewshot", ROOT / "benchmarks" / "fewshot.py")
fewshot = sys.modules["fewshot"] = importlib.util.module_from_spec(_spec)  # (dataclasses look it up there)
_spec.loader.exec_module(fewshot)


def test_draws_are_disjoint_complete_and_deterministic_per_seed():
    draws = [fewshot.split(24, 10, seed=0, draw=d) for d in range(5)]
    for train, held in draws:
        assert len(train) == 10 and len(held) == 14 and not set(train) & set(held)
        assert sorted(train + held) == list(range(24)) and train == sorted(train)
    assert draws == [fewshot.split(24, 10, seed=0, draw=d) for d in range(5)]  # same seed, same draws
    assert len({tuple(t) for t, _ in draws}) == 5  # the draws differ from each other
    assert fewshot.split(24, 10, seed=1, draw=0) != draws[0]  # and with the seed
    assert fewshot.split(12, 10, 0, 0)[1] and len(fewshot.split(12, 10, 0, 0)[1]) == 2
    with pytest.raises(ConfigError, match="11 screens; 10 for training needs at least 12"):
        fewshot.split(11, 10, 0, 0)


def test_subsets_are_exact_copies_and_leave_the_source_alone(small_game_dataset, tmp_path):
    source = tmp_path / "site"
    shutil.copytree(small_game_dataset, source)
    manifest = json.loads((source / "manifest.json").read_text())
    (source / "manifest.json").write_text(json.dumps({**manifest, "evaluation_only": True}))  # a real set's mark
    before = tree_hashes(source)
    site = fewshot.screens(source)
    train, held = fewshot.split(len(site), 2, seed=3, draw=1)
    parts = fewshot.write_subset([site[i] for i in train], tmp_path / "train")
    fewshot.write_subset([site[i] for i in held], tmp_path / "eval")
    assert tree_hashes(source) == before
    assert len(parts) == 1 and parts[0].name == "site"
    originals = {s.sample.key: s.sample for s in site}
    for name, picked in (("train", train), ("eval", held)):
        ds = open_dataset(tmp_path / name)  # a dataset the factory's readers accept (manifest checked)
        copied = list(samples(ds))
        assert [s.key for s in copied] == [site[i].sample.key for i in picked]
        for s in copied:  # image bytes and JSON document unchanged
            assert s.image == originals[s.key].image and s.doc == originals[s.key].doc
        m = ds.parts[0].manifest
        assert m["evaluation_only"] is True and m["subset"]["keys"] == [s.key for s in copied]
        assert m["counts"]["samples"] == len(picked) and m["config"] == manifest["config"]
    assert fewshot.evaluation_only([open_dataset(tmp_path / "train").parts[0]])
    assert not fewshot.evaluation_only(list(open_dataset(small_game_dataset).parts))


def test_a_smoke_run_of_the_protocol_through_the_cli(small_game_dataset, tmp_path, capsys):
    ckpt = tmp_path / "det" / "model.safetensors"
    ckpt.parent.mkdir()
    detector_file(ckpt)
    work = tmp_path / "work"
    args = ["--checkpoint", str(ckpt), "--data", str(small_game_dataset), "--work", str(work), "--draws", "2",
            "--train-screens", "2", "--steps", "1", "--batch-size", "2", "--warmup", "0",
            "--finetune-args", "--workers 0 --threads 1"]
    result = fewshot.main(args)
    printed = capsys.readouterr().out
    assert "mean" in printed and "std" in printed and "interactable_AP50" in printed
    saved = json.loads((work / "fewshot.json").read_text())
    assert saved["screens"] == 4 and len(saved["draws"]) == 2 and not saved["evaluation_only"]
    for d in saved["draws"]:
        assert len(d["train_keys"]) == 2 and len(d["eval_keys"]) == 2
        assert not set(d["train_keys"]) & set(d["eval_keys"])
        for kind in ("zero_shot", "few_shot"):
            assert set(d[kind]) == {"mAP50", "interactable_AP50", "mAP", "interactable_AP"}
            assert all(v is None or 0.0 <= v <= 1.0 for v in d[kind].values())
        assert f"--init {ckpt}" in d["finetune_command"] and "--allow-evaluation-only" not in d["finetune_command"]
        assert (work / f"draw-{d['draw']}" / "finetune" / "model.safetensors").is_file()
    assert set(saved["summary"]["mAP50"]) == {"zero_shot", "few_shot", "gain"}
    assert saved["draws"][0]["train_keys"] == result["draws"][0]["train_keys"]
    # A second run into the same WORK replaces its draws; a foreign non-empty WORK is refused.
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    with pytest.raises(SystemExit, match="not empty"):
        fewshot.main([*args[:4], "--work", str(foreign), *args[6:]])
    assert (foreign / "notes.txt").read_text() == "mine" and len(list(foreign.iterdir())) == 1
