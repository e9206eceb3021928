"""`factory export --format grounding`: images, grounding.jsonl, conversations.jsonl and grounding_stats.json.

Written like the COCO and YOLO exports (factory.export.staged): checked samples only, built in a staging
directory inside OUT and moved into place when complete, OUT holding files of ours only. One record per
target element (one instruction each); the same dataset gives byte-identical files.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from factory.core.dataset import Dataset
from factory.core.errors import ConfigError, DataError
from factory.core.seeding import rng_for
from factory.export import bad_samples_policy, checked_samples, copy_image, staged
from factory.grounding.coords import COORDS, TARGETS, answer, point
from factory.grounding.phrases import instruction, lang_for, referring
from factory.grounding.refs import analyse
from factory.grounding.scene import Screen
from factory.tario import SampleFault

REASONS = ("too_small", "disabled", "ambiguous")


@dataclass
class GroundingResult:
    images: int = 0
    stats: dict = field(default_factory=dict)
    skipped: list[SampleFault] = field(default_factory=list)


def export_grounding(ds: Dataset, out: Path, coords: str = "pixels", target: str = "point",
                     skip_bad: bool = False) -> GroundingResult:
    """Write the grounding export of `ds` into OUT; answers in `coords` for the click `target` (point or box)."""
    if coords not in COORDS:
        raise ConfigError(f"unknown --coords {coords!r}; choose one of {', '.join(COORDS)}")
    if target not in TARGETS:
        raise ConfigError(f"unknown --target {target!r}; choose one of {', '.join(TARGETS)}")
    return staged(out, "grounding", lambda stage: _write(ds, stage, coords, target, skip_bad),
                  {"coords": coords, "target": target})


def screen_records(doc: dict, image: str) -> tuple[list[dict], list[tuple[dict, str]]]:
    """The grounding records of one sample's document (image: its path in the export) and the interactable
    elements left out, each with its reason. No two records share an instruction."""
    screen = Screen(doc)
    found = analyse(screen)
    lang = lang_for(screen.locale)
    w, h = doc["width"], doc["height"]
    records = []
    for t in found.targets:
        e = t.element
        x, y, bw, bh = e["bbox"]
        rng = rng_for(doc["seed"], f"grounding:{doc['key']}:{e['id']}")
        records.append({
            "id": f"{doc['key']}_{e['id']}", "image": image, "width": w, "height": h,
            "instruction": instruction(lang, t, rng), "expression": referring(lang, t.ref), "lang": lang.code,
            "locale": screen.locale, "element_id": e["id"], "class": e["class"], "action": t.action, "by": t.ref.by,
            "bbox": [x, y, bw, bh], "bbox_norm": [_r(x / w), _r(y / h), _r((x + bw) / w), _r((y + bh) / h)],
            "point": list(point(e["bbox"])), "point_norm": [_r((x + bw / 2) / w), _r((y + bh / 2) / h)],
        })
    said = Counter(r["instruction"] for r in records)  # a safety net: refs are unambiguous, words could still meet
    left_out = list(found.left_out)
    for t, r in zip(found.targets, records):
        if said[r["instruction"]] > 1:
            left_out.append((t.element, "ambiguous"))
    return [r for r in records if said[r["instruction"]] == 1], left_out


def _r(v: float) -> float:
    return round(v, 6)


def _write(ds: Dataset, stage: Path, coords: str, target: str, skip_bad: bool) -> GroundingResult:
    result = GroundingResult()
    tally = _Tally()
    policy = bad_samples_policy(ds, skip_bad)
    with open(stage / "grounding.jsonl", "w", encoding="utf-8") as g, \
            open(stage / "conversations.jsonl", "w", encoding="utf-8") as c:
        for s in checked_samples(ds, policy):
            ids = [e["id"] for e in s.doc["elements"]]
            if len(set(ids)) != len(ids):
                policy(SampleFault(s.file, s.key, "two elements share an id; the document was edited"))
                continue
            image = f"images/{copy_image(s, stage)}"
            result.images += 1
            records, left_out = screen_records(s.doc, image)
            tally.add(s.doc, records, left_out)
            for r in records:
                g.write(json.dumps(r, ensure_ascii=False) + "\n")
                c.write(json.dumps({"id": r["id"], "image": image, "conversations": [
                    {"from": "human", "value": "<image>\n" + r["instruction"]},
                    {"from": "gpt", "value": answer(r["bbox"], r["width"], r["height"], coords, target)}]},
                    ensure_ascii=False) + "\n")
    if not result.images:
        raise DataError(f"{ds.root}: no sample to export" + (f" ({len(policy.skipped)} bad ones skipped)"
                                                             if policy.skipped else ""))
    result.skipped = policy.skipped
    result.stats = {**tally.summary(), "coords": coords, "target": target}
    (stage / "grounding_stats.json").write_text(json.dumps(result.stats, indent=1, ensure_ascii=False) + "\n",
                                                encoding="utf-8")
    return result


class _Tally:
    """Counts for grounding_stats.json: records per screen and class, elements left out and why."""

    def __init__(self):
        self.per_screen: list[int] = []
        self.classes: dict[str, Counter] = defaultdict(Counter)
        self.renderers: dict[str, Counter] = defaultdict(Counter)
        self.by: Counter = Counter()
        self.langs: Counter = Counter()

    def add(self, doc: dict, records: list[dict], left_out: list[tuple[dict, str]]) -> None:
        self.per_screen.append(len(records))
        part = self.renderers[doc["renderer"]]
        part.update({"screens": 1, "records": len(records)})
        for e in doc["elements"]:
            if e["interactable"]:
                self.classes[e["class"]]["interactable"] += 1
                part["interactable"] += 1
        for r in records:
            self.classes[r["class"]]["records"] += 1
            self.by[r["by"]] += 1
            self.langs[r["lang"]] += 1
        for e, reason in left_out:
            self.classes[e["class"]][reason] += 1
            part[reason] += 1

    def summary(self) -> dict:
        total = Counter()
        for counts in self.classes.values():
            total.update(counts)
        n, records = len(self.per_screen), sum(self.per_screen)
        eligible = total["interactable"] - total["too_small"] - total["disabled"]
        return {
            "screens": n, "records": records,
            "records_per_screen": {"mean": round(records / n, 3), "min": min(self.per_screen),
                                   "median": statistics.median(self.per_screen), "max": max(self.per_screen)},
            "interactable": total["interactable"],
            "left_out": {k: total[k] for k in REASONS},
            "share_left_out": {k: _share(total[k], total["interactable"]) for k in REASONS},
            "share_ambiguous_of_eligible": _share(total["ambiguous"], eligible),
            "per_class": {cls: {k: c[k] for k in ("interactable", "records", *REASONS)}
                          for cls, c in sorted(self.classes.items())},
            "per_renderer": {r: {k: c[k] for k in ("screens", "records", "interactable", *REASONS)}
                             for r, c in sorted(self.renderers.items())},
            "disambiguated_by": dict(sorted(self.by.items())),
            "langs": dict(sorted(self.langs.items())),
        }


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
