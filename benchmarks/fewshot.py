"""Few-shot adaptation to a real site (issue 12): zero-shot vs fine-tuned on 10 of its screens, 5 seeded draws.

Given a detector (model.safetensors of `factory finetune`) and one site's dataset (e.g. datasets/real/SITE,
at least --train-screens + 2 screens), for each draw d = 0 .. --draws-1:
- the draw's generator, numpy.random.default_rng([--seed, d]), picks --train-screens screens for training;
  the others are the draw's evaluation screens. Both lists of keys are recorded;
- both subsets are written as small datasets under WORK/draw-d/{train,eval}: each screen copied (image bytes
  and JSON document unchanged, checked by the factory's safe tar reader) into new shards by the factory's
  shard writer, with the source part's manifest fields (an `evaluation_only` mark included). The source
  dataset is only read;
- zero-shot: `factory evaluate CKPT` on the draw's evaluation screens (one call for every draw);
- few-shot: `factory finetune --init CKPT` on the draw's training screens for --steps steps (with
  `--allow-evaluation-only` when the site is marked evaluation-only), then `factory evaluate` of the result
  on the same evaluation screens.
Everything runs through the `factory` CLI in subprocesses: what is measured is what users run. Prints one
row per draw and mean ± std (sample standard deviation over the draws) of mAP50 and the class-agnostic
interactable AP50 (trainer.evaluate), zero-shot, few-shot and their gain; writes all of it to --out
(default WORK/fewshot.json, strict JSON: a metric a split cannot have is null).

Defaults: 120 steps of 4 screens at lr 1e-4 (10 warm-up steps, cosine), about 3 minutes per draw for
ViT-Ti/16 at 512x320 on 2 CPU cores (~3 img/s training) and about 5 for ConvNeXt V2-atto at 640x384.

    .venv/bin/python benchmarks/fewshot.py --checkpoint DET/model.safetensors --data datasets/real/SITE \\
        --work /tmp/fewshot-SITE [--draws 5] [--train-screens 10] [--steps 120] [--batch-size 4] [--lr 1e-4]

WORK must be new, empty, or an earlier WORK of this script (its draw-* directories are then replaced).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import shlex
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from factory.core.dataset import Part, open_dataset  # noqa: E402
from factory.core.schema import MANIFEST  # noqa: E402
from factory.core.errors import ConfigError, DataError  # noqa: E402
from factory.outputs import check_dir, marker, remove_tree, write_atomic, write_owned  # noqa: E402
from factory.sample import Sample as RenderedSample  # noqa: E402
from factory.core.schema import Element, SampleRecord  # noqa: E402
from factory.shards import ShardPaths, ShardWriter, atomic_write_text, sha256_file  # noqa: E402
from factory.tario import Sample, samples  # noqa: E402

MARKER = ".gui-factory-fewshot"
DRAW_DIR = re.compile(r"draw-\d+")
METRICS = (("mAP50", ("mAP50",)), ("interactable_AP50", ("interactable", "AP50")), ("mAP", ("mAP",)),
           ("interactable_AP", ("interactable", "AP")))
SHOWN = ("mAP50", "interactable_AP50")  # the table's columns; every metric of METRICS goes to the JSON


@dataclass(frozen=True)
class Screen:
    """One screen of the site: its part (where its manifest fields come from) and the checked sample."""

    part: Part
    sample: Sample


def screens(data: Path) -> list[Screen]:
    """Every screen of the dataset at `data`, in shard order; DataError at the first damaged sample."""
    ds = open_dataset(data)
    ds.check_complete()
    return [Screen(part, s) for part in ds.parts for s in samples(ds, parts=[part])]


def split(n: int, train: int, seed: int, draw: int) -> tuple[list[int], list[int]]:
    """(training, evaluation) screen indices of draw `draw`: disjoint, together 0..n-1, both sorted; a pure
    function of (n, train, seed, draw)."""
    if n < train + 2:
        raise ConfigError(f"the site has {n} screens; {train} for training needs at least {train + 2} "
                          f"(two or more left to evaluate on)")
    picked = np.random.default_rng([seed, draw]).permutation(n)[:train]
    chosen = set(picked.tolist())
    return sorted(chosen), [i for i in range(n) if i not in chosen]


def record_of(sample: Sample) -> SampleRecord:
    """The schema's SampleRecord of a checked sample's JSON document; DataError unless it gives the document
    back unchanged (so a copy is exact)."""
    doc = sample.doc
    elements = tuple(Element(**{("cls" if k == "class" else k): v for k, v in e.items()}) for e in doc["elements"])
    rec = SampleRecord(**{k: v for k, v in doc.items() if k != "elements"}, elements=elements)
    if json.loads(rec.to_json()) != doc:
        raise DataError(f"{sample.file} [{sample.key}]: its JSON document does not round-trip through the schema's "
                        f"SampleRecord; check it with `factory verify`")
    return rec


def write_subset(chosen: list[Screen], out: Path) -> list[Path]:
    """Write `chosen` as a dataset at `out`: one part directory per source part (named after it), one shard
    each, written by the factory's shard writer; manifest fields of the source part kept (`evaluation_only`,
    config, sources...), counts and shards its own, and a `subset` field naming the source and the keys."""
    by_part: dict[Path, list[Screen]] = {}
    for s in chosen:
        by_part.setdefault(s.part.root, []).append(s)
    written, names = [], Counter()
    for root, group in by_part.items():
        part = group[0].part
        names[part.name] += 1
        d = out / (part.name if names[part.name] == 1 else f"{part.name}-{names[part.name]}")
        keys = [s.sample.key for s in group]
        writer = ShardWriter(ShardPaths(d, "subset-000000"))
        try:
            for s in group:
                writer.write(RenderedSample(record_of(s.sample), s.sample.image, Counter()))
            fingerprint = hashlib.sha256("\n".join(keys).encode()).hexdigest()[:16]
            shard = writer.commit(fingerprint, range(len(group)))
        except BaseException:
            writer.abort()
            raise
        manifest = {k: v for k, v in part.manifest.items() if k not in ("counts", "shards", "subset")}
        manifest["counts"] = {"samples": shard["samples"], "elements": shard["elements"], "shards": 1,
                              "classes": shard["classes"], "drops": {}}
        manifest["shards"] = [shard]
        manifest["subset"] = {"of": str(root), "manifest_sha256": sha256_file(root / MANIFEST), "keys": keys}
        tar = next(k for k in shard["files"] if k.endswith(".tar"))
        info = {"name": d.name, "splits": {"train": {"name": "train", "num_samples": shard["samples"],
                                                     "filenames": [tar], "shard_lengths": [shard["samples"]]}}}
        atomic_write_text(d / "_info.json", json.dumps(info, indent=1, sort_keys=True) + "\n")
        atomic_write_text(d / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        written.append(d)
    return written


def evaluation_only(parts: list[Part]) -> bool:
    """Whether any part is marked as an evaluation-only set (never trained on without the explicit override)."""
    return any(p.manifest.get("evaluation_only") is True or p.manifest["config"].get("evaluation_only") is True
               for p in parts)


def factory(*args: str, log: Path) -> str:
    """Run `python -m factory ARGS` (stdout and stderr kept in `log`); SystemExit with its message on failure."""
    cmd = [sys.executable, "-m", "factory", *args]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    log.write_text(f"$ {shlex.join(cmd)}\n--- stdout\n{res.stdout}\n--- stderr\n{res.stderr}", encoding="utf-8")
    if res.returncode != 0:
        raise SystemExit(f"`factory {args[0]}` failed (exit {res.returncode}; log {log}):\n{res.stderr[-3000:]}")
    return res.stdout


def metrics_of(split: dict) -> dict:
    """The METRICS of one split of metrics.json (None where the split has none, e.g. no interactable box)."""
    out = {}
    for name, path in METRICS:
        v = split
        for k in path:
            v = v.get(k) if isinstance(v, dict) else None
        out[name] = v
    return out


def mean_std(values: list) -> dict:
    """Mean and sample standard deviation of the values that are numbers (null ones left out)."""
    xs = [v for v in values if isinstance(v, (int, float)) and math.isfinite(v)]
    return {"mean": statistics.fmean(xs) if xs else None, "std": statistics.stdev(xs) if len(xs) > 1 else None,
            "n": len(xs)}


def summarize(draws: list[dict]) -> dict:
    out = {}
    for name, _ in METRICS:
        zero = [d["zero_shot"][name] for d in draws]
        few = [d["few_shot"][name] for d in draws]
        gain = [None if z is None or f is None else f - z for z, f in zip(zero, few)]
        out[name] = {"zero_shot": mean_std(zero), "few_shot": mean_std(few), "gain": mean_std(gain)}
    return out


def _f(v) -> str:
    return f"{'-':>6}" if v is None else f"{v:6.3f}"


def _cells(zero, few, gain) -> str:
    return f" | {_f(zero)} {_f(few)} {_f(gain)}"


def table(draws: list[dict], summary: dict) -> str:
    """Per draw and mean / std over the draws: the SHOWN metrics zero-shot, few-shot and gain."""
    top = " " * 16 + "".join(f" | {m:^20}" for m in SHOWN) + " |"
    head = "draw train eval " + " |   zero    few   gain" * len(SHOWN) + " | fine-tune s"
    rows = [top, head, "-" * len(head)]
    for d in draws:
        cells = ""
        for m in SHOWN:
            z, f = d["zero_shot"][m], d["few_shot"][m]
            cells += _cells(z, f, None if z is None or f is None else f - z)
        rows.append(f"{d['draw']:>4} {len(d['train_keys']):>5} {len(d['eval_keys']):>4} {cells} | "
                    f"{d['finetune_s']:>11.0f}")
    for stat in ("mean", "std"):
        cells = "".join(_cells(*(summary[m][k][stat] for k in ("zero_shot", "few_shot", "gain"))) for m in SHOWN)
        rows.append(f"{stat:<16}{cells} |")
    return "\n".join(rows)


def prepare_work(work: Path) -> None:
    """WORK new, empty or ours (marked): an earlier run's draw-* directories are removed (we wrote them)."""
    if check_dir(work, "fewshot", MARKER):
        for d in work.iterdir():
            if DRAW_DIR.fullmatch(d.name) and d.is_dir() and not d.is_symlink():
                remove_tree(d)
    work.mkdir(parents=True, exist_ok=True)
    write_atomic(work / MARKER, json.dumps({"generator": marker("fewshot")}) + "\n")


