"""Trainer commands: pretrain, finetune, evaluate, predict (registered on the `factory` group).

torch, timm and friends load inside the commands, so `factory --help` never imports them. Every command
runs under torchrun as well (`torchrun --nproc_per_node 2 -m factory pretrain ...`).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from factory.cli import Count, _fail, main
from factory.config import ConfigError

DATA = click.argument("data", nargs=-1, required=True)


def run_options(f):
    """Options shared by pretrain and finetune; unset ones keep the config's defaults."""
    opts = [
        click.option("--out", type=click.Path(path_type=Path), required=True, help="Run directory."),
        click.option("--root", type=click.Path(path_type=Path), default=None,
                     help="Directory that relative DATA paths are under (e.g. datasets/v1/parts)."),
        click.option("--encoder", default=None, help="timm ViT architecture [default: vit_tiny_patch16_224]."),
        click.option("--width", type=Count(), default=None, help="Letterbox canvas width [default: 512]."),
        click.option("--height", type=Count(), default=None, help="Letterbox canvas height [default: 320]."),
        click.option("--steps", type=Count(), default=None, help="Optimizer steps."),
        click.option("--batch-size", type=Count(), default=None, help="Images per rank and micro-batch."),
        click.option("--accum", type=Count(), default=None, help="Micro-batches per optimizer step."),
        click.option("--lr", type=float, default=None, help="Peak learning rate [default: base_lr * batch / 256]."),
        click.option("--base-lr", type=float, default=None, help="Learning rate per 256 images."),
        click.option("--warmup", type=Count(), default=None, help="Warm-up steps."),
        click.option("--weight-decay", type=float, default=None),
        click.option("--workers", type=Count(), default=None, help="Decoding processes per rank [default: 1]."),
        click.option("--threads", type=Count(), default=None, help="torch threads per rank [default: cores/ranks]."),
        click.option("--seed", type=Count(), default=None),
        click.option("--augment/--no-augment", default=None, help="Albumentations augmentation [default: on]."),
        click.option("--log-every", type=Count(), default=None),
        click.option("--ckpt-every", type=Count(), default=None),
        click.option("--resume/--no-resume", default=True, show_default=True,
                     help="Continue from OUT's last checkpoint (same loss curve as an uninterrupted run)."),
        click.option("--stop-after", type=Count(), default=None,
                     help="Checkpoint and stop after this step (as if killed); --resume continues."),
    ]
    for o in reversed(opts):
        f = o(f)
    return f


RUN_KEYS = ("encoder", "width", "height", "steps", "batch_size", "accum", "lr", "base_lr", "warmup", "weight_decay",
            "workers", "threads", "seed", "augment", "log_every", "ckpt_every")


