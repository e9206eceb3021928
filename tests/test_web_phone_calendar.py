"""A phone's calendar draws its event chips as phone calendar apps do (renderers/web/styles/phone_calendar.css;
benchmarks/README.md, "Event chips in a phone's calendar"): in a month's 7 columns on a 360 px screen each chip is a
bar as wide as its day, its words in small type from their start, cut at its end. Before, the kits' button rules left
1-2 letters and an ellipsis in a 38 px chip (Shoelace "M…", Bootstrap "Mr…"), Ionic centred the words and cut them on
both sides ("RACHN" of "MRACHNO"), Material Web drew them beyond the chip over the next days. The annotation follows
the project's rule for cut words (renderers.web.html.fit_css): the box is the chip as drawn, the text all its words;
every chip shows at least the first 3 characters of its words, so none is labelled with words of which it shows 1-2.
A phone's chip carries its event's title alone (factory/grammars/calendar.py, event): "09:30 Standup" showed "09:30 S"
in a 45 px day; a week's day labels ("Wed 24") are drawn in small type, the day's name over its date where the column
is too narrow for both, never cut with an ellipsis ("We…") or broken inside a word. Desktop pages, and phone pages
without a calendar, get none of this."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image

from factory.config import RenderConfig
from factory.core.layout import Layout, Node
from factory.core.seeding import sample_seed
from factory.sample import draw_layout
from renderers import RENDERERS
from renderers.web.html import fit_css, phone_calendar_css
from tests.conftest import ROOT
from tests.invariants import check_invariants, make_factors, render_annotated

# what each chip shows: benchmarks/phone_calendar.py's probe (per chip its box, its day's, and per character of its
# words whether it is drawn whole inside all that clips it, and how far beyond the chip's box it is drawn)
_spec = importlib.util.spec_from_file_location("phone_calendar", ROOT / "benchmarks" / "phone_calendar.py")
phone_calendar = sys.modules["phone_calendar"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(phone_calendar)

SPEC = RENDERERS.get("web")
PHONE_STYLES = [s for s in SPEC.styles.names() if "mobile" in SPEC.styles.get(s).form_factors]
CHIPS = ("Quarterly planning review", "09:30 Standup", "四半期の計画会議", "Gym", "14:00 Zahnarzttermin",
         "Mrachno", "Elternabend", "18:45 Dinner with Sam")
VARIANTS = ("primary", "secondary", "text")


def _layout(form: str = "mobile") -> Layout:
    """A month of 5 weeks, 7 days a row, the chips of CHIPS in its first days (ids n100 + k), a calendar grammar's
    month grid (factory/grammars/calendar.py, month_grid)."""
    head = Node("n2", "grid", intent={"columns": 7, "gap": 0}, children=tuple(
        Node(f"n{10 + i}", "text", text=d, props={"variant": "header"}) for i, d in enumerate("MTWTFSS")))
    cells = []
    for day in range(35):
        chip = (Node(f"n{100 + day}", "button", text=CHIPS[day], props={"variant": VARIANTS[day % 3]}),) \
            if day < len(CHIPS) else ()
        kind = "day-today" if day == 9 else "day"
        cells.append(Node(f"n{200 + day}", "column", intent={"direction": "column", "gap": 1}, props={"kind": kind},
                          children=(Node(f"n{300 + day}", "text", text=str(day + 1), props={"variant": "label"}),
                                    *chip)))
    grid = Node("n3", "grid", intent={"columns": 7, "gap": 0}, children=tuple(cells))
    month = Node("n1", "column", intent={"direction": "column", "gap": 0}, props={"kind": "month"},
                 children=(head, grid))
    root = Node("n0", "screen", children=(Node("n4", "column", intent={"padding": True, "gap": 2},
                                                children=(month,)),))
    return Layout("calendar", root, "en_US", form)


def _drawn(calls, nids: list[str]) -> np.ndarray:
    """Where the elements `nids` are drawn: the pixels of the page (device pixels, the renderer's capture: PageCalls)
    that change when they are hidden."""
    shot = lambda: np.asarray(Image.open(io.BytesIO(calls.screenshot())).convert("RGB")).astype(int)  # noqa: E731
    shown = shot()
    calls.evaluate("ids => ids.forEach(i => document.querySelector(`[data-nid='${i}']`).style.visibility = 'hidden')",
                  nids)
    return np.abs(shown - shot()).sum(axis=2) > 24


def _least_room(style: str):
    """The style, and the factors that give a chip or a label the least room a sample gives it: the narrowest phone,
    the widest page padding and the largest type."""
    st = SPEC.styles.get(style)
    font = "kit" if "kit" in st.assets else "DejaVu Sans"
    return st, make_factors("web", form_factor="mobile", viewport_w=360, viewport_h=800, dpr=2.0,
                            density=st.density[1], font_scale=st.font_scale[1], font_family=font, accent=st.accents[0])


def _probed(web_renderer, style: str, layout: Layout, labels: bool = False):
    """`layout` drawn in `style` with the least room (checked against the invariants): the factors, the renderer's
    output, the benchmark's probe of its chips (or day labels) by nid, and the annotated elements by nid."""
    st, factors = _least_room(style)
    out, pixels, ann = render_annotated("web", web_renderer, layout, st, factors)
    check_invariants(layout, out, pixels, ann)
    probe = json.loads(web_renderer._page_entry.calls.evaluate(phone_calendar.CHIP_PROBE, labels))
    return factors, out, {c["nid"]: c for c in probe}, {f"n{e.id}": e for e in ann.elements}


@pytest.mark.parametrize("style", PHONE_STYLES)
def test_phone_calendar_chips_show_the_start_of_their_words(web_renderer, style):
    factors, out, probe, got = _probed(web_renderer, style, _layout())
    scale = factors.dpr
    for k, words in enumerate(CHIPS):
        nid = f"n{100 + k}"
        p, e = probe[nid], got.get(nid)
        assert e is not None and e.cls == "button", f"{style}: chip {words!r} not annotated: {out.nodes.get(nid)}"
        # the annotation: the chip as drawn (its own box, inside its day), all its words
        assert e.text.lower() == words.lower(), f"{style}: {e.text!r}"
        box = [v / scale for v in (e.bbox[0], e.bbox[1], e.bbox[0] + e.bbox[2], e.bbox[1] + e.bbox[3])]
        assert all(abs(a - b) <= 1.5 for a, b in zip(box, p["box"])), f"{style}: {words!r} box {box} vs {p['box']}"
        day = p["day"]
        assert day[0] - 0.5 <= p["box"][0] and p["box"][2] <= day[2] + 0.5, f"{style}: {words!r} runs out of its day"
        # its words from their start: at least 3 characters whole (or all of a shorter text), none drawn beyond it
        chars = p["chars"]
        lead = phone_calendar.lead(chars)
        shown = "".join(c[0] for c in chars[:lead])
        assert lead >= min(3, len(words)), f"{style}: {words!r} shows {shown!r} of its words"
        spill = max((c[2] for c in chars), default=0)
        assert spill <= 1, f"{style}: {words!r} drawn {spill:.0f} px beyond its chip"
    # A filled or outlined chip is drawn out to every edge of its box (its box is no wider than what it draws: a web
    # component's host padded around the part that draws it would be): what it draws, in its day, against its box.
    drawn = _drawn(web_renderer._page_entry.calls, [f"n{100 + k}" for k in range(len(CHIPS))])
    for k, words in enumerate(CHIPS):
        if VARIANTS[k % 3] == "text":
            continue
        p, e = probe[f"n{100 + k}"], got[f"n{100 + k}"]
        d = [round(v * scale) for v in p["day"]]
        ys, xs = np.nonzero(drawn[d[1]:d[3], d[0]:d[2]])
        ink = (int(xs.min()) + d[0], int(ys.min()) + d[1], int(xs.max()) + 1 + d[0], int(ys.max()) + 1 + d[1])
        box = (e.bbox[0], e.bbox[1], e.bbox[0] + e.bbox[2], e.bbox[1] + e.bbox[3])
        slack = [ink[0] - box[0], ink[1] - box[1], box[2] - ink[2], box[3] - ink[3]]
        assert max(slack) <= scale + 1, f"{style}: {words!r} boxed {box}, drawn {ink} (device pixels)"


def test_only_phone_calendars_get_the_chip_rules():
    phone = make_factors("web", form_factor="mobile", viewport_w=360, viewport_h=800, dpr=2.0)
    assert fit_css(_layout(), phone).endswith(phone_calendar_css())
    assert fit_css(_layout("desktop"), make_factors("web")) == ""
    no_chips = Layout("calendar", Node("n0", "screen", children=(
        Node("n1", "column", props={"kind": "day"}, children=(Node("n2", "text", text="1"),)),)), "en_US", "mobile")
    assert "k-day" not in fit_css(no_chips, phone)


def _chips(n: Node, in_day: bool = False) -> list[str]:
    """The words of the event chips (buttons in a calendar's day cells) under `n`."""
    day = n.props.get("kind") in ("day", "day-out", "day-today")
    return ([n.text] if in_day and n.role == "button" else []) + [w for c in n.children for w in _chips(c, day)]


def test_phone_chips_carry_their_title_alone():
    """A desktop's timed chips read "09:30 Standup"; a phone's the title alone (a 45 px day shows 5-8 characters)."""
    timed = {}
    for form, share in (("mobile", 1.0), ("desktop", 0.0)):
        cfg = RenderConfig(renderer="web", style="material", count=1, grammars=("calendar",))
        chips = []
        for i in range(12):
            layout, factors = draw_layout(cfg, sample_seed(5, i), replace(SPEC.viewports, mobile_share=share))
            assert factors.form_factor == form
            chips += _chips(layout.root)
        assert len(chips) > 40
        timed[form] = sum(bool(phone_calendar.TIME.match(w)) for w in chips)
    assert timed["mobile"] == 0 and timed["desktop"] > 10, timed


WEEK = ("Mon 22", "Tue 23", "Wed 24", "Thu 25", "Fri 26", "Sat 27", "Sun 28")


def _week() -> Layout:
    """A week of 7 day columns, each its label ("Wed 24") over a chip, Wednesday today (ids n200 + k, labels n300 + k):
    the calendar grammar's week_grid."""
    days = tuple(Node(f"n{200 + i}", "column", intent={"direction": "column", "gap": 1},
                      props={"kind": "day-today" if i == 2 else "day"},
                      children=(Node(f"n{300 + i}", "text", text=w, props={"variant": "label"}),
                                Node(f"n{100 + i}", "button", text=CHIPS[i], props={"variant": VARIANTS[i % 3]})))
                 for i, w in enumerate(WEEK))
    week = Node("n1", "column", intent={"direction": "column", "gap": 0}, props={"kind": "month"},
                children=(Node("n3", "grid", intent={"columns": 7, "gap": 0}, children=days),))
    root = Node("n0", "screen", children=(Node("n4", "column", intent={"padding": True, "gap": 2},
                                                children=(week,)),))
    return Layout("calendar", root, "en_US", "mobile")


@pytest.mark.parametrize("style", PHONE_STYLES)
def test_phone_week_day_labels_are_drawn_whole(web_renderer, style):
    factors, _, probe, got = _probed(web_renderer, style, _week(), labels=True)
    for k, words in enumerate(WEEK):
        nid = f"n{300 + k}"
        p, e = probe[nid], got.get(nid)
        drawn = "".join(c[0] if c[1] else "_" for c in p["chars"])
        # every letter whole, inside its day, no word broken over two lines ("We|d 24")
        assert not phone_calendar.cut(p["chars"]), f"{style}: {words!r} drawn as {drawn!r}"
        assert e is not None and " ".join(e.text.split()) == words, f"{style}: {words!r} labelled {e and e.text!r}"
        box = [v / factors.dpr for v in (e.bbox[0], e.bbox[1], e.bbox[0] + e.bbox[2], e.bbox[1] + e.bbox[3])]
        assert p["day"][0] - 0.5 <= box[0] and box[2] <= p["day"][2] + 0.5, f"{style}: {words!r} {box} {p['day']}"
