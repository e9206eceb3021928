"""Screen-to-code pairs: `factory render --keep-source` keeps each web screen's HTML and each desktop screen's
widget tree (a Qt Designer .ui) as a member of its sample; `factory export --format code-pairs` writes the pairs.

The HTML re-renders in Chromium with the sample's text and pixels; the .ui loads with QUiLoader into the same
widget classes and texts at the same window size; sources change no other byte and do not depend on the number
of workers; the one safe tar reader takes declared extra members only (one dot allowed), within their caps.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image

from factory.cli import main
from factory.core.dataset import open_dataset
from factory.core.schema import EXTRA_NAME, IMAGE_FORMATS, SAMPLE_EXTRAS, SOURCE_LANGUAGES
from factory.tario import SampleFault, decode_sample, samples, tar_groups
from tests import hostile
from tests.conftest import factory_cli, run_factory, tree_hashes
from tests.invariants import tar_members

WEB = ("render", "--renderer", "web", "--style", "bootstrap", "--count", "4", "--shard-size", "2", "--seed", "5",
       "--keep-source")
DESKTOP = ("render", "--renderer", "desktop", "--style", "fusion", "--count", "6", "--shard-size", "3", "--seed", "5",
           "--keep-source")


def _render(tmp_path_factory, args, name: str, workers: str = "2") -> Path:
    out = tmp_path_factory.mktemp(name) / name
    res = run_factory(*args, "--workers", workers, "--out", str(out))
    assert res.returncode == 0, res.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def web_src(tmp_path_factory) -> Path:
    return _render(tmp_path_factory, WEB, "web")


@pytest.fixture(scope="module")
def desktop_src(tmp_path_factory) -> Path:
    return _render(tmp_path_factory, DESKTOP, "desktop")


def _samples(d: Path) -> list:
    return list(samples(open_dataset(d)))


# --- the member list ------------------------------------------------------------------------------------------

def test_declared_extras_are_well_named():
    assert SOURCE_LANGUAGES.keys() <= SAMPLE_EXTRAS.keys()
    for ext, cap in SAMPLE_EXTRAS.items():
        assert re.fullmatch(EXTRA_NAME, ext) and ext not in ("json", *IMAGE_FORMATS)
        assert type(cap) is int and 0 < cap <= 256 << 20


def test_render_help_says_game_screens_have_no_source():
    res = CliRunner().invoke(main, ["render", "--help"], terminal_width=200)
    text = " ".join(res.output.split())
    assert "--keep-source" in text and "Game screens have no source" in text


@pytest.mark.game
def test_game_keep_source_is_a_noted_no_op(tmp_path: Path):
    out = tmp_path / "g"
    res = run_factory("render", "--renderer", "game", "--count", "2", "--workers", "1", "--keep-source", "--out",
                      str(out))
    assert res.returncode == 0, res.stderr[-2000:]
    assert "note: --keep-source: game screens carry no source" in " ".join(res.stderr.split())
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["config"]["keep_source"] is True
    assert manifest["sources"]["member"] is None and "no source" in manifest["sources"]["note"]
    assert {ext for m in tar_members(out).values() for ext in m} == {"json", "png"}
    res = factory_cli("export", str(out), "--format", "code-pairs", "--out", str(tmp_path / "pairs"))
    assert res.returncode == 2 and "--keep-source" in res.stderr and "game screens have none" in res.stderr
    assert not (tmp_path / "pairs").exists()


# --- web: the HTML ------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_web_samples_carry_the_html_that_drew_them(web_src: Path):
    manifest = json.loads((web_src / "manifest.json").read_text())
    assert manifest["config"]["keep_source"] is True and manifest["sources"]["member"] == "html"
    got = _samples(web_src)
    assert len(got) == 4
    for s in got:
        assert set(s.extras) == {"html"}
        html = s.extras["html"].decode("utf-8")
        assert html.lower().startswith("<!doctype html>") and "<style>" in html  # CSS inline
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)  # self-contained: nothing fetched
        for e in s.doc["elements"]:  # every element's node is in the page
            assert f'data-nid="n{e["id"]}"' in html
    res = factory_cli("verify", str(web_src))
    assert res.returncode == 0, res.stderr[-2000:]


def _show_pages(pages: list[tuple[str, dict]]) -> list[tuple[str, list[str], bytes]]:
    """Each (html, factors) loaded into a fresh Chromium page at the sample's viewport and DPR, nothing fetched:
    (its visible text, its fields' values or placeholders, a screenshot). Runs in a thread of its own, so a
    Playwright instance elsewhere in this process (the session's renderer) does not stop it, nor it them."""
    from renderers.web.browser import CHROMIUM_ARGS, chromium_path, import_playwright
    from renderers.web.renderer import MEASURE_JS

    def run() -> list:
        out = []
        with import_playwright()() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(pw), args=CHROMIUM_ARGS)
            for html, f in pages:
                context = browser.new_context(viewport={"width": f["viewport_w"], "height": f["viewport_h"]},
                                              device_scale_factor=f["dpr"])
                context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("data:", "file:"))
                              else r.abort())
                page = context.new_page()
                page.set_content(html)
                # What the markup does not set, the renderer's script does once the page is written (source_note):
                # scroll positions, open popups placed under their opener, focus. Run it as the renderer does.
                page.evaluate(MEASURE_JS)
                out.append((" ".join(page.evaluate("document.body.innerText").split()),
                            page.evaluate("[...document.querySelectorAll('input, textarea')]"
                                          ".map(e => e.value || e.placeholder)"),
                            page.screenshot()))
                context.close()
            browser.close()
        return out

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result(timeout=300)


