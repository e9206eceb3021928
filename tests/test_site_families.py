"""The public-website families (landing, article, docs, search, product, pricing): layouts with unique ids and roles
from the taxonomy, each with the parts that make the page recognisable, varying by seed; and one real Chromium
render per family whose boxes lie inside the screen with the family's signature classes annotated."""

from __future__ import annotations

from collections import Counter

import pytest

from factory.config import RenderConfig
from factory.core.content import Content
from factory.core.layout import ROLES, Layout, Node
from factory.core.seeding import rng_for
from factory.grammars import GRAMMARS
from factory.sample import make_layout
from tests.invariants import check_invariants, render_annotated

FAMILIES = ("landing", "article", "docs", "search", "product", "pricing")
SEEDS = range(8)


def generate(name: str, seed: int, form: str, locale: str = "en_US") -> Layout:
    content = Content(locale, seed, rng_for(seed, "content"))
    return GRAMMARS.get(name).generate(rng_for(seed, "layout"), content, form)


def nodes(layout: Layout) -> list[Node]:
    return [n for n, _ in layout.nodes()]


def descendants(node: Node) -> list[Node]:
    return [node] + [d for c in node.children for d in descendants(c)]


def kinds(layout: Layout) -> set[str]:
    return {n.props["kind"] for n in nodes(layout) if "kind" in n.props}


def roles(layout: Layout) -> Counter:
    return Counter(n.role for n in nodes(layout))


def texts(layout: Layout, role: str) -> list[str]:
    return [n.text for n in nodes(layout) if n.role == role]


def icons(layout: Layout) -> Counter:
    return Counter(n.props.get("icon") for n in nodes(layout) if n.role == "icon")


def check_landing(lay: Layout, form: str) -> None:
    r, k = roles(lay), kinds(lay)
    assert {"hero", "site-footer", "navbar"} <= k
    assert any(n.role == "heading" and n.props.get("level") == 1 for n in nodes(lay)), "a headline"
    assert "Get started" in texts(lay, "button"), "the hero's call to action"
    assert r["image"] >= 1 and r["icon"] >= 3, "a picture and a feature grid with icons"
    assert "What our customers say" in texts(lay, "heading"), "testimonials"


def check_article(lay: Layout, form: str) -> None:
    r = roles(lay)
    assert sum(1 for n in nodes(lay) if n.role == "heading" and n.props.get("level") == 1) == 1, "one title"
    assert any(n.role == "image" and n.props.get("kind") == "avatar" for n in nodes(lay)), "a byline avatar"
    assert any("min read" in t for t in texts(lay, "text")), "author, date and reading time"
    assert r["badge"] >= 2 and r["icon_button"] >= 3, "tags and share buttons"
    assert r["text"] >= 5, "paragraphs"
    assert ({"Related posts"} & set(texts(lay, "heading"))
            or any(t.startswith("Comments") for t in texts(lay, "heading"))), "comments or related posts"


def check_docs(lay: Layout, form: str) -> None:
    assert any(n.role == "text_input" and n.props.get("input_type") == "search" for n in nodes(lay)) or (
        form == "mobile" and "search" in [n.props.get("icon") for n in nodes(lay) if n.role == "icon_button"]), \
        "a search box (a search button on phones)"
    assert any(t.endswith("Next →") for t in texts(lay, "button")), "previous/next links"
    contents = [n for n in nodes(lay) if n.props.get("kind") == "contents" or n.role == "table"]
    refs = [n for n in nodes(lay) if n.props.get("kind") == "apiref"]
    if contents:  # a contents page (docs.contents_page): a list of links or a summary table of them
        assert sum(1 for c in contents for n in descendants(c) if n.role == "link") >= 3, "a contents page's links"
    elif refs:  # an API reference page (docs_reference): signatures, or an index's entries
        assert sum(1 for b in descendants(refs[0]) if b.props.get("kind") in ("sig", "reflist")
                   for n in b.children if n.role == "text") >= 2, "lines of code-like text"
    else:
        assert sum(1 for n in nodes(lay) if n.role == "heading" and n.props.get("level") == 2) >= 2, "sections"
    if form == "desktop":
        nav = next(n for n in nodes(lay) if n.props.get("kind") == "docnav")
        under = descendants(nav)
        pages = [n for n in under if n.role == "link"]
        assert len(pages) >= 4 and not any(n.role == "menu_item" for n in under), "a navigation tree of links"
        assert sum(1 for n in pages if n.state.get("selected")) == 1, "the current page"


