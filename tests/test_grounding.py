"""Grounding export (instruction -> element): expressions, disambiguation, label association, coordinate
conventions, and the files on a small real dataset rendered by all three renderers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from factory.core.content import ui_words
from factory.core.dataset import open_dataset
from factory.core.schema import STATE_FIELDS, validate
from factory.grounding.coords import answer, florence, norm1000, point
from factory.grounding.phrases import lang_for
from factory.grounding.writer import screen_records
from factory.tario import samples
from tests.conftest import FACTORY, ROOT, factory_cli, snapshot, tree_hashes

# --- constructed documents --------------------------------------------------------------------------------------


def el(id: int, cls: str, bbox, text: str = "", parent: int | None = None, source: str = "", vf: float = 1.0,
       **state) -> dict:
    interactable = cls not in ("text", "heading", "card", "dialog", "toolbar", "table", "image")
    return {"id": id, "parent": parent, "class": cls, "bbox": list(bbox), "full_bbox": list(bbox), "text": text,
            "interactable": interactable, "state": {k: state.get(k) for k in STATE_FIELDS},
            "source_type": source or cls, "visible_fraction": vf, "depth": 0, "overflows_parent": False}


def doc(elements: list[dict], locale: str = "en_US", w: int = 800, h: int = 600, seed: int = 5) -> dict:
    d = {"key": "t_000000001", "index": 1, "seed": seed, "attempt": 0, "renderer": "web", "renderer_version": "t",
         "style": "t", "grammar": "t", "width": w, "height": h, "image_format": "png",
         "factors": {"theme": "light", "locale": locale, "form_factor": "desktop", "viewport_w": w, "viewport_h": h,
                     "dpr": 1}, "elements": elements, "schema_version": 1}
    validate(d)  # the constructed documents are valid schema-v1 documents, as in a real dataset
    return d


def by_element(records: list[dict]) -> dict[int, dict]:
    return {r["element_id"]: r for r in records}


def test_same_buttons_in_two_cards_are_told_apart_by_their_card():
    records, left = screen_records(doc([
        el(1, "card", (10, 10, 300, 200)), el(2, "heading", (20, 20, 100, 20), "Billing", parent=1),
        el(3, "button", (20, 150, 80, 30), "Save", parent=1),
        el(4, "card", (400, 10, 300, 200)), el(5, "heading", (410, 20, 100, 20), "Profile", parent=4),
        el(6, "button", (410, 150, 80, 30), "Save", parent=4),
    ]), "images/t.png")
    got = by_element(records)
    assert not left and set(got) == {3, 6}
    assert got[3]["expression"] == "the 'Save' button in the 'Billing' card"
    assert got[6]["expression"] == "the 'Save' button in the 'Profile' card"
    assert got[3]["by"] == got[6]["by"] == "container"


def test_same_buttons_in_one_container_by_position_or_left_out():
    side_by_side = [el(1, "toolbar", (0, 0, 800, 40)),
                    *[el(i, "button", (300 + 100 * i, 5, 60, 30), "OK", parent=1) for i in (2, 3, 4)]]
    got = by_element(screen_records(doc(side_by_side), "i.png")[0])
    assert [got[i]["expression"] for i in (2, 3, 4)] == [
        f"the {n} 'OK' button from the left in the top bar" for n in ("first", "second", "third")]
    stacked = [el(1, "card", (10, 10, 300, 300)), el(2, "heading", (20, 20, 90, 20), "Box", parent=1),
               el(3, "button", (20, 100, 60, 30), "OK", parent=1), el(4, "button", (20, 100, 60, 30), "OK", parent=1)]
    records, left = screen_records(doc(stacked), "i.png")
    assert not records and sorted((e["id"], why) for e, why in left) == [(3, "ambiguous"), (4, "ambiguous")]


def test_a_grid_inside_one_container_gives_row_and_column():
    slots = [el(10 + 3 * r + c, "inventory_slot", (20 + 60 * c, 40 + 60 * r, 50, 50), parent=1)
             for r in range(2) for c in range(3)]
    got = by_element(screen_records(doc([el(1, "card", (10, 10, 300, 200)),
                                         el(2, "heading", (20, 12, 90, 20), "Bag", parent=1), *slots]), "i.png")[0])
    assert got[14]["expression"] == "the slot in row 2, column 2 in the 'Bag' card"


def test_a_uniquely_named_neighbour_tells_apart_what_position_cannot():
    """Pagination: previous / next icon buttons on the page's bottom line, more icon buttons in the card above."""
    elements = [el(1, "card", (10, 10, 700, 500)), el(2, "heading", (20, 20, 100, 20), "Orders", parent=1),
                el(3, "icon_button", (600, 20, 30, 30), parent=1), el(4, "icon_button", (640, 20, 30, 30), parent=1),
                el(5, "icon_button", (400, 460, 30, 30), parent=1), el(6, "button", (440, 460, 30, 30), "1", parent=1),
                el(7, "button", (480, 460, 30, 30), "2", parent=1), el(8, "icon_button", (520, 460, 30, 30), parent=1)]
    got = by_element(screen_records(doc(elements), "i.png")[0])
    assert got[5]["expression"] == "the icon button to the left of the '1' button" and got[5]["by"] == "neighbour"
    assert got[8]["expression"] == "the icon button to the right of the '2' button"
    de = by_element(screen_records(doc(elements, locale="de_DE"), "i.png")[0])
    assert de[5]["expression"] == "die Symbolschaltfläche links von der Schaltfläche „1“"


