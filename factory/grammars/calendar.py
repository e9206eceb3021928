"""A calendar: a header with the month's name, prev/next/today buttons and view tabs; a month grid of days with
events as chips (or a week of day columns); a mini-calendar, calendar list or agenda beside it."""

import calendar as cal

from factory.core.layout import Node
from factory.grammars.app_rules import action, box, clock
from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import (app_shell, button, card, check, column, heading, icon_button, row, spacer, text)

VIEWS = ("month", "week", "day", "agenda")


def event(ctx: Ctx, timed: bool | None = None) -> Node:
    """An event's chip: its title, a timed one's after its time ("09:30 Standup"). A phone's day column (about 45 px)
    shows a chip's first 6-8 characters: as phone calendar apps' month and week views do, its title alone, never the
    time and a letter of it (its time is still drawn from the RNG: the rest of a phone's page is as before)."""
    c = ctx.content
    label = c.title(ctx.between(1, 3))
    if timed if timed is not None else ctx.chance(0.5):
        time = clock(ctx)
        label = label if ctx.mobile else f"{time} {label}"
    return ctx.node("button", text=label, variant=ctx.choose({"primary": 3, "secondary": 2, "text": 1}))


def weeks(year: int, month: int) -> list[list[tuple[int, int]]]:
    """The month's weeks, Monday first, as (day, month offset -1/0/1) pairs."""
    out = []
    for week in cal.Calendar(0).monthdatescalendar(year, month):
        out.append([(d.day, (d.year, d.month) > (year, month) or -((d.year, d.month) < (year, month))) for d in week])
    return [[(day, int(off)) for day, off in week] for week in out]


def month_grid(ctx: Ctx, year: int, month: int, today: int) -> Node:
    c = ctx.content
    head = ctx.node("grid", children=[text(ctx, c.ui(f"weekday_{i}"), "header") for i in range(7)],
                    intent={"columns": 7, "gap": 0})
    cells: list[Node] = []
    most = 1 if ctx.mobile else 3
    for week in weeks(year, month):
        for day, off in week:
            kind = "day-out" if off else "day-today" if day == today else "day"
            chips = [] if off and ctx.chance(0.7) else [event(ctx) for _ in range(ctx.choose({0: 4, 1: 3, 2: 1.5,
                                                                                                3: 0.7}))][:most]
            cells.append(box(ctx, "column", kind, [text(ctx, str(day), "label"), *chips]))
    grid = ctx.node("grid", children=cells, intent={"columns": 7, "gap": 0})
    return box(ctx, "column", "month", [head, grid], gap=0, weight=1)


def week_grid(ctx: Ctx, year: int, month: int, today: int) -> Node:
    c = ctx.content
    week = ctx.pick(weeks(year, month))
    days = []
    for i, (day, off) in enumerate(week):
        chips = [event(ctx, timed=True) for _ in range(ctx.between(0, 4))]
        kind = "day-out" if off else "day-today" if day == today else "day"
        days.append(box(ctx, "column", kind, [text(ctx, f"{c.ui(f'weekday_{i}')} {day}", "label"), *chips]))
    return box(ctx, "column", "month", [ctx.node("grid", children=days, intent={"columns": 7, "gap": 0})], gap=0,
               weight=1)


def mini_calendar(ctx: Ctx, year: int, month: int, today: int) -> Node:
    c = ctx.content
    head = row(ctx, [text(ctx, f"{c.ui(f'month_{month}')} {year}", "label"), spacer(ctx),
                     icon_button(ctx, "chevron-left", c.ui("previous")), icon_button(ctx, "chevron", c.ui("next"))],
               gap=1)
    cells = [text(ctx, c.ui(f"weekday_{i}")[:2], "muted") for i in range(7)]
    for week in weeks(year, month):
        cells += [text(ctx, str(day), "muted" if off else "label" if day == today else "body") for day, off in week]
    return box(ctx, "column", "mini", [head, ctx.node("grid", children=cells, intent={"columns": 7, "gap": 0})],
               gap=1)


def calendars_list(ctx: Ctx) -> Node:
    c = ctx.content
    items = [check(ctx, "checkbox", w, checked=ctx.chance(0.7)) for w in
             [c.name(), c.ui("customers"), c.word(), c.word()][: ctx.between(2, 4)]]
    return column(ctx, [text(ctx, c.ui("my_calendars"), "header"), *items], gap=1)


def agenda(ctx: Ctx, n: int) -> Node:
    c = ctx.content
    items = [ctx.node("list_item", children=[row(ctx, [
        column(ctx, [text(ctx, clock(ctx), "label"), text(ctx, c.ui("today") if i == 0 else c.date()[5:], "muted")],
               gap=0),
        column(ctx, [text(ctx, c.title(ctx.between(2, 4))), text(ctx, c.city(), "muted")], gap=0, weight=1)],
        gap=3)]) for i in range(n)]
    return column(ctx, [text(ctx, c.ui("upcoming"), "header"), *items], gap=1)


def toolbar_row(ctx: Ctx, year: int, month: int, view: str, create: bool) -> Node:
    c = ctx.content
    nav = [button(ctx, c.ui("today"), "secondary", with_icon=False),
           icon_button(ctx, "chevron-left", c.ui("previous")), icon_button(ctx, "chevron", c.ui("next")),
           heading(ctx, f"{c.ui(f'month_{month}')} {year}", level=2 if not ctx.mobile else 3)]
    views = [v for v in VIEWS if not ctx.mobile or v != "agenda"][: 3 if ctx.mobile else ctx.between(3, 4)]
    bar = row(ctx, [ctx.node("tab", text=c.ui(v), state={"selected": v == view}) for v in views], gap=0,
              align="end", kind="tabs")
    if ctx.mobile:
        return column(ctx, [row(ctx, nav + [spacer(ctx)], gap=1), bar], gap=2)
    extra = [action(ctx, c.ui("create"), "plus")] if create else []
    return row(ctx, nav + [spacer(ctx), bar] + extra, gap=2)


def build(ctx: Ctx) -> Node:
    c = ctx.content
    year, month = ctx.between(2019, 2027), ctx.between(1, 12)
    today = ctx.between(1, cal.monthrange(year, month)[1])
    view = "week" if ctx.chance(0.25) else "month"
    grid = week_grid(ctx, year, month, today) if view == "week" else month_grid(ctx, year, month, today)
    side_create = not ctx.mobile and ctx.chance(0.5)
    # a phone's page scrolls (the month as tall as its weeks need); a desktop's month fills the height left
    main = column(ctx, [toolbar_row(ctx, year, month, view, not side_create), grid], gap=2,
                  weight=0 if ctx.mobile else 1)
    if ctx.mobile:
        parts = [main] + ([agenda(ctx, ctx.between(1, 3))] if ctx.chance(0.5) else [])
        return app_shell(ctx, c.company(), column(ctx, parts, gap=2, weight=1, padding=True, scroll=True))
    side: list[Node] = []
    if side_create:
        side.append(action(ctx, c.ui("create"), "plus"))
    side.append(mini_calendar(ctx, year, month, today) if ctx.chance(0.7) else agenda(ctx, ctx.between(2, 4)))
    if ctx.chance(0.6):
        side.append(calendars_list(ctx))
    aside = card(ctx, side) if ctx.chance(0.4) else column(ctx, side, gap=3)
    body = row(ctx, [column(ctx, [aside], gap=0, width="side"), main], gap=3, align="stretch", weight=1,
               padding=True)
    return app_shell(ctx, c.company(), body)

register(Grammar("calendar", build, "Month or week calendar: day grid with event chips, mini-calendar, agenda"))
