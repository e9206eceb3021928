"""The DOM labeller of real pages (renderers/web/label_dom.js + annotators/dom.py) on small hand-written pages:
one test per class family, plus visibility (hidden, clipped, occluded, under a fixed bar) and offline routing."""

from __future__ import annotations

import io
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from PIL import Image

pytestmark = pytest.mark.browser

SVG = '<svg width="{w}" height="{h}" viewBox="0 0 10 10"><rect width="10" height="10" fill="#c33"/></svg>'
# A two-colour picture (a flat one would be dropped as drawing nothing).
PICTURE = ("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 2 2'%3E%3Crect width='2' "
           "height='2' fill='%23258'/%3E%3Crect width='1' height='1' fill='%23fc3'/%3E%3C/svg%3E")


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """RealPages on a thread of its own: Playwright's sync API runs one instance per thread, and the session's
    web renderer (conftest) may hold the main thread's."""
    from renderers.web.offline_routes import OfflineRoutes
    from renderers.web.real_pages import RealPages

    rp = RealPages(lambda: OfflineRoutes())
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(rp.__enter__).result()
        try:
            yield thread, rp, tmp_path_factory.mktemp("pages")
        finally:
            thread.submit(rp.__exit__, None, None, None).result()


def label(pages, body: str, viewport=(800, 600), y: int = 0, css: str = ""):
    """Elements (schema Element) of `body` rendered at `viewport`, scrolled to `y`."""
    from annotators.dom import annotate_dom
    from renderers.web.real_pages import file_url

    thread, rp, d = pages
    path = d / f"p{len(list(d.iterdir()))}.html"
    path.write_text(f"<!doctype html><html><head><meta charset='utf-8'><style>body {{ margin: 16px; font: 16px "
                    f"'DejaVu Sans', sans-serif; }} {css}</style></head><body>{body}</body></html>", encoding="utf-8")
    shot = thread.submit(rp.shoot, file_url(path), viewport, [y]).result()[0]
    pixels = np.asarray(Image.open(io.BytesIO(shot.png)).convert("RGB"))
    return list(annotate_dom(shot.elements, pixels).elements)


def classes(elements) -> Counter:
    return Counter(e.cls for e in elements)


def by_text(elements, text: str):
    found = [e for e in elements if e.text == text]
    assert found, f"no element with text {text!r} in {[(e.cls, e.text) for e in elements]}"
    return found[0]


def test_buttons_and_icon_buttons(pages):
    els = label(pages, f"""
      <button>Save</button> <input type="submit" value="Go"> <a class="btn" href="#" style="border:1px solid">Buy</a>
      <button aria-label="Close">{SVG.format(w=16, h=16)}</button>
      <a href="#" aria-label="Home">{SVG.format(w=20, h=20)}</a>""")
    assert [(e.cls, e.text) for e in els if e.cls == "button"] == [("button", "Save"), ("button", "Go"),
                                                                   ("button", "Buy")]
    assert classes(els)["icon_button"] == 2
    assert "icon" not in classes(els)  # the icon inside a button is part of it, as in the synthetic data
    assert all(e.interactable for e in els)


def test_links_inside_text_and_around_pictures(pages):
    els = label(pages, f"""<p>Read the <a href="#">docs</a> today.</p>
      <a href="#"><img src="{PICTURE}" width="200" height="100"></a>""")
    text, link = by_text(els, "Read the docs today."), by_text(els, "docs")
    assert text.cls == "text" and link.cls == "link" and link.parent == text.id
    assert classes(els) == Counter({"text": 1, "link": 1, "image": 1})  # a link around a picture: the picture


def test_text_inputs_dropdowns_spinboxes_dates_sliders(pages):
    els = label(pages, """<input type="text" placeholder="Name"> <input type="email" value="a@b.c">
      <textarea>hi</textarea> <div contenteditable="true" style="width:100px;height:20px;border:1px solid">x</div>
      <select><option>One</option></select> <input type="number" value="3"> <input type="date" value="2024-01-02">
      <input type="range"> <input type="hidden" value="secret">""")
    assert classes(els) == Counter({"text_input": 4, "dropdown": 1, "spinbox": 1, "date_picker": 1, "slider": 1})
    email = by_text(els, "a@b.c")
    assert email.state["filled"] is True and email.source_type == "input[type=email]"
    assert by_text(els, "One").cls == "dropdown"


