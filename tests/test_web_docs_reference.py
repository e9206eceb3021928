"""API reference pages (grammars/docs_reference, issue 12): a share of docs screens shows a class page (signatures
whose type and member names are links) or an index (entries with the file or class they link to). Their links are
glued into lines of code-like text, as Javadoc's, Doxygen's and Sphinx's are, and are annotated as links inside their
line's text, the line drawn in a monospace font."""

from __future__ import annotations


import pytest

from factory.core.layout import Layout, Node
from factory.grammars import docs, docs_reference
from tests.invariants import check_invariants, render_annotated
from tests.test_web_docs_contents import SEEDS, STYLES, _generate, _under
from tests.test_web_inline_links import _factors


def _refs(layout: Layout) -> list[Node]:
    return [n for n, _ in layout.nodes() if n.props.get("kind") == "apiref"]


def _code_lines(ref: Node) -> list[Node]:
    """The lines of code-like text of a reference page: signatures (in a `sig` block) and list entries."""
    return [c for d in _under(ref) if d.props.get("kind") in ("sig", "reflist") for c in d.children
            if c.role == "text"]


@pytest.mark.parametrize("form", ["desktop", "mobile"])
def test_a_share_of_docs_screens_are_reference_pages_with_names_linked_inside_lines(form):
    pages, index, glued, looks = 0, 0, 0, set()
    for seed in SEEDS:
        refs = _refs(_generate(seed, form))
        if not refs:
            continue
        assert len(refs) == 1, seed
        pages += 1
        looks |= set(refs[0].props.get("look", ()))
        index += not any(d.props.get("kind") == "sig" for d in _under(refs[0]))
        for line in _code_lines(refs[0]):
            runs = line.props.get("runs")
            if runs is None:
                assert not line.children, seed
                continue
            assert len(runs) == len(line.children) + 1 and all(k.role == "link" for k in line.children), seed
            assert "".join(r + k.text for r, k in zip(runs, line.children)) + runs[-1] == line.text, seed
            # glued: the words just before a link end in punctuation (".", "(", "::", ", "), not only a space
            glued += sum(bool(r) and not r.endswith(" ") for r in runs[:-1])
    share = pages / len(SEEDS)
    assert abs(share - docs.REFERENCE_SHARE) < 0.08, share
    assert 0 < index < pages, "both class pages and indexes"
    assert looks == set(docs_reference.LOOKS), looks
    assert glued >= 3 * pages, (glued, pages)


def _strong_class_page() -> Layout:
    """The first desktop docs screen that is a class page in the bold-links look with a hierarchy."""
    for seed in SEEDS:
        lay = _generate(seed)
        refs = _refs(lay)
        if (refs and "strong" in refs[0].props.get("look", ())
                and any(d.props.get("kind") == "reflist" for d in _under(refs[0]))
                and any(d.props.get("kind") == "sig" for d in _under(refs[0]))):
            return lay
    raise AssertionError("no bold class page with a hierarchy in 200 seeds")


STYLE_OF = """(nid) => { const s = getComputedStyle(document.querySelector(`[data-nid="${nid}"]`));
                         return [s.fontFamily, s.fontWeight]; }"""


@pytest.mark.browser
@pytest.mark.parametrize("style", STYLES)
def test_a_drawn_reference_page_boxes_each_name_inside_its_monospace_line(web_renderer, style):
    layout = _strong_class_page()
    ref = _refs(layout)[0]
    out, pixels, ann = render_annotated("web", web_renderer, layout, style,
                                        _factors(style, "en_US", "desktop", 1280, 2400))
    check_invariants(layout, out, pixels, ann)
    by_id = {e.id: e for e in ann.elements}
    page = web_renderer._page_entry.page  # the page just drawn
    sigs = [c for d in _under(ref) if d.props.get("kind") == "sig" for c in d.children]
    checked = 0
    for line in _code_lines(ref):
        e = by_id[int(line.id[1:])]
        assert e.cls == "text", e
        for k in line.children:
            a = by_id[int(k.id[1:])]
            assert a.cls == "link" and a.text == k.text and a.parent == e.id, (style, a, e)
            x, y, w, h = a.bbox
            ex, ey, ew, eh = e.bbox
            assert ex <= x and ey <= y and x + w <= ex + ew and y + h <= ey + eh, (style, a.bbox, e.bbox)
            family, weight = page.evaluate(STYLE_OF, k.id)
            assert int(weight) >= 700, f"{style}: {k.text!r} not bold in the bold look ({weight})"
            checked += 1
        if line in sigs:
            family, _ = page.evaluate(STYLE_OF, line.id)
            assert "Mono" in family or "monospace" in family, f"{style}: a signature in {family}"
    assert checked >= 5, checked
    prose = next(n for d in _under(ref) if d.props.get("kind") == "member" for n in d.children if n.role == "text")
    family, _ = page.evaluate(STYLE_OF, prose.id)
    assert "Mono" not in family, f"{style}: a member's description in the signature's font {family}"
