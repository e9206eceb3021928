"""`factory export --format actions`: instruction -> action JSONL for GUI-agent fine-tuning, from the episodes
of a dataset rendered with `factory render --episodes N` (factory.episode_samples).

Writes images/<key>.<ext> (the screen before the action), after/<key>.<ext> (the screen after it), actions.jsonl
(one record per step, in dataset order) and actions_stats.json. A record:

    {"id": key, "episode": ..., "step": k, "image": "images/<key>.png", "after_image": "after/<key>.png",
     "width": w, "height": h, "instruction": "Uncheck 'Remember me'", "lang": "en", "locale": "en_US",
     "action": {"action": "click", "x": 412, "y": 230}, "type": "toggle", "element_id": 17, "bbox": [x, y, w, h],
     "coords": "pixels"}

`action` is what the GUI-agent guides use: {"action": "click", "x", "y"}, {"action": "type", "text", "x", "y"}
(the field to type into) or {"action": "scroll", "direction": "down"|"up", "amount": percent of the scroll
range, "x", "y"}; x, y in pixels of the image (the pixel holding the action's point) or 0-1000 integers
(--coords norm1000, as Qwen2-VL writes them). Instructions come from the grounding phrases (factory.grounding:
the target's unambiguous referring expression in the screen's language, or English); a step whose target has
no unambiguous expression is left out and counted (`left_out`), never given a vague instruction.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factory.core.dataset import Dataset, Part
from factory.core.errors import ConfigError, DataError
from factory.core.seeding import rng_for
from factory.episode_samples import read_step
from factory.export import bad_samples_policy, checked_samples, copy_image, staged
from factory.grounding.coords import norm1000
from factory.grounding.phrases import Lang, lang_for
from factory.grounding.refs import Target, analyse
from factory.grounding.scene import Screen
from factory.tario import SampleFault

COORDS = ("pixels", "norm1000")
ACTIONS, STATS, AFTER = "actions.jsonl", "actions_stats.json", "after"
CLICKS = ("select_tab", "toggle", "select_radio", "open_dropdown", "select_option", "open_menu", "dismiss")
# What to type and which way to scroll, per template language ({text}: the quoted text, {np}: the target).
TYPE_TEMPLATES = {"en": ("Type {text} into {np}", "Enter {text} in {np}"),
                  "de": ("Gib {text} in {np} ein", "Trage {text} in {np} ein"),
                  "ja": ("{np}に{text}と入力", "{np}に{text}を入力する"),
                  "zh": ("在{np}中输入{text}", "在{np}里填写{text}")}
SCROLL_TEMPLATES = {"en": ("Scroll down", "Scroll up"), "de": ("Scrolle nach unten", "Scrolle nach oben"),
                    "ja": ("下にスクロール", "上にスクロール"), "zh": ("向下滚动", "向上滚动")}


@dataclass
class ActionsResult:
    images: int = 0
    stats: dict = field(default_factory=dict)
    skipped: list[SampleFault] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # parts without episodes, by name


def episode_parts(ds: Dataset) -> list[Part]:
    """The parts rendered with --episodes; DataError (exit 2) naming the option when there is none."""
    parts = [p for p in ds.parts if type(p.manifest["config"].get("episodes")) is int
             and p.manifest["config"]["episodes"] > 0]
    if not parts:
        raise DataError(f"{ds.root}: no part holds episodes (actions with the screens before and after them): "
                        f"render with `factory render ... --episodes N`, then export again")
    return parts


def export_actions(ds: Dataset, out: Path, coords: str = "pixels", skip_bad: bool = False) -> ActionsResult:
    """Write the actions export of `ds`'s episode parts into OUT, coordinates in `coords`."""
    if coords not in COORDS:
        raise ConfigError(f"--coords {coords!r} does not apply to actions; choose one of {', '.join(COORDS)}")
    episode_parts(ds)  # a dataset without episodes is refused before OUT is touched
    return staged(out, "actions", lambda stage: _write(ds, stage, coords, skip_bad), {"coords": coords})


def agent_action(action: dict, width: int, height: int, coords: str) -> dict:
    """A stored action (factory.episode_samples) as the GUI-agent guides write it, at its point in `coords`."""
    x, y = action["point"]
    if coords == "pixels":
        px, py = min(math.floor(x), width - 1), min(math.floor(y), height - 1)
    else:
        px, py = norm1000(x, width), norm1000(y, height)
    if action["type"] == "type":
        return {"action": "type", "text": action["text"], "x": px, "y": py}
    if action["type"] == "scroll":
        return {"action": "scroll", "direction": "down" if action["dy"] > 0 else "up", "amount": abs(action["dy"]),
                "x": px, "y": py}
    return {"action": "click", "x": px, "y": py}


