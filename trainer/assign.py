"""Target assignment for the detector: which feature-map locations are positive for which ground-truth box.

Two rules, as pure tensor functions of (locations, boxes), so a replay over real shards can count the boxes
that no location learns from (benchmarks/assigner_replay.py, tests/test_assigner.py):

- `fcos`: torchvision's FCOS rule, exactly as torchvision 0.29 implements it (FCOS.compute_loss): a location
  is positive for a box if it lies inside the box, within 1.5 strides of the box centre (per axis), on the
  level whose range (4s, 8s) holds max(l, t, r, b) (the first level has no floor, the last no ceiling);
  several candidates: the smallest box. torchvision's grid points sit at cell corners (i * s).
- `atss`: Adaptive Training Sample Selection (Zhang et al., CVPR 2020), over all levels: per level the k
  locations nearest to the box centre are candidates; those whose IoU (of a square of side 8s centred on the
  location, ATSS's one anchor per location) reaches mean + std of the candidates' IoUs and that lie inside
  the box are positive. The threshold adapts to each box, so a 300x6 scrollbar or a 500x300 table finds
  its level instead of falling between fixed ranges; a box whose candidates all miss the bar keeps its best
  inside candidate (our addition, see `atss`). Used with grid points at cell centres ((i + 0.5) * s).
- `atss_along`: ATSS, and an upright thin box learns from every location inside it on its ATSS levels.

Locations are ordered as torchvision's AnchorGenerator orders them: level by level, row-major within a level.
"""

from __future__ import annotations

import torch
from torch import Tensor
from torchvision.ops import box_iou

from trainer import data

CENTER_SAMPLING_RADIUS = 1.5  # torchvision FCOS's default, in strides
ATSS_TOPK = 9  # candidates per level (the ATSS paper's k)
ATSS_ANCHOR_SCALE = 8  # the square "anchor" of a location for ATSS's IoU statistics: side 8 * stride
UPRIGHT_RATIO = 8  # atss_along: a box at least this many times taller than wide learns all along its length


def grid(width: int, height: int, strides: tuple[int, ...], centres: bool) -> tuple[Tensor, Tensor, list[int]]:
    """Locations of a width x height canvas (a multiple of the coarsest stride): points (P, 2) xy in canvas
    pixels, their strides (P,), and the number of locations per level (L,). `centres`: cell centres
    ((i + 0.5) * s) instead of torchvision's cell corners (i * s)."""
    points, sizes, counts = [], [], []
    for s in strides:
        ys, xs = torch.meshgrid(torch.arange(height // s), torch.arange(width // s), indexing="ij")
        xy = torch.stack([xs.reshape(-1), ys.reshape(-1)], 1).float() * s  # (H/s * W/s, 2)
        points.append(xy + s / 2 if centres else xy)
        sizes.append(torch.full((len(xy),), float(s)))
        counts.append(len(xy))
    return torch.cat(points), torch.cat(sizes), counts


def from_anchors(anchors: Tensor) -> tuple[Tensor, Tensor]:
    """torchvision anchors (P, 4) xyxy -> (points (P, 2), sizes (P,)), as FCOS.compute_loss reads them."""
    return (anchors[:, :2] + anchors[:, 2:]) / 2, anchors[:, 2] - anchors[:, 0]


def _ltrb(points: Tensor, boxes: Tensor) -> Tensor:
    """(P, M, 4) distances from each point to the left, top, right and bottom side of each box."""
    x, y = points[:, None, 0], points[:, None, 1]  # (P, 1)
    x0, y0, x1, y1 = boxes.unbind(1)  # (M,) each
    return torch.stack([x - x0, y - y0, x1 - x, y1 - y], dim=2)


def _unmatched(points: Tensor) -> Tensor:
    return torch.full((len(points),), -1, dtype=torch.int64, device=points.device)


def fcos(points: Tensor, sizes: Tensor, counts: list[int], boxes: Tensor) -> Tensor:
    """torchvision FCOS's assignment: (P,) index of the box each location learns, -1 for background.
    points (P, 2), sizes (P,) strides, counts (L,) locations per level, boxes (M, 4) xyxy."""
    if len(boxes) == 0:
        return _unmatched(points)
    centres = (boxes[:, :2] + boxes[:, 2:]) / 2  # (M, 2)
    match = (points[:, None, :] - centres[None]).abs_().max(dim=2).values < CENTER_SAMPLING_RADIUS * sizes[:, None]
    ltrb = _ltrb(points, boxes)  # (P, M, 4)
    match &= ltrb.min(dim=2).values > 0  # inside the box
    lower, upper = sizes * 4, sizes * 8  # (P,): each level learns boxes of one size range
    lower[:counts[0]] = 0
    upper[-counts[-1]:] = float("inf")
    reach = ltrb.max(dim=2).values  # (P, M)
    match &= (reach > lower[:, None]) & (reach < upper[:, None])
    # Several boxes: the smallest wins (torchvision's expression, so ties break the same way).
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])  # (M,)
    best, matched = (match.to(torch.float32) * (1e8 - areas[None, :])).max(dim=1)
    matched[best < 1e-5] = -1
    return matched