def _writable(directory: Path) -> None:
    """Create `directory` or fail with one message (before any heavy import or training starts)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=directory):  # a unique name: DDP ranks probe the same directory at once
            pass
    except OSError as e:
        raise ConfigError(f"cannot write to {directory}: {e.strerror or e}") from None


def _sources(data: tuple[str, ...], root: Path | None) -> list[str]:
    """DATA specs with relative paths placed under --root (the weight suffix kept)."""
    if root is None:
        return list(data)
    return [spec if Path(spec).is_absolute() else str(root / spec) for spec in data]


def _config(cls, kw: dict, extra: dict):
    values = {k: kw[k] for k in RUN_KEYS if kw.get(k) is not None}
    values.update({k: v for k, v in extra.items() if v is not None})
    return cls.from_dict(values)


@main.command()
@DATA
@run_options
@click.option("--mask-ratio", type=float, default=None, help="Share of patches hidden [default: 0.75].")
@click.option("--decoder-dim", type=Count(), default=None, help="MAE decoder width [default: 128].")
@click.option("--decoder-depth", type=Count(), default=None, help="MAE decoder blocks [default: 1].")
@click.option("--decoder-heads", type=Count(), default=None, help="MAE decoder heads [default: 4].")
@click.option("--recon-every", type=Count(), default=None, help="Steps between reconstruction grids.")
@click.option("--val", "val", multiple=True, help="Dataset whose first samples are reconstructed [default: DATA's].")
def pretrain(data, **kw) -> None:
    """MAE-pretrain a timm ViT on DATA (dataset dirs, each PATH or PATH=WEIGHT for mixing).

    Writes OUT/encoder.safetensors (timm names: timm.create_model(name, checkpoint_path=..., img_size=(H, W),
    num_classes=0)), checkpoints, metrics.csv, TensorBoard logs and reconstruction grids in OUT/recon/."""
    from trainer.config import PretrainConfig

    try:
        _writable(kw["out"])
        cfg = _config(PretrainConfig, kw, {"mask_ratio": kw["mask_ratio"], "decoder_dim": kw["decoder_dim"],
                                           "decoder_depth": kw["decoder_depth"], "decoder_heads": kw["decoder_heads"],
                                           "recon_every": kw["recon_every"]})
        from trainer import pretrain as run

        summary = run.main(cfg, _sources(data, kw["root"]), kw["out"], resume=kw["resume"], stop_after=kw["stop_after"],
                           val=list(kw["val"]) or None)
    except ConfigError as e:
        _fail(str(e))
    _report(summary)


@main.command()
@DATA
@run_options
@click.option("--encoder-checkpoint", type=click.Path(path_type=Path), default=None,
              help="Pretrained encoder (OUT/encoder.safetensors of `factory pretrain`) [default: from scratch].")
@click.option("--taxonomy", default=None, help="canonical | rico | clay | vins | interactable [default: canonical].")
def finetune(data, **kw) -> None:
    """Train the ViT + simple-feature-pyramid FCOS detector on DATA (PATH or PATH=WEIGHT each).

    Writes OUT/model.safetensors (for `factory evaluate` and `factory predict`), checkpoints, metrics.csv, tb/."""
    from trainer.config import FinetuneConfig

    try:
        _writable(kw["out"])
        ckpt = kw["encoder_checkpoint"]
        cfg = _config(FinetuneConfig, kw, {"taxonomy": kw["taxonomy"], "encoder_checkpoint": str(ckpt) if ckpt else None})
        from trainer import finetune as run

        summary = run.main(cfg, _sources(data, kw["root"]), kw["out"], resume=kw["resume"], stop_after=kw["stop_after"])
    except ConfigError as e:
        _fail(str(e))
    _report(summary)


@main.command()
@click.argument("checkpoint", type=click.Path(path_type=Path))
@click.option("--split", "splits", type=(str, str), multiple=True, required=True,
              help="NAME DATASET, repeatable: e.g. --split val datasets/v1/val --split heldout_style DIR. DATASET may "
                   "be a quoted glob ('datasets/v1/val/desktop-*'); a NAME given twice joins its datasets.")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="metrics.json to write.")
@click.option("--batch-size", type=Count(), default=8, show_default=True)
@click.option("--workers", type=Count(), default=1, show_default=True)
def evaluate(checkpoint, splits, out, batch_size, workers) -> None:
    """COCO mAP@[.5:.95], mAP50, per-class AP and recall (maxDets 1, 10, 300) of CHECKPOINT on each split."""
    try:
        _writable(out.parent)
        from trainer.distributed import setup
        from trainer.evaluate import evaluate as run
        from trainer.finetune import load

        d = setup()
        model, cfg, names = load(checkpoint, d.device)
        resolved = _split_tars(splits)
        result = {"checkpoint": str(checkpoint), "taxonomy": cfg.taxonomy, "classes": names, "splits": {}}
        for name, tars in resolved.items():
            m = run(model, cfg, names, tars, batch_size=max(1, batch_size), workers=workers, device=d.device)
            result["splits"][name] = m
            click.echo(f"{name}: mAP {m['mAP']:.4f}  mAP50 {m['mAP50']:.4f}  AR@300 {m['AR300']:.4f}  "
                       f"({m['images']} images, {m['instances']} boxes)")
    except ConfigError as e:
        _fail(str(e))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(_finite(result), indent=1) + "\n")
    click.echo(f"metrics: {out}")


def _split_tars(splits: tuple[tuple[str, str], ...]) -> dict[str, list[str]]:
    """Evaluation split name -> shard files, in the order given; globs expand to every matching dataset, a
    name given twice joins its datasets, and a pattern that matches nothing is an error (never an empty split)."""
    import glob

    from trainer.sources import resolve

    out: dict[str, list[str]] = {}
    for name, path in splits:
        paths = sorted(p for p in glob.glob(path) if Path(p).is_dir()) if glob.has_magic(path) else [path]
        if not paths:
            raise ConfigError(f"--split {name} {path}: the pattern matches no dataset directory; check the path "
                              f"(e.g. datasets/v1/val/desktop-*) and render the split first")
        out.setdefault(name, []).extend(t for s in resolve(paths) for t in s.tars)
    return out


@main.command()
@click.option("--checkpoint", type=click.Path(path_type=Path), required=True,
              help="model.safetensors of `factory finetune` (or its --out directory).")
@click.option("--images", "images", multiple=True, required=True, type=click.Path(path_type=Path),
              help="Image files or directories; several may follow one --images.")
@click.argument("more", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), required=True, help="COCO results JSON to write.")
@click.option("--overlay", type=click.Path(path_type=Path), default=None, help="Directory for images with boxes drawn.")
@click.option("--score", type=float, default=0.3, show_default=True, help="Keep detections scoring at least this.")
@click.option("--device", default=None, help="cpu | cuda [default: cuda when present].")
def predict(checkpoint, images, more, out, overlay, score, device) -> None:
    """Detect UI elements in screenshots of any size; boxes are in each input image's own pixels."""
    try:
        _writable(out.parent)
        if overlay:
            _writable(overlay)
        from trainer.predict import predict as run

        summary = run(checkpoint, [*images, *more], out, overlay, score, device)
    except ConfigError as e:
        _fail(str(e))
    click.echo(f"{summary['images']} images, {summary['detections']} detections -> {out}  "
               f"({summary['ms_per_image']:.0f} ms/image on {summary['device']})")


def _finite(x):
    """NaN (a class with no ground truth in a split) -> null: metrics.json stays strict JSON."""
    if isinstance(x, dict):
        return {k: _finite(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_finite(v) for v in x]
    return None if isinstance(x, float) and x != x else x


def _report(summary: dict) -> None:
    if summary:
        click.echo(json.dumps(summary, indent=1, default=str))