def finite(x):
    """NaN -> None, recursively: the JSON stays strict."""
    if isinstance(x, dict):
        return {k: finite(v) for k, v in x.items()}
    if isinstance(x, list):
        return [finite(v) for v in x]
    return None if isinstance(x, float) and not math.isfinite(x) else x


def run(args: argparse.Namespace) -> dict:
    ckpt, data, work = args.checkpoint.resolve(), args.data.resolve(), args.work.resolve()
    if not (ckpt.is_file() or (ckpt / "model.safetensors").is_file()):
        raise ConfigError(f"--checkpoint {ckpt}: no detector there; give a model.safetensors of `factory finetune`")
    site = screens(data)
    plans = [split(len(site), args.train_screens, args.seed, d) for d in range(args.draws)]
    prepare_work(work)
    marked = evaluation_only(list({s.part.root: s.part for s in site}.values()))
    print(f"{data}: {len(site)} screens; {args.draws} draws of {args.train_screens} training screens"
          f"{' (an evaluation-only set: --allow-evaluation-only)' if marked else ''}", flush=True)
    draws = []
    for d, (train, held) in enumerate(plans):
        base = work / f"draw-{d}"
        write_subset([site[i] for i in train], base / "train")
        write_subset([site[i] for i in held], base / "eval")
        draws.append({"draw": d, "seed": [args.seed, d], "train_keys": [site[i].sample.key for i in train],
                      "eval_keys": [site[i].sample.key for i in held]})
    splits = [a for d in range(args.draws) for a in ("--split", f"draw-{d}", str(work / f"draw-{d}" / "eval"))]
    t0 = time.perf_counter()
    factory("evaluate", str(ckpt), *splits, "--out", str(work / "zero-shot.json"), log=work / "zero-shot.log")
    zero = json.loads((work / "zero-shot.json").read_text())["splits"]
    print(f"zero-shot evaluation of {args.draws} draws: {time.perf_counter() - t0:.0f} s", flush=True)
    for d, rec in enumerate(draws):
        base = work / f"draw-{d}"
        tune = ["finetune", str(base / "train"), "--init", str(ckpt), "--out", str(base / "finetune"), "--no-resume",
                "--steps", str(args.steps), "--batch-size", str(args.batch_size), "--lr", str(args.lr),
                "--warmup", str(args.warmup), "--seed", str(args.seed + d), "--ckpt-every", str(args.steps),
                "--log-every", str(max(1, args.steps // 10)), *(["--allow-evaluation-only"] if marked else []),
                *shlex.split(args.finetune_args)]
        t0 = time.perf_counter()
        factory(*tune, log=base / "finetune.log")
        rec["finetune_s"] = time.perf_counter() - t0
        factory("evaluate", str(base / "finetune" / "model.safetensors"), "--split", f"draw-{d}", str(base / "eval"),
                "--out", str(base / "few-shot.json"), log=base / "few-shot.log")
        few = json.loads((base / "few-shot.json").read_text())["splits"][f"draw-{d}"]
        rec["zero_shot"], rec["few_shot"] = metrics_of(zero[f"draw-{d}"]), metrics_of(few)
        rec["finetune_command"] = shlex.join(["factory", *tune])
        print(f"draw {d}: fine-tuned in {rec['finetune_s']:.0f} s; mAP50 {_f(rec['zero_shot']['mAP50'])} -> "
              f"{_f(rec['few_shot']['mAP50'])}, interactable AP50 {_f(rec['zero_shot']['interactable_AP50'])} -> "
              f"{_f(rec['few_shot']['interactable_AP50'])}", flush=True)
    summary = summarize(draws)
    settings = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}
    result = {"generator": marker("fewshot"), "checkpoint": str(ckpt), "data": str(data), "screens": len(site),
              "evaluation_only": marked, "settings": settings, "draws": draws, "summary": summary}
    out = args.out or work / "fewshot.json"
    write_owned(out, json.dumps(finite(result), indent=1) + "\n", "fewshot")  # (never over a file not ours)
    print(table(draws, summary))
    print(f"results: {out}")
    return result


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--checkpoint", type=Path, required=True, help="detector: model.safetensors of `factory finetune`")
    ap.add_argument("--data", type=Path, required=True, help="one site's dataset, e.g. datasets/real/SITE")
    ap.add_argument("--work", type=Path, required=True, help="directory for the subsets, runs and results")
    ap.add_argument("--out", type=Path, default=None, help="results JSON [default: WORK/fewshot.json]")
    ap.add_argument("--draws", type=int, default=5)
    ap.add_argument("--train-screens", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0, help="draw d uses numpy.random.default_rng([seed, d])")
    ap.add_argument("--steps", type=int, default=120)
    ap.add_argument("--batch-size", type=int, default=4)
    ap.add_argument("--lr", type=float, default=1e-4, help="peak learning rate of the fine-tuning")
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--finetune-args", default="", help="more `factory finetune` options, e.g. '--no-augment'")
    args = ap.parse_args(argv)
    for name in ("draws", "train_screens", "steps", "batch_size"):
        if getattr(args, name) < 1:
            ap.error(f"--{name.replace('_', '-')} must be >= 1")
    if args.seed < 0 or args.warmup < 0 or not 0 < args.lr <= 1:
        ap.error("--seed and --warmup must be >= 0, --lr in (0, 1]")
    if args.out is not None and args.out.resolve().is_relative_to(args.data.resolve()):
        ap.error("--out must not lie inside --data (the source dataset is only read)")
    if args.work.resolve().is_relative_to(args.data.resolve()):
        ap.error("--work must not lie inside --data (the source dataset is only read)")
    try:
        return run(args)
    except (ConfigError, DataError) as e:
        raise SystemExit(f"Error: {e}") from None


if __name__ == "__main__":
    os.environ.setdefault("COLUMNS", "120")
    main()
