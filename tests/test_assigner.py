"""Target assignment (trainer.assign): the FCOS replay is torchvision's rule to the bit, ATSS gives thin and
large boxes a positive location, a replay over real shards counts the boxes no location learns, and
`factory finetune --assigner atss --ema-decay` trains, resumes (EMA included) and writes a model that
`factory evaluate` loads."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from types import SimpleNamespace

import pytest
import torch
from click.testing import CliRunner
from safetensors import safe_open
from safetensors.torch import load_file
from torchvision.models.detection import FCOS
from torchvision.models.detection.image_list import ImageList

from factory.cli import main
from tests.conftest import FACTORY, ROOT
from tests.trainer_fixtures import TINY, env1, losses
from trainer import assign, data, detector
from trainer.config import FinetuneConfig
from trainer.sources import resolve

pytestmark = pytest.mark.train

W, H, STRIDES = 512, 320, (8, 16, 32, 64)  # the default canvas and pyramid
# The atss share without a positive location on real shards must stay at or below this. Measured: 2.0% on
# this fixture (692 boxes), 1.8% on 400 screens (benchmarks/README.md); plain ATSS without the floor for
# stranded boxes leaves 5-6%, torchvision's FCOS rule 11-12%: 3% sits between with room for sampling noise.
ATSS_MAX_MISSED = 0.03


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([*FACTORY, *args], cwd=ROOT, env=env1(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _finish(*procs: subprocess.Popen) -> None:
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err[-3000:]


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> list[str]:
    """8 game screens, and 8 desktop screens where PySide6 is installed, rendered at once."""
    root = tmp_path_factory.mktemp("assign")
    kinds = ["game"] + (["desktop"] if importlib.util.find_spec("PySide6") else [])
    procs = [_start("render", "--renderer", k, "--count", "8", "--shard-size", "8", "--workers", "1",
                    "--out", str(root / k)) for k in kinds]
    _finish(*procs)
    return [str(root / k) for k in kinds]


def _anchors(assigner: str) -> torch.Tensor:
    """(P, 4) anchors of the detector built with `assigner` at W x H (its own anchor generator)."""
    model = detector.build(FinetuneConfig(width=W, height=H, assigner=assigner), 3)
    maps = [torch.zeros(1, 1, H // s, W // s) for s in STRIDES]
    return model.anchor_generator(ImageList(torch.zeros(1, 3, H, W), [(H, W)]), maps)[0]


def _torchvision_fcos(anchors: torch.Tensor, boxes: torch.Tensor, counts: list[int]) -> torch.Tensor:
    """The matched indices torchvision's FCOS.compute_loss hands to its head (the head stubbed to return them)."""
    stub = SimpleNamespace(center_sampling_radius=1.5, head=SimpleNamespace(compute_loss=lambda t, h, a, m: m))
    return FCOS.compute_loss(stub, [{"boxes": boxes}], {}, [anchors], counts)[0]


