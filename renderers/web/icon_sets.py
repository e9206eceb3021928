"""Real icon sets from npm (pinned in renderers/web/kits/package.json) and the table that maps each semantic icon
name our grammars use ("home", "trash", "chevron"...) to the file of that icon in each set.

A page draws every icon from one set, as real sites do (renderers.web.icons picks it per page). A name a set has no
file for falls back within the set to a close name (CLOSE), never to another set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

# Semantic name -> close names tried in order when a set has no file for it (within the same set).
CLOSE: Mapping[str, tuple[str, ...]] = {
    "chevron": ("forward",), "chevron-left": ("back",), "chevron-up": ("up",), "chevron-down": ("down",),
    "back": ("chevron-left",), "forward": ("chevron",), "up": ("chevron-up",), "down": ("chevron-down",),
    "help": ("question", "info"), "question": ("help", "info"), "error": ("close",), "warning": ("info",),
    "messages": ("message",), "dashboard": ("chart",), "orders": ("cart",), "customers": ("user",),
    "products": ("tag",), "reports": ("file",), "logout": ("close",), "external": ("link",),
}


@dataclass(frozen=True)
class IconSet:
    """One npm icon set: where its SVG files are (`pattern` formatted with a file name, under node_modules), its
    licence, and each semantic name's file. font: (stylesheet under node_modules, class template) where the set
    ships an icon font that pages may use instead of inline SVG."""

    name: str
    package: str
    licence: str
    pattern: str
    files: Mapping[str, str]
    font: tuple[str, str] | None = None

    def file_for(self, name: str) -> str | None:
        """The set's file name for a semantic name, falling back to a CLOSE name within the set; None if neither."""
        for candidate in (name, *CLOSE.get(name, ())):
            if candidate in self.files:
                return self.files[candidate]
        return None


def _table(pairs: str) -> dict[str, str]:
    """'home=house search' -> {'home': 'house', 'search': 'search'} (a bare word maps to itself)."""
    out = {}
    for item in pairs.split():
        key, _, value = item.partition("=")
        out[key] = value or key
    return out


BOOTSTRAP = IconSet("bootstrap", "bootstrap-icons", "MIT", "bootstrap-icons/icons/{}.svg", _table(
    "home=house search settings=gear bell user=person chart=bar-chart menu=list close=x-lg chevron=chevron-right "
    "chevron-down chevron-left chevron-up heart star trash edit=pencil download plus=plus-lg mail=envelope "
    "calendar folder filter=funnel more=three-dots check=check-lg back=arrow-left forward=arrow-right up=arrow-up "
    "down=arrow-down refresh=arrow-clockwise list=list-ul grid code=code-slash upload lock eye share cart "
    "image file=file-earmark phone=telephone map globe clock logout=box-arrow-right bookmark copy link=link-45deg "
    "send play=play-fill pause=pause-fill info=info-circle warning=exclamation-triangle error=x-circle "
    "question=question-circle message=chat camera tag sun moon cloud minus=dash-lg external=box-arrow-up-right "
    "attach=paperclip print=printer dashboard=speedometer2 customers=people products=box messages=chat-dots "
    "reports=file-earmark-text orders=bag paperclip smile=emoji-smile video=camera-video bold=type-bold "
    "italic=type-italic underline=type-underline"),
    font=("bootstrap-icons/font/bootstrap-icons.min.css", "bi bi-{}"))

TABLER = IconSet("tabler", "@tabler/icons", "MIT", "@tabler/icons/icons/outline/{}.svg", _table(
    "home search settings bell user chart=chart-bar menu=menu-2 close=x chevron=chevron-right chevron-down "
    "chevron-left chevron-up heart star trash edit=pencil download plus mail calendar folder filter more=dots "
    "check back=arrow-left forward=arrow-right up=arrow-up down=arrow-down refresh list grid=layout-grid code "
    "upload lock eye share cart=shopping-cart image=photo file phone map globe=world clock logout bookmark copy "
    "link send play=player-play pause=player-pause info=info-circle warning=alert-triangle error=circle-x "
    "question=help-circle message camera tag sun moon cloud minus external=external-link attach=paperclip "
    "print=printer dashboard=layout-dashboard customers=users products=package messages=messages "
    "reports=report orders=shopping-bag paperclip smile=mood-smile video bold italic underline"))

LUCIDE = IconSet("lucide", "lucide-static", "ISC", "lucide-static/icons/{}.svg", _table(
    "home=house search settings bell user chart=chart-column menu close=x chevron=chevron-right chevron-down "
    "chevron-left chevron-up heart star trash=trash-2 edit=pencil download plus mail calendar folder filter=funnel "
    "more=ellipsis check back=arrow-left forward=arrow-right up=arrow-up down=arrow-down refresh=refresh-cw list "
    "grid=layout-grid code upload lock eye share=share-2 cart=shopping-cart image file phone map globe clock "
    "logout=log-out bookmark copy link send play pause info warning=triangle-alert error=circle-x "
    "question=circle-question-mark message=message-square camera tag sun moon cloud minus external=external-link "
    "attach=paperclip print=printer dashboard=layout-dashboard customers=users products=package "
    "messages=messages-square reports=file-text orders=shopping-bag paperclip smile video bold italic underline"))

REMIX = IconSet("remix", "remixicon", "Apache-2.0", "remixicon/icons/*/{}.svg", _table(
    "home=home-line search=search-line settings=settings-3-line "
    "bell=notification-3-line user=user-line chart=bar-chart-line "
    "menu=menu-line close=close-line chevron=arrow-right-s-line "
    "chevron-down=arrow-down-s-line chevron-left=arrow-left-s-line chevron-up=arrow-up-s-line "
    "heart=heart-line star=star-line trash=delete-bin-line "
    "edit=pencil-line download=download-line plus=add-line mail=mail-line "
    "calendar=calendar-line folder=folder-line filter=filter-line more=more-line "
    "check=check-line back=arrow-left-line forward=arrow-right-line up=arrow-up-line "
    "down=arrow-down-line refresh=refresh-line list=list-unordered "
    "grid=layout-grid-line code=code-line upload=upload-line lock=lock-line "
    "eye=eye-line share=share-line cart=shopping-cart-line image=image-line "
    "file=file-line phone=phone-line map=map-line globe=global-line "
    "clock=time-line logout=logout-box-r-line bookmark=bookmark-line "
    "copy=file-copy-line link=link send=send-plane-line play=play-line "
    "pause=pause-line info=information-line warning=error-warning-line "
    "error=close-circle-line question=question-line message=message-line "
    "camera=camera-line tag=price-tag-3-line sun=sun-line moon=moon-line "
    "cloud=cloud-line minus=subtract-line external=external-link-line "
    "attach=attachment-line print=printer-line dashboard=dashboard-line "
    "customers=group-line products=archive-line messages=chat-3-line "
    "reports=file-chart-line orders=shopping-bag-line paperclip=attachment-2 smile=emotion-happy-line "
    "video=vidicon-line bold italic underline"),
    font=("remixicon/fonts/remixicon.css", "ri-{}"))

SETS: Mapping[str, IconSet] = {s.name: s for s in (BOOTSTRAP, TABLER, LUCIDE, REMIX)}
VOCABULARY: tuple[str, ...] = tuple(sorted(set().union(*(s.files for s in SETS.values()))))
