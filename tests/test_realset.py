"""`factory realset`: the catalogue, a tiny site built end to end (offline, deterministic, resumable, readable by
every reader), the evaluation-only mark that the trainer refuses, and the real catalogue's own sources."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, factory_cli, run_factory, snapshot, tree_hashes
from factory.core.errors import ConfigError

SITES_TOML = """
[kind.template]
viewports = [[640, 400], [800, 500]]
scrolls = 3
scroll_step = 0.8

[[mirror]]
url = "https://cdn.example.test/demo-lib@2.0.0/"
npm = "demo-lib"
version = "2.0.0"

[[site]]
name = "demo"
kind = "template"
npm = "demo-site"
root = "dist"
pages = ["*.html"]
exclude = ["skip.html"]
redirects = { "dist/js/gone.js" = "shim:stand-in.js" }
"""
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="https://cdn.example.test/demo-lib@2.0.0/kit.css">
<script src="js/gone.js"></script><script src="https://tracker.example.test/t.js"></script>
<style>body {{ margin: 0; font: 16px 'DejaVu Sans', sans-serif; }} section {{ height: 420px; padding: 24px; }}</style>
</head><body><nav class="navbar"><a href="#">{title}</a> <a class="btn" href="#">Sign up</a></nav>
<section><h1>{title} heading</h1><p>Some text with a <a href="#">link</a>.</p><input placeholder="Email"></section>
<section><h2>Second</h2><label><input type="checkbox" checked> Remember me</label><button>Send</button></section>
</body></html>"""


def make_sources(root: Path) -> Path:
    """A catalogue with one npm 'site' (two pages) and one mirrored CDN package, installed as npm would."""
    src = root / "realset"
    dist = src / "node_modules" / "demo-site" / "dist"
    dist.mkdir(parents=True)
    (dist.parent / "package.json").write_text('{"name": "demo-site", "version": "1.2.3"}')
    for name, title in (("index.html", "Home"), ("about.html", "About"), ("skip.html", "Skipped")):
        (dist / name).write_text(PAGE.format(title=title))
    lib = src / "node_modules" / "demo-lib"
    lib.mkdir(parents=True)
    (lib / "package.json").write_text('{"name": "demo-lib", "version": "2.0.0"}')
    (lib / "kit.css").write_text(".btn { background: #0a58ca; color: #fff; padding: 6px 12px; border-radius: 4px; }"
                                 ".navbar { background: #eee; padding: 8px; }")
    (src / "shims").mkdir()
    (src / "shims" / "stand-in.js").write_text("document.documentElement.dataset.shim = '1';")
    (src / "sites.toml").write_text(SITES_TOML)
    (src / "apt-packages.txt").write_text("# none\n")
    (src / "package-lock.json").write_text(json.dumps({"lockfileVersion": 3, "packages": {
        "": {"name": "x"}, "node_modules/demo-site": {"version": "1.2.3"},
        "node_modules/demo-lib": {"version": "2.0.0"}}}))
    return src


# --- the catalogue (no browser) ------------------------------------------------------------------------------------

def test_catalogue_loads_and_draws_screens_deterministically(tmp_path):
    from dataclasses import replace

    from factory.realsites import candidate_pages, check_sources, choose_screens, load, measure_order
    from renderers.web.real_pages import scroll_positions

    cat = load(make_sources(tmp_path))
    site = cat.site("demo")
    assert site.page_files() == ["about.html", "index.html"] and site.prefix == "real_demo"
    assert check_sources(cat, [site]) == {"npm": {"demo-site": "1.2.3", "demo-lib": "2.0.0"}, "deb": {}}
    assert candidate_pages(site, 1, seed=0) == candidate_pages(site, 1, seed=0)
    positions = {("about.html", (640, 400)): 3, ("index.html", (640, 400)): 2, ("index.html", (800, 500)): 1}
    a, b = choose_screens(site, positions, 4, seed=7), choose_screens(site, positions, 4, seed=7)
    assert a == b and len(a) == 4 and a == sorted(a, key=lambda s: (s.page, s.viewport, s.scroll))
    assert len(choose_screens(site, positions, 99, seed=7)) == 6  # all of them when there are fewer
    pinned = replace(site, pin=("index.html",))
    assert measure_order(pinned, site.page_files(), 3)[0][0] == "index.html"  # pinned pages are measured first
    assert all(any(s.page == "index.html" for s in choose_screens(pinned, positions, 1, seed=k)) for k in range(5))
    assert scroll_positions(1000, 400, 4, 0.8) == [0, 320, 640, 960]
    assert scroll_positions(500, 400, 4, 0.8) == [0, 320, 500]  # the last one clamped to the page's end
    assert scroll_positions(0, 400, 4, 0.8) == [0]


