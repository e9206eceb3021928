"""COCO evaluation of a fine-tuned detector (faster-coco-eval, same numbers as pycocotools, faster).

Boxes are compared in each input image's own pixels: predictions are mapped back through the letterbox,
ground truth is the shard's JSON (classes mapped by the model's taxonomy, ignored classes left out).
Screens are dense, so detections are capped at 300 per image and maxDets is [1, 10, 300]
(COCO's default cap of 100 silently lowers AP).

Beside the per-class numbers each split gets:
- `mAP50_present`: mean AP50 over the classes with ground truth in the split, computed from `per_class`.
  COCO already leaves a class without ground truth out of its means (its precision stays -1, and its
  detections are matched against nothing else: evaluation is per class), so it equals `mAP50`; it is
  written out so that a report on a set with few classes (real pages) says what it averages.
- `interactable`: a class-agnostic AP/AP50 of "is there an interactable element here". Ground truth: the
  boxes of the model's interactable classes (`interactable_labels`), all as one class. Detections: the
  model's detections of those classes, as one class, scores kept, after a class-agnostic NMS at the
  model's own IoU threshold (cfg.nms_thresh), in image pixels (boxes clipped to the image, as scored), and
  the same cap of 300 per image. Why NMS: the model's NMS is per class, so one button found as both
  `button` and `link` would be one hit and one false positive once classes are merged; a class-agnostic
  detector would have kept one box. A detection of a non-interactable class never counts, a detection of
  the wrong interactable class does. Also written: AP75, AR300, recall50, instances, detections.
"""

from __future__ import annotations

import numpy as np
import torch
from torchvision.ops import nms

from trainer import data
from trainer.distributed import autocast, resolve_precision
from trainer.faults import NoGoodSamples
from trainer.letterbox import Letterbox
from factory.core.taxonomy import CLASSES, INTERACTABLE as CANONICAL_INTERACTABLE, mapping

MAX_DETS = [1, 10, 300]
INTERACTABLE = "interactable"


def coco_metrics(images: list[dict], annotations: list[dict], detections: list[dict], names: list[str]) -> dict:
    """mAP@[.5:.95], mAP50, mAP75, AR@300 and per-class AP / AP50 / recall from COCO-format lists
    (category ids are 1-based indices into `names`)."""
    from faster_coco_eval import COCO, COCOeval_faster

    gt = COCO({"images": images, "annotations": annotations,
               "categories": [{"id": i + 1, "name": n} for i, n in enumerate(names)]})
    dt = gt.loadRes(detections)
    ev = COCOeval_faster(gt, dt, "bbox", print_function=lambda *a, **k: None)
    ev.params.maxDets = MAX_DETS
    ev.evaluate()
    ev.accumulate()
    ev.summarize()
    precision = ev.eval["precision"]  # (T iou, R recall, K class, A area, M maxDets)
    recall = ev.eval["recall"]  # (T, K, A, M)

    def mean(x: np.ndarray) -> float:
        x = x[x > -1]
        return float(x.mean()) if x.size else float("nan")

    counts = np.bincount([a["category_id"] - 1 for a in annotations], minlength=len(names))
    per_class = {}
    for k, name in enumerate(names):
        if counts[k] == 0:
            continue
        per_class[name] = {"AP": mean(precision[:, :, k, 0, -1]), "AP50": mean(precision[0, :, k, 0, -1]),
                           "recall": mean(recall[:, k, 0, -1]), "recall50": mean(recall[0, k, 0, -1]),
                           "instances": int(counts[k])}
    return {"mAP": mean(precision[:, :, :, 0, -1]), "mAP50": mean(precision[0, :, :, 0, -1]),
            "mAP75": mean(precision[5, :, :, 0, -1]), "AR300": mean(recall[:, :, 0, -1]),
            "mAP_small": mean(precision[:, :, :, 1, -1]), "mAP_medium": mean(precision[:, :, :, 2, -1]),
            "mAP_large": mean(precision[:, :, :, 3, -1]), "max_dets": MAX_DETS,
            "images": len(images), "instances": len(annotations), "detections": len(detections),
            "per_class": per_class, "mAP50_present": mean_present(per_class, "AP50")}


def mean_present(per_class: dict, key: str) -> float:
    """Mean of `key` over the classes in `per_class` (those with ground truth), NaN values left out."""
    values = [c[key] for c in per_class.values() if c[key] == c[key]]
    return float(np.mean(values)) if values else float("nan")


def interactable_labels(taxonomy: str, names: list[str]) -> list[int]:
    """Model class indices that count as interactable: those whose every canonical source class is in
    factory.core.taxonomy.INTERACTABLE. Canonical taxonomy: exactly INTERACTABLE; "interactable": its one class;
    rico/clay/vins: a class that merges interactable and static classes (their Icon = icon_button + icon) is
    left out of both ground truth and detections, so the two always cover the same classes."""
    table = mapping(taxonomy)
    labels = []
    for i, name in enumerate(names):
        sources = [c for c in CLASSES if table[c] == name]
        if sources and all(c in CANONICAL_INTERACTABLE for c in sources):
            labels.append(i)
    return labels