def test_checkboxes_radios_switches_and_kit_drawn_indicators(pages):
    els = label(pages, """
      <label><input type="checkbox" checked> A</label> <label><input type="radio"> B</label>
      <div class="form-switch"><input type="checkbox"> C</div> <div role="switch" aria-checked="true"
        style="width:30px;height:16px;background:#333;display:inline-block"><span style="display:block;width:12px;
        height:12px;margin:2px;background:#fff"></span></div>
      <label class="kit"><input type="checkbox" style="position:absolute;width:1px;height:1px;clip:rect(0,0,0,0)">
        <i style="display:inline-block;width:14px;height:14px;border:2px solid #06c"></i> D</label>""")
    c = classes(els)
    assert (c["checkbox"], c["radio"], c["switch"]) == (2, 1, 2)
    first = [e for e in els if e.cls == "checkbox"][0]
    assert first.state["checked"] is True
    drawn = [e for e in els if e.cls == "checkbox"][1]
    assert drawn.bbox[2] >= 14 and drawn.bbox[3] >= 14  # the box of the indicator the kit draws, not a 1 px input


def test_headings_are_tight_and_text_blocks_absorb_inline_runs(pages):
    els = label(pages, """<h1>Title</h1><p>Some <strong>bold</strong> and <code>code</code> words.</p>
      <ul><li>First item</li><li>Second item</li></ul><p>·</p>""")
    h = by_text(els, "Title")
    assert h.cls == "heading" and h.bbox[2] < 300  # the extent of its text, not the block's 768 px
    assert by_text(els, "Some bold and code words.").cls == "text"
    assert classes(els) == Counter({"heading": 1, "text": 3})  # no box for a lone separator; li are text


def test_pictures_and_icons(pages):
    els = label(pages, f"""<img src="{PICTURE}" width="300" height="200"> <img src="{PICTURE}" width="24" height="24">
      {SVG.format(w=16, h=16)} <canvas width="120" height="90" style="background:#ccd"></canvas>
      <i class="fa fa-star"></i> <div class="bg" style="width:160px;height:90px"></div>""",
                css=".fa::before { content: '\\2605'; font-size: 24px; } "
                    f".bg {{ background-image: url(\"{PICTURE}\"); background-size: cover; }}")
    assert classes(els) == Counter({"image": 3, "icon": 3})
    assert all(not e.interactable for e in els)


def test_containers_cards_bars_tables_lists_dialogs(pages):
    els = label(pages, """<nav style="background:#eee"><a href="#">Home</a> <nav><a href="#">Inner</a></nav></nav>
      <div class="card" style="border:1px solid;padding:8px"><h2>Card</h2><p>Body text</p></div>
      <table border="1"><thead><tr><th>H</th></tr></thead>
        <tbody><tr><td>r1</td></tr><tr><td>r2</td></tr></tbody></table>
      <ul style="list-style:none;padding:0"><li class="list-group-item" style="border:1px solid">row</li></ul>
      <dialog open style="position:static">Are you sure?</dialog>
      <div role="tooltip" style="background:#222;color:#fff;display:inline-block">Tip</div>""", viewport=(800, 700))
    c = classes(els)
    assert c["toolbar"] == 1 and c["card"] == 1 and c["table"] == 1 and c["dialog"] == 1 and c["tooltip"] == 1
    assert c["list_item"] == 3  # two body rows of the table and one list-group item; the header row is not
    card = [e for e in els if e.cls == "card"][0]
    assert by_text(els, "Card").parent == card.id and by_text(els, "Card").depth == card.depth + 1
    bar = [e for e in els if e.cls == "toolbar"][0]
    assert by_text(els, "Inner").parent == bar.id


def test_tabs_menu_items_badges_progress_bars(pages):
    els = label(pages, """<ul class="nav-tabs" style="display:flex;list-style:none;gap:8px">
        <li><a class="active" href="#">One</a></li><li><a href="#">Two</a></li></ul>
      <div role="menu"><div role="menuitem">Open</div></div>
      <span class="badge" style="background:#c00;color:#fff">4</span>
      <progress value="30" max="100"></progress>
      <div class="progress" style="height:10px;background:#ddd;width:200px"><div class="progress-bar" role="progressbar"
        style="width:40%;height:10px;background:#06c"></div></div>""")
    c = classes(els)
    assert (c["tab"], c["menu_item"], c["badge"], c["progress_bar"]) == (2, 1, 1, 2)
    assert by_text(els, "One").state["selected"] is True and by_text(els, "Two").state["selected"] is False