def test_label_association_on_a_form():
    form = [
        el(1, "card", (100, 50, 400, 500)), el(2, "heading", (120, 60, 200, 30), "Sign in", parent=1),
        el(3, "text", (120, 100, 360, 20), "We never share your address.", parent=1),  # a sentence: no label
        el(4, "text", (120, 130, 360, 20), "Email", parent=1), el(5, "text_input", (120, 155, 360, 36), "Email",
                                                                  parent=1, source="input[type=email]"),
        el(6, "text", (120, 200, 360, 20), "Password", parent=1),
        el(7, "text_input", (120, 225, 360, 36), "••••", parent=1, filled=True),
        el(8, "text", (120, 275, 100, 20), "Country", parent=1), el(9, "dropdown", (330, 270, 150, 32), "France",
                                                                    parent=1),
        el(10, "text", (120, 320, 150, 20), "Dark mode", parent=1), el(11, "switch", (430, 316, 50, 28), parent=1),
        el(12, "checkbox", (120, 360, 200, 22), "Remember me", parent=1, checked=True),
        el(13, "button", (120, 400, 360, 36), "Sign in", parent=1),
    ]
    got = by_element(screen_records(doc(form), "i.png")[0])
    assert got[5]["expression"] == "the 'Email' field"
    assert got[7]["expression"] == "the 'Password' field"  # its label, not the dots it shows
    assert got[9]["expression"] == "the 'Country' dropdown"
    assert got[11]["expression"] == "the 'Dark mode' switch" and got[11]["action"] == "turn_on"
    assert got[12]["action"] == "uncheck"
    assert got[13]["expression"] == "the 'Sign in' button"  # the heading says "Sign in" too: never just 'Sign in'
    assert "'Sign in'" in got[13]["instruction"] and "button" in got[13]["instruction"]


def test_a_checkbox_or_radio_is_named_by_the_words_after_it_and_they_name_nothing_else():
    # Web screens draw a labelled checkbox as the real-page labeller sees one (factory.core.check_labels): the small
    # square, then its words as a text sibling.
    form = [
        el(1, "card", (100, 50, 400, 500)),
        el(2, "checkbox", (120, 100, 16, 16), "Send me news", parent=1),
        el(3, "text", (144, 98, 110, 20), "Send me news", parent=1),
        el(4, "text_input", (144, 122, 200, 36), "", parent=1),  # right under the words: they are not its label
        el(5, "radio", (120, 200, 16, 16), parent=1, checked=False),  # no words of its own: the ones after it
        el(6, "text", (144, 198, 60, 20), "Express", parent=1),
    ]
    got = by_element(screen_records(doc(form), "i.png")[0])
    assert got[2]["expression"] == "the 'Send me news' checkbox" and got[2]["action"] == "check"
    assert "Send me news" not in got[4]["expression"], "a checkbox's words name neither a field nor the card"
    assert got[5]["expression"] == "the 'Express' radio button" and got[5]["action"] == "select"