def interactable_metrics(images: list[dict], annotations: list[dict], detections: list[dict], labels: list[int],
                         nms_iou: float, max_dets: int = MAX_DETS[-1]) -> dict:
    """Class-agnostic AP, AP50, AP75, AR@300 and recall50 of the classes `labels` (0-based) merged into one,
    from coco_metrics' inputs; detections go through a class-agnostic NMS at `nms_iou`, best `max_dets` kept
    per image. NaN (null in metrics.json) where the split has no interactable box."""
    ids = {k + 1 for k in labels}
    gt = [{**a, "category_id": 1} for a in annotations if a["category_id"] in ids]
    per_image: dict[int, list[dict]] = {}
    for d in detections:
        if d["category_id"] in ids:
            per_image.setdefault(d["image_id"], []).append(d)
    merged = []
    for image_id, dets in per_image.items():
        xywh = torch.tensor([d["bbox"] for d in dets], dtype=torch.float64)
        keep = nms(torch.cat([xywh[:, :2], xywh[:, :2] + xywh[:, 2:]], 1),
                   torch.tensor([d["score"] for d in dets], dtype=torch.float64), nms_iou)[:max_dets]
        merged.extend({**dets[i], "category_id": 1} for i in keep.tolist())  # (nms returns best first)
    m = coco_metrics(images, gt, merged, [INTERACTABLE])
    one = m["per_class"].get(INTERACTABLE, {})
    return {"AP": m["mAP"], "AP50": m["mAP50"], "AP75": m["mAP75"], "AR300": m["AR300"],
            "recall50": one.get("recall50", float("nan")), "instances": len(gt), "detections": len(merged),
            "classes": len(labels), "nms_iou": nms_iou}


@torch.no_grad()
def evaluate(model, cfg, names: list[str], tars: list[str], batch_size: int = 8, workers: int = 1,
             device: torch.device | str = "cpu", name: str = "evaluation data", precision: str = "fp32") -> dict:
    """Run the detector over every sample of `tars` and score it (coco_metrics, plus the class-agnostic
    `interactable` numbers of interactable_metrics); adds `faults`.
    Broken samples are skipped and counted; NoGoodSamples when `name` (the split) has no usable sample."""
    images, annotations, detections, faults = run(model, cfg, tars, batch_size, workers, device, name, precision)
    metrics = coco_metrics(images, annotations, detections, names)
    metrics["interactable"] = interactable_metrics(images, annotations, detections,
                                                   interactable_labels(cfg.taxonomy, names), cfg.nms_thresh,
                                                   cfg.detections_per_img)
    metrics["faults"] = faults
    metrics["precision"] = resolve_precision(torch.device(device), precision)
    return metrics


@torch.no_grad()
def run(model, cfg, tars: list[str], batch_size: int = 8, workers: int = 1, device: torch.device | str = "cpu",
        name: str = "evaluation data", precision: str = "fp32") -> tuple[list[dict], list[dict], list[dict], dict]:
    """COCO-format (images, ground-truth annotations, detections) of the detector over every sample of `tars`,
    boxes in each image's own pixels, and the fault counts. NoGoodSamples when no sample is usable.
    `precision`: fp32 (the default: the reference every round was scored in), bf16, or auto (what predict
    runs in; trainer.distributed.resolve_precision)."""
    _, classes = data.label_map(cfg.taxonomy)
    decoder = data.Decoder(cfg.width, cfg.height, classes=classes, keep_gt=True, min_box=0.0)
    stream = data.EvalStream(tars, decoder, batch_size, name=name)
    device = torch.device(device)
    precision = resolve_precision(device, precision)
    images, annotations, detections = [], [], []
    tally = data.FaultTally()
    model.eval()
    for batch in data.batches(stream, workers):
        tally.update(batch)
        x = [im.to(device).float().div_(255) for im in batch["image"]]
        with autocast(device, precision):
            outputs = model(x)
        for i, out in enumerate(outputs):
            image_id = len(images) + 1
            w, h = batch["size"][i]
            images.append({"id": image_id, "file_name": batch["key"][i], "width": w, "height": h})
            for box, label in zip(batch["gt_xywh"][i].tolist(), batch["gt_labels"][i].tolist()):
                annotations.append({"id": len(annotations) + 1, "image_id": image_id, "category_id": label + 1,
                                    "bbox": box, "area": box[2] * box[3], "iscrowd": 0})
            xyxy = out["boxes"].float().cpu().numpy()
            xywh = np.concatenate([xyxy[:, :2], xyxy[:, 2:] - xyxy[:, :2]], axis=1)
            boxes = Letterbox(w, h, cfg.width, cfg.height).unboxes(xywh)
            for box, label, score in zip(boxes.tolist(), out["labels"].tolist(), out["scores"].float().tolist()):
                if box[2] < 1 or box[3] < 1:  # predicted in the letterbox padding: empty inside the image
                    continue
                detections.append({"image_id": image_id, "category_id": int(label) + 1, "bbox": box, "score": score})
    if not images:
        raise NoGoodSamples(f"{name}: none of its {len(tars)} shard(s) holds a usable sample (faults: "
                            f"{tally.counts or 'none'}); check it with `factory verify` or re-render it")
    return images, annotations, detections, tally.counts