def test_hidden_clipped_occluded_and_covered_elements(pages):
    css = """header { position: fixed; top: 0; left: 0; right: 0; height: 60px; background: #123; }
      .clip { overflow: hidden; height: 30px; } .over { position: relative; } .veil { position: absolute; inset: 0; }
      .opaque { position: absolute; inset: 0; background: #fff; }"""
    els = label(pages, """<header><a href="#" style="color:#fff">Menu</a></header><div style="height:70px"></div>
      <button style="display:none">Gone</button> <button style="visibility:hidden">Hidden</button>
      <div class="clip"><button>Shown</button><div style="height:100px"></div><button>Clipped</button></div>
      <div class="over"><button>Veiled</button><div class="veil"></div></div>
      <div class="over"><button>Covered</button><div class="opaque"></div></div>
      <div style="height:2000px"></div><button>Far below</button>""", css=css)
    texts = {e.text for e in els}
    assert {"Menu", "Shown", "Veiled"} <= texts  # a transparent layer over a button hides nothing
    assert not texts & {"Gone", "Hidden", "Clipped", "Covered", "Far below"}
    # Scrolled so that a heading passes under the fixed bar: its box starts below the bar.
    els = label(pages, "<header></header><div style='height:100px'></div><h1 style='font-size:80px;margin:0'>Big</h1>"
                "<div style='height:2000px'></div>", y=60, css=css)
    big = by_text(els, "Big")
    assert big.bbox[1] >= 60 and big.full_bbox[1] < 60


def test_offline_routes_answer_without_network(tmp_path):
    from renderers.web.offline_routes import OfflineRoutes, dummy_svg, fontsource_css, google_font_styles

    assert google_font_styles("https://fonts.googleapis.com/css?family=Open+Sans:300italic,400,700|Lato") == [
        ("Open Sans", 300, "italic"), ("Open Sans", 400, "normal"), ("Open Sans", 700, "normal"),
        ("Lato", 400, "normal")]
    assert google_font_styles("https://fonts.googleapis.com/css2?family=Kanit:ital,wght@0,400;1,600&display=swap") == [
        ("Kanit", 400, "normal"), ("Kanit", 600, "italic")]
    svg = dummy_svg("https://dummyimage.com/600x400/343a40/6c757d.jpg")
    assert b'width="600"' in svg and b"#343a40" in svg and "600\u00d7400".encode() in svg
    assert dummy_svg("https://dummyimage.com/../../etc") is None
    (tmp_path / "lato").mkdir()
    (tmp_path / "lato" / "400.css").write_text("@font-face{src:url(./files/lato-latin-400-normal.woff2)}")
    css, missing = fontsource_css(tmp_path, [("Lato", 400, "normal"), ("Lato", 900, "italic")])
    assert "https://fonts.gstatic.com/fontsource/lato/files/lato-latin-400-normal.woff2" in css
    assert missing == ["Lato 900 italic"]

    class Route:  # the slice of Playwright's Route the handler uses
        def __init__(self, url, kind="other"):
            self.request = type("R", (), {"url": url, "resource_type": kind})()
            self.done = None

        def continue_(self):
            self.done = ("continue",)

        def abort(self):
            self.done = ("abort",)

        def fulfill(self, **kw):
            self.done = ("fulfill", kw.get("path"))

    lib = tmp_path / "lib"
    (lib / "css").mkdir(parents=True)
    (lib / "css" / "a.css").write_text("p{}")
    stand_in = tmp_path / "shim.js"
    stand_in.write_text("")
    routes = OfflineRoutes([("https://cdn.example.test/lib@1.0.0/", lib)],
                           [(str(tmp_path / "missing.js"), str(stand_in))])
    for url, want in [("https://cdn.example.test/lib@1.0.0/css/a.css", ("fulfill", str((lib / "css/a.css").resolve()))),
                      ("https://cdn.example.test/lib@1.0.0/../../secret", ("abort",)),
                      ("https://tracker.example.test/t.js", ("abort",)),
                      (stand_in.as_uri(), ("continue",)),
                      ((tmp_path / "missing.js").as_uri(), ("fulfill", str(stand_in))),
                      ((tmp_path / "nope.js").as_uri(), ("abort",))]:
        r = Route(url)
        routes(r)
        assert r.done == want, url
    assert routes.counts["blocked_requests"] == 2 and routes.counts["missing_files"] == 1
    video = Route(stand_in.as_uri(), "media")  # even a local video: its frame depends on timing
    routes(video)
    assert video.done == ("abort",) and routes.counts["blocked_media"] == 1