def atss(points: Tensor, sizes: Tensor, counts: list[int], boxes: Tensor, k: int = ATSS_TOPK) -> Tensor:
    """ATSS assignment over all levels: (P,) index of the box each location learns, -1 for background.
    Same arguments as `fcos`. A location positive for several boxes learns the smallest (as in FCOS)."""
    if len(boxes) == 0:
        return _unmatched(points)
    return _smallest(_atss_picked(points, sizes, counts, boxes, k), boxes)


def atss_along(points: Tensor, sizes: Tensor, counts: list[int], boxes: Tensor, k: int = ATSS_TOPK) -> Tensor:
    """ATSS, and an upright thin box (UPRIGHT_RATIO times taller than wide: a scrollbar, a vertical slider)
    learns from every location inside it on the levels where ATSS picked it, not only from the few nearest its
    centre. Why: a scrollbar looks the same all along; under ATSS 3-6 locations at its middle are positive and
    the hundreds above and below them, which look the same, are background, so no score separates them
    (scrollbar AP50 0.000 in rounds 7-9, benchmarks/README.md). Centre-ness, trained on every positive,
    still ranks the middle first at inference. Same arguments and result as `atss`."""
    if len(boxes) == 0:
        return _unmatched(points)
    picked = _atss_picked(points, sizes, counts, boxes, k)  # (P, M)
    wide, tall = boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]
    upright = (tall >= UPRIGHT_RATIO * wide).nonzero().flatten()  # (U,)
    if len(upright):
        inside = _ltrb(points, boxes[upright]).min(dim=2).values > 0  # (P, U)
        level = torch.repeat_interleave(torch.arange(len(counts), device=points.device),
                                        torch.tensor(counts, device=points.device))  # (P,) each location's level
        p, u = picked[:, upright].nonzero(as_tuple=True)
        chosen = torch.zeros(len(counts), len(upright), dtype=torch.bool, device=points.device)
        chosen[level[p], u] = True  # (L, U): the levels where ATSS picked the box
        picked[:, upright] |= inside & chosen[level]
    return _smallest(picked, boxes)


