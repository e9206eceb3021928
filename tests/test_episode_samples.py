"""Episodes stored as WebDataset samples (`factory render --episodes N`) and their export as instruction -> action
JSONL (`factory export --format actions`), on tiny real renders.

Everything is checked from what was stored (the tars' members), never from the in-memory Step: each step is a
plain sample of its before-screen plus its action and after-screen; the after-screen's annotations differ from
the before-screen's exactly where the action says; steps chain; layout i's steps all lie in shard i // shard_size;
the bytes do not depend on the number of workers; resume keeps finished shards; verify passes (and catches a
broken step); the export's points lie inside the image and its JSONL loads with `datasets`.
"""

from __future__ import annotations

import json
import re
import shutil
import tarfile
from collections import defaultdict
from pathlib import Path

import pytest

from factory.core.dataset import open_dataset
from factory.core.layout_edit import DERIVED_BASE
from factory.episode_samples import ACTION, AFTER_DOC, read_step
from factory.tario import samples
from tests.conftest import factory_cli, run_factory, tree_hashes

STEPS = 3
WEB = ("render", "--renderer", "web", "--style", "material", "--count", "4", "--shard-size", "2", "--seed", "3",
       "--episodes", str(STEPS), "--grammar", "settings", "--grammar", "signin", "--grammar", "modal")
DESKTOP = ("render", "--renderer", "desktop", "--style", "fusion", "--count", "2", "--shard-size", "1", "--seed", "2",
           "--episodes", "2", "--grammar", "preferences", "--grammar", "messagebox")
KEY = re.compile(r"(?P<episode>[a-z_]+_(?P<index>\d{9}))_s(?P<step>\d+)")


def _render(tmp_path_factory, args, name: str, workers: str) -> Path:
    out = tmp_path_factory.mktemp(name) / name
    res = factory_cli(*args, "--workers", workers, "--out", str(out))  # in this process: no fresh interpreter
    assert res.returncode == 0, res.stderr[-3000:]
    assert "episodes" in res.stderr and "layouts" in res.stderr
    return out


@pytest.fixture(scope="module")
def web_ep(tmp_path_factory) -> Path:
    return _render(tmp_path_factory, WEB, "web", "2")


@pytest.fixture(scope="module")
def desktop_ep(tmp_path_factory) -> Path:
    return _render(tmp_path_factory, DESKTOP, "desktop", "1")


def _steps(d: Path) -> list:
    """(shard name, checked sample, stored step) of every sample, in dataset order."""
    out = []
    for s in samples(open_dataset(d)):
        out.append((s.file.split("/")[-1].split(".")[0], s, read_step(s)))
    return out


def _by_id(doc: dict) -> dict[int, dict]:
    return {e["id"]: e for e in doc["elements"]}


def _holds(elements: dict[int, dict], i: int, target: int) -> bool:
    """Whether element `i` is `target` or one of its ancestors (whose box may follow the target's)."""
    j = target
    while j is not None and j in elements:
        if j == i:
            return True
        j = elements[j]["parent"]
    return False


def _check_change(action: dict, before: dict, after: dict) -> None:
    """The after-screen's annotations differ from the before-screen's where `action` says, from the documents."""
    b, a = _by_id(before), _by_id(after)
    t, target = action["type"], action["element"]
    if t in ("toggle", "select_tab", "select_radio", "type"):
        flag = {"toggle": "checked", "select_tab": "selected", "select_radio": "checked", "type": "filled"}[t]
        assert target in b and target in a, action
        if t == "toggle":
            assert bool(a[target]["state"][flag]) != bool(b[target]["state"][flag]), action
        else:
            assert a[target]["state"][flag] is True and b[target]["state"][flag] is not True, action
        if t == "type":
            assert a[target]["text"] in (action["text"], "•" * len(action["text"])), (action, a[target]["text"])
        group = {target} | ({e for e in b if b[e]["parent"] == b[target]["parent"]
                             and b[e]["class"] == b[target]["class"]} if t in ("select_tab", "select_radio") else set())
        for i in set(a) & set(b) - group:  # nothing else changes state; elements away from it keep their boxes
            assert a[i]["state"] == b[i]["state"], (action, i)
            assert a[i]["bbox"] == b[i]["bbox"] or _holds(b, i, target), (action, i)
        assert set(a) == set(b), action  # nothing appears or goes
    elif t in ("open_dropdown", "open_menu"):
        appeared = set(a) - set(b)  # the popup's items (ids derived from the opener's) or the menu's entries
        assert appeared, action
        assert t == "open_menu" or all(i >= DERIVED_BASE for i in appeared), action
    elif t == "select_option":
        assert target in b and target not in a, action  # the popup closed with the item picked
    elif t == "dismiss":
        gone = set(b) - set(a)
        assert gone and (target in gone or b[target]["class"] in ("dropdown", "menu_item", "icon_button")), action
    else:
        assert t == "scroll", action
        moved = [i for i in set(a) & set(b) if a[i]["full_bbox"] != b[i]["full_bbox"]]
        assert moved or set(a) != set(b), action


