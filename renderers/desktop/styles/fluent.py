"""Fluent / Windows 11 flavour in QSS: mica-grey canvas, 4 px rounded controls with a darker bottom stroke,
accent underline on focus and on the selected tab, rounded cards and menus, thin scroll bars."""

from renderers.desktop.styles import Look, register_desktop_style

QSS = """
QPushButton { background: $base; color: $text; border: 1px solid $border; border-bottom-color: $border_strong;
  border-radius: 4px; padding: 5px 14px; }
QPushButton:disabled { color: $disabled; background: $window; border-color: $border; }
QPushButton[variant="primary"] { background: $accent; color: $accent_text; border: 1px solid $accent_dark; }
QPushButton[variant="danger"] { background: $danger; color: #ffffff; border: 1px solid $danger; }
QPushButton[variant="text"] { background: transparent; border: 1px solid transparent; color: $link; }
QPushButton:focus { border: 2px solid $text; }
QToolButton { background: transparent; border: 1px solid transparent; border-radius: 4px; padding: 4px; color: $text; }
QToolButton[titlebutton="true"] { border-radius: 0; padding: 6px 14px; }
QLineEdit, QPlainTextEdit, QSpinBox, QDoubleSpinBox, QDateEdit, QComboBox { background: $base; color: $text;
  border: 1px solid $border; border-bottom: 1px solid $border_strong; border-radius: 4px; padding: 4px 8px;
  selection-background-color: $accent; selection-color: $accent_text; }
QLineEdit:focus, QPlainTextEdit:focus, QSpinBox:focus, QDateEdit:focus, QComboBox:focus {
  border-bottom: 2px solid $accent; }
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] { border-bottom: 2px solid $danger; }
QLineEdit:disabled, QPlainTextEdit:disabled, QSpinBox:disabled, QDateEdit:disabled, QComboBox:disabled {
  color: $disabled; background: $window; }
QComboBox::drop-down, QDateEdit::drop-down { border: none; width: 26px; }
QComboBox::down-arrow, QDateEdit::down-arrow { image: url($icon_down); width: 12px; height: 12px; }
QSpinBox::up-button, QSpinBox::down-button, QDoubleSpinBox::up-button, QDoubleSpinBox::down-button {
  border: none; background: transparent; width: 20px; }
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow { image: url($icon_up); width: 10px; height: 10px; }
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow { image: url($icon_down); width: 10px; height: 10px; }
QCheckBox, QRadioButton { spacing: 8px; color: $text; }
QCheckBox::indicator { width: 18px; height: 18px; border: 1px solid $border_strong; border-radius: 4px;
  background: $base; }
QCheckBox::indicator:checked { background: $accent; border-color: $accent; image: url($icon_check); }
QCheckBox::indicator:disabled { background: $window; border-color: $border; }
QRadioButton::indicator { width: 18px; height: 18px; border: 1px solid $border_strong; border-radius: 10px;
  background: $base; }
QRadioButton::indicator:checked { border: 5px solid $accent; background: $accent_text; width: 10px; height: 10px; }
QSlider::groove:horizontal { height: 4px; background: $border_strong; border-radius: 2px; }
QSlider::sub-page:horizontal { background: $accent; border-radius: 2px; }
QSlider::handle:horizontal { width: 12px; height: 12px; margin: -7px 0; border-radius: 10px; background: $accent;
  border: 4px solid $base; }
QProgressBar { background: $border; border: none; border-radius: 3px; color: $text; text-align: center; }
QProgressBar::chunk { background: $accent; border-radius: 3px; }
QScrollBar:vertical { background: transparent; width: 12px; margin: 0; }
QScrollBar:horizontal { background: transparent; height: 12px; margin: 0; }
QScrollBar::handle { background: $muted; border-radius: 3px; margin: 3px; min-height: 30px; min-width: 30px; }
QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; }
QScrollBar::add-page, QScrollBar::sub-page { background: transparent; }
QTabBar::tab { background: transparent; color: $muted; padding: 7px 14px; border: none;
  border-bottom: 3px solid transparent; }
QTabBar::tab:selected { color: $text; border-bottom: 3px solid $accent; }
QTabBar::tab:disabled { color: $disabled; }
QTabWidget::pane { border: 1px solid $border; border-radius: 6px; background: $panel; top: -1px; }
QMenuBar { background: $window; color: $text; padding: 2px; }
QMenuBar::item { padding: 5px 10px; border-radius: 4px; background: transparent; }
QMenuBar::item:selected { background: $hover; }
QMenu { background: $panel; color: $text; border: 1px solid $border; border-radius: 8px; padding: 4px; }
QMenu::item { padding: 6px 28px 6px 14px; border-radius: 4px; }
QMenu::item:selected { background: $hover; }
QMenu::item:disabled { color: $disabled; }
QMenu::separator { height: 1px; background: $border; margin: 4px 6px; }
QToolBar { background: $window; border: none; spacing: 4px; padding: 3px; }
QToolBar::separator { width: 1px; background: $border; margin: 6px 4px; }
QStatusBar { background: $window; color: $muted; border-top: 1px solid $border; }
QStatusBar::item { border: none; }
QGroupBox { background: $panel; border: 1px solid $border; border-radius: 8px; margin-top: 26px;
  padding: 10px 6px 6px 6px; }
QGroupBox::title { subcontrol-origin: margin; subcontrol-position: top left; left: 2px; top: 4px; color: $text;
  font-weight: 600; }
QFrame[gfKind="card"] { background: $panel; border: 1px solid $border; border-radius: 8px; }
QListWidget, QTreeWidget, QTableWidget { background: $base; color: $text; border: 1px solid $border;
  border-radius: 6px; outline: 0; alternate-background-color: $alt_base; gridline-color: $border; }
QListWidget[gfKind="nav"] { background: transparent; border: none; }
QListWidget[gfKind="nav"]::item { border-radius: 4px; padding-left: 8px; color: $text; }
QListWidget[gfKind="nav"]::item:selected { background: $hover; border-left: 3px solid $accent; color: $text; }
QListWidget[gfKind="list"] { background: transparent; border: none; }
QListWidget::item:selected, QTreeWidget::item:selected, QTableWidget::item:selected {
  background: $soft_selection; color: $text; }
QTreeWidget::item { padding: 3px 2px; border-radius: 4px; }
QTreeView::branch:closed:has-children { image: url($icon_right); }
QTreeView::branch:open:has-children { image: url($icon_open); }
QHeaderView::section { background: $base; color: $muted; border: none; border-bottom: 1px solid $border;
  padding: 5px 8px; font-weight: 600; }
QDockWidget { color: $text; }
QDockWidget::title { background: $window; padding: 7px 8px; text-align: left; }
QScrollArea { background: transparent; border: none; }
QSplitter::handle { background: $border; }
QToolBar QLabel[gfKind="heading"] { padding-left: 2px; }
"""