@pytest.mark.browser
def test_html_rerenders_in_chromium_with_the_same_text_and_pixels(web_src: Path):
    got = _samples(web_src)
    shown = _show_pages([(s.extras["html"].decode("utf-8"), s.doc["factors"]) for s in got])
    for s, (text, fields, png) in zip(got, shown):
        texts = [" ".join(e["text"].split()) for e in s.doc["elements"] if e["text"].strip()]
        assert texts
        missing = [t for t in texts if t not in text and t not in fields]
        assert not missing, missing[:5]
        theirs = np.asarray(Image.open(io.BytesIO(s.image)).convert("RGB"))
        mine = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
        assert np.array_equal(mine, theirs)  # the same page: the same screen, pixel for pixel


# --- desktop: the .ui -------------------------------------------------------------------------------------------

def _stock(source_type: str) -> str:
    """The class a .ui names for a widget of this annotated source type ('Badge(QLabel)[badge]' -> 'QLabel')."""
    from renderers.desktop.uiprops import STAND_INS

    base = source_type.split("[")[0]
    base = base[base.index("(") + 1:-1] if "(" in base else base
    return STAND_INS.get(base, base)


@pytest.mark.desktop
def test_ui_loads_with_quiloader_into_the_drawn_widgets(desktop_src: Path, desktop_renderer):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage
    from PySide6.QtUiTools import QUiLoader
    from PySide6.QtWidgets import QMenu, QWidget

    from renderers.desktop.measure import widget_text

    classes: Counter = Counter()
    for s in _samples(desktop_src):
        assert set(s.extras) == {"ui"}
        buf = QBuffer()
        buf.setData(QByteArray(s.extras["ui"]))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        loader = QUiLoader()
        window = loader.load(buf)
        assert window is not None, loader.errorString()
        try:
            f = s.doc["factors"]
            assert (window.width(), window.height()) == (f["viewport_w"], f["viewport_h"])
            window.show()
            image = QImage(s.doc["width"], s.doc["height"], QImage.Format.Format_RGB32)
            image.setDevicePixelRatio(f["dpr"])
            image.fill(0)
            window.render(image)  # the loaded window draws a screen of the sample's size
            assert (image.width(), image.height()) == (s.doc["width"], s.doc["height"])
            assert len(set(image.bits().tobytes()[::97])) > 8, "the loaded window drew nothing"
            named = {w.objectName(): w for w in window.findChildren(QWidget)} | {window.objectName(): window}
            by_id = {int(n.rsplit("_n", 1)[1]): w for n, w in named.items() if re.search(r"_n\d+$", n)}
            widgets = [e for e in s.doc["elements"] if "::" not in e["source_type"]
                       and not e["source_type"].startswith(("QTreeWidgetItem", "QTableWidgetItem", "QListWidgetItem"))]
            found = [e for e in widgets if e["id"] in by_id]
            # Every widget the annotations name is in the .ui but the views' own scroll bars (their policy is).
            assert {e["source_type"] for e in widgets if e["id"] not in by_id} <= {"QScrollBar"}
            for e in found:
                w = by_id[e["id"]]
                assert w.metaObject().className() == _stock(e["source_type"]), e
                assert widget_text(w) == e["text"], e
                assert w.isEnabled() == e["state"]["enabled"], e
                if e["state"]["checked"] is not None:
                    assert w.isChecked() == e["state"]["checked"], e
                classes[w.metaObject().className()] += 1
            for e in s.doc["elements"]:  # menu-bar entries are menus with their titles
                if e["source_type"] == "QMenuBar::item":
                    assert by_id[e["id"]].title().replace("&&", "&") == e["text"]
                    assert isinstance(by_id[e["id"]], QMenu)
        finally:
            window.deleteLater()
    assert len(classes) >= 6, classes  # a variety of widget classes went through


