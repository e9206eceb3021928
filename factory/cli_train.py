"""Trainer commands: pretrain, finetune, evaluate, predict (registered on the `factory` group).

torch, timm and friends load inside the commands, so `factory --help` never imports them. Every command
runs under torchrun as well (`torchrun --nproc_per_node 2 -m factory pretrain ...`).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from factory.cli import main
from factory.cli_types import Count, Number
from factory.core.errors import ConfigError
from factory.outputs import made_dirs, write_atomic
from factory.ownership import check_writable
from trainer.config import FREEZES, PRECISIONS

DATA = click.argument("data", nargs=-1, required=True)

# Ranges of the numeric options: anything outside is refused by click (exit 2) before any work starts.
MANY = 10**9  # steps, intervals: far past any run, far below what overflows a counter
SIDE = Count(16, 8192)  # canvas side, pixels (multiples of the patch size / coarsest stride, checked by the config)
BATCH = Count(1, 65536)
WORKERS = Count(0, 256)
SEED = Count(0, 2**32 - 1)  # seeds are mixed as 32-bit words (trainer.data.derive_seed)
LR = Number(0, 1)  # 0: scaled from --base-lr


def run_options(f):
    """Options shared by pretrain and finetune; unset ones keep the config's defaults."""
    opts = [
        click.option("--out", type=click.Path(path_type=Path), required=True, help="Run directory."),
        click.option("--root", type=click.Path(path_type=Path), default=None,
                     help="Directory that relative DATA paths are under (e.g. datasets/v1/parts)."),
        click.option("--encoder", default=None, help="timm ViT architecture [default: vit_tiny_patch16_224]."),
        click.option("--width", type=SIDE, default=None, help="Letterbox canvas width [default: 512]."),
        click.option("--height", type=SIDE, default=None, help="Letterbox canvas height [default: 320]."),
        click.option("--steps", type=Count(1, MANY), default=None, help="Optimizer steps."),
        click.option("--batch-size", type=BATCH, default=None, help="Images per rank and micro-batch."),
        click.option("--accum", type=Count(1, 4096), default=None, help="Micro-batches per optimizer step."),
        click.option("--lr", type=LR, default=None, help="Peak learning rate, 0..1 [default: base_lr * batch / 256]."),
        click.option("--base-lr", type=Number(0, 1, low_open=True), default=None, help="Learning rate per 256 images."),
        click.option("--warmup", type=Count(0, MANY), default=None, help="Warm-up steps."),
        click.option("--weight-decay", type=Number(0, 1), default=None, help="AdamW weight decay, 0..1."),
        click.option("--workers", type=WORKERS, default=None, help="Decoding processes per rank [default: 1]."),
        click.option("--threads", type=Count(0, 1024), default=None,
                     help="torch threads per rank [default: cores/ranks]."),
        click.option("--seed", type=SEED, default=None),
        click.option("--augment/--no-augment", default=None, help="Albumentations augmentation [default: on]."),
        click.option("--precision", type=click.Choice(PRECISIONS), default=None,
                     help="Autocast: auto is bf16 on CUDA and fp32 on a CPU; bf16 on a CPU with AVX512-BF16 or AMX "
                          "makes a step ~1.3x faster [default: auto]."),
        click.option("--log-every", type=Count(1, MANY), default=None),
        click.option("--ckpt-every", type=Count(1, MANY), default=None),
        click.option("--resume/--no-resume", default=True, show_default=True,
                     help="Continue from OUT's last checkpoint (same loss curve as an uninterrupted run)."),
        click.option("--stop-after", type=Count(1, MANY), default=None,
                     help="Checkpoint and stop after this step (as if killed); --resume continues."),
        click.option("--allow-evaluation-only", is_flag=True,
                     help="Train on DATA even if it is marked evaluation-only (the real-world development set of "
                          "`factory realset`), e.g. few-shot on a few of its screens; refused without it."),
    ]
    for o in reversed(opts):
        f = o(f)
    return f