TONES_LIGHT = {"success_bg": "#dff6dd", "success": "#0e700e", "warning_bg": "#fff4ce", "warning": "#835b00",
               "info_bg": "#e0eefa", "info": "#005a9e", "neutral_bg": "#f0f0f0", "neutral": "#424242"}
TONES_DARK = {"success_bg": "#0e3a10", "success": "#9fd89f", "warning_bg": "#433519", "warning": "#fce100",
              "info_bg": "#0d3252", "info": "#99c8f0", "neutral_bg": "#3a3a3a", "neutral": "#e0e0e0"}

PALETTES = {
    "light": {"window": "#f3f3f3", "panel": "#fbfbfb", "base": "#ffffff", "alt_base": "#f9f9f9", "text": "#1a1a1a",
              "muted": "#5d5d5d", "border": "#e0e0e0", "button": "#fbfbfb", "button_text": "#1a1a1a",
              "disabled": "#a0a0a0", "link": "#005fb8", "danger": "#c42b1c", "titlebar": "#f3f3f3",
              "titlebar_text": "#1a1a1a", "tooltip": "#f9f9f9", "tooltip_text": "#1a1a1a",
              "wallpaper_top": "#7fb3e8", "wallpaper_bottom": "#1f5fa6", **TONES_LIGHT},
    "dark": {"window": "#202020", "panel": "#2b2b2b", "base": "#2d2d2d", "alt_base": "#323232", "text": "#ffffff",
             "muted": "#c5c5c5", "border": "#3d3d3d", "button": "#2d2d2d", "button_text": "#ffffff",
             "disabled": "#787878", "link": "#99ebff", "danger": "#ff99a4", "titlebar": "#202020",
             "titlebar_text": "#ffffff", "tooltip": "#2b2b2b", "tooltip_text": "#ffffff",
             "wallpaper_top": "#203a5c", "wallpaper_bottom": "#0a0f1a", **TONES_DARK},
}

register_desktop_style(
    name="fluent",
    description="Windows 11 / Fluent flavour in QSS: mica canvas, rounded controls, accent underlines",
    palettes=PALETTES,
    qss=QSS,
    accents=("#0078d4", "#005fb8", "#0f6cbd", "#8764b8", "#107c10", "#c239b3", "#038387"),
    fonts=("Noto Sans", "Liberation Sans", "DejaVu Sans"),
    look=Look(titlebar="win11", switch="pill", radius=6, font_px=13.5, space=5.5, grid=False),
)