def _load_ui(data: bytes):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtUiTools import QUiLoader

    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    loader = QUiLoader()
    window = loader.load(buf)
    assert window is not None, loader.errorString()
    return window


def _in_calendar(w) -> bool:
    """Inside a QCalendarWidget: its navigation bar, buttons and view are Qt's; the .ui holds the calendar."""
    from PySide6.QtWidgets import QCalendarWidget

    p = w.parentWidget()
    while p is not None and not isinstance(p, QCalendarWidget):
        p = p.parentWidget()
    return p is not None


@pytest.mark.desktop
def test_ui_holds_the_classes_and_texts_of_the_live_widget_tree(desktop_renderer, monkeypatch):
    """Every widget of the drawn tree that draws a layout node (containers too) is in the .ui with its class
    and text, but what belongs to a widget that is written: a scroll area's or view's scroll bars (their policies
    are written), a table's header (its sections are the table's columns) and a tab widget's own tab bar."""
    from PySide6.QtWidgets import QWidget

    from factory.config import RenderConfig
    from factory.sample import render_sample
    from renderers.desktop import renderer as desktop
    from renderers.desktop.measure import widget_text
    from renderers.desktop.uiprops import ui_class

    live: list[dict] = []
    write = desktop.ui_file

    def spy(scene):  # the live tree, read where the renderer writes the .ui from it (but a calendar's own parts)
        live.append({int(nid[1:]): (ui_class(w), widget_text(w)) for w, nid in scene.node_of.items()
                     if not _in_calendar(w)})
        return write(scene)

    monkeypatch.setattr(desktop, "ui_file", spy)
    monkeypatch.setattr(desktop_renderer, "keep_source", True)
    cfg = RenderConfig(renderer="desktop", style="classic", count=6, seed=21, keep_source=True)
    left_out: Counter = Counter()
    for i in range(cfg.count):
        s = render_sample(cfg, i, desktop_renderer, "v")
        window = _load_ui(s.extras["ui"])
        try:
            names = {w.objectName(): w for w in window.findChildren(QWidget)} | {window.objectName(): window}
            by_id = {int(n.rsplit("_n", 1)[1]): w for n, w in names.items() if re.search(r"_n\d+$", n)}
            for nid, (cls, text) in live[-1].items():
                if nid not in by_id:
                    left_out[cls] += 1
                    continue
                assert (by_id[nid].metaObject().className(), widget_text(by_id[nid])) == (cls, text), nid
        finally:
            window.deleteLater()
    assert set(left_out) <= {"QScrollBar", "QHeaderView", "QTabWidget"}, left_out  # (a QTabBar is a QTabWidget)