# finetune options that default to the --init detector's own values (its architecture, canvas and classes).
INIT_OPTIONS = ("model", "encoder", "width", "height", "taxonomy", "pyramid_channels")
RUN_KEYS = ("encoder", "width", "height", "steps", "batch_size", "accum", "lr", "base_lr", "warmup", "weight_decay",
            "workers", "threads", "seed", "augment", "precision", "log_every", "ckpt_every")


def _writable(directory: Path, flag: str = "--out") -> None:
    """Create `directory` or fail with one message (before any heavy import or training starts)."""
    check_writable(directory, flag)  # a unique probe name: DDP ranks probe the same directory at once
    try:
        directory.mkdir(parents=True, exist_ok=True)  # (not prepare_dir: the ranks create it at the same time)
    except OSError as e:
        raise ConfigError(f"cannot write to {flag} {directory}: {e.strerror or e}; "
                          f"choose a writable directory") from None


def _writable_file(path: Path, example: str) -> None:
    """`path` can be written as a file: not a directory, and its directory is writable (checked before work)."""
    if path.is_dir():
        raise ConfigError(f"--out {path} is a directory; give a file name, e.g. {path / example}")
    _writable(path.parent)


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
@click.option("--model", type=click.Choice(["vit", "convnextv2_atto", "convnextv2_femto"]), default=None,
              help="vit: MAE on --encoder; a ConvNeXt V2: FCMAE (masked 32x32-pixel units, sides multiples of 32, "
                   "e.g. --width 640 --height 384), the backbone of `factory finetune --model` [default: vit].")
@click.option("--mask-ratio", type=Number(0, 1, low_open=True), default=None,
              help="Share of patches hidden, in (0, 1) [default: 0.75 for vit, 0.6 for a convnet].")
@click.option("--decoder-dim", type=Count(8, 4096), default=None, help="Decoder width [default: 128].")
@click.option("--decoder-depth", type=Count(1, 64), default=None, help="Decoder blocks [default: 1].")
@click.option("--decoder-heads", type=Count(1, 64), default=None, help="MAE decoder heads, vit only [default: 4].")
@click.option("--recon-every", type=Count(1, MANY), default=None, help="Steps between reconstruction grids.")
@click.option("--val", "val", multiple=True, help="Dataset whose first samples are reconstructed [default: DATA's].")
def pretrain(data, **kw) -> None:
    """MAE-pretrain a timm ViT (or, with --model convnextv2_*, FCMAE-pretrain a ConvNeXt V2) on DATA (dataset
    dirs, each PATH or PATH=WEIGHT for mixing).

    Writes OUT/encoder.safetensors (timm names: timm.create_model(name, checkpoint_path=..., img_size=(H, W),
    num_classes=0); `factory finetune --encoder-checkpoint` loads it), checkpoints, metrics.csv, TensorBoard logs
    and reconstruction grids in OUT/recon/."""
    from trainer.config import PretrainConfig

    # (ConfigError and DataError, such as a source with no good sample, become one message and exit 2 in
    # factory.cli_types.FactoryGroup.)
    cfg = _config(PretrainConfig, kw, {"model": kw["model"], "mask_ratio": kw["mask_ratio"],
                                       "decoder_dim": kw["decoder_dim"], "decoder_depth": kw["decoder_depth"],
                                       "decoder_heads": kw["decoder_heads"], "recon_every": kw["recon_every"]})
    with made_dirs(kw["out"]):  # a run that fails before writing anything leaves no empty OUT behind
        _writable(kw["out"])
        from trainer import pretrain as run

        _report(run.main(cfg, _sources(data, kw["root"]), kw["out"], resume=kw["resume"], stop_after=kw["stop_after"],
                         val=list(kw["val"]) or None, allow_evaluation_only=kw["allow_evaluation_only"]))


@main.command()
@DATA
@run_options
@click.option("--encoder-checkpoint", type=click.Path(path_type=Path), default=None,
              help="Pretrained encoder (OUT/encoder.safetensors of `factory pretrain`) [default: from scratch].")
