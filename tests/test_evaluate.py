"""Evaluation metrics: the class-agnostic "interactable" AP and mAP50_present (trainer.evaluate) on
hand-made COCO-format cases with known answers, then through `factory evaluate` on real shards."""

from __future__ import annotations

import json
import math

import pytest
import torch

from factory.core.taxonomy import CLASSES, INTERACTABLE
from tests.test_finetune_init import detector_file
from tests.trainer_fixtures import env1, run_factory
from trainer.evaluate import coco_metrics, interactable_labels, interactable_metrics

pytestmark = pytest.mark.train

NAMES = list(CLASSES)  # a canonical-taxonomy model: label i is canonical class i
BUTTON, LINK, TEXT, IMAGE = (NAMES.index(c) for c in ("button", "link", "text", "image"))
LABELS = interactable_labels("canonical", NAMES)
IMAGES = [{"id": 1, "width": 400, "height": 300}, {"id": 2, "width": 400, "height": 300}]
GT_BOXES = [  # (image, label, xywh): three interactable boxes, two static ones
    (1, BUTTON, [10, 10, 80, 30]), (1, LINK, [10, 60, 120, 20]), (2, BUTTON, [200, 100, 90, 30]),
    (1, TEXT, [10, 120, 300, 20]), (2, IMAGE, [20, 150, 160, 120]),
]


def gt() -> list[dict]:
    return [{"id": i + 1, "image_id": im, "category_id": label + 1, "bbox": box, "area": box[2] * box[3],
             "iscrowd": 0} for i, (im, label, box) in enumerate(GT_BOXES)]


def det(image: int, label: int, box: list[float], score: float) -> dict:
    return {"image_id": image, "category_id": label + 1, "bbox": box, "score": score}


def perfect() -> list[dict]:
    return [det(im, label, box, 0.9 - 0.1 * i) for i, (im, label, box) in enumerate(GT_BOXES)]


def test_interactable_classes_follow_the_taxonomy():
    assert sorted(NAMES[i] for i in LABELS) == sorted(INTERACTABLE)
    assert interactable_labels("interactable", ["interactable"]) == [0]
    from trainer.data import label_map

    rico = label_map("rico")[0]
    ours = {rico[i] for i in interactable_labels("rico", rico)}
    # rico's Icon holds icon_button (interactable) and icon (static): left out of ground truth and detections
    assert "Icon" in rico and "Icon" not in ours and "Text Button" in ours and "Text" not in ours


def test_perfect_detections_score_one():
    m = interactable_metrics(IMAGES, gt(), perfect(), LABELS, nms_iou=0.6)
    assert m["AP50"] == pytest.approx(1.0) and m["AP"] == pytest.approx(1.0)
    assert m["instances"] == 3 and m["detections"] == 3  # the text and image detections are not counted


def test_a_static_class_detection_is_not_counted_and_a_wrong_interactable_class_is():
    # The link is found as a button (wrong interactable class): still a hit. A "text" detection scored above
    # everything, on the image box: ignored (not a false positive of the interactable class).
    dets = perfect()
    dets[1] = det(1, BUTTON, GT_BOXES[1][2], 0.8)
    dets.append(det(2, TEXT, GT_BOXES[4][2], 0.99))
    m = interactable_metrics(IMAGES, gt(), dets, LABELS, nms_iou=0.6)
    assert m["AP50"] == pytest.approx(1.0) and m["instances"] == 3 and m["detections"] == 3
    per_class = coco_metrics(IMAGES, gt(), dets, NAMES)["per_class"]
    assert per_class["link"]["AP50"] == 0.0  # ... while the class-wise evaluation misses the link


def test_a_missed_box_and_a_false_positive_lower_it_by_known_amounts():
    # Two of three boxes found (best scores), no false positive: COCO AP50 = mean precision over the 101
    # recall points = 67/101 (recall 0..0.66 at precision 1, unreachable recall 0.67..1 at 0).
    dets = [d for d in perfect() if d["bbox"] != GT_BOXES[2][2]]
    assert interactable_metrics(IMAGES, gt(), dets, LABELS, 0.6)["AP50"] == pytest.approx(67 / 101)
    # All three found, but a false positive (a button where there is none) scores highest: precision 1/2,
    # 2/3, 3/4 as recall reaches 1/3, 2/3, 1; the interpolated precision is 3/4 at every recall point.
    dets = perfect() + [det(2, BUTTON, [300, 250, 50, 20], 0.95)]
    assert interactable_metrics(IMAGES, gt(), dets, LABELS, 0.6)["AP50"] == pytest.approx(0.75)