def _atss_picked(points: Tensor, sizes: Tensor, counts: list[int], boxes: Tensor, k: int) -> Tensor:
    """(P, M) True where ATSS makes location p a positive candidate of box m (before the smallest box wins)."""
    half = sizes[:, None] * ATSS_ANCHOR_SCALE / 2  # (P, 1)
    iou = box_iou(torch.cat([points - half, points + half], 1), boxes)  # (P, M)
    centres = (boxes[:, :2] + boxes[:, 2:]) / 2  # (M, 2)
    dist = torch.cdist(points, centres)  # (P, M) L2, point to box centre
    candidates, start = [], 0
    for n in counts:  # the k nearest locations of every level
        candidates.append(dist[start:start + n].topk(min(k, n), dim=0, largest=False).indices + start)
        start += n
    candidates = torch.cat(candidates)  # (C, M), C = sum of min(k, locations) over levels
    cand_iou = iou.gather(0, candidates)  # (C, M)
    xy = points[candidates]  # (C, M, 2)
    inside = ((xy - boxes[:, :2]).min(dim=2).values > 0) & ((boxes[:, 2:] - xy).min(dim=2).values > 0)  # (C, M)
    threshold = cand_iou.mean(0) + cand_iou.std(0).nan_to_num(0)  # (M,): the box's own bar (one candidate: no std)
    positive = (cand_iou >= threshold) & inside  # (C, M)
    # Our addition to ATSS: a box whose inside candidates all fall below its bar keeps its best one. IoU with
    # square anchors saturates for long thin boxes (a 512x18 toolbar scores 0.03-0.10 on every level) and the
    # bar then lands above every candidate: 6% of our boxes got no positive without this, 1.8% with it.
    stranded = (~positive.any(0) & inside.any(0)).nonzero().flatten()  # (S,) box indices
    best = torch.where(inside, cand_iou, -1.0).argmax(0)  # (M,) best inside candidate of each box
    positive[best[stranded], stranded] = True
    return torch.zeros_like(iou, dtype=torch.bool).scatter_(0, candidates, positive)  # (P, M)


def _smallest(picked: Tensor, boxes: Tensor) -> Tensor:
    """(P,) the smallest box each location is picked for, -1 where none."""
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])  # (M,)
    cost = torch.where(picked, areas[None, :], torch.full(picked.shape, float("inf"), device=picked.device))
    smallest, matched = cost.min(dim=1)
    matched[smallest.isinf()] = -1
    return matched


ASSIGNERS = {"fcos": fcos, "atss": atss, "atss_along": atss_along}
# Where each assigner's grid points sit (the detector's anchors).
CELL_CENTRES = {"fcos": False, "atss": True, "atss_along": True}


def missed(matched: Tensor, num_boxes: int) -> Tensor:
    """(M,) True for each box that no location learns (no positive anywhere)."""
    hit = torch.zeros(num_boxes, dtype=torch.bool, device=matched.device)
    hit[matched[matched >= 0]] = True
    return ~hit


def training_boxes(tars: list[str], width: int, height: int, classes: dict[str, int], min_box: float = 2.0):
    """(boxes (N, 4) xyxy canvas px, labels (N,)) of every sample of `tars`, exactly as fine-tuning sees them
    without augmentation: trainer.data's Decoder (letterbox, clipping, boxes under `min_box` px dropped)."""
    decoder = data.Decoder(width, height, classes=classes, min_box=min_box)
    for batch in data.EvalStream(tars, decoder, batch_size=16, name="replay data"):
        yield from zip(batch["boxes"], batch["labels"])


def replay(samples, width: int, height: int, strides: tuple[int, ...], rules: dict[str, tuple]) -> dict:
    """Count, per label, the boxes and those without any positive location under each rule.
    samples: (boxes (N, 4), labels (N,)) pairs; rules: name -> (assigner function, grid points at cell centres).
    Returns {label: {"boxes": n, name: missed, ...}}."""
    grids = {c: grid(width, height, strides, c) for c in {centres for _, centres in rules.values()}}
    tally: dict[int, dict[str, int]] = {}
    for boxes, labels in samples:
        for name, (assigner, centres) in rules.items():
            points, sizes, counts = grids[centres]
            lost = missed(assigner(points, sizes, counts, boxes.float()), len(boxes))
            for label, n in zip(*labels[lost].unique(return_counts=True)):
                row = tally.setdefault(int(label), {"boxes": 0})
                row[name] = row.get(name, 0) + int(n)
        for label, n in zip(*labels.unique(return_counts=True)):
            tally.setdefault(int(label), {"boxes": 0})["boxes"] += int(n)
    return tally
