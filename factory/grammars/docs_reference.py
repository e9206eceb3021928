"""API reference pages of the `docs` family (issue 12): Javadoc's class pages, Doxygen's member lists and indexes,
Sphinx's autodoc. Their links are names inside lines of code-like text, glued to the words around them: the type and
method names of a signature (`static SessionKey fromString(String string)`), a class in its package's dotted path
(`org.util.ValueConverter<V>`), the file after an index entry (`JSON_API : config.h`). On the real-world development
set 60% of the links inside running text are such names and were found by nothing: the article pages only ever linked
whole words of prose.

A code line is a `text` node with links (rules.paragraph's form: the prop `runs`, the words between its links, which
may be empty where a link begins the line or two links meet); signatures are drawn in a monospace font
(styles/api_ref.css: kind `sig`). The page's look (prop `look` of its `apiref` block): links in bold (Javadoc) or
not, underlined or plain, signatures on a tinted band or not."""

from __future__ import annotations

from factory.core.layout import BLOCK_LOOKS, Node
from factory.grammars.base import Ctx
from factory.grammars.rules import heading, link, paragraph, text
from factory.grammars.site_rules import block

# Identifiers are ASCII whatever the page's language, as real APIs are.
IDENT = ("option", "parser", "value", "spec", "builder", "config", "format", "string", "range", "error", "handler",
         "stream", "buffer", "reader", "writer", "context", "session", "key", "node", "map", "list", "token",
         "request", "response", "client", "event", "type", "path", "file", "time", "converter", "descriptor")
PRIMITIVES = ("int", "void", "boolean", "long", "double", "char", "byte[]", "String", "bool", "size_t")
MODIFIERS = ("public", "static", "public static", "protected", "final", "abstract", "default")
FILES = ("config.h", "value.h", "reader.h", "writer.h", "version.h", "assertions.h", "json_value.cpp",
         "json_reader.cpp", "format.h", "core.h", "util.py", "models.py", "api.py", "sessions.py")
KIND_WORDS = ("Class", "Interface", "Enum", "Module", "Namespace", "Struct")
# Looks of a page (prop `look` of its apiref block, classes look-<look> in the page) and their shares.
LOOKS = {"strong": 0.5, "plain": 0.5, "band": 0.35}
assert set(LOOKS) <= BLOCK_LOOKS
INDEX_SHARE = 0.3  # of reference pages: an index (Doxygen's globals, a class hierarchy) rather than a class page


Piece = tuple[str, bool]  # words, whether they are a link


def ident(ctx: Ctx, camel: bool, parts: tuple[int, int] = (1, 3)) -> str:
    words = [ctx.pick(IDENT) for _ in range(ctx.between(*parts))]
    if camel:
        return "".join(w.capitalize() for w in words)
    return words[0] + "".join(w.capitalize() for w in words[1:])


def package(ctx: Ctx) -> str:
    return ".".join([ctx.pick(("org", "com", "io", "net"))] + [ctx.pick(IDENT) for _ in range(ctx.between(1, 2))])


def code_line(ctx: Ctx, pieces: list[Piece], variant: str = "body") -> Node:
    """A `text` node of `pieces`, its linked ones `link` children glued to the words around them (the prop `runs`:
    the words between the links, len(children) + 1 strings, some perhaps empty)."""
    runs, links, cur = [], [], ""
    for words, linked in pieces:
        if linked:
            runs.append(cur)
            links.append(words)
            cur = ""
        else:
            cur += words
    runs.append(cur)
    whole = "".join(w for w, _ in pieces)
    if not links:
        return text(ctx, whole, variant)
    return ctx.node("text", text=whole, children=[link(ctx, w) for w in links], variant=variant, runs=runs)


def type_piece(ctx: Ctx) -> Piece:
    """A type: a linked class of the API (perhaps generic) or a primitive, not linked."""
    if ctx.chance(0.6):
        return ident(ctx, True), True
    return ctx.pick(PRIMITIVES), False


def signature(ctx: Ctx) -> list[Piece]:
    """A member's signature in one of three languages' forms: Java (`public static Type name(Type arg)`), C++
    (`auto ns::name(Type<T...> arg, T&&... args) -> std::Type`) or Python (`module.name(arg, key=None, **kwargs)`,
    perhaps with a trailing [source] link)."""
    lang = ctx.pick(("java", "java", "cpp", "python"))
    name = ident(ctx, False, (1, 2))
    params = ctx.between(0, 3)
    if lang == "java":
        pieces: list[Piece] = [(ctx.pick(MODIFIERS) + " ", False)] if ctx.chance(0.6) else []
        pieces += [type_piece(ctx), (" ", False), (name, True), ("(", False)]
        for i in range(params):
            pieces += [(", " if i else "", False), type_piece(ctx), (" " + ident(ctx, False, (1, 1)), False)]
        return pieces + [(")", False)]
    if lang == "cpp":
        ns = ctx.pick(("fmt", "Json", "std", "detail"))
        pieces = [(ctx.pick(("auto ", "void ", "bool ", "")), False), (ns, True), ("::", False), (name, True),
                  ("(", False)]
        for i in range(params):
            pieces += [(", " if i else "", False), (ident(ctx, False, (1, 2)) + "_t", True),
                       (ctx.pick(("<T...> ", " ", "& ", " const& ")) + ident(ctx, False, (1, 1)), False)]
        pieces.append((")", False))
        if ctx.chance(0.5):
            pieces += [(" -> std::", False), (ctx.pick(("string", "size_t", "vector")), True)]
        return pieces
    pieces = [(package(ctx).split(".", 1)[1] + ".", False), (name, False), ("(", False)]
    args = [ident(ctx, False, (1, 1)) for _ in range(params)] + (["**kwargs"] if ctx.chance(0.4) else [])
    for i, a in enumerate(args):
        pieces.append(((", " if i else "") + a + ("=None" if i and ctx.chance(0.5) else ""), False))
    pieces.append((")", False))
    if ctx.chance(0.5):
        pieces += [(" ", False), ("[source]", True)]
    return pieces