def _check_dataset(d: Path, steps_per_layout: int, shard_size: int, count: int) -> set[str]:
    found = _steps(d)
    assert found
    episodes: dict[str, list] = defaultdict(list)
    types = set()
    for shard, s, step in found:
        m = KEY.fullmatch(s.key)
        assert m, s.key
        index, k = int(m["index"]), int(m["step"])
        assert shard.endswith(f"-{index // shard_size:06d}")  # layout i's steps in shard i // shard_size
        assert set(s.extras) == {ACTION, AFTER_DOC, f"after.{s.doc['image_format']}"}
        assert step.action["episode"] == m["episode"] and step.action["step"] == k
        assert s.doc["index"] == index and step.after_doc["key"] == s.key and step.after_doc["index"] == index
        x, y = step.action["point"]
        assert 0 <= x < s.doc["width"] and 0 <= y < s.doc["height"]
        if step.action["element"] is not None:
            ex, ey, ew, eh = _by_id(s.doc)[step.action["element"]]["bbox"]
            assert ex <= x <= ex + ew and ey <= y <= ey + eh
        _check_change(step.action, s.doc, step.after_doc)
        types.add(step.action["type"])
        episodes[m["episode"]].append((k, s, step))
    manifest = json.loads((d / "manifest.json").read_text())
    counts = manifest["counts"]["episodes"]
    assert manifest["config"]["episodes"] == steps_per_layout
    assert counts["layouts"] == count and counts["steps"] == len(found) == manifest["counts"]["samples"]
    assert counts["stopped_early"] == sum(len(v) < steps_per_layout for v in episodes.values()) + count - len(episodes)
    for chain in episodes.values():
        assert [k for k, _, _ in chain] == list(range(len(chain)))
        for (_, _, prev), (_, nxt, _) in zip(chain, chain[1:]):  # step k's after-screen is step k+1's before
            assert prev.after_doc["elements"] == nxt.doc["elements"]
            assert prev.after_image == nxt.image
    return types


@pytest.mark.browser
def test_web_steps_are_samples_whose_after_screen_differs_where_the_action_says(web_ep: Path):
    types = _check_dataset(web_ep, STEPS, 2, 4)
    assert len(types) >= 3, types


@pytest.mark.desktop
def test_desktop_steps_are_samples_whose_after_screen_differs_where_the_action_says(desktop_ep: Path):
    _check_dataset(desktop_ep, 2, 1, 2)
    res = factory_cli("verify", str(desktop_ep))
    assert res.returncode == 0, res.stderr[-2000:]


@pytest.mark.browser
def test_bytes_do_not_depend_on_workers_and_resume_keeps_finished_shards(web_ep: Path, tmp_path: Path):
    """About 15-20 s: the 4-layout render again with one worker (equal bytes), then its second shard again."""
    one = tmp_path / "one"
    res = factory_cli(*WEB, "--workers", "1", "--out", str(one))
    assert res.returncode == 0, res.stderr[-2000:]
    assert tree_hashes(one) == tree_hashes(web_ep)
    (one / "shards" / "web_material-000001.tar").unlink()  # a lost shard: rendered again, the other one kept
    res = factory_cli(*WEB, "--workers", "1", "--out", str(one))
    assert res.returncode == 0, res.stderr[-2000:]
    record = json.loads((tmp_path / "one.run.json").read_text())
    assert (record["rendered_shards"], record["reused_shards"]) == (1, 1)
    assert tree_hashes(one) == tree_hashes(web_ep)


@pytest.mark.browser
def test_verify_passes_and_names_a_broken_step(web_ep: Path, tmp_path: Path):
    res = factory_cli("verify", str(web_ep))
    assert res.returncode == 0 and "OK" in res.stdout, res.stderr[-2000:]
    bad = tmp_path / "bad"
    shutil.copytree(web_ep, bad)
    tar = bad / "shards" / "web_material-000000.tar"
    with tarfile.open(tar) as t:
        members = [(m, t.extractfile(m).read()) for m in t.getmembers()]
    with tarfile.open(tar, "w", format=tarfile.GNU_FORMAT) as t:
        import io

        for m, data in members:
            if m.name.endswith(f"_s0.{ACTION}"):
                action = json.loads(data)
                action["point"] = [-5, 0]
                data = json.dumps(action).encode()
                m.size = len(data)
            t.addfile(m, io.BytesIO(data))
    res = factory_cli("verify", str(bad))
    assert res.returncode == 1
    assert "is not a point inside the" in res.stderr, res.stderr[-2000:]