def _random_boxes(n: int, seed: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    xy = torch.rand(n, 2, generator=g) * torch.tensor([W, H])
    wh = torch.exp(torch.rand(n, 2, generator=g) * 6.5) + 1  # 2 .. 666 px, long thin ones included
    return torch.cat([xy, torch.minimum(xy + wh, torch.tensor([W, H]))], 1)


def test_grids_are_the_detectors_anchors_and_the_fcos_replay_is_torchvisions():
    points, sizes, counts = assign.grid(W, H, STRIDES, centres=False)
    corner = _anchors("fcos")
    corner_points, corner_sizes = assign.from_anchors(corner)
    assert torch.equal(corner_points, points) and torch.equal(corner_sizes, sizes)
    centre_points, _, _ = assign.grid(W, H, STRIDES, centres=True)
    assert torch.equal(assign.from_anchors(_anchors("atss"))[0], centre_points)
    assert torch.equal(centre_points - points, sizes[:, None].expand(-1, 2) / 2)  # half a stride further
    for seed in range(3):
        boxes = _random_boxes(150, seed)
        ours = assign.fcos(points, sizes, counts, boxes)
        assert torch.equal(ours, _torchvision_fcos(corner, boxes, counts))
        assert (ours >= 0).sum() > 50  # the comparison covers many positives


def _positives(rule: str, boxes: list[list[float]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(matched (P,), points (P, 2), strides (P,)) of `rule` on its own grid for hand-made boxes."""
    points, sizes, counts = assign.grid(W, H, STRIDES, centres=assign.CELL_CENTRES[rule])
    return assign.ASSIGNERS[rule](points, sizes, counts, torch.tensor(boxes).reshape(-1, 4)), points, sizes


def test_a_thin_scrollbar_gets_positives_from_atss_only():
    bar = [[498.0, 10.0, 504.0, 310.0]]  # 6 x 300, a vertical scrollbar by the right edge
    assert assign.missed(_positives("fcos", bar)[0], 1).all()  # torchvision's rule: nothing learns it
    matched, points, strides = _positives("atss", bar)
    hit = matched == 0
    assert hit.sum() >= 3
    assert (strides[hit] == 8).all()  # only the finest grid has points inside 6 px
    assert ((points[hit] > torch.tensor(bar[0][:2])) & (points[hit] < torch.tensor(bar[0][2:]))).all()


def test_an_upright_bar_learns_all_along_its_length_with_atss_along():
    bar, button = [498.0, 10.0, 504.0, 310.0], [100.0, 100.0, 180.0, 124.0]
    plain, points, strides = _positives("atss", [bar, button])
    along, _, _ = _positives("atss_along", [bar, button])
    levels = strides[plain == 0].unique()
    inside = ((points > torch.tensor(bar[:2])) & (points < torch.tensor(bar[2:]))).all(1)
    expected = inside & (strides[:, None] == levels[None]).any(1)
    assert torch.equal(along == 0, expected)  # every inside location of ATSS's levels, nothing else
    assert (along == 0).sum() >= 30 > (plain == 0).sum()  # 300 px at stride 8: ~37 rows, not the middle few
    assert torch.equal(along == 1, plain == 1)  # a box that is not upright keeps ATSS's positives
    lying = [10.0, 498.0, 310.0, 504.0]  # the same bar on its side: not upright, ATSS's positives only
    assert torch.equal(_positives("atss_along", [lying])[0], _positives("atss", [lying])[0])


def test_an_icon_is_learnt_on_the_finest_level():
    icon = [[100.0, 100.0, 112.0, 112.0]]
    for rule in ("fcos", "atss"):
        matched, _, strides = _positives(rule, icon)
        assert (matched == 0).any() and (strides[matched == 0] == 8).all(), rule


def test_a_long_toolbar_keeps_its_best_location():
    # IoU with square anchors is low for a 28:1 box on every level; ATSS's bar would reject every candidate.
    toolbar = [[0.0, 40.0, 512.0, 58.0]]
    matched, points, _ = _positives("atss", toolbar)
    assert (matched == 0).sum() == 1  # the floor: exactly its best inside candidate
    assert ((points[matched == 0, 1] > 40) & (points[matched == 0, 1] < 58)).all()


def test_nested_boxes_the_smaller_wins():
    item, label = [40.0, 40.0, 240.0, 72.0], [48.0, 44.0, 200.0, 68.0]  # a list item and its text, 200x32 / 152x24
    for rule in ("fcos", "atss"):
        alone_item = _positives(rule, [item])[0] == 0
        alone_label = _positives(rule, [label])[0] == 0
        both, _, _ = _positives(rule, [item, label])
        contested = alone_item & alone_label
        assert contested.any(), rule
        assert (both[contested] == 1).all(), rule  # a location both would learn goes to the smaller box
        assert torch.equal(both == 1, alone_label), rule
        assert torch.equal(both == 0, alone_item & ~contested), rule  # the item keeps the rest


def test_no_boxes_no_positives():
    for rule in ("fcos", "atss", "atss_along"):
        matched, _, _ = _positives(rule, [])
        assert (matched == -1).all()


def test_atss_detector_learns_from_the_atss_targets(monkeypatch):
    torch.manual_seed(0)
    cfg = FinetuneConfig(width=128, height=64, assigner="atss", threads=1)
    model = detector.build(cfg, 5).train()
    seen = []
    head_loss = model.head.compute_loss
    monkeypatch.setattr(model.head, "compute_loss", lambda t, h, a, m: seen.append(m) or head_loss(t, h, a, m))
    boxes = torch.tensor([[10.0, 10.0, 60.0, 22.0], [70.0, 5.0, 76.0, 60.0]])
    out = model([torch.rand(3, 64, 128)], [{"boxes": boxes, "labels": torch.tensor([1, 3])}])
    assert all(torch.isfinite(v) for v in out.values())
    points, sizes, counts = assign.grid(128, 64, cfg.strides, centres=True)
    assert torch.equal(seen[0][0], assign.atss(points, sizes, counts, boxes))


def test_replay_over_real_shards(shards):
    names, classes = data.label_map("canonical")
    tars = [t for s in resolve(shards) for t in s.tars]
    rules = {rule: (assign.ASSIGNERS[rule], assign.CELL_CENTRES[rule]) for rule in ("fcos", "atss")}
    tally = assign.replay(assign.training_boxes(tars, W, H, classes), W, H, STRIDES, rules)
    total = {k: sum(row.get(k, 0) for row in tally.values()) for k in ("boxes", *rules)}
    print(f"\n{'class':16s} {'boxes':>6s} {'fcos':>7s} {'atss':>7s}   (share without a positive location)")
    for label, row in sorted(tally.items(), key=lambda kv: names[kv[0]]):
        shares = " ".join(f"{row.get(k, 0) / row['boxes']:7.1%}" for k in rules)
        print(f"{names[label]:16s} {row['boxes']:6d} {shares}")
    print(f"{'all':16s} {total['boxes']:6d} " + " ".join(f"{total[k] / total['boxes']:7.1%}" for k in rules))
    assert total["boxes"] > 300
    assert total["atss"] / total["boxes"] <= ATSS_MAX_MISSED
    assert total["fcos"] > total["atss"]


@pytest.fixture
def factory_here():
    """Run a factory command in this process (click's runner): no second start-up of torch per run. The
    commands set torch's thread count; it is put back afterwards."""
    threads = torch.get_num_threads()

    def run(*args: str) -> None:
        res = CliRunner().invoke(main, list(args))
        assert res.exit_code == 0, (res.output[-3000:], res.exception)

    yield run
    torch.set_num_threads(threads)


def test_finetune_atss_with_ema_resumes_and_evaluates(shards, tmp_path, factory_here):
    straight, resumed, metrics = tmp_path / "straight", tmp_path / "resumed", tmp_path / "metrics.json"
    args = ["finetune", *shards, "--steps", "2", "--ckpt-every", "1", "--lr", "0.01", "--assigner", "atss",
            "--ema-decay", "0.9", *TINY]
    factory_here(*args, "--out", str(straight))
    factory_here(*args, "--out", str(resumed), "--stop-after", "1")
    factory_here(*args, "--out", str(resumed))  # the same command again: resumes
    assert losses(resumed) == losses(straight) and sorted(losses(resumed)) == [1, 2]
    model, ckpt = load_file(resumed / "model.safetensors"), resumed / "checkpoints"
    step1, step2 = load_file(ckpt / "step-000001.safetensors"), load_file(ckpt / "step-000002.safetensors")
    decay = min(1 - 2 ** (-2 / 3), 0.9)  # timm's warm-up at step 2 (decay 0 at step 1): 0.37, not 0.9
    for k, v in model.items():  # the EMA survived the stop, with the warm-up's decay
        torch.testing.assert_close(v, decay * step1[k] + (1 - decay) * step2[k], rtol=0, atol=1e-6)
    assert any(not torch.equal(v, step2[k]) for k, v in model.items())  # not the raw weights
    straight_model = load_file(straight / "model.safetensors")
    assert all(torch.equal(v, straight_model[k]) for k, v in model.items())
    with safe_open(str(resumed / "model.safetensors"), "pt") as f:
        assert f.metadata()["weights"] == "ema"
    record = json.loads((resumed / "config.json").read_text())
    assert record["assigner"] == "atss" and record["ema_decay"] == 0.9
    factory_here("evaluate", str(resumed), "--split", "val", shards[0], "--out", str(metrics), "--workers", "0")
    m = json.loads(metrics.read_text())["splits"]["val"]
    assert m["images"] == 8 and 0 <= m["mAP50"] <= 1