def test_duplicates_across_interactable_classes_are_merged_by_class_agnostic_nms():
    # The button is found twice, as button and as link (the model's NMS is per class, so both survive it):
    # one box once merged; without the NMS the duplicate would be a false positive above the other boxes.
    dets = perfect()
    dets.append(det(1, LINK, [11, 10, 80, 30], 0.85))
    m = interactable_metrics(IMAGES, gt(), dets, LABELS, nms_iou=0.6)
    assert m["AP50"] == pytest.approx(1.0) and m["detections"] == 3
    kept_both = interactable_metrics(IMAGES, gt(), dets, LABELS, nms_iou=1.0)  # (IoU > 1: nothing suppressed)
    assert kept_both["detections"] == 4 and kept_both["AP50"] < 0.9


def test_no_interactable_ground_truth_gives_nan():
    statics = [a for a in gt() if a["category_id"] - 1 not in LABELS]
    m = interactable_metrics(IMAGES, statics, perfect(), LABELS, 0.6)
    assert math.isnan(m["AP50"]) and m["instances"] == 0


def test_map50_present_is_the_mean_over_classes_with_ground_truth_as_coco_does():
    # A class with no ground truth (dialog) but a confident detection: COCO leaves it out of the mean
    # (precision -1), so mAP50 over the split's classes is the mean of the present classes' AP50.
    dets = perfect()[:4] + [det(1, NAMES.index("dialog"), [0, 0, 400, 300], 0.99)]
    m = coco_metrics(IMAGES, gt(), dets, NAMES)
    assert set(m["per_class"]) == {"button", "link", "text", "image"}
    expected = sum(c["AP50"] for c in m["per_class"].values()) / 4
    assert m["per_class"]["image"]["AP50"] == 0.0 and expected == pytest.approx(0.75)
    assert m["mAP50_present"] == pytest.approx(expected) and m["mAP50"] == pytest.approx(expected)


def _strict(text: str):
    def refuse(name):
        raise ValueError(f"{name} in metrics.json")

    return json.loads(text, parse_constant=refuse)


def test_evaluate_command_writes_the_new_keys_beside_the_old(small_game_dataset, tmp_path):
    ckpt = tmp_path / "model.safetensors"
    detector_file(ckpt, score_thresh=0.0)  # untrained, no score floor: 300 detections per screen to score
    out = tmp_path / "metrics.json"
    res = run_factory("evaluate", str(ckpt), "--split", "game", str(small_game_dataset), "--out", str(out), env=env1())
    assert res.returncode == 0, res.stderr[-3000:]
    m = _strict(out.read_text())
    assert m["interactable_classes"] == [c for c in CLASSES if c in INTERACTABLE]
    split = m["splits"]["game"]
    for key in ("mAP", "mAP50", "mAP75", "AR300", "per_class", "max_dets", "images", "instances", "faults"):
        assert key in split  # (nothing removed)
    counts = json.loads((small_game_dataset / "manifest.json").read_text())["counts"]["classes"]
    ia = split["interactable"]
    assert ia["instances"] == sum(n for c, n in counts.items() if c in INTERACTABLE) > 0
    assert 0 < ia["detections"] <= 300 * split["images"] and 0.0 <= ia["AP"] <= ia["AP50"] <= 1.0
    assert split["mAP50_present"] == pytest.approx(split["mAP50"])
    assert split["precision"] == "fp32", "evaluate scores in fp32 unless told otherwise"
    assert "interactable AP50" in res.stdout and "classes present" in res.stdout


def test_for_a_one_class_interactable_model_it_is_its_map(small_game_dataset, tmp_path):
    # The model's NMS already ran on its one class: the class-agnostic NMS removes nothing, the numbers agree.
    # (It runs in image pixels, on boxes clipped to the image, where two boxes that differed only inside the
    # letterbox padding can become duplicates: at a 128x64 canvas 9 of 2,219 boxes of 14 game screens merge
    # that way; at 512x320 none do on these screens.)
    from trainer.evaluate import evaluate
    from trainer.finetune import load
    from trainer.sources import resolve

    ckpt = tmp_path / "model.safetensors"
    detector_file(ckpt, taxonomy="interactable", score_thresh=0.0, width=512, height=320)
    model, cfg, names = load(ckpt)
    torch.set_num_threads(1)
    m = evaluate(model, cfg, names, list(resolve([str(small_game_dataset)])[0].tars), batch_size=4, workers=0)
    assert m["interactable"]["instances"] == m["instances"] and m["interactable"]["detections"] == m["detections"]
    assert m["interactable"]["AP50"] == pytest.approx(m["mAP50"]) and m["interactable"]["AP"] == pytest.approx(m["mAP"])