def test_too_small_and_disabled_are_left_out_and_counted():
    records, left = screen_records(doc([
        el(1, "button", (10, 10, 80, 30), "Half", vf=0.3), el(2, "button", (100, 10, 3, 30), "Thin"),
        el(3, "button", (200, 10, 80, 30), "Off", enabled=False), el(4, "button", (300, 10, 80, 30), "On"),
    ]), "i.png")
    assert [r["element_id"] for r in records] == [4]
    assert sorted((e["id"], why) for e, why in left) == [(1, "too_small"), (2, "too_small"), (3, "disabled")]


def test_a_parent_cycle_or_a_missing_parent_does_not_hang_or_fail():
    """Schema v1 does not say that parents form a tree: an edited document with a cycle still gives records."""
    cyclic = [el(1, "card", (10, 10, 300, 200), parent=2), el(2, "dialog", (5, 5, 400, 300), parent=1),
              el(3, "button", (20, 150, 80, 30), "Go", parent=1), el(4, "button", (120, 150, 80, 30), "Go", parent=4),
              el(5, "button", (220, 150, 80, 30), "Go", parent=99)]
    records, left = screen_records(doc(cyclic), "i.png")
    assert len(records) + len(left) == 3 and len({r["instruction"] for r in records}) == len(records)


@pytest.mark.parametrize("locale,lang,word", [
    ("de_DE", "de", "die Schaltfläche „Speichern“"), ("ja_JP", "ja", "「保存」ボタン"), ("zh_CN", "zh", "“保存”按钮"),
    ("ru_RU", "en", "the 'Speichern' button")])
def test_screen_language_or_english(locale: str, lang: str, word: str):
    text = {"ja": "保存", "zh": "保存"}.get(lang, "Speichern")
    (r,) = screen_records(doc([el(1, "button", (10, 10, 80, 30), text)], locale=locale), "i.png")[0]
    assert r["lang"] == lang and r["locale"] == locale and word in r["expression"]