@click.option("--taxonomy", default=None, help="canonical | rico | clay | vins | interactable [default: canonical].")
@click.option("--model", type=click.Choice(["vit", "convnextv2_atto", "convnextv2_femto"]), default=None,
              help="Detector backbone: vit (--encoder + simple feature pyramid, strides 8-64) or a ConvNeXt V2 + "
                   "FPN (strides 4-64; e.g. --width 640 --height 384; from scratch, or --encoder-checkpoint with "
                   "that timm model's weights) [default: vit].")
@click.option("--assigner", type=click.Choice(["fcos", "atss", "atss_along"]), default=None,
              help="Target assignment: fcos (torchvision's rule), atss (all levels, cell-centre points) or "
                   "atss_along (atss, and upright thin boxes such as scrollbars learn all along their length) "
                   "[default: fcos].")
@click.option("--box-regression", type=click.Choice(["linear", "scaled"]), default=None,
              help="Box distances: linear (torchvision's) or scaled (times a learnt exponential scale, so long "
                   "boxes such as scrollbars are reachable; a linear --init detector can start it) "
                   "[default: linear].")
@click.option("--pyramid-channels", type=Count(32, 1024), default=None,
              help="Channels of the feature pyramid and the FCOS head, a multiple of 32 (64 makes the convnet "
                   "arm cost about what the ViT does per step) [default: 128].")
@click.option("--ema-decay", type=Number(0, 1), default=None,
              help="Keep an EMA of the weights with this decay, in [0, 1) (e.g. 0.999); model.safetensors holds "
                   "it [default: 0, off].")
@click.option("--init", type=click.Path(path_type=Path), default=None,
              help="Start from this fine-tuned detector's full weights (model.safetensors of `factory finetune`, or "
                   "its --out), e.g. few-shot adaptation; --model, --encoder, --width, --height, --taxonomy and "
                   "--pyramid-channels default to its own, and must match it if given. Not with "
                   "--encoder-checkpoint [default: a fresh detector].")
@click.option("--freeze", type=click.Choice(FREEZES), default=None,
              help="body: the backbone's body (the convnet, or the ViT encoder) keeps its weights and only the "
                   "pyramid and head learn, a gentler adaptation of an --init detector to a few screens; needs "
                   "--init or --encoder-checkpoint [default: none].")
def finetune(data, **kw) -> None:
    """Train the FCOS detector (--model: ViT + simple feature pyramid, or ConvNeXt V2 + FPN) on DATA (PATH or
    PATH=WEIGHT each).

    Writes OUT/model.safetensors (for `factory evaluate` and `factory predict`), checkpoints, metrics.csv, tb/."""
    from trainer.config import FinetuneConfig

    ckpt = kw["encoder_checkpoint"]
    extra = {"taxonomy": kw["taxonomy"], "encoder_checkpoint": str(ckpt) if ckpt else None,
             "assigner": kw["assigner"], "box_regression": kw["box_regression"], "ema_decay": kw["ema_decay"],
             "model": kw["model"], "freeze": kw["freeze"],
             "pyramid_channels": kw["pyramid_channels"], "init": str(kw["init"]) if kw["init"] else None}
    if kw["init"]:  # options not given take the --init detector's values (trainer.finetune checks the rest)
        from trainer.finetune import init_settings

        inherited = init_settings(kw["init"])
        extra.update({k: inherited[k] for k in INIT_OPTIONS if kw.get(k) is None and extra.get(k) is None})
    cfg = _config(FinetuneConfig, kw, extra)
    with made_dirs(kw["out"]):  # a run that fails before writing anything leaves no empty OUT behind
        _writable(kw["out"])
        from trainer import finetune as run

        _report(run.main(cfg, _sources(data, kw["root"]), kw["out"], resume=kw["resume"],
                         stop_after=kw["stop_after"], allow_evaluation_only=kw["allow_evaluation_only"]))


@main.command()
@click.argument("checkpoint", type=click.Path(path_type=Path))
@click.option("--split", "splits", type=(str, str), multiple=True, required=True,
              help="NAME DATASET, repeatable: e.g. --split val datasets/v1/val --split heldout_style DIR. DATASET may "
                   "be a quoted glob ('datasets/v1/val/desktop-*'); a NAME given twice joins its datasets.")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="metrics.json to write.")
