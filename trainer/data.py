"""Streaming the factory's WebDataset shards into batches: weighted mixing, sharding by rank and worker,
seeded shuffles, skip-and-count faults, decoding and augmentation inside DataLoader workers.

Shards are data, and data may be hostile: tars are read by trainer.tars (member size cap, no links, safe
keys, duplicates dropped), records checked by trainer.records (types before use), images decoded under a
pixel cap (trainer.letterbox.letterboxed). Each fault is skipped and counted (trainer.faults); a source
with no good sample in MAX_BAD_IN_A_ROW tries stops the run with one message (NoGoodSamples).

Training streams are infinite (resampled shards) and cut to a fixed number of batches per rank with
`with_epoch`, so DDP ranks never wait on each other at an epoch end. Every random choice comes from a
seed derived from (seed, rank, worker, sample number), which makes a stream a pure function of its
configuration: a resumed run skips the raw samples it had consumed and sees the same batches again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import partial
from typing import Callable, Iterable, Iterator

import numpy as np
import torch
import webdataset as wds
from torch.utils.data import DataLoader, IterableDataset, get_worker_info

from factory.core.errors import ConfigError, FactoryError
from trainer import augment, records
from trainer.faults import FaultHandler, FaultTally  # noqa: F401 - FaultTally: used as data.FaultTally
from trainer.letterbox import letterboxed
from trainer.sources import Source
from trainer.tars import samples as tar_samples
from factory.core.taxonomy import IGNORE, mapping, target_classes

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
    jpeg_draft: bool = True  # JPEG images decoded at reduced scale where the canvas allows (False: in full)
    _pipe: dict = field(default_factory=dict, compare=False, repr=False)  # lazily built per process

    def pipeline(self):
        if "p" not in self._pipe:
            self._pipe["p"] = augment.build(self.augment, with_boxes=self.classes is not None)
        return self._pipe["p"]

    def __call__(self, sample: dict) -> dict:
        """Raises a trainer.faults.DataFault (BadRecord, BadImage) for a sample that cannot be used."""
        rec = records.parse(sample)
        data = records.image_bytes(sample, rec)
        # The record is checked before any pixel is decoded: a bad one costs no decode.
        els = records.elements(sample, rec, self.classes) if self.classes is not None else None
        # (H, W, 3); over the pixel cap: refused from the header. A JPEG is decoded at 1/2-1/8 scale when the
        # canvas is at most half its size (trainer.letterbox.letterboxed); the boxes map from its full size.
        canvas, lb = letterboxed(data, self.width, self.height, records.where(sample), self.jpeg_draft)
        seed = sample.get("__seed__", 0)
        out = {"key": sample.get("__key__"), "n": sample.get("__n__", 0), "scale": lb.scale,
               "size": (lb.in_w, lb.in_h)}
        if els is None:
            if self.augment is not None:
                canvas = augment.apply(self.pipeline(), seed, canvas)[0]
            out["image"] = torch.from_numpy(np.ascontiguousarray(canvas)).permute(2, 0, 1)
            return out
        xywh, labels = ground_truth(els, lb.in_w, lb.in_h)
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


def ground_truth(els: list[tuple[int, tuple[float, ...]]], w: int, h: int) -> tuple[np.ndarray, np.ndarray]:
    """(N, 4) xywh float32 in input pixels, clipped to the w x h image, and (N,) labels, from checked
    (label, bbox) elements (trainer.records.elements); ignored classes (label -1) and empty boxes left out."""
    xywh, labels = [], []
    for label, (x, y, bw, bh) in els:
        if label < 0:  # mapped to __ignore__: not ground truth
            continue
        # Clipped in float64 before any float32 maths: a box at 1e38 would become inf, and inf - inf NaN.
        x0, y0 = min(max(x, 0.0), w), min(max(y, 0.0), h)
        x1, y1 = min(max(x + bw, 0.0), w), min(max(y + bh, 0.0), h)
        if x1 > x0 and y1 > y0:
            xywh.append((x0, y0, x1 - x0, y1 - y0))
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
    """Yield from stream i with probability weights[i] / sum(weights), tagged `__source__` = i; streams are
    infinite."""
    while True:
        i = rng.choices(range(len(streams)), weights)[0]
        sample = next(streams[i])
        sample["__source__"] = i
        yield sample


def read_good(samples: Iterable[dict], faults: FaultHandler, source: int) -> Iterator[dict]:
    """Pass samples through, telling `faults` that `source` still yields readable samples."""
    for sample in samples:
        faults.good(source, "read")
        yield sample


def decoded(samples: Iterable[dict], decoder: Callable, faults: FaultHandler) -> Iterator[dict]:
    """Decode each sample; a data fault is counted against the sample's source and the sample skipped
    (webdataset's `map(handler=)` does not say which source a fault came from)."""
    for sample in samples:
        source = sample.get("__source__", 0)
        try:
            out = decoder(sample)
        except Exception as e:  # noqa: BLE001 - the handler re-raises whatever is not a data fault
            faults(e, source, "decode")
            continue
        faults.good(source, "decode")
        yield out


def per_worker(total: int, worker: int, workers: int) -> int:
    """How many of batches 0..total-1 (dealt round-robin by the DataLoader) fall to `worker`."""
    return max(0, (total - worker + workers - 1) // workers)


def delivered(pipeline: Iterable[dict], worker: int, faults: FaultHandler) -> Iterator[dict]:
    """Batches with their worker and its fault counters. Inside a DataLoader worker, a FactoryError (a
    source with no good sample, a bad setting) travels as a batch {"error": exc}: raised there, it would reach
    the main process as a new exception whose message is the worker's whole traceback. `batches` raises it."""
    try:
        for batch in pipeline:
            batch["worker"], batch["faults"] = worker, dict(faults.counts)
            yield batch
    except FactoryError as e:
        if get_worker_info() is None:
            raise
        yield {"error": e, "worker": worker}


class TrainStream(IterableDataset):
    """Batches for one rank: an infinite weighted mix of resampled, shuffled shards, cut to `total_batches`.

    `start_batch` batches were consumed before (resume); `raw_seen[w]` raw samples of worker w with them.
    A source with no good sample in trainer.faults.MAX_BAD_IN_A_ROW tries stops the stream (NoGoodSamples).
    """

    def __init__(self, sources: list[Source], decoder: Callable, batch_size: int, seed: int = 0,
                 shuffle_buffer: int = 200, total_batches: int = 1000, start_batch: int = 0,
                 raw_seen: list[int] | None = None):
        super().__init__()
        self.sources, self.decoder, self.batch_size, self.seed = sources, decoder, batch_size, seed
        self.shuffle_buffer, self.total_batches, self.start_batch = shuffle_buffer, total_batches, start_batch
        self.raw_seen = raw_seen

    def faults(self) -> FaultHandler:
        return FaultHandler([s.path or s.name for s in self.sources])

    def raw(self, rank: int, worker: int, faults: FaultHandler):
        """Mixed raw samples of this (rank, worker), numbered and seeded, after skipping consumed ones."""
        streams = []
        for i, src in enumerate(self.sources):
            # ResampledShards seeds itself from (rank * 1000 + worker, epoch, seed): a distinct, fixed
            # shard sequence per rank and worker; resampling makes the stream infinite (no uneven epoch ends).
            streams.append(iter(wds.DataPipeline(
                wds.ResampledShards(list(src.tars), seed=derive_seed(self.seed, i), deterministic=True),
                partial(tar_samples, handler=faults.for_source(i)),
                partial(read_good, faults=faults, source=i),
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
        faults = self.faults()
        todo = per_worker(self.total_batches, worker, workers) - per_worker(self.start_batch, worker, workers)
        pipeline = wds.DataPipeline(
            lambda: self.raw(rank, worker, faults),
            partial(decoded, decoder=self.decoder, faults=faults),
            wds.batched(self.batch_size, collation_fn=collate, partial=False),
        ).with_epoch(nbatches=max(0, todo))
        yield from delivered(pipeline, worker, faults)


class EvalStream(IterableDataset):
    """Every sample of `tars` once, in order, split by rank and worker; no shuffling, no augmentation.
    `name` (the dataset or split) is what NoGoodSamples names."""

    def __init__(self, tars: list[str], decoder: Callable, batch_size: int, name: str = "evaluation data"):
        super().__init__()
        self.tars, self.decoder, self.batch_size, self.name = list(tars), decoder, batch_size, name

    def __iter__(self):
        faults = FaultHandler([self.name])
        pipeline = wds.DataPipeline(
            wds.SimpleShardList(self.tars),
            wds.split_by_node,
            wds.split_by_worker,
            partial(tar_samples, handler=faults.for_source(0)),
            partial(read_good, faults=faults, source=0),
            partial(decoded, decoder=self.decoder, faults=faults),
            wds.batched(self.batch_size, collation_fn=collate, partial=True),
        )
        yield from delivered(pipeline, wds.utils.pytorch_worker_info()[2], faults)


def _worker_init(_: int) -> None:
    # Decoding workers get one thread each: the training process owns the cores for its matmuls.
    # (OpenCV runs single-threaded everywhere, see trainer.letterbox.)
    torch.set_num_threads(1)


def loader(stream: IterableDataset, workers: int) -> DataLoader:
    """A DataLoader over a stream that batches itself (batch_size=None); decoding runs in `workers` processes."""
    return DataLoader(stream, batch_size=None, num_workers=workers, worker_init_fn=_worker_init if workers else None,
                      prefetch_factor=4 if workers else None, persistent_workers=False)


def batches(stream: IterableDataset, workers: int) -> Batches:
    """The stream's batches through `loader`. The workers start (fork) now, before the caller starts any
    logging thread; an error a worker sent as a batch (see `delivered`) is raised here, in the main process."""
    return Batches(iter(loader(stream, workers)))


class Batches:
    """An iterator over a DataLoader's batches that raises the errors its workers sent as batches."""

    def __init__(self, it: Iterator[dict]):
        self._it = it

    def __iter__(self) -> Iterator[dict]:
        return self

    def __next__(self) -> dict:
        batch = next(self._it)
        if "error" in batch:
            # Drop the workers now: the raised error's traceback refers back to this object, and a loader
            # left to the garbage collector waits seconds for workers whose queues it has already closed.
            self._it = None
            raise batch["error"]
        return batch


def label_map(taxonomy: str) -> tuple[list[str], dict[str, int]]:
    """(target class names, canonical class -> label index or -1 for ignored) for a factory.core.taxonomy mapping."""

    try:
        names = target_classes(taxonomy)
        table = mapping(taxonomy)
    except ValueError as e:
        raise ConfigError(str(e)) from None
    index = {n: i for i, n in enumerate(names)}
    return names, {c: (-1 if t == IGNORE else index[t]) for c, t in table.items()}