def instruction(lang: Lang, action: dict, target: Target | None, rng: random.Random) -> str | None:
    """The instruction for a stored action in `lang`: the target's referring expression in an action template,
    or None when the target has none (ambiguous, too small); a scroll says its direction."""
    if action["type"] == "scroll":
        return SCROLL_TEMPLATES[lang.code][0 if action["dy"] > 0 else 1]
    if target is None:
        return None
    np = lang.np(lang, target.ref, "acc")
    if action["type"] == "type":
        templates = TYPE_TEMPLATES[lang.code]
        return templates[rng.randrange(len(templates))].format(text=lang.q(action["text"]), np=np)
    verb = target.action
    if action["type"] == "dismiss" and target.element["class"] == "dropdown":
        verb = "collapse"  # an open dropdown's popup closes
    templates = [t for t in lang.actions[verb] if target.short or "{short}" not in t]
    return templates[rng.randrange(len(templates))].format(np=np, short=lang.q(target.ref.name))


def _write(ds: Dataset, stage: Path, coords: str, skip_bad: bool) -> ActionsResult:
    from factory.code_pairs import part_name

    parts = episode_parts(ds)
    result = ActionsResult(left_out=[part_name(ds, p) for p in ds.parts if p not in parts])
    types, left_out, langs = Counter(), Counter(), Counter()
    policy = bad_samples_policy(ds, skip_bad)
    (stage / AFTER).mkdir()
    with open(stage / ACTIONS, "w", encoding="utf-8") as f:
        for s in checked_samples(ds, policy, parts):
            try:
                ids = [e["id"] for e in s.doc["elements"]]
                if len(set(ids)) != len(ids):
                    raise SampleFault(s.file, s.key, "two elements share an id; the document was edited")
                step = read_step(s)
            except SampleFault as fault:
                policy(fault)
                continue
            record = _record(s, step.action, coords)
            if record is None:
                left_out[step.action["type"]] += 1
                continue
            image = f"images/{copy_image(s, stage)}"
            after = f"{AFTER}/{s.key}.{s.doc['image_format']}"  # a checked key and a known extension
            (stage / after).write_bytes(step.after_image)
            f.write(json.dumps({"id": s.key, "episode": step.action["episode"], "step": step.action["step"],
                                "image": image, "after_image": after, **record}, ensure_ascii=False) + "\n")
            result.images += 1
            types[step.action["type"]] += 1
            langs[record["lang"]] += 1
    if not result.images:
        raise DataError(f"{ds.root}: no step to export" + (f" ({len(policy.skipped)} bad samples skipped)"
                                                           if policy.skipped else "")
                        + (f" ({sum(left_out.values())} without an unambiguous instruction)" if left_out else ""))
    result.skipped = policy.skipped
    total = result.images + sum(left_out.values())
    result.stats = {"steps": total, "records": result.images, "coords": coords,
                    "per_type": dict(sorted(types.items())), "langs": dict(sorted(langs.items())),
                    "left_out": dict(sorted(left_out.items())),
                    "share_left_out": round(sum(left_out.values()) / total, 4) if total else 0.0}
    (stage / STATS).write_text(json.dumps(result.stats, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return result


def _record(s, action: dict, coords: str) -> dict | None:
    """The record's fields for one step, or None when it has no unambiguous instruction."""
    doc = s.doc
    screen = Screen(doc)
    lang = lang_for(screen.locale)
    targets = {t.element["id"]: t for t in analyse(screen).targets} if action["element"] is not None else {}
    rng = rng_for(doc["seed"], f"actions:{s.key}")
    said = instruction(lang, action, targets.get(action["element"]), rng)
    if said is None:
        return None
    element = next((e for e in doc["elements"] if e["id"] == action["element"]), None)
    return {"width": doc["width"], "height": doc["height"], "instruction": said, "lang": lang.code,
            "locale": screen.locale, "action": agent_action(action, doc["width"], doc["height"], coords),
            "type": action["type"], "element_id": action["element"],
            "bbox": element["bbox"] if element is not None else None, "coords": coords}