@pytest.mark.desktop
def test_verify_names_a_sample_that_lost_its_source(desktop_src: Path, tmp_path: Path):
    ds = tmp_path / "ds"
    shutil.copytree(desktop_src, ds)
    rel = "shards/desktop_fusion-000000.tar"
    victim = "desktop_fusion_000000001"
    hostile.edit_tar(ds, lambda ms: [(i, d) for i, d in ms if i.name != f"{victim}.ui"], rel)
    hostile.rehash(ds)
    res = CliRunner().invoke(main, ["verify", str(ds)])
    assert res.exit_code == 1 and f"{rel} [{victim}]: no .ui member" in res.stderr, res.stderr
    assert res.stderr.count("FAULT") == 1


@pytest.mark.desktop
def test_ui_compiles_with_uic(desktop_src: Path, tmp_path: Path):
    """The .ui is what Qt's own tools read: pyside6-uic turns it into Python that compiles."""
    uic = Path(sys.executable).parent / "pyside6-uic"
    for s in _samples(desktop_src)[:3]:
        (tmp_path / "screen.ui").write_bytes(s.extras["ui"])
        res = subprocess.run([str(uic), str(tmp_path / "screen.ui")], capture_output=True, text=True, timeout=60)
        assert res.returncode == 0, res.stderr
        compile(res.stdout, "screen.py", "exec")
        form = re.search(r"<class>(\w+)</class>", s.extras["ui"].decode()).group(1)
        assert f"class Ui_{form}(object):" in res.stdout and f"def setupUi(self, {form}):" in res.stdout


# --- bytes ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", [pytest.param("web", marks=pytest.mark.browser),
                                  pytest.param("desktop", marks=pytest.mark.desktop)])
def test_keep_source_bytes_do_not_depend_on_workers(kind: str, request, tmp_path: Path):
    two = request.getfixturevalue(f"{kind}_src")
    one = tmp_path / kind
    res = run_factory(*(WEB if kind == "web" else DESKTOP), "--workers", "1", "--out", str(one))
    assert res.returncode == 0, res.stderr[-2000:]
    assert tree_hashes(one) == tree_hashes(two)


@pytest.mark.desktop
def test_sources_change_no_other_byte(desktop_src: Path, tmp_path: Path):
    plain = tmp_path / "plain"
    res = run_factory(*DESKTOP[:-1], "--workers", "1", "--out", str(plain))
    assert res.returncode == 0, res.stderr[-2000:]
    with_src, without = tar_members(desktop_src), tar_members(plain)
    assert {ext for m in without.values() for ext in m} == {"json", "png"}
    assert {k: {e: d for e, d in m.items() if e != "ui"} for k, m in with_src.items()} == without
    hashes, plain_hashes = tree_hashes(desktop_src), tree_hashes(plain)
    tables = [p for p in plain_hashes if p.startswith("tables/")]
    assert tables and all(hashes[p] == plain_hashes[p] for p in tables)
    manifest = json.loads((plain / "manifest.json").read_text())
    assert "keep_source" not in manifest["config"] and "sources" not in manifest


# --- readers ----------------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_trainer_loader_hugging_face_and_timm_read_keep_source_shards(web_src: Path, tmp_path: Path):
    from datasets import load_dataset

    from trainer.tars import shard_samples

    tars = sorted(str(p) for p in (web_src / "shards").glob("*.tar"))
    got = [s for t in tars for s in shard_samples(t, lambda e: pytest.fail(str(e)))]
    assert len(got) == 4 and all(set(s) == {"__key__", "__url__", "json", "png"} for s in got)  # html not read
    from factory.hf import dataset_features

    ds = load_dataset("webdataset", data_files={"train": tars}, split="train", cache_dir=str(tmp_path / "hf"),
                      features=dataset_features(web_src))
    assert len(ds) == 4 and {"html", "json", "png"} <= set(ds.column_names)
    assert ds[0]["html"].startswith(b"<!DOCTYPE html>") or b"<html" in ds[0]["html"][:200]
    from timm.data import create_dataset

    timm_ds = create_dataset("wds/gui", root=str(web_src), split="train", is_training=False, batch_size=1,
                             target_key="index")
    assert sorted(target for _, target in timm_ds) == [0, 1, 2, 3]


