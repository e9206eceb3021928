"""Property-based tests of the grammars: every family, any seed, locale and form factor."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from factory.core.content import LOCALES, RTL_LOCALES, Content
from factory.grammars import GRAMMARS
from factory.core.layout import ROLES, STRUCTURAL_ROLES, Layout
from factory.core.seeding import rng_for
from factory.core.taxonomy import CLASSES

GRAMMAR_NAMES = GRAMMARS.names()


def drawable_locales(name: str) -> list[str]:
    """The locales a renderer of grammar `name` draws: right-to-left ones only where one mirrors them (web; the
    desktop and game renderers refuse them in RenderConfig, and their grammars' own strings have no rtl entries)."""
    from renderers import RENDERERS

    rtl = any(RENDERERS.get(r).rtl for r in GRAMMARS.get(name).renderers)
    return [loc for loc in LOCALES if rtl or loc not in RTL_LOCALES]


grammar_locales = st.sampled_from(GRAMMAR_NAMES).flatmap(
    lambda name: st.tuples(st.just(name), st.sampled_from(drawable_locales(name))))


def generate(name: str, seed: int, locale: str, form: str) -> Layout:
    content = Content(locale, seed, rng_for(seed, "content"))
    return GRAMMARS.get(name).generate(rng_for(seed, "layout"), content, form)


layouts = st.builds(lambda gl, seed, form: generate(gl[0], seed, gl[1], form), grammar_locales,
                    st.integers(0, 2**63 - 1), st.sampled_from(["desktop", "mobile"]))


@settings(max_examples=150, deadline=None)
@given(layouts)
def test_layout_invariants(layout):
    nodes = [n for n, _ in layout.nodes()]
    ids = [n.id for n in nodes]
    assert len(ids) == len(set(ids)), "node ids must be unique"
    assert all(n.role in ROLES for n in nodes)
    assert layout.root.role == "screen"
    assert any(n.role in CLASSES for n in nodes), "a screen must contain annotatable elements"
    assert Layout.from_json(layout.to_json()) == layout, "layouts round-trip through JSON"
    for n in nodes:
        if n.role in STRUCTURAL_ROLES:
            assert not n.text, f"structural node {n.id} carries text"


@settings(max_examples=40, deadline=None)
@given(grammar_locales, st.integers(0, 2**63 - 1))
def test_same_seed_same_layout(grammar_locale, seed):
    name, locale = grammar_locale
    assert generate(name, seed, locale, "desktop").to_json() == generate(name, seed, locale, "desktop").to_json()


def test_grammars_nest_at_least_four_levels_and_vary():
    for name in GRAMMAR_NAMES:
        depths = [generate(name, s, "en_US", "desktop").depth() for s in range(30)]
        assert max(depths) >= 4, (name, depths)
        jsons = {generate(name, s, "en_US", "desktop").to_json() for s in range(10)}
        assert len(jsons) == 10, f"{name} repeats itself"


def test_at_least_six_families_and_states_vary():
    assert len(GRAMMAR_NAMES) >= 6
    seen_states = set()
    for name in GRAMMAR_NAMES:
        for s in range(20):
            for n, _ in generate(name, s, "en_US", "desktop").nodes():
                seen_states |= {k for k, v in n.state.items() if v}
                if n.role == "text_input" and n.props.get("placeholder") and not n.props.get("value"):
                    seen_states.add("placeholder")
    assert {"disabled", "checked", "selected", "focused", "invalid", "filled", "placeholder"} <= seen_states


def test_non_latin_content_appears():
    text = " ".join(n.text for n, _ in generate("datatable", 3, "ja_JP", "desktop").nodes())
    assert any("\u3040" <= ch <= "\u9fff" for ch in text), text
    text = " ".join(n.text for n, _ in generate("settings", 3, "ru_RU", "desktop").nodes())
    assert any("\u0400" <= ch <= "\u04ff" for ch in text), text


def test_layouts_do_not_depend_on_the_date_of_the_run(monkeypatch):
    """A seed must give the same screen on any day: faker's date helpers read the clock, ours must not."""
    import datetime as dt

    import faker.providers.date_time as faker_dates

    today = {name: [generate(name, s, loc, "desktop").to_json() for s in range(6) for loc in ("en_US", "ja_JP")]
             for name in GRAMMAR_NAMES}

    class Later(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2041, 3, 7, 12, 0, tzinfo=tz)

    class LaterDate(dt.date):
        @classmethod
        def today(cls):
            return dt.date(2041, 3, 7)

    monkeypatch.setattr(faker_dates, "datetime", Later)
    monkeypatch.setattr(faker_dates, "dtdate", LaterDate)
    for name in GRAMMAR_NAMES:
        later = [generate(name, s, loc, "desktop").to_json() for s in range(6) for loc in ("en_US", "ja_JP")]
        assert later == today[name], f"{name}: the layout changed with the date of the run"