def hierarchy_line(ctx: Ctx) -> list[Piece]:
    """A class in its package's dotted path, its name the link (`org.util.ValueConverter<V>`), perhaps with what it
    implements (`(implements org.util.Descriptor)`)."""
    pieces: list[Piece] = [(package(ctx) + ".", False), (ident(ctx, True), True)]
    if ctx.chance(0.3):
        pieces.append(("<V>", False))
    if ctx.chance(0.4):
        pieces += [(" (implements " + package(ctx) + ".", False), (ident(ctx, True), True), (")", False)]
    return pieces


def index_line(ctx: Ctx) -> list[Piece]:
    """An index entry: a name, then where it is (`JSON_API : config.h`, `parse() : reader.h, json_reader.cpp`)."""
    name = ident(ctx, False, (1, 3))
    name = "_".join(w.upper() for w in [ctx.pick(IDENT) for _ in range(ctx.between(2, 4))]) if ctx.chance(0.5) \
        else name + ("()" if ctx.chance(0.5) else "")
    pieces: list[Piece] = [(name + " : ", False), (ctx.pick(FILES), True)]
    if ctx.chance(0.25):
        pieces += [(", ", False), (ctx.pick(FILES), True)]
    return pieces


def sig_line(ctx: Ctx, pieces: list[Piece]) -> Node:
    """A line of code-like text in the monospace font of signatures (kind `sig`)."""
    return block(ctx, "sig", [code_line(ctx, pieces)], gap=0)


def hierarchy(ctx: Ctx, depth: int) -> Node:
    """A class's ancestry as Javadoc draws it: nested lists, one class a level (`java.lang.Object`, then its
    subclasses down to the page's class), each a dotted name whose last part links to its page."""
    root = "java.lang." if ctx.chance(0.5) else package(ctx) + "."
    node: Node | None = None
    for level in reversed(range(depth)):
        name = "Object" if level == 0 else ident(ctx, True)
        line = code_line(ctx, [(root if level == 0 else package(ctx) + ".", False),
                               (name, level > 0 or ctx.chance(0.5))])
        node = block(ctx, "reflist", [line] + ([node] if node is not None else []), gap=0, align="start")
    return node


def member(ctx: Ctx) -> Node:
    """A member: its signature, then a sentence or two about it."""
    return block(ctx, "member", [sig_line(ctx, signature(ctx)), paragraph(ctx, (1, 2), (6, 14))], gap=1)


def class_page(ctx: Ctx) -> list[Node]:
    """Javadoc's class page, Sphinx's module page: kind and name, perhaps its hierarchy, a description, then one or
    two groups of members under a heading."""
    c = ctx.content
    name = ident(ctx, True)
    parts: list[Node] = [heading(ctx, f"{ctx.pick(KIND_WORDS)} {name}", level=1)]
    if ctx.chance(0.5):
        parts.append(hierarchy(ctx, ctx.between(2, 3)))
    parts.append(paragraph(ctx, (1, 3), (8, 16)))
    for _ in range(ctx.between(1, 2)):
        parts.append(heading(ctx, c.title(ctx.between(1, 3)), level=2))
        parts += [member(ctx) for _ in range(ctx.between(2, 4))]
    return parts


def index_page(ctx: Ctx) -> list[Node]:
    """Doxygen's index of globals or a class hierarchy: a title, then groups (under a letter or a package) of
    bulleted entries, each a line of words with its links."""
    c = ctx.content
    parts: list[Node] = [heading(ctx, c.title(ctx.between(1, 3)), level=1)]
    classes = ctx.chance(0.5)  # a class hierarchy by package, else an index of globals by letter
    for _ in range(ctx.between(1, 3)):
        caption = package(ctx) if classes else ctx.pick("abcdefghijklmnoprstuvw")
        parts.append(heading(ctx, caption, level=3))
        entries = [code_line(ctx, hierarchy_line(ctx) if classes else index_line(ctx))
                   for _ in range(ctx.between(3, 8))]
        parts.append(block(ctx, "reflist", entries, gap=0, align="start"))
    return parts


def reference_page(ctx: Ctx) -> list[Node]:
    """A reference page's parts, in an `apiref` block carrying the page's look (prop `look`: LOOKS drawn)."""
    look = [k for k, share in LOOKS.items() if ctx.chance(share)]
    parts = index_page(ctx) if ctx.chance(INDEX_SHARE) else class_page(ctx)
    return [block(ctx, "apiref", parts, look=look, align="stretch")]