@pytest.mark.game
def test_declared_extra_with_a_dot_round_trips(small_game_dataset: Path, tmp_path: Path, monkeypatch):
    """The episodes' members (`after.png`, `action.json`...): declared in SAMPLE_EXTRAS, written by the shard
    writer, read into Sample.extras, skipped by the trainer; undeclared, refused."""
    from factory.sample import Sample as Drawn
    from factory.shards import ShardPaths, ShardWriter
    from factory.verify import _record_from_doc
    from trainer.tars import shard_samples

    src = _samples(small_game_dataset)[0]
    monkeypatch.setitem(SAMPLE_EXTRAS, "after.png", 256 << 20)
    monkeypatch.setitem(SAMPLE_EXTRAS, "action.json", 1 << 20)
    extras = {"after.png": src.image, "action.json": b'{"action": "click"}'}
    writer = ShardWriter(ShardPaths(tmp_path, "x-000000"))
    writer.write(Drawn(_record_from_doc(src.doc), src.image, Counter(), extras))
    writer.commit("f", range(1))
    tar = tmp_path / "shards" / "x-000000.tar"
    with tarfile.open(tar) as tf:
        assert [m.name.split(".", 1)[1] for m in tf] == ["action.json", "after.png", "json", "png"]
        assert {(m.mtime, m.uname, m.mode) for m in tf} == {(0, "gui-factory", 0o444)}
    (key, members), = tar_groups(tar, "x")
    assert decode_sample("x", key, members).extras == extras
    assert set(next(shard_samples(str(tar), lambda e: pytest.fail(str(e))))) == {"__key__", "__url__", "json", "png"}
    monkeypatch.delitem(SAMPLE_EXTRAS, "after.png")
    faults: list[SampleFault] = []
    list(tar_groups(tar, "x", faults.append))
    exts = ", ".join(("json", *IMAGE_FORMATS, *SAMPLE_EXTRAS))  # the declared ones, after.png no longer among them
    assert "after.png" not in exts and "action.json" in exts
    assert [f.problem for f in faults] == [f"member 'game_pixel_000000000.after.png' is not <key>.<ext> with ext one "
                                           f"of {exts}"]


@pytest.mark.game
@pytest.mark.parametrize("extra, problem", [
    ({"exe": b"MZ"}, "is not <key>.<ext> with ext one of"),
    ({"html.gz": b"x"}, "is not <key>.<ext> with ext one of"),
    ({"html": b"x" * 64}, "declares 64 bytes, over the cap of 32"),
])
def test_reader_refuses_unknown_and_oversize_members(small_game_dataset: Path, tmp_path: Path, monkeypatch,
                                                     extra: dict, problem: str):
    ds = tmp_path / "ds"
    shutil.copytree(small_game_dataset, ds)
    hostile.edit_sample(ds, lambda m: {**m, **extra})
    hostile.rehash(ds)
    monkeypatch.setitem(SAMPLE_EXTRAS, "html", 32)
    res = CliRunner().invoke(main, ["verify", str(ds)])
    assert res.exit_code == 1 and problem in res.stderr and hostile.KEY0 in res.stderr, res.stderr
    res = CliRunner().invoke(main, ["export", str(ds), "--format", "coco", "--out", str(tmp_path / "coco")])
    assert res.exit_code == 2 and problem in res.stderr
    assert not (tmp_path / "coco").exists()


