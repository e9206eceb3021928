"""Episodes stored as WebDataset samples (`factory render --episodes N`): one sample per step.

A step's sample is a plain sample of its before-screen (`<key>.<image_format>` and `<key>.json`: every reader,
trainer, exporter and `factory verify` takes it as it takes any sample) plus three members declared in
factory.core.schema.SAMPLE_EXTRAS:

    <key>.action.json            {"type", "target", "text", "option", "dy", "element", "point", "step", "episode"}
    <key>.after.<image_format>   the screen after the action: same renderer, style, factors and seed
    <key>.after.json             the after-screen's schema-v1 document (its "key" is the step's key)

Keys are `<prefix>_<layout index, 9 digits>_s<step>`; the episode id is the layout's own key, and step k's
after-screen is step k+1's before-screen. Every step of layout i lies in shard i // shard_size, in order, so
the bytes do not depend on the number of workers. An episode ends early where no action is possible on a screen
(or an after-screen keeps no element): the part records and the manifest count it (`counts.episodes`); no
sample is written for a step that could not be taken.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace

from factory.config import RenderConfig
from factory.core.actions import TYPES
from factory.core.seeding import sample_key
from factory.tario import Sample as StoredSample, SampleFault, check_image, parse_doc

ACTION, AFTER_DOC = "action.json", "after.json"
ACTION_KEYS = ("type", "target", "text", "option", "dy", "element", "point", "step", "episode")


def after_image(image_format: str) -> str:
    """The member holding the after-screen's pixels, in the render's image format."""
    return f"after.{image_format}"


def step_key(prefix: str, index: int, step: int) -> str:
    """The key of step `step` of layout `index`: the layout's key and `_s<step>` (no dots, at most 64 chars)."""
    key = f"{sample_key(prefix, index)}_s{step}"
    assert len(key) <= 64, key
    return key


def _canonical(obj: dict) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def step_samples(cfg: RenderConfig, index: int, renderer, version: str, counts: Counter) -> list:
    """The samples (factory.sample.Sample) of layout `index`'s episode (up to cfg.episodes steps), in step order;
    `counts` gains the episode's layouts, steps and, when it ended early, stopped_early and why."""
    from factory.episodes import render_episode
    from factory.sample import Sample

    stops: Counter = Counter()
    steps = render_episode(cfg, index, renderer, cfg.episodes, version, stops)
    episode = sample_key(cfg.prefix, index)
    out = []
    for k, step in enumerate(steps):
        key = step_key(cfg.prefix, index, k)
        action = {**step.action_dict(), "step": k, "episode": episode}
        extras = {**step.before.extras, ACTION: _canonical(action), after_image(cfg.image_format): step.after.image,
                  AFTER_DOC: replace(step.after.record, key=key).to_json()}
        out.append(Sample(replace(step.before.record, key=key), step.before.image, step.before.drops, extras))
    counts.update(layouts=1, steps=len(steps))
    if len(steps) < cfg.episodes:
        counts["stopped_early"] += 1
        counts.update({f"stopped_{why}": n for why, n in stops.items()})
    return out


# --- reading a stored step back -------------------------------------------------------------------------------

@dataclass(frozen=True)
class StoredStep:
    """A step read from a checked sample: the action (as stored), the after-screen's document and image bytes."""

    action: dict
    after_doc: dict
    after_image: bytes


def read_step(s: StoredSample) -> StoredStep:
    """The episode members of a checked sample, checked in turn (SampleFault naming the problem): all three are
    there, the action is well formed and points inside the before-screen at one of its elements, and the
    after-screen's document is valid schema v1 with the step's key and an image of its size that decodes."""
    fault = lambda problem: SampleFault(s.file, s.key, problem)  # noqa: E731
    fmt = s.doc["image_format"]
    names = (ACTION, after_image(fmt), AFTER_DOC)
    missing = [n for n in names if n not in s.extras]
    if missing:
        raise fault(f"no {', '.join('.' + n for n in missing)} member, though the part was rendered with --episodes "
                    f"(each of its samples holds {', '.join('.' + n for n in names)})")
    action = _action(s, fault)
    members = {"json": s.extras[AFTER_DOC], fmt: s.extras[after_image(fmt)]}
    try:
        doc = parse_doc(s.file, s.key, members)
        image = check_image(s.file, s.key, members, doc)
        StoredSample(s.key, doc, image, s.file).load_image().close()
    except SampleFault as f:
        raise fault(f"after-screen ({AFTER_DOC}, {after_image(fmt)}): {f.problem}") from None
    return StoredStep(action, doc, image)


def _action(s: StoredSample, fault) -> dict:
    try:
        action = json.loads(s.extras[ACTION].decode("utf-8"))
    except (ValueError, RecursionError) as e:
        raise fault(f".{ACTION} does not parse ({str(e)[:120]})") from None
    if not isinstance(action, dict) or sorted(action) != sorted(ACTION_KEYS):
        raise fault(f".{ACTION} is not an object with exactly the keys {', '.join(ACTION_KEYS)}")
    ok = (action["type"] in TYPES and all(isinstance(action[k], str) for k in ("target", "text", "option",
                                                                               "episode"))
          and type(action["dy"]) is int and type(action["step"]) is int and action["step"] >= 0)
    if not ok:
        raise fault(f".{ACTION}: a field has the wrong type or an unknown action type {str(action['type'])[:40]!r}")
    if s.key != f"{action['episode']}_s{action['step']}":
        raise fault(f".{ACTION}: episode and step do not give the sample's key")
    point = action["point"]
    w, h = s.doc["width"], s.doc["height"]
    if not (isinstance(point, list) and len(point) == 2 and all(type(v) in (int, float) for v in point)
            and 0 <= point[0] < w and 0 <= point[1] < h):
        raise fault(f".{ACTION}: point {str(point)[:60]} is not a point inside the {w}x{h} image")
    element = action["element"]
    if element is not None and element not in {e["id"] for e in s.doc["elements"]}:
        raise fault(f".{ACTION}: element {str(element)[:20]} is not an element of the before-screen")
    return action