def test_catalogue_refuses_what_is_not_installed_as_pinned(tmp_path):
    from factory.realsites import check_sources, load

    src = make_sources(tmp_path)
    (src / "node_modules" / "demo-lib" / "package.json").write_text('{"version": "2.0.1"}')
    with pytest.raises(ConfigError, match=r"demo-lib: 2\.0\.1 installed, 2\.0\.0 pinned.*make setup"):
        check_sources(load(src), list(load(src).sites))
    (src / "sites.toml").write_text(SITES_TOML.replace('kind = "template"', 'kind = "dashboard"'))
    with pytest.raises(ConfigError, match="kind 'dashboard' must be one of"):
        load(src)
    (src / "sites.toml").write_text(SITES_TOML)
    (src / "apt-packages.txt").write_text("no-version-here\n")
    with pytest.raises(ConfigError, match="expected PACKAGE=VERSION"):
        load(src)


def test_the_projects_catalogue_is_valid_and_leaves_dashboards_out():
    from factory.realsites import MIN_SCREENS, load

    cat = load(ROOT / "realset")
    names = [s.name for s in cat.sites]
    assert len(names) >= 20 and len(set(names)) == len(names)
    assert {s.kind.name for s in cat.sites} == {"template", "kit", "sphinx", "doxygen", "javadoc"}
    banned = ("admin", "dashboard", "sb-admin", "adminlte")
    assert not [s.package for s in cat.sites if any(b in s.package.lower() for b in banned)]
    lock = json.loads((ROOT / "realset" / "package-lock.json").read_text())
    assert not [k for k in lock["packages"] if any(b in k.lower() for b in banned)]
    assert all(v == lock["packages"][f"node_modules/{k}"]["version"]  # package.json pins exact versions
               for k, v in json.loads((ROOT / "realset" / "package.json").read_text())["dependencies"].items())
    assert MIN_SCREENS == 12


# --- the tiny site, end to end (browser) -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_set(tmp_path_factory):
    root = tmp_path_factory.mktemp("realset")
    src = make_sources(root)
    out = root / "real"
    res = run_factory("realset", "--sources", str(src), "--out", str(out), "--screens", "5", "--workers", "1")
    assert res.returncode == 0, res.stdout + res.stderr
    return src, out, res


@pytest.mark.browser
def test_build_writes_a_dataset_every_reader_takes(demo_set, tmp_path):
    src, out, res = demo_set
    assert "demo: 5 screens" in res.stdout
    site = json.loads((out / "demo" / "manifest.json").read_text())
    assert site["evaluation_only"] is True and site["counts"]["samples"] == 5
    cfg = site["config"]
    assert (cfg["renderer"], cfg["style"], cfg["grammars"]) == ("real", "demo", ["template"])
    assert cfg["source"] == {"type": "npm", "package": "demo-site", "version": "1.2.3"}
    assert site["counts"]["drops"]["blocked_requests"] >= 1  # the tracker: aborted and counted
    assert "missing_files" not in site["counts"]["drops"]  # js/gone.js came from its stand-in
    top = json.loads((out / "manifest.json").read_text())
    assert top["evaluation_only"] is True and [p["path"] for p in top["parts"]] == ["demo"]
    assert top["sources"]["npm"] == {"demo-lib": "2.0.0", "demo-site": "1.2.3"}
    classes = site["counts"]["classes"]
    assert {"toolbar", "link", "button", "heading", "text", "text_input"} <= set(classes), classes
    assert classes.get("button", 0) >= 1  # the mirrored kit.css styled .btn: its pixels are there
    for args in (("verify", str(out)), ("stats", str(out), "--out", str(tmp_path / "stats")),
                 ("preview", str(out / "demo"), "--out", str(tmp_path / "p.png"))):
        r = run_factory(*args)
        assert r.returncode == 0, (args, r.stdout + r.stderr)
    r = factory_cli("report", str(out), "--out", str(tmp_path / "r.html"), "--card", str(tmp_path / "card.md"))
    assert r.returncode == 0, r.stdout + r.stderr
    card = (tmp_path / "card.md").read_text()  # says what the set is: real pages, evaluation only, their licences
    assert "real web pages" in card and "Evaluation only" in card and "keep those packages' licences" in card
    assert "Synthetic" not in card and "procedural layout grammars" not in card
    from factory.cli_train import _split_tars  # what `factory evaluate CKPT --split real 'OUT/*'` reads

    assert [Path(t).name for t in _split_tars((("real", f"{out}/*"),))["real"]] == ["real_demo-000000.tar"]


