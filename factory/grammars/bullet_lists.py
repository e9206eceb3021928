"""Bulleted lists of running text (issue 12): a README's features, a project's authors, the steps or notes of a guide,
a glossary of terms. Their items are words, not links. Our only bulleted lists were contents lists, where every item
is a link (docs.contents_list), and on the real-world development set the detector boxed the plain items of real
lists as links: requests' page of authors, a bulleted list of names, drew 35 to 46 `link` detections a screen at
scores of 0.45 to 0.65. These lists are the words it must learn to leave alone.

An item is a `text` node drawn as a list item (styles/running_text.css, kind `bullets`): a name, perhaps followed by
an address that is a link as real authors lists have (`Jane Roe <jane@example.org>`); a sentence (rules.paragraph,
so it may carry inline links, fewer than a paragraph, and set-apart words); or a term in bold, a dash and what it means.
A list may nest one level (circle bullets) under one of its items."""

from __future__ import annotations

from factory.core.layout import Node
from factory.grammars.base import Ctx
from factory.grammars.rules import link, marked_text, paragraph, text
from factory.grammars.site_rules import block

# What a list's items are, with weights: names (authors, maintainers), short sentences (features, steps, notes), terms
# with their meaning (a glossary, options).
ITEM_KINDS = {"names": 1.0, "sentences": 2.0, "terms": 1.0}
ITEM_LINK_SHARE = 0.15  # of sentence items: 1-3 inline links (running text's INLINE_LINK_SHARE is 0.4)
EMAIL_SHARE = 0.3  # of names lists: each name followed by its address in angle brackets, the address a link
NESTED_SHARE = 0.25  # of lists: one item followed by a sub-list of its own
ARTICLE_SHARE = 0.3  # of an article's sections (article.body): a bulleted list after its paragraphs
DOCS_SHARE = 0.35  # of a docs page's sections (docs.page): a bulleted list after its paragraph


def name_item(ctx: Ctx, email: bool) -> Node:
    c = ctx.content
    name = c.name()
    if not email:
        return text(ctx, name)
    address = c.email()
    return ctx.node("text", text=f"{name} <{address}>", children=[link(ctx, address)], variant="body",
                    runs=[f"{name} <", ">"])


def term_item(ctx: Ctx) -> Node:
    """`Term – what it means`, the term in bold (a mark of the text, as rules.paragraph sets words apart)."""
    c = ctx.content
    term = c.title(ctx.between(1, 2))
    whole = f"{term} – {c.sentence(ctx.between(4, 12))}"
    return marked_text(ctx, whole, [[0, 0, len(term), "strong"]])


def items(ctx: Ctx, kind: str, n: int, email: bool) -> list[Node]:
    if kind == "names":
        return [name_item(ctx, email) for _ in range(n)]
    if kind == "terms":
        return [term_item(ctx) for _ in range(n)]
    return [paragraph(ctx, (1, 1), (3, 12), link_share=ITEM_LINK_SHARE) for _ in range(n)]


def bullet_list(ctx: Ctx) -> Node:
    """3-8 items of one kind (ITEM_KINDS), perhaps one followed by a sub-list of 2-4 items of the same kind."""
    kind = ctx.choose(ITEM_KINDS)
    email = kind == "names" and ctx.chance(EMAIL_SHARE)
    parts = items(ctx, kind, ctx.between(3, 8), email)
    if ctx.chance(NESTED_SHARE):
        at = ctx.between(0, len(parts) - 1)
        sub = block(ctx, "bullets", items(ctx, kind, ctx.between(2, 4), email), gap=0, align="start")
        parts.insert(at + 1, sub)
    return block(ctx, "bullets", parts, gap=0, align="start")