@pytest.mark.game
def test_reader_refuses_a_declared_terabyte_extra(small_game_dataset: Path, tmp_path: Path):
    ds = tmp_path / "ds"
    shutil.copytree(small_game_dataset, ds)
    hostile.edit_sample(ds, lambda m: [hostile.member(f"{hostile.KEY0}.{e}", d) for e, d in m.items()]
                        + [hostile.member(f"{hostile.KEY0}.html", b"<p>", size=1 << 40)])
    hostile.rehash(ds)
    res = CliRunner().invoke(main, ["verify", str(ds)])
    assert res.exit_code == 1 and "declares 1,099,511,627,776 bytes, over the cap" in res.stderr


# --- export ----------------------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.desktop
def test_export_code_pairs(web_src: Path, desktop_src: Path, small_game_dataset: Path, tmp_path: Path):
    root = tmp_path / "v1"
    for name, part in (("web-bootstrap", web_src), ("desktop-fusion", desktop_src), ("game-pixel", small_game_dataset)):
        shutil.copytree(part, root / "parts" / name)
    res = factory_cli("merge", *[str(p) for p in sorted((root / "parts").iterdir())], "--name", "v1", "--out",
                      str(root))
    assert res.returncode == 0, res.stderr
    before = tree_hashes(root)
    out = tmp_path / "pairs"
    res = factory_cli("export", str(root), "--format", "code-pairs", "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert "10 pairs (4 html, 6 qt-ui)" in res.stdout and "parts/game-pixel" in res.stderr
    pairs = [json.loads(line) for line in (out / "pairs.jsonl").read_text().splitlines()]
    members = {**tar_members(web_src), **tar_members(desktop_src)}
    assert len(pairs) == 10 and {p["key"] for p in pairs} == set(members)
    for p in pairs:
        ext = {"html": "html", "qt-ui": "ui"}[p["language"]]
        assert p["source"] == f"sources/{p['key']}.{ext}" and p["image"] == f"images/{p['key']}.png"
        assert (out / p["source"]).read_bytes() == members[p["key"]][ext]
        assert (out / p["image"]).read_bytes() == members[p["key"]]["png"]
        doc = json.loads(members[p["key"]]["json"])
        assert (p["width"], p["height"], p["renderer"], p["style"]) == (doc["width"], doc["height"], doc["renderer"],
                                                                       doc["style"])
    assert tree_hashes(root) == before  # the dataset is only read
    # An export replaces its own files; another format removes the pairs' files and keeps a user's.
    (out / "notes.txt").write_text("mine")
    res = factory_cli("export", str(web_src), "--format", "code-pairs", "--out", str(out))
    assert res.returncode == 0 and len((out / "pairs.jsonl").read_text().splitlines()) == 4
    assert len(list((out / "sources").iterdir())) == 4
    res = factory_cli("export", str(web_src), "--format", "coco", "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert not (out / "sources").exists() and not (out / "pairs.jsonl").exists()
    assert (out / "notes.txt").read_text() == "mine"


@pytest.mark.browser
def test_export_code_pairs_refuses_a_foreign_out(web_src: Path, tmp_path: Path):
    out = tmp_path / "mine"
    (out / "sources").mkdir(parents=True)
    (out / "sources" / "web_bootstrap_000000000.html").write_text("my page")
    before = tree_hashes(out)
    res = factory_cli("export", str(web_src), "--format", "code-pairs", "--out", str(out))
    assert res.returncode == 2 and "holds no earlier" in res.stderr and "Traceback" not in res.stderr
    assert tree_hashes(out) == before
    res = factory_cli("export", str(web_src), "--format", "code-pairs", "--taxonomy", "rico", "--out",
                      str(tmp_path / "x"))
    assert res.returncode == 2 and "--taxonomy" in res.stderr and not (tmp_path / "x").exists()


@pytest.mark.game
def test_export_code_pairs_of_a_dataset_without_sources_exits_2(small_game_dataset: Path, tmp_path: Path):
    res = factory_cli("export", str(small_game_dataset), "--format", "code-pairs", "--out", str(tmp_path / "p"))
    assert res.returncode == 2 and "--keep-source" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "p").exists()
