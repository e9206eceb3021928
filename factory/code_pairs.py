"""Screen-to-code pairs (`factory export --format code-pairs`): each screen beside the code that drew it.

Samples rendered with `factory render --keep-source` carry their source as a tar member (factory.core.schema
SOURCE_LANGUAGES: `<key>.html` for web screens, `<key>.ui`, a Qt Designer file, for desktop ones). The export
writes images/<key>.<ext>, sources/<key>.html|.ui and pairs.jsonl, one line per pair in dataset order:

    {"key": ..., "image": "images/<key>.png", "source": "sources/<key>.html", "language": "html" | "qt-ui",
     "width": ..., "height": ..., "viewport": [w, h], "dpr": ..., "renderer": ..., "style": ..., "grammar": ...}

Which parts hold sources is read from their manifests (`sources`, written by a --keep-source render); parts
without (rendered without it, or game parts, which have none) are left out and named. File names come from
checked keys and the schema's extensions only; the writing and committing are factory.export's.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factory.core.dataset import Dataset, Part
from factory.core.errors import DataError
from factory.core.schema import SOURCE_LANGUAGES
from factory.tario import FaultPolicy, SampleFault

IMAGES, SOURCES, PAIRS = "images", "sources", "pairs.jsonl"


@dataclass
class Pairs:
    counts: Counter = field(default_factory=Counter)  # pairs per language
    left_out: list[str] = field(default_factory=list)  # parts without sources, by name

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def source_member(part: Part) -> str | None:
    """The member holding the part's sources per its manifest, or None (rendered without --keep-source, or by a
    renderer that draws from no code)."""
    rec = part.manifest.get("sources")
    member = rec.get("member") if isinstance(rec, dict) else None
    return member if isinstance(member, str) and member in SOURCE_LANGUAGES else None


def part_name(ds: Dataset, part: Part) -> str:
    """The part's path inside the dataset (its directory name for a single part): unique within `ds`."""
    rel = part.root.relative_to(ds.root).as_posix()
    return part.name if rel == "." else rel


def with_sources(ds: Dataset) -> list[Part]:
    """The parts whose samples carry sources; DataError (exit 2) naming --keep-source when there is none."""
    parts = [p for p in ds.parts if source_member(p)]
    if not parts:
        kept = [part_name(ds, p) for p in ds.parts if isinstance(p.manifest.get("config"), dict)
                and p.manifest["config"].get("keep_source") is True]
        why = (f" ({', '.join(kept)} kept sources, but its renderer draws from no code: game screens have none)"
               if kept else "")
        raise DataError(f"{ds.root}: no sample carries the code that drew it{why}: render web or desktop screens "
                        f"with `factory render ... --keep-source` (web keeps the HTML, desktop a Qt Designer .ui), "
                        f"then export again")
    return parts


def write_pairs(ds: Dataset, stage: Path, policy: FaultPolicy) -> Pairs:
    """Write the pairs of every part with sources into `stage` (images/, sources/, pairs.jsonl)."""
    from factory.export import checked_samples, copy_image

    parts = with_sources(ds)
    result = Pairs(left_out=[part_name(ds, p) for p in ds.parts if p not in parts])
    (stage / SOURCES).mkdir()
    members = sorted({source_member(p) for p in parts})
    with open(stage / PAIRS, "w", encoding="utf-8") as out:
        for s in checked_samples(ds, policy, parts):
            member = next((m for m in members if m in s.extras), None)
            if member is None:
                policy(SampleFault(s.file, s.key, f"no {' or '.join('.' + m for m in members)} member, though its "
                                                  f"part's manifest says it was rendered with --keep-source"))
                continue
            source = f"{SOURCES}/{s.key}.{member}"  # a checked key and a known extension: a plain file name
            (stage / source).write_bytes(s.extras[member])
            image = f"{IMAGES}/{copy_image(s, stage)}"
            out.write(json.dumps(_pair(s, image, source, member), ensure_ascii=False) + "\n")
            result.counts[SOURCE_LANGUAGES[member]] += 1
    return result


def _pair(s, image: str, source: str, member: str) -> dict:
    doc = s.doc
    f = doc["factors"]
    return {"key": s.key, "image": image, "source": source, "language": SOURCE_LANGUAGES[member],
            "width": doc["width"], "height": doc["height"], "viewport": [f.get("viewport_w"), f.get("viewport_h")],
            "dpr": f.get("dpr"), "renderer": doc["renderer"], "style": doc["style"], "grammar": doc["grammar"]}
