"""macOS (Aqua, Big Sur era) flavour in QSS: grey unified toolbars, white push buttons with an accent
default button, accent pop-up arrows, centred segmented tabs, rounded inset group boxes, thin scroll bars."""

from renderers.desktop.styles import Look, register_desktop_style

QSS = """
QPushButton { background: $button; color: $button_text; border: 1px solid $border; border-radius: 6px;
  padding: 3px 16px; }
QPushButton:disabled { color: $disabled; }
QPushButton[variant="primary"] { color: #ffffff; border: 1px solid $accent_dark;
  background: qlineargradient(x1:0, y1:0, x2:0, y2:1, stop:0 $accent_light, stop:1 $accent); }
QPushButton[variant="danger"] { color: #ffffff; background: $danger; border: 1px solid $danger; }
QPushButton[variant="text"] { background: transparent; border: none; color: $link; }
QPushButton:focus { border: 2px solid $focus_ring; }
QToolButton { background: transparent; border: 1px solid transparent; border-radius: 5px; padding: 3px; }
QToolBar QToolButton { border: 1px solid $border; background: $button; }
QLineEdit, QPlainTextEdit, QSpinBox, QDoubleSpinBox, QDateEdit { background: $base; color: $text;
  border: 1px solid $border; border-radius: 5px; padding: 3px 6px; selection-background-color: $focus_ring; }
QLineEdit:focus, QPlainTextEdit:focus, QSpinBox:focus, QDateEdit:focus { border: 3px solid $focus_ring;
  padding: 1px 4px; }
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] { border: 2px solid $danger; }
QLineEdit:disabled, QPlainTextEdit:disabled, QSpinBox:disabled, QDateEdit:disabled { color: $disabled;
  background: $window; }
QComboBox { background: $button; color: $button_text; border: 1px solid $border; border-radius: 6px;
  padding: 3px 26px 3px 9px; }
QComboBox:disabled { color: $disabled; }
QComboBox::drop-down { subcontrol-origin: padding; subcontrol-position: center right; width: 16px; height: 16px;
  margin-right: 3px; border-radius: 4px; background: $accent; }
QComboBox::down-arrow { image: url($icon_down_white); width: 11px; height: 11px; }
QDateEdit::drop-down { border: none; width: 20px; }
QDateEdit::down-arrow { image: url($icon_down); width: 11px; height: 11px; }
QSpinBox::up-button, QSpinBox::down-button, QDoubleSpinBox::up-button, QDoubleSpinBox::down-button {
  border: none; background: transparent; width: 16px; }
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow { image: url($icon_up); width: 9px; height: 9px; }
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow { image: url($icon_down); width: 9px; height: 9px; }
QCheckBox, QRadioButton { spacing: 6px; color: $text; }
QCheckBox::indicator { width: 14px; height: 14px; border: 1px solid $border_strong; border-radius: 4px;
  background: $base; }
QCheckBox::indicator:checked { background: $accent; border-color: $accent_dark; image: url($icon_check); }
QRadioButton::indicator { width: 14px; height: 14px; border: 1px solid $border_strong; border-radius: 8px;
  background: $base; }
QRadioButton::indicator:checked { border: 4px solid $accent; background: #ffffff; width: 8px; height: 8px; }
QSlider::groove:horizontal { height: 4px; background: $border; border-radius: 2px; }
QSlider::sub-page:horizontal { background: $accent; border-radius: 2px; }
QSlider::handle:horizontal { width: 18px; height: 18px; margin: -8px 0; border-radius: 9px; background: #ffffff;
  border: 1px solid $border_strong; }
QProgressBar { background: $border; border: none; border-radius: 3px; color: $text; text-align: center; }
QProgressBar::chunk { background: $accent; border-radius: 3px; }
QScrollBar:vertical { background: transparent; width: 11px; }
QScrollBar:horizontal { background: transparent; height: 11px; }
QScrollBar::handle { background: $border_strong; border-radius: 4px; margin: 2px; min-height: 28px; min-width: 28px; }
QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; }
QScrollBar::add-page, QScrollBar::sub-page { background: transparent; }
QTabWidget::tab-bar { alignment: center; }
QTabWidget::pane { border: 1px solid $border; border-radius: 7px; background: $panel; top: -12px;
  padding-top: 14px; }
QTabBar::tab { background: $button; color: $button_text; border: 1px solid $border; padding: 3px 14px;
  margin: 0; }
QTabBar::tab:first { border-top-left-radius: 6px; border-bottom-left-radius: 6px; }
QTabBar::tab:last { border-top-right-radius: 6px; border-bottom-right-radius: 6px; }
QTabBar::tab:only-one { border-radius: 6px; }
QTabBar::tab:selected { background: $accent; color: $accent_text; border-color: $accent_dark; }
QTabBar::tab:disabled { color: $disabled; }
QMenuBar { background: $titlebar; color: $text; border-bottom: 1px solid $border; }
QMenuBar::item { padding: 3px 10px; background: transparent; border-radius: 4px; }
QMenuBar::item:selected { background: $accent; color: $accent_text; }
QMenu { background: $panel; color: $text; border: 1px solid $border; border-radius: 7px; padding: 5px; }
QMenu::item { padding: 4px 26px 4px 18px; border-radius: 4px; }
QMenu::item:selected { background: $accent; color: $accent_text; }
QMenu::item:disabled { color: $disabled; }
QMenu::separator { height: 1px; background: $border; margin: 5px 8px; }
QToolBar { background: qlineargradient(x1:0, y1:0, x2:0, y2:1, stop:0 $titlebar, stop:1 $window);
  border: none; border-bottom: 1px solid $border; spacing: 6px; padding: 4px 6px; }
QToolBar::separator { width: 1px; background: $border; margin: 6px 4px; }
QStatusBar { background: $window; color: $muted; border-top: 1px solid $border; }
QStatusBar::item { border: none; }
QGroupBox { background: $alt_base; border: 1px solid $border; border-radius: 8px; margin-top: 24px;
  padding: 10px 6px 6px 6px; }
QGroupBox::title { subcontrol-origin: margin; subcontrol-position: top left; left: 6px; top: 3px; color: $muted;
  font-weight: 600; }
QFrame[gfKind="card"] { background: $panel; border: 1px solid $border; border-radius: 10px; }
QListWidget, QTreeWidget, QTableWidget { background: $base; color: $text; border: 1px solid $border; outline: 0;
  alternate-background-color: $alt_base; gridline-color: $border; }
QListWidget[gfKind="nav"] { background: transparent; border: none; }
QListWidget[gfKind="nav"]::item { border-radius: 5px; padding-left: 6px; color: $text; }
QListWidget[gfKind="nav"]::item:selected { background: $pressed; color: $text; }
QListWidget[gfKind="list"] { background: transparent; border: none; }
QListWidget::item:selected, QTreeWidget::item:selected, QTableWidget::item:selected { background: $accent;
  color: $accent_text; }
QListWidget[gfKind="list"]::item:selected { background: $soft_selection; color: $text; }
QTreeWidget::item { padding: 2px; }
QTreeView::branch:closed:has-children { image: url($icon_right); }
QTreeView::branch:open:has-children { image: url($icon_open); }
QHeaderView::section { background: $base; color: $text; border: none; border-right: 1px solid $border;
  border-bottom: 1px solid $border; padding: 3px 8px; }
QDockWidget { color: $text; }
QDockWidget::title { background: $titlebar; padding: 5px 8px; text-align: left; }
QScrollArea { background: transparent; border: none; }
QSplitter::handle { background: $border; }
"""