@pytest.mark.parametrize("locale", ["en_US", "de_DE", "ja_JP", "zh_CN", "ru_RU"])
def test_every_class_and_state_has_words_in_every_language(locale: str):
    """Every interactable class in every state, named and unnamed, has an instruction in every language."""
    from factory.core.taxonomy import CLASS_ID

    elements, n = [], 0
    for cls in sorted(CLASS_ID):
        for state in ({}, {"checked": True}, {"selected": True}, {"expanded": False}, {"expanded": True}):
            for text in ("", "Name"):
                n += 1
                elements.append(el(n, cls, (10 * (n % 70), 8 * (n // 70), 8, 6), text, **state))
    records, left = screen_records(doc(elements, locale=locale, w=800, h=600), "i.png")
    assert records and all(r["instruction"] and "{" not in r["instruction"] for r in records)
    assert {r["action"] for r in records} >= {"click", "check", "uncheck", "turn_on", "turn_off", "type", "expand"}


def test_templates_are_drawn_from_the_sample_seed():
    elements = [el(i, "button", (10 + 90 * i, 10, 80, 30), f"B{i}") for i in range(12)]
    first = screen_records(doc(elements, seed=1), "i.png")[0]
    assert first == screen_records(doc(elements, seed=1), "i.png")[0]
    assert [r["instruction"] for r in first] != [r["instruction"] for r in screen_records(doc(elements, seed=2),
                                                                                         "i.png")[0]]


def test_coordinate_conventions_at_the_edges():
    assert (norm1000(0, 1280), norm1000(1280, 1280), norm1000(640, 1280)) == (0, 1000, 500)
    assert (florence(0, 1280), florence(1280, 1280), florence(1279.99, 1280), florence(640, 1280)) == (0, 999, 999, 500)
    whole = [0, 0, 1280, 720]
    assert answer(whole, 1280, 720, "pixels", "box") == "(0, 0), (1280, 720)"
    assert answer(whole, 1280, 720, "norm1000", "box") == "(0, 0), (1000, 1000)"
    assert answer(whole, 1280, 720, "florence", "box") == "<loc_0><loc_0><loc_999><loc_999>"
    assert answer([10, 20, 5, 4], 1280, 720, "pixels", "point") == "(12, 22)"
    assert answer([0, 0, 1, 1], 1280, 720, "florence", "point") == "<loc_0><loc_0>"
    assert answer([1279, 719, 1, 1], 1280, 720, "norm1000", "point") == "(1000, 999)"  # centre 1279.5, 719.5
    for box in ([0, 0, 1, 1], [7, 9, 2, 3], [1279, 719, 1, 1]):
        px, py = point(box)
        assert box[0] <= px < box[0] + box[2] and box[1] <= py < box[1] + box[3]


# --- a small real dataset: web, desktop and game screens in one version -----------------------------------------

RENDERS = {"web-material": ["--renderer", "web", "--count", "4", "--grammar", "signin", "--grammar", "settings",
                            "--grammar", "datatable"],  # a sign-in form (label association), settings, a table
           "desktop-fusion": ["--renderer", "desktop", "--count", "3"]}


@pytest.fixture(scope="module")
def version(tmp_path_factory, small_game_dataset: Path) -> Path:
    """One version of 4 web, 3 desktop and 4 game screens (the session's game fixture, copied)."""
    root = tmp_path_factory.mktemp("grounding") / "v1"
    env = {**os.environ, "COLUMNS": "120"}
    runs = [subprocess.Popen([*FACTORY, "render", *args, "--workers", "1", "--out", str(root / "parts" / name)],
                             cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for name, args in RENDERS.items()]  # side by side: each is mostly its renderer starting
    for run in runs:
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, err[-2000:]
    shutil.copytree(small_game_dataset, root / "parts" / "game-pixel")
    parts = [str(p) for p in sorted((root / "parts").iterdir()) if p.is_dir()]  # not the run records beside them
    res = factory_cli("merge", *parts, "--name", "v1", "--out", str(root))
    assert res.returncode == 0, res.stderr[-2000:]
    return root


@pytest.fixture(scope="module")
def exported(version: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gexport") / "g"
    res = factory_cli("export", str(version), "--format", "grounding", "--out", str(out))
    assert res.returncode == 0, res.stderr[-2000:]
    assert "records" in res.stdout and "ambiguous" in res.stdout
    return out


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _marks(f):
    """The tests on the real dataset need all three renderers."""
    for m in (pytest.mark.browser, pytest.mark.desktop, pytest.mark.game):
        f = m(f)
    return f


@_marks
def test_records_match_the_elements_and_stay_inside_the_screen(version: Path, exported: Path):
    docs = {s.key: s.doc for s in samples(open_dataset(version))}
    records = _jsonl(exported / "grounding.jsonl")
    assert len({r["image"] for r in records}) == len(docs) == 11  # every screen has records
    seen: set[tuple[str, str]] = set()
    for r in records:
        d = docs[r["image"].split("/")[1].split(".")[0]]
        (e,) = [e for e in d["elements"] if e["id"] == r["element_id"]]
        assert e["interactable"] and r["class"] == e["class"] and r["bbox"] == e["bbox"]
        x, y, w, h = r["bbox"]
        assert (r["width"], r["height"]) == (d["width"], d["height"])
        assert 0 <= x and 0 <= y and x + w <= d["width"] and y + h <= d["height"]
        px, py = r["point"]
        assert x <= px < x + w and y <= py < y + h
        x1, y1, x2, y2 = r["bbox_norm"]
        assert 0 <= x1 < x2 <= 1 and 0 <= y1 < y2 <= 1 and abs(x1 - x / d["width"]) < 1e-6
        assert x1 <= r["point_norm"][0] <= x2 and y1 <= r["point_norm"][1] <= y2
        assert (r["image"], r["instruction"]) not in seen, r
        seen.add((r["image"], r["instruction"]))
        with Image.open(exported / r["image"]) as im:
            assert im.size == (r["width"], r["height"])
    stats = json.loads((exported / "grounding_stats.json").read_text())
    assert stats["records"] == len(records) and stats["screens"] == 11
    assert {r: c["screens"] for r, c in stats["per_renderer"].items()} == {"web": 4, "desktop": 3, "game": 4}
    for cls, c in stats["per_class"].items():
        assert c["interactable"] == c["records"] + c["too_small"] + c["disabled"] + c["ambiguous"], cls
    assert {r["lang"] for r in records} <= {"en", "de", "ja", "zh"}


@_marks
def test_signin_fields_are_named_by_their_labels(version: Path, exported: Path):
    """Every field of the sign-in form is named by the label above it: the words the grammar used."""
    signin = {s.key: s.doc for s in samples(open_dataset(version)) if s.doc["grammar"] == "signin"}
    fields = [r for r in _jsonl(exported / "grounding.jsonl")
              if r["class"] == "text_input" and r["id"].rsplit("_", 1)[0] in signin]
    assert len(fields) >= 2
    for r in fields:
        lang = lang_for(r["locale"])
        words = ui_words(r["locale"])
        assert any(lang.q(words[k]) in r["expression"] for k in ("email", "password", "confirm_password", "name")), r


@_marks
def test_conversations_and_datasets_loads_both_files(exported: Path):
    import datasets

    records = _jsonl(exported / "grounding.jsonl")
    convs = _jsonl(exported / "conversations.jsonl")
    assert [c["id"] for c in convs] == [r["id"] for r in records]
    for c, r in zip(convs, records):
        human, gpt = c["conversations"]
        assert c["image"] == r["image"] and human == {"from": "human", "value": "<image>\n" + r["instruction"]}
        assert gpt["from"] == "gpt" and gpt["value"] == "({}, {})".format(*r["point"])
    for name, n in (("grounding.jsonl", len(records)), ("conversations.jsonl", len(convs))):
        ds = datasets.load_dataset("json", data_files=str(exported / name), split="train",
                                   cache_dir=str(exported.parent / "hf-cache"))
        assert ds.num_rows == n
    assert ds[0]["conversations"][0]["from"] == "human"


@_marks
def test_export_is_deterministic_and_other_conventions(version: Path, exported: Path, tmp_path: Path):
    again = tmp_path / "again"
    res = factory_cli("export", str(version), "--format", "grounding", "--out", str(again))
    assert res.returncode == 0, res.stderr
    assert tree_hashes(again) == tree_hashes(exported)
    res = factory_cli("export", str(version), "--format", "grounding", "--coords", "florence", "--target", "box",
                      "--out", str(again))  # replaces its own earlier export
    assert res.returncode == 0, res.stderr
    records = _jsonl(again / "grounding.jsonl")
    for c, r in zip(_jsonl(again / "conversations.jsonl"), records):
        x, y, w, h = r["bbox"]
        want = [min(999, (v * 1000) // size) for v, size in ((x, r["width"]), (y, r["height"]),
                                                              (x + w, r["width"]), (y + h, r["height"]))]
        assert c["conversations"][1]["value"] == "".join(f"<loc_{v}>" for v in want)
    assert json.loads((again / "grounding_stats.json").read_text())["coords"] == "florence"


@_marks
def test_foreign_out_and_wrong_options_are_refused(version: Path, tmp_path: Path):
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("a user's file")
    before = snapshot(tmp_path)
    res = factory_cli("export", str(version), "--format", "grounding", "--out", str(foreign))
    assert res.returncode == 2 and "not empty" in res.stderr, res.stderr
    res = factory_cli("export", str(version), "--format", "coco", "--coords", "florence", "--out", str(tmp_path / "c"))
    assert res.returncode == 2 and "--coords" in res.stderr
    assert snapshot(tmp_path) == before