@pytest.mark.browser
def test_build_is_deterministic_and_resumes_site_by_site(demo_set, tmp_path):
    src, out, _ = demo_set
    again = tmp_path / "again"
    res = run_factory("realset", "--sources", str(src), "--out", str(again), "--screens", "5", "--workers", "2")
    assert res.returncode == 0, res.stderr
    assert tree_hashes(again) == tree_hashes(out)  # same bytes, whatever the worker count
    before = snapshot(again)
    res = run_factory("realset", "--sources", str(src), "--out", str(again), "--screens", "5")
    assert res.returncode == 0 and "kept from an earlier run" in res.stdout
    assert snapshot(again) == before


@pytest.mark.browser
def test_foreign_out_and_unknown_sites_are_refused(demo_set, tmp_path):
    src, out, _ = demo_set
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    res = run_factory("realset", "--sources", str(src), "--out", str(foreign), "--screens", "2")
    assert res.returncode == 2 and "notes.txt" in res.stderr
    assert snapshot(foreign) == {"notes.txt": snapshot(foreign)["notes.txt"]}
    res = run_factory("realset", "--sources", str(src), "--out", str(tmp_path / "x"), "--sites", "nope")
    assert res.returncode == 2 and "unknown site 'nope'" in res.stderr and not (tmp_path / "x").exists()


@pytest.mark.browser
def test_trainer_refuses_the_set_unless_asked(demo_set, tmp_path):
    from trainer.sources import describe, resolve

    src, out, _ = demo_set
    # finetune on the set (a version of sites), pretrain on one site alone: both refused, nothing left behind
    for command, data in (("finetune", out), ("pretrain", out / "demo")):
        res = run_factory(command, str(data), "--out", str(tmp_path / "run"), "--steps", "1")
        assert res.returncode == 2, res.stderr
        assert "is an evaluation-only set (real-world development set): it is never trained on" in res.stderr
        assert not (tmp_path / "run").exists()
    with pytest.raises(ConfigError, match="--allow-evaluation-only"):
        resolve([str(out / "demo")])
    srcs = resolve([str(out / "demo")], allow_evaluation_only=True)
    assert srcs[0].samples == 5 and srcs[0].evaluation_only
    assert describe(srcs, [str(out / "demo")])[0]["evaluation_only"] is True


@pytest.mark.browser
@pytest.mark.train
def test_finetune_trains_on_the_set_with_the_override(demo_set, tmp_path):
    src, out, _ = demo_set
    res = run_factory("finetune", str(out / "demo"), "--allow-evaluation-only", "--out", str(tmp_path / "run"),
                      "--steps", "1", "--batch-size", "2", "--width", "128", "--height", "128", "--workers", "0",
                      "--no-augment", "--ckpt-every", "1", "--log-every", "1")
    assert res.returncode == 0, res.stderr[-3000:]
    cfg = json.loads((tmp_path / "run" / "config.json").read_text())
    assert cfg["data"][0]["evaluation_only"] is True


# --- the project's real sources (installed by `make setup`) ---------------------------------------------------

def _installed(site_name: str) -> bool:
    from factory.realsites import check_sources, load

    cat = load(ROOT / "realset")
    try:
        check_sources(cat, [cat.site(site_name)])
    except ConfigError:
        return False
    return True


@pytest.mark.browser
@pytest.mark.parametrize("site", ["sb-landing-page", "jsoncpp-docs"])
def test_real_sites_build(site, tmp_path):
    if not _installed(site):
        pytest.skip(f"the pinned sources of {site} are not installed (scripts/setup.sh installs them)")
    out = tmp_path / "real"
    res = run_factory("realset", "--out", str(out), "--sites", site, "--screens", "3", "--workers", "1",
                      "--sources", str(ROOT / "realset"))
    assert res.returncode == 0, res.stdout + res.stderr
    m = json.loads((out / site / "manifest.json").read_text())
    assert m["counts"]["samples"] == 3 and m["counts"]["elements"] >= 15
    assert m["counts"]["drops"].get("blocked_requests", 0) <= 3  # CDN files come from the pinned mirrors
    assert factory_cli("verify", str(out)).returncode == 0
    shutil.rmtree(out)