@click.option("--batch-size", type=BATCH, default=8, show_default=True)
@click.option("--workers", type=WORKERS, default=1, show_default=True)
@click.option("--precision", type=click.Choice(PRECISIONS), default="fp32", show_default=True,
              help="fp32: the reference, what the model card reports; auto: what `factory predict` runs in (bf16 "
                   "where the device computes it in hardware).")
def evaluate(checkpoint, splits, out, batch_size, workers, precision) -> None:
    """COCO mAP@[.5:.95], mAP50, per-class AP and recall (maxDets 1, 10, 300) of CHECKPOINT on each split, and a
    class-agnostic "interactable" AP50/AP (the interactable classes as one; trainer.evaluate says how)."""
    _writable_file(out, "metrics.json")
    resolved = _split_tars(splits)
    from trainer.distributed import setup
    from trainer.evaluate import evaluate as run
    from trainer.evaluate import interactable_labels
    from trainer.finetune import load

    d = setup()
    model, cfg, names = load(checkpoint, d.device)
    result = {"checkpoint": str(checkpoint), "taxonomy": cfg.taxonomy, "classes": names,
              "interactable_classes": [names[i] for i in interactable_labels(cfg.taxonomy, names)], "splits": {}}
    for name, tars in resolved.items():
        m = run(model, cfg, names, tars, batch_size=batch_size, workers=workers, device=d.device,
                name=f"split {name}", precision=precision)
        result["splits"][name] = m
        ia = m["interactable"]
        click.echo(f"{name}: mAP {m['mAP']:.4f}  mAP50 {m['mAP50']:.4f} (over the {len(m['per_class'])} classes "
                   f"present)  AR@300 {m['AR300']:.4f}  interactable AP50 {ia['AP50']:.4f} AP {ia['AP']:.4f}  "
                   f"({m['images']} images, {m['instances']} boxes, {ia['instances']} interactable)")
    write_atomic(out, json.dumps(_finite(result), indent=1) + "\n")  # an interrupted run leaves the old metrics
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
        out.setdefault(name, []).extend(t for s in resolve(paths, allow_evaluation_only=True) for t in s.tars)
    return out


@main.command()
@click.option("--checkpoint", type=click.Path(path_type=Path), default=None,
              help="model.safetensors of `factory finetune` (or its --out directory) [default: the detector "
                   "shipped in models/gui-detector].")
@click.option("--images", "images", multiple=True, required=True, type=click.Path(path_type=Path),
              help="Image files or directories; several may follow one --images.")
@click.argument("more", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), required=True, help="COCO results JSON to write.")
@click.option("--overlay", type=click.Path(path_type=Path), default=None, help="Directory for images with boxes drawn.")
@click.option("--score", type=Number(0, 1), default=0.3, show_default=True,
              help="Keep detections scoring at least this (0..1).")
@click.option("--device", default=None, help="cpu | cuda | cuda:N [default: cuda when present].")
@click.option("--precision", type=click.Choice(PRECISIONS), default="auto", show_default=True,
              help="auto: bf16 where the device computes it in hardware (CUDA; a CPU with AVX512-BF16 or AMX), "
                   "else fp32.")
def predict(checkpoint, images, more, out, overlay, score, device, precision) -> None:
    """Detect UI elements in screenshots of any size; boxes are in each input image's own pixels.

    Any PNG, JPEG or WebP of up to 40M pixels, whatever its shape. An empty, unreadable or larger file
    stops the run before the model loads, with its name. Overlays are named after their input (shot.png; a
    second shot.png from another folder becomes shot-2.png), listed in OVERLAY/overlays.json; a directory
    holding other files is refused, so overlays never replace a file predict did not write."""
    _writable_file(out, "predictions.json")
    if overlay:
        _writable(overlay, "--overlay")
    from trainer.predict import predict as run
    from trainer.ship import default_checkpoint

    summary = run(checkpoint or default_checkpoint(), [*images, *more], out, overlay, score, device, precision)
    click.echo(f"{summary['images']} images, {summary['detections']} detections -> {out}  "
               f"({summary['ms_per_image']:.0f} ms/image on {summary['device']}, {summary['precision']})")


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
