"""Streaming the factory's WebDataset shards into batches: weighted mixing, sharding by rank and worker,
seeded shuffles, skip-and-count faults, decoding and augmentation inside DataLoader workers.

Training streams are infinite (resampled shards) and cut to a fixed number of batches per rank with
`with_epoch`, so DDP ranks never wait on each other at an epoch end. Every random choice comes from a
seed derived from (seed, rank, worker, sample number), which makes a stream a pure function of its
configuration: a resumed run skips the raw samples it had consumed and sees the same batches again.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import torch
import webdataset as wds
from torch.utils.data import DataLoader, IterableDataset

from trainer import augment
from trainer.faults import DataFault, FaultHandler
from trainer.letterbox import Letterbox, decode_rgb
from trainer.sources import Source

# Inputs are normalized with ImageNet statistics by the models (MAE engine, FCOS transform).
IMAGE_MEAN = (0.485, 0.456, 0.406)
IMAGE_STD = (0.229, 0.224, 0.225)


def derive_seed(*parts: int) -> int:
    """A 32-bit seed from integers. (Python's hash() of strings changes per process: never used here.)"""
    return int(np.random.SeedSequence([int(p) & 0xFFFFFFFF for p in parts]).generate_state(1)[0])


@dataclass(frozen=True)
class Decoder:
    """Raw tar sample (dict of bytes) -> dict with the letterboxed image (3, H, W) uint8 and, for detection,
    boxes (N, 4) xyxy float32 in canvas pixels with labels (N,) int64."""

    width: int = 512
    height: int = 320
    classes: dict[str, int] | None = None  # canonical class -> label; None: pixels only (MAE)
    augment: augment.AugmentConfig | None = None
    min_box: float = 2.0  # training boxes thinner than this (canvas px) are dropped: unlearnable at stride 8
    keep_gt: bool = False  # evaluation: also return ground truth in input pixels
    _pipe: dict = field(default_factory=dict, compare=False, repr=False)  # lazily built per process

    def pipeline(self):
        if "p" not in self._pipe:
            self._pipe["p"] = augment.build(self.augment, with_boxes=self.classes is not None)
        return self._pipe["p"]

    def __call__(self, sample: dict) -> dict:
        try:
            rec = json.loads(sample["json"])
            data = sample[rec.get("image_format", "png")]
        except KeyError as e:
            raise DataFault(f"sample {sample.get('__key__')} in {sample.get('__url__')} lacks member {e}") from None
        rgb = decode_rgb(data)  # (h, w, 3)
        lb = Letterbox(rgb.shape[1], rgb.shape[0], self.width, self.height)
        canvas = lb.image(rgb)  # (H, W, 3)
        seed = sample.get("__seed__", 0)
        out = {"key": rec.get("key", sample.get("__key__")), "n": sample.get("__n__", 0), "scale": lb.scale,
               "size": (lb.in_w, lb.in_h)}
        if self.classes is None:
            if self.augment is not None:
                canvas = augment.apply(self.pipeline(), seed, canvas)[0]
            out["image"] = torch.from_numpy(np.ascontiguousarray(canvas)).permute(2, 0, 1)
            return out
        xywh, labels = self.targets(rec)
        if self.keep_gt:
            out["gt_xywh"], out["gt_labels"] = xywh, labels
        boxes = clip_xywh(lb.boxes(xywh), *lb.size)
        if self.augment is not None:
            canvas, boxes, labels = augment.apply(self.pipeline(), seed, canvas, boxes, labels)
        keep = (boxes[:, 2] >= self.min_box) & (boxes[:, 3] >= self.min_box)
        boxes, labels = boxes[keep], labels[keep]
        boxes[:, 2:] += boxes[:, :2]  # xywh -> xyxy
        out["image"] = torch.from_numpy(np.ascontiguousarray(canvas)).permute(2, 0, 1)
        out["boxes"] = torch.from_numpy(boxes)
        out["labels"] = torch.from_numpy(labels)
        return out

    def targets(self, rec: dict) -> tuple[np.ndarray, np.ndarray]:
        """(N, 4) xywh float32 in input pixels and (N,) labels of the elements whose class is kept."""
        xywh, labels = [], []
        for e in rec.get("elements", ()):
            try:
                label = self.classes[e["class"]]
            except KeyError:
                raise DataFault(f"sample {rec.get('key')}: class {e.get('class')!r} is not in the taxonomy") from None
            if label < 0:  # mapped to __ignore__: not ground truth
                continue
            x, y, w, h = e["bbox"]
            if w > 0 and h > 0:
                xywh.append((x, y, w, h))
                labels.append(label)
        return np.asarray(xywh, np.float32).reshape(-1, 4), np.asarray(labels, np.int64)


def clip_xywh(b: np.ndarray, w: float, h: float) -> np.ndarray:
    """Clip (N, 4) xywh boxes to [0, w] x [0, h] (rounding can push a box a fraction of a pixel out)."""
    x0, y0 = np.clip(b[:, 0], 0, w), np.clip(b[:, 1], 0, h)
    x1, y1 = np.clip(b[:, 0] + b[:, 2], 0, w), np.clip(b[:, 1] + b[:, 3], 0, h)
    return np.stack([x0, y0, x1 - x0, y1 - y0], axis=1).astype(np.float32)


def collate(samples: list[dict]) -> dict:
    """Stack images to (B, 3, H, W) uint8; keep per-image boxes/labels as lists (their lengths differ)."""
    batch = {"image": torch.stack([s["image"] for s in samples]), "key": [s["key"] for s in samples],
             "scale": [s["scale"] for s in samples], "size": [s["size"] for s in samples],
             "raw_seen": max(s["n"] for s in samples) + 1}
    for k in ("boxes", "labels", "gt_xywh", "gt_labels"):
        if k in samples[0]:
            batch[k] = [s[k] for s in samples]
    return batch


def weighted_mix(streams: list, weights: list[float], rng: random.Random):
    """Yield from stream i with probability weights[i] / sum(weights); streams are infinite."""
    while True:
        yield next(streams[rng.choices(range(len(streams)), weights)[0]])


def per_worker(total: int, worker: int, workers: int) -> int:
    """How many of batches 0..total-1 (dealt round-robin by the DataLoader) fall to `worker`."""
    return max(0, (total - worker + workers - 1) // workers)


class TrainStream(IterableDataset):
    """Batches for one rank: an infinite weighted mix of resampled, shuffled shards, cut to `total_batches`.

    `start_batch` batches were consumed before (resume); `raw_seen[w]` raw samples of worker w with them.
    """

    def __init__(self, sources: list[Source], decoder: Callable, batch_size: int, seed: int = 0,
                 shuffle_buffer: int = 200, total_batches: int = 1000, start_batch: int = 0,
                 raw_seen: list[int] | None = None):
        super().__init__()
        self.sources, self.decoder, self.batch_size, self.seed = sources, decoder, batch_size, seed
        self.shuffle_buffer, self.total_batches, self.start_batch = shuffle_buffer, total_batches, start_batch
        self.raw_seen = raw_seen

    def raw(self, rank: int, worker: int, faults: FaultHandler):
        """Mixed raw samples of this (rank, worker), numbered and seeded, after skipping consumed ones."""
        streams = []
        for i, src in enumerate(self.sources):
            # ResampledShards seeds itself from (rank * 1000 + worker, epoch, seed): a distinct, fixed
            # shard sequence per rank and worker; resampling makes the stream infinite (no uneven epoch ends).
            streams.append(iter(wds.DataPipeline(
                wds.ResampledShards(list(src.tars), seed=derive_seed(self.seed, i), deterministic=True),
                wds.tarfile_to_samples(handler=faults),
                wds.shuffle(self.shuffle_buffer, initial=min(self.shuffle_buffer, 50),
                            rng=random.Random(derive_seed(self.seed, i, rank, worker, 1))),
            )))
        mixed = weighted_mix(streams, [s.weight for s in self.sources],
                             random.Random(derive_seed(self.seed, rank, worker, 2)))
        skip = self.raw_seen[worker] if self.raw_seen else 0
        for n, sample in enumerate(mixed):
            if n < skip:
                continue
            sample["__n__"] = n
            sample["__seed__"] = derive_seed(self.seed, rank, worker, n, 3)
            yield sample

    def __iter__(self):
        rank, _, worker, workers = wds.utils.pytorch_worker_info()
        faults = FaultHandler()
        todo = per_worker(self.total_batches, worker, workers) - per_worker(self.start_batch, worker, workers)
        pipeline = wds.DataPipeline(
            lambda: self.raw(rank, worker, faults),
            wds.map(self.decoder, handler=faults),
            wds.batched(self.batch_size, collation_fn=collate, partial=False),
        ).with_epoch(nbatches=max(0, todo))
        for batch in pipeline:
            batch["worker"], batch["faults"] = worker, dict(faults.counts)
            yield batch


class EvalStream(IterableDataset):
    """Every sample of `tars` once, in order, split by rank and worker; no shuffling, no augmentation."""

    def __init__(self, tars: list[str], decoder: Callable, batch_size: int):
        super().__init__()
        self.tars, self.decoder, self.batch_size = list(tars), decoder, batch_size

    def __iter__(self):
        faults = FaultHandler()
        pipeline = wds.DataPipeline(
            wds.SimpleShardList(self.tars),
            wds.split_by_node,
            wds.split_by_worker,
            wds.tarfile_to_samples(handler=faults),
            wds.map(self.decoder, handler=faults),
            wds.batched(self.batch_size, collation_fn=collate, partial=True),
        )
        worker = wds.utils.pytorch_worker_info()[2]
        for batch in pipeline:
            batch["worker"], batch["faults"] = worker, dict(faults.counts)
            yield batch


def _worker_init(_: int) -> None:
    # Decoding workers get one thread each: the training process owns the cores for its matmuls.
    # (OpenCV runs single-threaded everywhere, see trainer.letterbox.)
    torch.set_num_threads(1)


def loader(stream: IterableDataset, workers: int) -> DataLoader:
    """A DataLoader over a stream that batches itself (batch_size=None); decoding runs in `workers` processes."""
    return DataLoader(stream, batch_size=None, num_workers=workers, worker_init_fn=_worker_init if workers else None,
                      prefetch_factor=4 if workers else None, persistent_workers=False)


class FaultTally:
    """Sum of the per-worker fault counters that batches carry (each is cumulative within its worker)."""

    def __init__(self, base: dict[str, int] | None = None):
        self.base = dict(base or {})
        self.latest: dict[int, dict[str, int]] = {}

    def update(self, batch: dict) -> None:
        self.latest[batch["worker"]] = batch["faults"]

    @property
    def counts(self) -> dict[str, int]:
        total = dict(self.base)
        for counts in self.latest.values():
            for k, v in counts.items():
                total[k] = total.get(k, 0) + v
        return total


def label_map(taxonomy: str) -> tuple[list[str], dict[str, int]]:
    """(target class names, canonical class -> label index or -1 for ignored) for a factory.taxonomy mapping."""
    from factory.config import ConfigError
    from factory.taxonomy import IGNORE, mapping, target_classes

    try:
        names = target_classes(taxonomy)
        table = mapping(taxonomy)
    except ValueError as e:
        raise ConfigError(str(e)) from None
    index = {n: i for i, n in enumerate(names)}
    return names, {c: (-1 if t == IGNORE else index[t]) for c, t in table.items()}