def check_search(lay: Layout, form: str) -> None:
    r = roles(lay)
    box = [n for n in nodes(lay) if n.role == "text_input" and n.props.get("input_type") == "search"]
    assert box and box[0].props.get("value"), "the search box holds the query"
    assert r["tab"] >= 3, "verticals"
    assert any(t.startswith("About ") and "results" in t for t in texts(lay, "text")), "a result count"
    results = [n for n in nodes(lay) if n.props.get("kind") == "result"]
    assert len(results) >= 3, "a list of results"
    assert all(any(c.role == "link" for c in descendants(r)) for r in results), "each result has a title link"
    assert any(t.startswith("https://") for t in texts(lay, "text")), "result URLs"
    assert {"1", "2"} <= set(texts(lay, "button")), "pagination"


def check_product(lay: Layout, form: str) -> None:
    r = roles(lay)
    assert r["image"] >= 2 or r["page_indicator"] == 1, "a gallery: thumbnails or carousel dots"
    assert icons(lay)["star"] >= 5, "a star rating"
    assert r["spinbox"] == 1 and "Add to cart" in texts(lay, "button"), "quantity and add to cart"
    assert {"Description", "Specifications", "Reviews"} <= set(texts(lay, "tab")), "detail tabs"
    chips = sum(1 for n in nodes(lay) if n.role == "button" and n.state.get("selected"))
    assert r["dropdown"] + r["radio"] + chips >= 1, "variant selectors"
    assert r["link"] >= 2, "breadcrumbs"


def check_pricing(lay: Layout, form: str) -> None:
    plans = [n for n in nodes(lay) if n.role == "card"]
    assert 2 <= len(plans) <= 4, "2-4 plan cards"
    assert sum(1 for n in nodes(lay) if n.props.get("kind") == "plan-hot") == 1, "one highlighted plan"
    assert "Most popular" in texts(lay, "badge")
    assert {"Monthly", "Yearly"} <= set(texts(lay, "text") + texts(lay, "tab")), "a billing toggle"
    assert roles(lay)["switch"] == 1 or roles(lay)["tab"] >= 2
    assert icons(lay)["check"] >= 3, "feature lists with checks"
    assert roles(lay)["button"] >= len(plans), "a call to action per plan"


CHECKS = {"landing": check_landing, "article": check_article, "docs": check_docs, "search": check_search,
          "product": check_product, "pricing": check_pricing}


@pytest.mark.parametrize("name", FAMILIES)
def test_family_is_registered_for_web(name):
    assert "web" in GRAMMARS.get(name).renderers
    assert name in RenderConfig(renderer="web", style="material", count=1).grammar_names()


@pytest.mark.parametrize("form", ["desktop", "mobile"])
@pytest.mark.parametrize("name", FAMILIES)
def test_layouts_are_valid_recognisable_and_vary(name, form):
    jsons = set()
    for seed in SEEDS:
        lay = generate(name, seed, form)
        ns = nodes(lay)
        assert len({n.id for n in ns}) == len(ns), "node ids are unique"
        assert all(n.role in ROLES for n in ns), {n.role for n in ns} - ROLES
        assert lay.root.role == "screen"
        CHECKS[name](lay, form)
        jsons.add(lay.to_json())
    assert len(jsons) >= len(SEEDS) // 2
    others = {generate(name, s, form, "de_DE").to_json() for s in SEEDS[:2]}
    assert not others & jsons, "the locale changes the text"


def test_optional_parts_vary_by_seed():
    """Optional parts come and go: a logo strip on landing pages, a table of contents on docs, an FAQ on pricing."""
    for name, kind_or_text in (("landing", "logos"), ("docs", "toc"), ("pricing", "Frequently asked questions")):
        seen = {kind_or_text in kinds(lay) | set(texts(lay, "heading"))
                for lay in (generate(name, s, "desktop") for s in range(12))}
        assert seen == {True, False}, name


# One render per family, on the hand-written flavour or a real kit (alternately), desktop or mobile.
RENDER_CASES = [("landing", "material", 1), ("article", "kit-bootstrap5", 2), ("docs", "kit-primer", 13),
                ("search", "fluent", 4), ("product", "kit-bulma", 5), ("pricing", "bootstrap", 6)]
SIGNATURE = {"landing": {"heading", "button", "image", "toolbar", "link"},
             "article": {"heading", "image", "text", "badge", "icon_button"},
             "docs": {"heading", "text", "link", "button"},
             "search": {"text_input", "tab", "link", "text"},
             "product": {"image", "heading", "icon", "link"},
             "pricing": {"heading", "card", "button", "icon", "badge"}}


@pytest.mark.browser
@pytest.mark.parametrize("name, style, seed", RENDER_CASES)
def test_family_renders_with_boxes_inside_and_signature_classes(web_renderer, name, style, seed):
    cfg = RenderConfig(renderer="web", style=style, count=1, grammars=(name,), seed=seed)
    _, layout, factors = make_layout(cfg, 0)
    out, pixels, ann = render_annotated("web", web_renderer, layout, style, factors)
    check_invariants(layout, out, pixels, ann)
    seen = {e.cls for e in ann.elements}
    assert SIGNATURE[name] <= seen, SIGNATURE[name] - seen