def test_episodes_option_is_checked_before_anything_is_written(tmp_path: Path):
    for bad in ("0", "21", "x"):
        res = run_factory("render", "--renderer", "game", "--count", "1", "--episodes", bad, "--out",
                          str(tmp_path / "o"))
        assert res.returncode == 2 and "--episodes" in res.stderr, res.stderr
        assert not (tmp_path / "o").exists()


@pytest.mark.game
def test_actions_export_of_a_dataset_without_episodes_exits_2(small_game_dataset: Path, tmp_path: Path):
    res = factory_cli("export", str(small_game_dataset), "--format", "actions", "--out", str(tmp_path / "a"))
    assert res.returncode == 2 and "--episodes N" in res.stderr, res.stderr
    assert not (tmp_path / "a").exists()
    res = factory_cli("export", str(small_game_dataset), "--format", "actions", "--coords", "florence",
                      "--out", str(tmp_path / "a"))
    assert res.returncode == 2 and "pixels or norm1000" in res.stderr, res.stderr


@pytest.mark.browser
def test_actions_export_points_lie_inside_and_datasets_loads_it(web_ep: Path, tmp_path: Path):
    import datasets
    from PIL import Image

    stored = {s.key: (s, step) for _, s, step in _steps(web_ep)}
    out = tmp_path / "actions"
    res = factory_cli("export", str(web_ep), "--format", "actions", "--out", str(out))
    assert res.returncode == 0, res.stderr[-2000:]
    records = [json.loads(line) for line in (out / "actions.jsonl").read_text(encoding="utf-8").splitlines()]
    stats = json.loads((out / "actions_stats.json").read_text())
    assert stats["steps"] == len(stored) and stats["records"] == len(records) >= len(stored) // 2
    for r in records:
        s, step = stored[r["id"]]
        a, w, h = r["action"], r["width"], r["height"]
        assert (w, h) == (s.doc["width"], s.doc["height"]) and r["instruction"].strip()
        assert 0 <= a["x"] < w and 0 <= a["y"] < h, r
        if r["bbox"] is not None:
            x, y, bw, bh = r["bbox"]
            assert x <= a["x"] < x + bw and y <= a["y"] < y + bh, r
        kind = {"type": "type", "scroll": "scroll"}.get(step.action["type"], "click")
        assert a["action"] == kind and (kind != "type" or a["text"] == step.action["text"])
        assert (out / r["image"]).read_bytes() == s.image and (out / r["after_image"]).read_bytes() == step.after_image
        with Image.open(out / r["after_image"]) as im:
            assert im.size == (w, h)
    ds = datasets.load_dataset("json", data_files=str(out / "actions.jsonl"), split="train",
                               cache_dir=str(tmp_path / "hf-cache"))
    assert ds.num_rows == len(records) and ds[0]["action"]["action"] in ("click", "type", "scroll")
    again = tmp_path / "norm"
    res = factory_cli("export", str(web_ep), "--format", "actions", "--coords", "norm1000", "--out", str(again))
    assert res.returncode == 0, res.stderr[-2000:]
    norm = [json.loads(line) for line in (again / "actions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["instruction"] for r in norm] == [r["instruction"] for r in records]  # the same words
    for r, p in zip(norm, records):
        assert 0 <= r["action"]["x"] <= 1000 and abs(r["action"]["x"] - p["action"]["x"] * 1000 / p["width"]) <= 1


@pytest.mark.browser
def test_trainer_and_webdataset_read_step_samples(web_ep: Path):
    """The trainer's loader takes each step as a plain sample (the episode members unread); `webdataset` groups
    the five members of a step under one key."""
    import webdataset as wds

    from trainer.tars import shard_samples

    n = json.loads((web_ep / "manifest.json").read_text())["counts"]["samples"]
    tars = sorted(str(p) for p in (web_ep / "shards").glob("*.tar"))
    got = [s for t in tars for s in shard_samples(t, lambda e: pytest.fail(str(e)))]
    assert len(got) == n and all(set(s) == {"__key__", "__url__", "json", "png"} for s in got)
    rows = list(wds.WebDataset(tars, shardshuffle=False).decode("pil"))
    assert len(rows) == n
    for row in rows:
        assert {"action.json", "after.json", "after.png", "json", "png"} <= set(row)
        assert row["action.json"]["episode"] + f"_s{row['action.json']['step']}" == row["__key__"]
        assert row["after.png"].size == (row["after.json"]["width"], row["after.json"]["height"])


@pytest.mark.browser
def test_hugging_face_loads_step_samples_with_the_factory_features(web_ep: Path, tmp_path: Path):
    import datasets

    from factory.hf import dataset_features

    n = json.loads((web_ep / "manifest.json").read_text())["counts"]["samples"]
    tars = sorted(str(p) for p in (web_ep / "shards").glob("*.tar"))
    ds = datasets.load_dataset("webdataset", data_files={"train": tars}, split="train",
                               cache_dir=str(tmp_path / "hf"), features=dataset_features(web_ep))
    assert len(ds) == n
    for row in ds:
        assert row["action.json"]["episode"] + f"_s{row['action.json']['step']}" == row["__key__"]
        assert row["after.png"].size == (row["after.json"]["width"], row["after.json"]["height"])
        assert row["png"].size == (row["json"]["width"], row["json"]["height"])


@pytest.mark.browser
def test_dataset_card_says_what_a_step_sample_is(web_ep: Path, tmp_path: Path):
    res = factory_cli("report", str(web_ep), "--out", str(tmp_path / "r.html"), "--card", str(tmp_path / "card.md"))
    assert res.returncode == 0, res.stderr[-2000:]
    card = (tmp_path / "card.md").read_text(encoding="utf-8")
    counts = json.loads((web_ep / "manifest.json").read_text())["counts"]["episodes"]
    assert f"`episodes={STEPS}`" in card and f"{counts['steps']:,} steps of {counts['layouts']:,} layouts" in card


@pytest.mark.desktop
def test_an_episode_without_a_possible_action_ends_early_and_is_counted(tmp_path: Path):
    """Desktop layout 19 of seed 7 (a wizard) offers no action whose target is on screen: its episode has no
    step, so no sample is written for it, and the summary and manifest say so. About 10 s: the first such
    layout found is the 20th, and the dataset is verified too."""
    out = tmp_path / "d"
    res = run_factory("render", "--renderer", "desktop", "--count", "20", "--shard-size", "10", "--seed", "7",
                      "--episodes", "1", "--workers", "1", "--out", str(out))
    assert res.returncode == 0, res.stderr[-2000:]
    assert "1 ended early (1 with no possible action" in " ".join(res.stderr.replace("│", " ").split())
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["episodes"] == {"layouts": 20, "steps": 19, "stopped_early": 1, "stopped_no_action": 1,
                                              "stopped_after_empty": 0}
    keys = [s.key for _, s, _ in _steps(out)]
    assert len(keys) == manifest["counts"]["samples"] == 19 and not any("_000000019_" in k for k in keys)
    assert [r["samples"] for r in manifest["shards"]] == [10, 9]
    assert factory_cli("verify", str(out)).returncode == 0


# --- the words and coordinates of an action, on a constructed document ---------------------------------------------

def test_instructions_say_the_action_in_the_screen_language():
    import random

    from factory.grounding.agent import agent_action, instruction
    from factory.grounding.phrases import lang_for
    from factory.grounding.refs import analyse
    from factory.grounding.scene import Screen
    from tests.test_grounding import doc, el

    d = doc([el(1, "card", (0, 0, 800, 600)), el(2, "checkbox", (20, 20, 150, 20), "Remember me", 1, checked=True),
             el(3, "text", (20, 60, 60, 20), "Email", 1), el(4, "text_input", (20, 84, 300, 30), "", 1)])
    targets = {t.element["id"]: t for t in analyse(Screen(d)).targets}
    en, de, rng = lang_for("en_US"), lang_for("de_DE"), random.Random(0)
    toggle = {"type": "toggle", "element": 2, "point": [95.0, 30.0], "text": "", "dy": 0}
    for _ in range(10):  # every template: a checked box is unchecked, by its name
        said = instruction(en, toggle, targets[2], rng)
        assert said.split()[0] in ("Uncheck", "Untick") and "'Remember me'" in said, said
    typing = {"type": "type", "element": 4, "point": [170.0, 99.0], "text": "ann@example.org", "dy": 0}
    said = instruction(en, typing, targets[4], rng)
    assert "'ann@example.org'" in said and "'Email' field" in said, said
    assert "„ann@example.org“" in instruction(de, typing, targets[4], rng)
    assert instruction(en, {**typing, "type": "scroll", "dy": -50}, None, rng) == "Scroll up"
    assert instruction(en, toggle, None, rng) is None  # no unambiguous expression: no record
    assert agent_action(typing, 800, 600, "pixels") == {"action": "type", "text": "ann@example.org", "x": 170, "y": 99}
    assert agent_action(toggle, 800, 600, "norm1000") == {"action": "click", "x": 119, "y": 50}
    assert agent_action({**toggle, "type": "scroll", "dy": 50, "point": [799.9, 599.9]}, 800, 600, "pixels") == \
        {"action": "scroll", "direction": "down", "amount": 50, "x": 799, "y": 599}
