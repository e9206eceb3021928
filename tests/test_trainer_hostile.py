"""Hostile and broken input to the trainer commands (issue 11: items 6, 8 and the trainer part of 9).

The loader skips and counts every data fault (wrong JSON types, duplicate members, decompression bombs...)
and stops with one message when a source has no good sample; `factory predict` takes images of any shape
and refuses what it cannot use before the model loads; every numeric option and checkpoint is checked.
Datasets are built from a 4-sample game render whose shards are rewritten with hostile members (the
manifest rewritten to match). Commands run in-process (click's CliRunner) on a 128x64 canvas.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import math
import resource
import shutil
import signal
import tarfile
import time
import zlib
from pathlib import Path

import click
import numpy as np
import pytest
import torch
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from factory.cli import main
from factory.cli_types import Count, Number
from trainer import data
from trainer.augment import AugmentConfig
from trainer.faults import MAX_BAD_IN_A_ROW, BadImage, DataFault, NoGoodSamples
from trainer.letterbox import decode_rgb
from trainer.sources import resolve
from trainer.tars import MAX_MEMBER_BYTES, shard_samples

pytestmark = [pytest.mark.train, pytest.mark.game, pytest.mark.filterwarnings("ignore:skipped a data fault")]

TINY = ["--width", "128", "--height", "64", "--batch-size", "2", "--threads", "1", "--log-every", "1",
        "--warmup", "1", "--no-augment"]


# --- building hostile datasets ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def game(small_game_dataset) -> Path:
    """4 real game samples in 2 shards of 2 (read only; hostile variants are built from copies)."""
    return small_game_dataset


@pytest.fixture(scope="module")
def samples(game) -> list[dict]:
    """The 4 samples as {"key", "rec" (dict), "png" (bytes)}."""
    out = []
    for tar in sorted((game / "shards").glob("*.tar")):
        with tarfile.open(tar) as t:
            members = {m.name: t.extractfile(m).read() for m in t.getmembers()}
        for name in sorted(n for n in members if n.endswith(".json")):
            key = name[:-5]
            out.append({"key": key, "rec": json.loads(members[name]), "png": members[key + ".png"]})
    return out


def tar_bytes(members: list[tuple[str, bytes]]) -> bytes:
    """A tar of (name, data) members in order; names may repeat or hold anything."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as t:
        for name, payload in members:
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            t.addfile(info, io.BytesIO(payload))
    return buf.getvalue()