TONES_LIGHT = {"success_bg": "#d8f3dc", "success": "#1b7a33", "warning_bg": "#fdeccc", "warning": "#94560a",
               "info_bg": "#dbeafe", "info": "#1e4fa3", "neutral_bg": "#e6e6e8", "neutral": "#48484a"}
TONES_DARK = {"success_bg": "#173d23", "success": "#8fe3a5", "warning_bg": "#4a3512", "warning": "#ffd28a",
              "info_bg": "#16325e", "info": "#a9c8ff", "neutral_bg": "#3a3a3c", "neutral": "#e5e5ea"}

PALETTES = {
    "light": {"window": "#ececec", "panel": "#f6f6f6", "base": "#ffffff", "alt_base": "#f4f5f5", "text": "#1d1d1f",
              "muted": "#6e6e73", "border": "#c8c8cc", "button": "#ffffff", "button_text": "#1d1d1f",
              "disabled": "#a1a1a6", "link": "#0066cc", "danger": "#d70015", "titlebar": "#e3e3e3",
              "titlebar_text": "#3a3a3c", "tooltip": "#f2f2f2", "tooltip_text": "#1d1d1f",
              "wallpaper_top": "#c86dd7", "wallpaper_bottom": "#3023ae", **TONES_LIGHT},
    "dark": {"window": "#1e1e1e", "panel": "#2a2a2a", "base": "#1c1c1e", "alt_base": "#262628", "text": "#f5f5f7",
             "muted": "#98989d", "border": "#3a3a3c", "button": "#3a3a3c", "button_text": "#f5f5f7",
             "disabled": "#636366", "link": "#4da3ff", "danger": "#ff453a", "titlebar": "#2c2c2e",
             "titlebar_text": "#d1d1d6", "tooltip": "#2c2c2e", "tooltip_text": "#f5f5f7",
             "wallpaper_top": "#4b2a6b", "wallpaper_bottom": "#0d0b24", **TONES_DARK},
}

register_desktop_style(
    name="macos",
    description="macOS flavour in QSS: unified grey toolbars, accent default buttons and pop-ups, segmented tabs",
    palettes=PALETTES,
    qss=QSS,
    accents=("#007aff", "#0a84ff", "#af52de", "#ff2d55", "#ff9500", "#34c759", "#5856d6"),
    fonts=("DejaVu Sans", "Noto Sans", "Liberation Sans"),
    look=Look(titlebar="mac", switch="mac", radius=8, font_px=13.0, space=5.0, grid=False),
)
