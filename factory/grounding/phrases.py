"""Refs in words: instruction templates per language (English, German, Japanese, Chinese).

A screen whose locale has templates here gets instructions in its language; any other locale (ru_RU) gets
English ones, and each record says which (`lang`). The template is drawn from an RNG seeded by the sample's
seed and the element id, so the same dataset always gives the same words. About one in seven instructions is
the bare referring expression ("the search box in the top bar") rather than an action.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable

from factory.grounding.refs import Ref, Target

BARE = 0.15  # share of bare referring expressions
LANGS = {"en_US": "en", "de_DE": "de", "ja_JP": "ja", "zh_CN": "zh"}  # locale -> templates; others: English
REGION_ORDER = ("top-left", "top", "top-right", "left", "center", "right", "bottom-left", "bottom", "bottom-right")
CONTAINER_ORDER = ("dialog", "card", "panel", "row", "item", "menu", "top_bar", "bottom_bar", "sidebar", "menu_bar",
                   "title_bar", "status_bar", "hotbar", "toolbar", "table", "table_header")
# Icons that name icon buttons: a title bar's window buttons and the game HUD's icons (source types name them).
ICON_ORDER = ("minimize", "maximize", "close", "chevron", "chevron left", "plus", "settings", "user", "mail", "star",
              "help", "trophy", "sword", "bolt", "fire", "shield", "heart", "skull", "arrow", "potion", "gem")
SIDE_ORDER = ("left", "right", "above", "below")
ACTION_ORDER = ("click", "follow", "type", "check", "uncheck", "select", "turn_on", "turn_off", "drag", "scroll",
                "open", "set", "pick_date", "open_tab", "open_menu", "close_menu", "choose", "expand", "collapse",
                "select_item", "use")


@dataclass(frozen=True)
class Lang:
    code: str
    quote: tuple[str, str]
    nouns: dict[str, str]
    containers: dict[str, str]  # kind -> phrase; "{}" takes the quoted name
    regions: dict[str, str]
    actions: dict[str, tuple[str, ...]]  # {np}: the referring expression, {short}: the quoted name alone
    purposeful: tuple[str, ...]  # text fields with a known purpose: {purpose}, {np}
    purposes: dict[str, str]
    icons: dict[str, str]  # icon id -> its name in the language (an unknown id is said as it is)
    sides: dict[str, str]  # left/right/above/below a neighbour; "{}" takes the neighbour's noun phrase
    np: Callable[["Lang", Ref, str], str]  # (lang, ref, case) -> noun phrase; case "acc" in actions, "nom" bare

    def q(self, text: str) -> str:
        return f"{self.quote[0]}{text}{self.quote[1]}"

    def icon(self, name: str) -> str:
        return self.icons.get(name, name)

    def container(self, ref: Ref) -> str:
        c = ref.container
        return self.containers[c.kind].format(self.q(c.name)) if c.name else self.containers[c.kind + ":"]


def _table(keys: tuple[str, ...], values: str) -> dict[str, str]:
    found = dict(zip(keys, values.split("|")))
    assert len(found) == len(keys), values
    return found


def _actions(*lines: str) -> dict[str, tuple[str, ...]]:
    found = {k: tuple(line.split("|")) for k, line in zip(ACTION_ORDER, lines)}
    assert len(found) == len(ACTION_ORDER)
    return found


def _containers(named: str, unnamed: str) -> dict[str, str]:
    """Named kinds (dialog..menu) take the name; unnamed ones are keyed `kind:` (dialog: a dialog without title)."""
    found = _table(CONTAINER_ORDER[:6], named)
    found.update({f"{k}:": v for k, v in _table(("dialog", *CONTAINER_ORDER[6:]), unnamed).items()})
    return found


# --- English ---------------------------------------------------------------------------------------------------

EN_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def _en_ordinal(n: int) -> str:
    if n <= len(EN_ORDINALS):
        return EN_ORDINALS[n - 1]
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _np_en(lang: Lang, ref: Ref, case: str) -> str:
    words = ["the"]
    if ref.ordinal:
        words.append(_en_ordinal(ref.ordinal))
    if ref.name_kind == "text":
        words.append(lang.q(ref.name))
    words.append(lang.nouns[ref.noun])
    if ref.name_kind == "value":
        words.append(("containing " if ref.noun in ("field", "search_box") else "showing ") + lang.q(ref.name))
    elif ref.name_kind == "icon":
        words.append(f"with the {lang.icon(ref.name)} icon")
    if ref.ordinal:
        words.append("from the left" if ref.axis == "x" else "from the top")
    if ref.cell:
        words.append(f"in row {ref.cell[0]}, column {ref.cell[1]}")
    if ref.near:
        words.append(lang.sides[ref.side].format(lang.np(lang, ref.near, "acc")))
    if ref.region:
        words.append(lang.regions[ref.region])
    if ref.container:
        words.append("in " + lang.container(ref))
    return " ".join(words)


EN = Lang(
    "en", ("'", "'"),
    _table(("button", "icon_button", "link", "field", "search_box", "checkbox", "radio", "switch", "slider", "dropdown",
            "spinbox", "date_picker", "tab", "menu", "menu_item", "item", "row", "scrollbar", "slot", "page_indicator",
            "minimap", "element"),
           "button|icon button|link|field|search box|checkbox|radio button|switch|slider|dropdown|spin box|"
           "date picker|tab|menu|menu item|item|row|scrollbar|slot|page indicator|minimap|element"),
    _containers("the {} dialog|the {} card|the {} panel|the {} row|the {} item|the {} menu",
                "the dialog|the top bar|the bottom bar|the sidebar|the menu bar|the title bar|the status bar|"
                "the hotbar|the toolbar|the table|the table header"),
    _table(REGION_ORDER, "at the top left of the screen|at the top of the screen|at the top right of the screen|"
                         "on the left of the screen|in the middle of the screen|on the right of the screen|"
                         "at the bottom left of the screen|at the bottom of the screen|"
                         "at the bottom right of the screen"),
    _actions("Click {np}|Press {np}|Tap {np}|Click {short}", "Click {np}|Follow {np}|Open {np}|Click {short}",
             "Click {np}|Type into {np}|Enter text in {np}|Fill in {np}", "Check {np}|Tick {np}|Check {short}",
             "Uncheck {np}|Untick {np}|Uncheck {short}", "Select {np}|Choose {np}|Select {short}",
             "Turn on {np}|Switch on {np}|Enable {short}", "Turn off {np}|Switch off {np}|Disable {short}",
             "Drag {np}|Move {np}|Adjust {np}", "Drag {np}|Scroll using {np}", "Open {np}|Click {np}|Expand {np}",
             "Change the value of {np}|Click {np}", "Pick a date in {np}|Open {np}",
             "Open {np}|Switch to {np}|Click {np}|Switch to {short}", "Open {np}|Click {np}", "Close {np}|Click {np}",
             "Choose {np}|Click {np}|Select {np}|Choose {short}", "Expand {np}|Open {np}", "Collapse {np}|Close {np}",
             "Select {np}|Click {np}|Open {np}", "Click {np}|Use {np}|Select {np}"),
    ("Type {purpose} into {np}", "Enter {purpose} in {np}"),
    {"email": "your e-mail address", "password": "your password", "confirm_password": "your password again",
     "name": "your name", "search": "a search term"},
    _table(ICON_ORDER, "minimize|maximize|close|right arrow|left arrow|plus|settings|user|mail|star|help|trophy|"
                       "sword|lightning|fire|shield|heart|skull|arrow|potion|gem"),
    _table(SIDE_ORDER, "to the left of {}|to the right of {}|above {}|below {}"),
    _np_en,
)

# --- German: the noun's gender chooses article and ordinal ending; containers are dative after "in" ------------

DE_GENDER = {"button": "f", "icon_button": "f", "link": "m", "field": "n", "search_box": "n", "checkbox": "n",
             "radio": "n", "switch": "m", "slider": "m", "dropdown": "f", "spinbox": "n", "date_picker": "n",
             "tab": "m", "menu": "n", "menu_item": "m", "item": "m", "row": "f", "scrollbar": "f", "slot": "m",
             "page_indicator": "f", "minimap": "f", "element": "n"}
DE_ARTICLE = {"nom": {"m": "der", "f": "die", "n": "das"}, "acc": {"m": "den", "f": "die", "n": "das"},
              "dat": {"m": "dem", "f": "der", "n": "dem"}}
DE_ORDINALS = ("erst", "zweit", "dritt", "viert", "fünft", "sechst", "siebt", "acht", "neunt", "zehnt")


def _np_de(lang: Lang, ref: Ref, case: str) -> str:
    gender = DE_GENDER[ref.noun]
    words = [DE_ARTICLE[case][gender]]
    if ref.ordinal:
        ending = "e" if case == "nom" or case == "acc" and gender != "m" else "en"
        words.append(DE_ORDINALS[ref.ordinal - 1] + ending if ref.ordinal <= len(DE_ORDINALS) else f"{ref.ordinal}.")
    words.append(lang.nouns[ref.noun])
    if ref.name_kind == "text":
        words.append(lang.q(ref.name))
    elif ref.name_kind == "value":
        words.append("mit dem Wert " + lang.q(ref.name))
    elif ref.name_kind == "icon":
        words.append("mit dem Symbol " + lang.q(lang.icon(ref.name)))
    if ref.ordinal:
        words.append("von links" if ref.axis == "x" else "von oben")
    if ref.cell:
        words.append(f"in Zeile {ref.cell[0]}, Spalte {ref.cell[1]}")
    if ref.near:
        words.append(lang.sides[ref.side].format(lang.np(lang, ref.near, "dat")))
    if ref.region:
        words.append(lang.regions[ref.region])
    if ref.container:
        words.append(lang.container(ref))
    return " ".join(words)


DE = Lang(
    "de", ("„", "“"),
    _table(tuple(DE_GENDER), "Schaltfläche|Symbolschaltfläche|Link|Eingabefeld|Suchfeld|Kontrollkästchen|Optionsfeld|"
                             "Schalter|Schieberegler|Auswahlliste|Zahlenfeld|Datumsfeld|Tab|Menü|Menüeintrag|Eintrag|"
                             "Zeile|Bildlaufleiste|Inventarplatz|Seitenanzeige|Minikarte|Element"),
    _containers("im Dialog {}|in der Karte {}|im Bereich {}|in der Zeile {}|im Eintrag {}|im Menü {}",
                "im Dialog|in der oberen Leiste|in der unteren Leiste|in der Seitenleiste|in der Menüleiste|"
                "in der Titelleiste|in der Statusleiste|in der Schnellleiste|in der Symbolleiste|in der Tabelle|"
                "im Tabellenkopf"),
    {k: f"{v} auf dem Bildschirm" for k, v in _table(
        REGION_ORDER, "oben links|oben|oben rechts|links|in der Mitte|rechts|unten links|unten|unten rechts").items()},
    _actions("Klicke auf {np}|Tippe auf {np}|Drücke {np}|Klicke auf {short}",
             "Klicke auf {np}|Öffne {np}|Klicke auf {short}", "Klicke in {np}|Gib Text in {np} ein|Fülle {np} aus",
             "Aktiviere {np}|Setze ein Häkchen für {np}|Aktiviere {short}",
             "Deaktiviere {np}|Entferne das Häkchen für {np}|Deaktiviere {short}",
             "Wähle {np}|Klicke auf {np}|Wähle {short}", "Schalte {np} ein|Aktiviere {np}|Schalte {short} ein",
             "Schalte {np} aus|Deaktiviere {np}|Schalte {short} aus", "Verschiebe {np}|Ziehe {np}",
             "Ziehe {np}|Verschiebe {np}", "Öffne {np}|Klicke auf {np}", "Ändere den Wert für {np}|Klicke auf {np}",
             "Wähle ein Datum über {np}|Öffne {np}", "Öffne {np}|Klicke auf {np}|Wechsle zu {short}",
             "Öffne {np}|Klicke auf {np}", "Schließe {np}|Klicke auf {np}", "Wähle {np}|Klicke auf {np}|Wähle {short}",
             "Klappe {np} auf|Erweitere {np}", "Klappe {np} zu|Reduziere {np}", "Wähle {np}|Klicke auf {np}|Öffne {np}",
             "Klicke auf {np}|Benutze {np}|Wähle {np}"),
    ("Gib {purpose} in {np} ein", "Trage {purpose} in {np} ein"),
    {"email": "deine E-Mail-Adresse", "password": "dein Passwort", "confirm_password": "dein Passwort noch einmal",
     "name": "deinen Namen", "search": "einen Suchbegriff"},
    _table(ICON_ORDER, "Minimieren|Maximieren|Schließen|Pfeil nach rechts|Pfeil nach links|Plus|Einstellungen|"
                       "Benutzer|Post|Stern|Hilfe|Pokal|Schwert|Blitz|Feuer|Schild|Herz|Totenkopf|Pfeil|Trank|"
                       "Edelstein"),
    _table(SIDE_ORDER, "links von {}|rechts von {}|über {}|unter {}"),
    _np_de,
)

# --- Japanese and Chinese: modifiers before the noun, no articles or cases ------------------------------------------

ZH_NUMERALS = "一二三四五六七八九十"


def _np_cjk(lang: Lang, ref: Ref, case: str) -> str:
    ja = lang.code == "ja"
    parts = [lang.container(ref)] if ref.container else []
    if ref.near:
        parts.append(lang.sides[ref.side].format(lang.np(lang, ref.near, case)))
    if ref.region:
        parts.append(lang.regions[ref.region])
    if ref.ordinal:
        n = str(ref.ordinal) if ja or ref.ordinal > 10 else ZH_NUMERALS[ref.ordinal - 1]
        if ja:
            parts.append(("左から" if ref.axis == "x" else "上から") + f"{n}番目の")
        else:
            parts.append(("左起" if ref.axis == "x" else "从上往下") + f"第{n}个")
    if ref.cell:
        parts.append(f"{ref.cell[0]}行{ref.cell[1]}列目の" if ja else f"第{ref.cell[0]}行第{ref.cell[1]}列的")
    if ref.name_kind == "text":
        parts.append(lang.q(ref.name))
    elif ref.name_kind == "value":
        parts.append(f"{lang.q(ref.name)}と表示された" if ja else f"显示{lang.q(ref.name)}的")
    elif ref.name_kind == "icon":  # "the button with the close icon": the icon says it is an icon button
        parts.append(f"{lang.icon(ref.name)}アイコンの" if ja else f"带{lang.icon(ref.name)}图标的")
    parts.append(lang.nouns["button" if ref.name_kind == "icon" else ref.noun])
    return "".join(parts)


JA = Lang(
    "ja", ("「", "」"),
    _table(tuple(DE_GENDER), "ボタン|アイコンボタン|リンク|入力欄|検索ボックス|チェックボックス|ラジオボタン|"
                             "スイッチ|スライダー|ドロップダウン|スピンボックス|日付選択|タブ|メニュー|"
                             "メニュー項目|項目|行|スクロールバー|スロット|ページインジケーター|ミニマップ|要素"),
    _containers("{}ダイアログの|{}カードの|{}パネルの|{}の行の|{}の項目の|{}メニューの",
                "ダイアログの|上部バーの|下部バーの|サイドバーの|メニューバーの|タイトルバーの|"
                "ステータスバーの|ホットバーの|ツールバーの|表の|表の見出しの"),
    _table(REGION_ORDER, "画面左上の|画面上部の|画面右上の|画面左側の|画面中央の|画面右側の|"
                         "画面左下の|画面下部の|画面右下の"),
    _actions("{np}をクリック|{np}をタップ|{np}を押す|{short}をクリック",
             "{np}をクリック|{np}を開く|{short}をクリック",
             "{np}をクリック|{np}に入力|{np}にテキストを入力",
             "{np}にチェックを入れる|{np}をオンにする|{short}にチェックを入れる",
             "{np}のチェックを外す|{np}をオフにする|{short}のチェックを外す",
             "{np}を選択|{np}をクリック|{short}を選択",
             "{np}をオンにする|{short}をオンにする",
             "{np}をオフにする|{short}をオフにする",
             "{np}をドラッグ|{np}を調整",
             "{np}をドラッグ|{np}でスクロール",
             "{np}を開く|{np}をクリック",
             "{np}の値を変更|{np}をクリック",
             "{np}で日付を選択|{np}を開く",
             "{np}を開く|{np}に切り替える|{np}をクリック",
             "{np}を開く|{np}をクリック",
             "{np}を閉じる|{np}をクリック",
             "{np}を選択|{np}をクリック|{short}を選択",
             "{np}を展開|{np}を開く",
             "{np}を折りたたむ|{np}を閉じる",
             "{np}を選択|{np}をクリック",
             "{np}をクリック|{np}を使う"),
    ("{np}に{purpose}を入力", "{np}に{purpose}を入力する"),
    {"email": "メールアドレス", "password": "パスワード", "confirm_password": "確認用のパスワード", "name": "名前",
     "search": "検索語"},
    _table(ICON_ORDER, "最小化|最大化|閉じる|右矢印|左矢印|プラス|設定|ユーザー|メール|星|ヘルプ|トロフィー|剣|稲妻|"
                       "炎|盾|ハート|ドクロ|矢印|ポーション|宝石"),
    _table(SIDE_ORDER, "{}の左の|{}の右の|{}の上の|{}の下の"),
    _np_cjk,
)

ZH = Lang(
    "zh", ("“", "”"),
    _table(tuple(DE_GENDER), "按钮|图标按钮|链接|输入框|搜索框|复选框|单选按钮|开关|滑块|下拉框|数字框|"
                             "日期选择器|标签页|菜单|菜单项|列表项|行|滚动条|格子|页面指示器|小地图|元素"),
    _containers("{}对话框中的|{}卡片中的|{}面板中的|{}行中的|{}项中的|{}菜单中的",
                "对话框中的|顶部栏中的|底部栏中的|侧边栏中的|菜单栏中的|标题栏中的|状态栏中的|"
                "快捷栏中的|工具栏中的|表格中的|表头中的"),
    _table(REGION_ORDER, "屏幕左上角的|屏幕顶部的|屏幕右上角的|屏幕左侧的|屏幕中间的|屏幕右侧的|"
                         "屏幕左下角的|屏幕底部的|屏幕右下角的"),
    _actions("点击{np}|单击{np}|按下{np}|点击{short}",
             "点击{np}|打开{np}|点击{short}",
             "点击{np}|在{np}中输入文字|填写{np}",
             "勾选{np}|选中{np}|勾选{short}",
             "取消勾选{np}|取消选中{np}|取消勾选{short}",
             "选择{np}|点击{np}|选择{short}",
             "打开{np}|开启{np}|打开{short}",
             "关闭{np}|关掉{np}|关闭{short}",
             "拖动{np}|调节{np}",
             "拖动{np}",
             "打开{np}|点击{np}",
             "修改{np}的值|点击{np}",
             "在{np}中选择日期|打开{np}",
             "打开{np}|切换到{np}|点击{np}",
             "打开{np}|点击{np}",
             "关闭{np}|点击{np}",
             "选择{np}|点击{np}|选择{short}",
             "展开{np}",
             "折叠{np}|收起{np}",
             "选择{np}|点击{np}",
             "点击{np}|使用{np}"),
    ("在{np}中输入{purpose}", "在{np}里填写{purpose}"),
    {"email": "你的邮箱地址", "password": "你的密码", "confirm_password": "确认密码", "name": "你的姓名",
     "search": "搜索词"},
    _table(ICON_ORDER, "最小化|最大化|关闭|右箭头|左箭头|加号|设置|用户|邮件|星星|帮助|奖杯|剑|闪电|火焰|盾牌|爱心|"
                       "骷髅|箭头|药水|宝石"),
    _table(SIDE_ORDER, "{}左边的|{}右边的|{}上方的|{}下方的"),
    _np_cjk,
)

BY_CODE = {lang.code: lang for lang in (EN, DE, JA, ZH)}


def lang_for(locale: str) -> Lang:
    """The templates for a screen's locale: its own language where there are templates, else English."""
    return BY_CODE[LANGS.get(locale, "en")]


def referring(lang: Lang, ref: Ref) -> str:
    """The bare referring expression, e.g. "the search box in the top bar"."""
    return lang.np(lang, ref, "nom")


def instruction(lang: Lang, target: Target, rng: random.Random) -> str:
    """One instruction for `target`: an action template (or, one time in seven, the bare expression)."""
    if rng.random() < BARE:
        return referring(lang, target.ref)
    templates = [t for t in lang.actions[target.action] if target.short or "{short}" not in t]
    if target.purpose and target.action == "type":
        templates += lang.purposeful
    template = templates[rng.randrange(len(templates))]
    return template.format(np=lang.np(lang, target.ref, "acc"), short=lang.q(target.ref.name),
                           purpose=lang.purposes.get(target.purpose, ""))