def build(src: Path, dst: Path, shards: list[list[tuple[str, bytes]]]) -> Path:
    """A copy of dataset `src` whose shards hold `shards` (one member list each), the manifest rewritten."""
    shutil.copytree(src, dst)
    manifest = json.loads((dst / "manifest.json").read_text())
    for entry, members in zip(manifest["shards"], shards, strict=True):
        rel = next(r for r in entry["files"] if r.endswith(".tar"))
        payload = tar_bytes(members)
        (dst / rel).write_bytes(payload)
        entry["files"][rel] = {"bytes": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
        entry["samples"] = len({n.split(".")[0] for n, _ in members})
    (dst / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return dst


@functools.cache
def bomb_png(w: int = 30000, h: int = 30000) -> bytes:
    """A valid 1-bit PNG of w x h black pixels: ~100 kB on disk, 2.7 GB once decoded to RGB."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    z, row = zlib.compressobj(9), bytes(1 + (w + 7) // 8)
    idat = b"".join(z.compress(row * 1000) for _ in range(h // 1000)) + z.compress(row * (h % 1000)) + z.flush()
    ihdr = w.to_bytes(4, "big") + h.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def good(s: dict, key: str | None = None) -> list[tuple[str, bytes]]:
    key = key or s["key"]
    return [(f"{key}.json", json.dumps({**s["rec"], "key": key}).encode()), (f"{key}.png", s["png"])]


def with_rec(s: dict, key: str, edit) -> list[tuple[str, bytes]]:
    rec = json.loads(json.dumps(s["rec"]))
    rec["key"] = key
    edit(rec)
    return [(f"{key}.json", json.dumps(rec, allow_nan=True).encode()), (f"{key}.png", s["png"])]


def hostile(s: dict, kind: str, key: str) -> list[tuple[str, bytes]]:
    """Members of one broken sample of `kind`, built from the real sample `s`."""
    j, png = json.dumps(s["rec"]).encode(), s["png"]
    return {
        "json_array": lambda: [(f"{key}.json", b"[1, 2, 3]"), (f"{key}.png", png)],
        "string_bbox": lambda: with_rec(s, key, lambda r: r["elements"][0].update(bbox="0,0,10,10")),
        "nan_bbox": lambda: with_rec(s, key, lambda r: r["elements"][0].update(bbox=[0, 0, math.nan, 5])),
        "unknown_class": lambda: with_rec(s, key, lambda r: r["elements"][0].update({"class": "<script>"})),
        "elements_object": lambda: with_rec(s, key, lambda r: r.update(elements={"a": 1})),
        "format_list": lambda: with_rec(s, key, lambda r: r.update(image_format=["png"])),
        "duplicate_member": lambda: [(f"{key}.json", j), (f"{key}.json", j), (f"{key}.png", png)],
        "bomb": lambda: [(f"{key}.json", j), (f"{key}.png", bomb_png())],
        "empty_png": lambda: [(f"{key}.json", j), (f"{key}.png", b"")],
        "not_png": lambda: [(f"{key}.json", j), (f"{key}.png", b"this is not a picture")],
        "no_image": lambda: [(f"{key}.json", j)],
        "unsafe_key": lambda: [(f"../{key}.json", j), (f"../{key}.png", png)],
    }[kind]()


KINDS = {"json_array": "BadRecord", "string_bbox": "BadRecord", "nan_bbox": "BadRecord", "unknown_class": "BadRecord",
         "elements_object": "BadRecord", "format_list": "BadRecord", "duplicate_member": "BadTar", "bomb": "BadImage",
         "empty_png": "BadImage", "not_png": "BadImage", "no_image": "BadImage", "unsafe_key": "BadTar"}


@pytest.fixture(scope="module")
def mixed(game, samples, tmp_path_factory) -> Path:
    """The 4 good samples with one sample of every hostile kind between them."""
    kinds = list(KINDS)
    shards = [[], []]
    for i, kind in enumerate(kinds):
        shard = shards[i % 2]
        if i < 4:
            shard.extend(good(samples[i]))
        shard.extend(hostile(samples[i % 4], kind, f"bad_{i:02d}"))
    return build(game, tmp_path_factory.mktemp("mixed") / "mixed", shards)


@pytest.fixture(scope="module")
def all_bad(game, samples, tmp_path_factory) -> Path:
    """Every sample broken (JSON arrays, bombs, duplicate members): nothing to train or pretrain on."""
    kinds = ["json_array", "bomb", "duplicate_member"]
    shards = [[m for i in range(3) for m in hostile(samples[i], kinds[i], f"bad_{n}_{i}")] for n in range(2)]
    return build(game, tmp_path_factory.mktemp("allbad") / "allbad", shards)


@pytest.fixture(autouse=True)
def _torch_threads():
    """The commands set torch's thread count for the process: give the rest of the session its own back."""
    n = torch.get_num_threads()
    yield
    torch.set_num_threads(n)


@contextlib.contextmanager
def deadline(seconds: int):
    """Fail (instead of hanging the suite) when the body runs longer than `seconds`."""
    def expire(*_):
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def factory(*args: str, seconds: int = 120):
    """Run `factory ARGS` in this process; returns click's Result (stdout, stderr, exit_code, exception)."""
    env = {"COLUMNS": "120", "OMP_NUM_THREADS": "1"}
    with deadline(seconds):
        return CliRunner(env=env).invoke(main, [str(a) for a in args])


def one_message(res, code: int = 2) -> str:
    """Assert `res` exited with `code` and one `Error:` line, no traceback; return stderr."""
    assert res.exit_code == code, (res.exit_code, res.exception, res.output[-3000:])
    assert isinstance(res.exception, SystemExit), res.exception  # not an unexpected exception caught by click
    errors = [line for line in res.stderr.splitlines() if line.startswith("Error: ")]  # (click adds usage lines)
    assert len(errors) == 1 and "Traceback" not in res.stderr, res.stderr
    if "Usage:" not in res.stderr:
        assert res.stderr.strip() == errors[0], res.stderr  # ours: that line alone
    return res.stderr


# --- item 6: the loader skips and counts, caps decoded pixels, stops on a source with nothing good ----------

def test_every_hostile_kind_is_skipped_and_counted_without_decoding_the_bomb(mixed):
    tars = [str(t) for t in sorted((mixed / "shards").glob("*.tar"))]
    dec = data.Decoder(128, 64, classes=data.label_map("canonical")[1], keep_gt=True)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, keys, tally = time.perf_counter(), [], data.FaultTally()
    for batch in data.EvalStream(tars, dec, batch_size=3):
        tally.update(batch)
        keys += batch["key"]
        for boxes in batch["gt_xywh"]:
            assert np.isfinite(boxes).all()
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024
    assert sorted(keys) == sorted(f"game_pixel_00000000{i}" for i in range(4))  # the good ones, all of them
    expected = {}
    for kind in KINDS.values():
        expected[kind] = expected.get(kind, 0) + 1
    assert tally.counts == expected
    assert grown_mb < 1000, f"max RSS grew by {grown_mb:.0f} MB: the 30000x30000 PNG was decoded"
    assert time.perf_counter() - t0 < 20


def test_a_bomb_is_refused_from_its_header():
    t0 = time.perf_counter()
    with pytest.raises(BadImage, match="x.tar: sample k: image of 8000x6000 pixels is over the decoder's cap"):
        decode_rgb(bomb_png(8000, 6000), "x.tar: sample k")  # 48M pixels: past our cap, under PIL's own
    with pytest.raises(BadImage, match="empty image"):
        decode_rgb(b"", "x.tar: sample k")
    assert time.perf_counter() - t0 < 2


def member(name: str, payload: bytes = b"", size: int | None = None, link: str = "") -> bytes:
    """One raw tar member (header + data padded to 512 bytes); `size` may lie about the data."""
    info = tarfile.TarInfo(name)
    info.size = len(payload) if size is None else size
    if link:
        info.type, info.linkname, info.size = tarfile.SYMTYPE, link, 0
    return info.tobuf(tarfile.GNU_FORMAT) + payload + bytes(-len(payload) % 512)


def test_tar_reader_refuses_links_oversized_members_and_truncation(tmp_path, samples):
    s = samples[0]
    raw = (member("a.png", link="/etc/passwd") + b"".join(member(n, d) for n, d in good(s, "a")[:1] + good(s, "b"))
           + member("c.png", size=MAX_MEMBER_BYTES + 1) + bytes(4096))  # c: declared, never read; the tar ends
    path = tmp_path / "x.tar"
    path.write_bytes(raw)
    faults = []
    got = list(shard_samples(str(path), lambda e: faults.append(e) or True))
    # a: its png is a symlink (not followed) so a has only its JSON; b complete; c over the cap, then truncated
    assert [g["__key__"] for g in got] == ["a", "b"] and set(got[0]) == {"__key__", "__url__", "json"}
    assert "over the cap" in str(faults[0]) and "unreadable tar after 2 samples" in str(faults[1]), faults
    empty = tmp_path / "empty.tar"
    empty.write_bytes(tar_bytes([]))
    faults = []
    assert list(shard_samples(str(empty), lambda e: faults.append(e) or True)) == []
    assert "no usable sample" in str(faults[0])


@pytest.fixture(scope="module")
def small_png(samples) -> bytes:
    img = Image.open(io.BytesIO(samples[0]["png"])).convert("RGB")
    out = io.BytesIO()
    img.resize((img.width // 8, img.height // 8)).save(out, format="PNG")
    return out.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data_=st.data())
def test_any_json_gives_a_sample_or_a_data_fault(samples, small_png, data_):
    """Whatever JSON a shard holds, the decoder returns a valid sample or raises a DataFault (skipped and
    counted), never a TypeError or a NaN box."""
    values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
                          lambda c: st.lists(c, max_size=5) | st.dictionaries(st.text(max_size=6), c, max_size=4),
                          max_leaves=12)
    rec = json.loads(json.dumps(samples[0]["rec"]))
    where = data_.draw(st.sampled_from(["record", "elements", "element", "class", "bbox", "coordinate",
                                        "image_format", "bytes"]))
    value = data_.draw(values)
    raw = None
    if where == "record":
        rec = value
    elif where == "elements":
        rec["elements"] = value
    elif where == "element":
        rec["elements"][0] = value
    elif where == "class":
        rec["elements"][0]["class"] = value
    elif where == "bbox":
        rec["elements"][0]["bbox"] = value
    elif where == "coordinate":
        rec["elements"][0]["bbox"][data_.draw(st.integers(0, 3))] = data_.draw(st.floats() | st.integers())
    elif where == "image_format":
        rec["image_format"] = value
    else:
        raw = data_.draw(st.binary(max_size=64))
    sample = {"__key__": "k", "__url__": "x.tar", "png": small_png,
              "json": raw if raw is not None else json.dumps(rec, allow_nan=True).encode()}
    dec = data.Decoder(128, 64, classes=data.label_map("canonical")[1], augment=AugmentConfig())
    try:
        out = dec(sample)
    except DataFault:
        return
    boxes = out["boxes"].numpy()
    assert out["image"].shape == (3, 64, 128) and np.isfinite(boxes).all()
    assert (boxes[:, 0] >= 0).all() and (boxes[:, 2] <= 128 + 1e-3).all() and (boxes[:, 3] <= 64 + 1e-3).all()


def test_a_source_with_no_good_sample_is_named_while_the_good_one_is_not(game, all_bad):
    stream = data.TrainStream(resolve([str(game), f"{all_bad}=3"]), data.Decoder(128, 64), batch_size=2,
                              shuffle_buffer=4, total_batches=10_000)
    with deadline(60), pytest.raises(NoGoodSamples, match=f"{all_bad}: no good sample in {MAX_BAD_IN_A_ROW} tries"):
        for _ in stream:
            pass


def test_finetune_trains_on_mixed_data_and_counts_faults(mixed, tmp_path):
    res = factory("finetune", mixed, "--out", tmp_path / "det", "--steps", "2", "--workers", "0", *TINY)
    assert res.exit_code == 0, (res.exception, res.output[-3000:])
    summary = json.loads(res.stdout[res.stdout.index("{\n"):])
    assert summary["step"] == 2 and {"BadRecord", "BadTar", "BadImage"} <= set(summary["faults"]), summary
    assert (tmp_path / "det" / "model.safetensors").exists()


@pytest.mark.parametrize("command", ["finetune", "pretrain"])
def test_no_good_sample_stops_the_run_with_one_message(command, all_bad, game, tmp_path):
    # Loader workers (--workers 1) meet the faults; the message must still arrive as one line. Pretraining's
    # reconstruction samples come from --val (good), so its training stream is what stops.
    extra = ["--val", game] if command == "pretrain" else []
    t0 = time.perf_counter()
    res = factory(command, all_bad, "--out", tmp_path / "run", "--steps", "3", "--workers", "1", *extra, *TINY)
    err = one_message(res)
    assert f"{all_bad}: no good sample in {MAX_BAD_IN_A_ROW} tries in a row" in err
    assert "BadRecord" in err and "BadImage" in err
    assert time.perf_counter() - t0 < 60


def test_pretrain_with_nothing_to_reconstruct_stops_with_one_message(all_bad, tmp_path):
    err = one_message(factory("pretrain", all_bad, "--out", tmp_path / "run", "--steps", "2", *TINY))
    assert str(all_bad) in err and "StopIteration" not in err


# --- item 8: predict -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def detector_ckpt(tmp_path_factory) -> Path:
    """An untrained detector at 128x64 (predictions are noise; shapes and paths are what is tested)."""
    from trainer import detector
    from trainer.checkpoint import save_weights
    from trainer.config import FinetuneConfig

    torch.manual_seed(0)
    cfg = FinetuneConfig(width=128, height=64, threads=1)
    names = data.label_map("canonical")[0]
    model = detector.build(cfg, len(names))
    path = tmp_path_factory.mktemp("det") / "model.safetensors"
    save_weights(path, model.state_dict(), cfg.to_json(), classes=json.dumps(names), taxonomy="canonical")
    return path


def png(path: Path, w: int, h: int, colour=(200, 30, 30)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (w, h), colour).save(path)
    return path


def test_predict_takes_thin_images_and_keeps_same_named_overlays_apart(detector_ckpt, tmp_path):
    wide, tall = png(tmp_path / "a" / "shot.png", 20000, 1), png(tmp_path / "b" / "shot.png", 1, 20000)
    normal = png(tmp_path / "b" / "shot-2.png", 300, 200)  # the name a counter would give: must not clash
    preds, over = tmp_path / "preds.json", tmp_path / "over"
    res = factory("predict", "--checkpoint", detector_ckpt, "--images", wide.parent, tall.parent, "--out", preds,
                  "--overlay", over, "--score", "0")
    assert res.exit_code == 0, (res.exception, res.output[-3000:])
    results = json.loads(preds.read_text())
    sizes = {"shot.png": (20000, 1), str(tall): (1, 20000), "shot-2.png": (300, 200)}
    assert {r["image_id"] for r in results} <= set(sizes)
    for r in results:
        x, y, w, h = r["bbox"]
        W, H = sizes[r["image_id"]]
        assert 0 <= x and 0 <= y and x + w <= W + 0.01 and y + h <= H + 0.01
    # in input order (a/shot.png, b/shot-2.png, b/shot.png): the second shot.png takes the next free name
    record = json.loads((over / "overlays.json").read_text())["overlays"]
    assert record == {"shot.png": str(wide), "shot-2.png": str(normal), "shot-3.png": str(tall)}
    assert {p.name: Image.open(p).size for p in over.glob("*.png")} == {
        "shot.png": (20000, 1), "shot-2.png": (300, 200), "shot-3.png": (1, 20000)}
    again = factory("predict", "--checkpoint", detector_ckpt, "--images", wide, "--out", preds, "--overlay", over)
    assert again.exit_code == 0, again.output  # its own overlays may be replaced


def test_predict_never_overwrites_a_file_it_did_not_write(detector_ckpt, tmp_path):
    shot = png(tmp_path / "in" / "photo.png", 64, 48)
    over = tmp_path / "over"
    mine = png(over / "photo.png", 10, 10, (1, 2, 3))
    before = mine.read_bytes()
    err = one_message(factory("predict", "--checkpoint", detector_ckpt, "--images", shot, "--out",
                              tmp_path / "p.json", "--overlay", over))
    assert "did not write" in err and "photo.png" in err
    assert mine.read_bytes() == before and not (tmp_path / "p.json").exists()


@pytest.mark.parametrize("kind", ["empty", "text", "48Mpx"])
def test_predict_refuses_an_unusable_image_by_name_before_work(detector_ckpt, tmp_path, kind):
    ok, bad = png(tmp_path / "in" / "ok.png", 64, 48), tmp_path / "in" / "bad.png"
    bad.write_bytes({"empty": b"", "text": b"not an image", "48Mpx": bomb_png(8000, 6000)}[kind])
    err = one_message(factory("predict", "--checkpoint", detector_ckpt, "--images", ok.parent, "--out",
                              tmp_path / "p.json"))
    assert str(bad) in err and not (tmp_path / "p.json").exists()


def test_predict_checks_out_device_and_score_before_loading_the_model(tmp_path):
    shot = png(tmp_path / "shot.png", 64, 48)
    missing = tmp_path / "no-model.safetensors"  # never reached: every check below comes first
    out_dir = tmp_path / "preds"
    out_dir.mkdir()
    assert "is a directory" in one_message(factory("predict", "--checkpoint", missing, "--images", shot,
                                                   "--out", out_dir))
    assert "unknown device" in one_message(factory("predict", "--checkpoint", missing, "--images", shot, "--out",
                                                   tmp_path / "p.json", "--device", "banana"))
    if not torch.cuda.is_available():
        err = one_message(factory("predict", "--checkpoint", missing, "--images", shot, "--out",
                                  tmp_path / "p.json", "--device", "cuda"))
        assert "CUDA is not available on this machine; use --device cpu" in err
    for score in ("nan", "-0.1", "1.5", "inf"):
        assert "--score" in one_message(factory("predict", "--checkpoint", missing, "--images", shot, "--out",
                                                tmp_path / "p.json", "--score", score))


# --- item 9: numeric options, encoders, checkpoints, output files ------------------------------------------

TRAIN_COMMANDS = ("pretrain", "finetune", "evaluate", "predict")


def numeric_params():
    """(command, option, click type) of every numeric option of the trainer commands."""
    for name in TRAIN_COMMANDS:
        for p in main.commands[name].params:
            if isinstance(p, click.Option) and not p.is_flag and (
                    isinstance(p.type, (Count, Number)) or p.type in (click.INT, click.FLOAT)
                    or isinstance(p.type, (click.IntRange, click.FloatRange))):
                yield name, p.opts[0], p.type


def test_every_numeric_option_goes_through_count_or_number():
    plain = [(c, o) for c, o, t in numeric_params() if not isinstance(t, (Count, Number))]
    assert not plain, f"numeric options without Count/Number (nan, inf and negatives get through): {plain}"
    assert len(list(numeric_params())) >= 20


def bad_values(t) -> list[str]:
    """Values every numeric type must refuse: nan, +-inf, below its minimum, above its maximum, not a number."""
    values = ["nan", "inf", "-inf", "ten"]
    lo = getattr(t, "minimum", None)
    if lo is not None:
        values.append(str(lo - 1))
    hi = getattr(t, "maximum", None)
    values.append(str(hi * 10 + 1) if hi is not None else "1e400")
    return values


def test_every_numeric_option_refuses_nan_inf_and_out_of_range(tmp_path, game):
    cases = [(c, o, v) for c, o, t in numeric_params() for v in bad_values(t)]
    required = {"pretrain": [game, "--out", tmp_path / "o"], "finetune": [game, "--out", tmp_path / "o"],
                "evaluate": [tmp_path / "m", "--split", "v", game, "--out", tmp_path / "m.json"],
                "predict": ["--checkpoint", tmp_path / "m", "--images", tmp_path, "--out", tmp_path / "p.json"]}
    for command, option, value in cases:
        res = factory(command, *required[command], option, value)
        assert res.exit_code == 2 and option in res.stderr and "Traceback" not in res.stderr, \
            (command, option, value, res.output[-2000:])
    assert not (tmp_path / "o").exists()  # refused before anything was created


@pytest.mark.parametrize("args, message", [
    (["--encoder", "resnet18"], "not a Vision Transformer"),
    (["--mask-ratio", "1"], "mask_ratio must be in (0, 1)"),
    (["--mask-ratio", "0.99"], "leaves no visible patch"),
], ids=["resnet", "mask-1", "mask-0.99"])
def test_pretrain_settings_are_refused_with_one_message(args, message, game, tmp_path):
    assert message in one_message(factory("pretrain", game, "--out", tmp_path / "o" / "run", *TINY, *args))
    assert not (tmp_path / "o").exists(), "a refused run leaves no directory behind"


@pytest.fixture(scope="module")
def bad_files(detector_ckpt, tmp_path_factory) -> dict[str, Path]:
    """Files given where a safetensors checkpoint belongs: text, random bytes, a truncated model, an empty
    directory."""
    root = tmp_path_factory.mktemp("badckpt")
    files = {"text": root / "notes.safetensors", "random": root / "noise.safetensors",
             "truncated": root / "cut" / "model.safetensors", "dir": root / "empty-run"}
    files["text"].write_text("these are my notes\n")
    files["random"].write_bytes(np.random.default_rng(0).bytes(4096))
    files["truncated"].parent.mkdir()
    raw = detector_ckpt.read_bytes()
    files["truncated"].write_bytes(raw[: len(raw) // 2])
    files["dir"].mkdir()
    return files


@pytest.mark.parametrize("kind", ["text", "random", "truncated", "dir"])
def test_a_bad_checkpoint_is_named_in_one_message(kind, bad_files, game, tmp_path):
    bad = bad_files[kind]
    shot = png(tmp_path / "shot.png", 64, 48)
    named = str(bad / "model.safetensors") if kind == "dir" else str(bad)
    for args in (["predict", "--checkpoint", bad, "--images", shot, "--out", tmp_path / "p.json"],
                 ["evaluate", bad, "--split", "v", game, "--out", tmp_path / "m.json"]):
        assert named in one_message(factory(*args))
    assert not (tmp_path / "p.json").exists() and not (tmp_path / "m.json").exists()
    if kind != "dir":
        err = one_message(factory("finetune", game, "--out", tmp_path / "det", "--encoder-checkpoint", bad, *TINY))
        assert str(bad) in err


def test_a_damaged_resume_checkpoint_is_named_and_no_resume_replaces_it(game, tmp_path):
    out = tmp_path / "det"
    (out / "checkpoints").mkdir(parents=True)
    (out / "checkpoints" / "last.json").write_text("garbage")
    err = one_message(factory("finetune", game, "--out", out, "--steps", "1", "--workers", "0", *TINY))
    assert "last.json" in err and "--no-resume" in err
    res = factory("finetune", game, "--out", out, "--steps", "1", "--workers", "0", "--no-resume", *TINY)
    assert res.exit_code == 0, (res.exception, res.output[-3000:])
    assert json.loads((out / "checkpoints" / "last.json").read_text()) == {"step": 1}


def test_evaluate_refuses_an_unusable_out_before_work(detector_ckpt, game, all_bad, tmp_path):
    out_dir = tmp_path / "metrics"
    out_dir.mkdir()
    missing = tmp_path / "no-model.safetensors"  # never loaded: the --out check comes first
    assert "is a directory" in one_message(factory("evaluate", missing, "--split", "v", game, "--out", out_dir))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert "cannot write" in one_message(factory("evaluate", missing, "--split", "v", game, "--out",
                                                 blocker / "m.json"))
    # A split whose every sample is broken: one message naming it, no metrics file.
    err = one_message(factory("evaluate", detector_ckpt, "--split", "broken", all_bad, "--out", tmp_path / "m.json",
                              "--workers", "0"))
    assert "split broken" in err and not (tmp_path / "m.json").exists()
