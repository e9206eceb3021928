"""COCO evaluation of a fine-tuned detector (faster-coco-eval, same numbers as pycocotools, faster).

Boxes are compared in each input image's own pixels: predictions are mapped back through the letterbox,
ground truth is the shard's JSON (classes mapped by the model's taxonomy, ignored classes left out).
Screens are dense, so detections are capped at 300 per image and maxDets is [1, 10, 300]
(COCO's default cap of 100 silently lowers AP).
"""

from __future__ import annotations

import numpy as np
import torch

from trainer import data
from trainer.distributed import autocast
from trainer.faults import NoGoodSamples
from trainer.letterbox import Letterbox

MAX_DETS = [1, 10, 300]


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
            "per_class": per_class}


@torch.no_grad()
def evaluate(model, cfg, names: list[str], tars: list[str], batch_size: int = 8, workers: int = 1,
             device: torch.device | str = "cpu", name: str = "evaluation data") -> dict:
    """Run the detector over every sample of `tars` and score it (see coco_metrics); adds `faults`.
    Broken samples are skipped and counted; NoGoodSamples when `name` (the split) has no usable sample."""
    _, classes = data.label_map(cfg.taxonomy)
    decoder = data.Decoder(cfg.width, cfg.height, classes=classes, keep_gt=True, min_box=0.0)
    stream = data.EvalStream(tars, decoder, batch_size, name=name)
    device = torch.device(device)
    images, annotations, detections = [], [], []
    tally = data.FaultTally()
    model.eval()
    for batch in data.batches(stream, workers):
        tally.update(batch)
        x = [im.to(device).float().div_(255) for im in batch["image"]]
        with autocast(device):
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
    metrics = coco_metrics(images, annotations, detections, names)
    metrics["faults"] = tally.counts
    return metrics
