"""Classic 90s desktop (Windows 95 flavour) in QSS: grey 3D bevels (white/black outset and inset borders),
navy selections and captions, sunken white fields, raised tabs, chunked progress bars, no rounded corners."""

from renderers.desktop.styles import Look, register_desktop_style

# Bevels: border colours top-left light / bottom-right dark read as raised; swapped as sunken.
QSS = """
QPushButton { background: $button; color: $button_text; border: 2px solid; padding: 3px 12px;
  border-color: $light $shadow $shadow $light; }
QPushButton:disabled { color: $disabled; }
QPushButton[variant="primary"] { border: 3px solid; border-color: $shadow; font-weight: bold; }
QPushButton[variant="danger"] { color: $danger; }
QPushButton[variant="text"] { border: 2px solid transparent; color: $link; text-decoration: underline;
  background: transparent; }
QPushButton:focus { border: 3px solid; border-color: $shadow; }
QToolButton { background: transparent; border: 2px solid transparent; padding: 2px; }
QToolBar QToolButton { border: 1px solid; border-color: $light $dark $dark $light; }
QToolButton[titlebutton="true"] { background: $button; border: 2px solid; border-color: $light $shadow $shadow $light;
  padding: 0px; }
QLineEdit, QPlainTextEdit, QSpinBox, QDoubleSpinBox, QDateEdit, QComboBox { background: $base; color: $text;
  border: 2px solid; border-color: $dark $light $light $dark; padding: 2px 4px; border-radius: 0;
  selection-background-color: $accent; selection-color: $accent_text; }
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] { background: $invalid_base; }
QLineEdit:disabled, QPlainTextEdit:disabled, QSpinBox:disabled, QDateEdit:disabled, QComboBox:disabled {
  background: $window; color: $disabled; }
QComboBox::drop-down, QDateEdit::drop-down { width: 16px; background: $button; border: 2px solid;
  border-color: $light $shadow $shadow $light; }
QComboBox::down-arrow, QDateEdit::down-arrow { image: url($icon_down); width: 10px; height: 10px; }
QSpinBox::up-button, QSpinBox::down-button, QDoubleSpinBox::up-button, QDoubleSpinBox::down-button {
  width: 16px; background: $button; border: 2px solid; border-color: $light $shadow $shadow $light; }
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow { image: url($icon_up); width: 8px; height: 8px; }
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow { image: url($icon_down); width: 8px; height: 8px; }
QCheckBox, QRadioButton { spacing: 6px; color: $text; }
QCheckBox::indicator { width: 11px; height: 11px; background: $base; border: 2px solid;
  border-color: $dark $light $light $dark; }
QCheckBox::indicator:checked { image: url($icon_check_dark); }
QCheckBox::indicator:disabled { background: $window; }
QRadioButton::indicator { width: 10px; height: 10px; background: $base; border: 2px solid; border-radius: 7px;
  border-color: $dark $light $light $dark; }
QRadioButton::indicator:checked { image: url($icon_dot_dark); }
QSlider::groove:horizontal { height: 2px; border: 2px solid; border-color: $dark $light $light $dark;
  background: $window; }
QSlider::handle:horizontal { width: 10px; margin: -9px 0; background: $button; border: 2px solid;
  border-color: $light $shadow $shadow $light; }
QProgressBar { background: $base; border: 2px solid; border-color: $dark $light $light $dark; color: $text;
  text-align: center; }
QProgressBar::chunk { background: $accent; width: 9px; margin: 1px; }
QScrollBar:vertical { background: $midlight; width: 16px; }
QScrollBar:horizontal { background: $midlight; height: 16px; }
QScrollBar::handle { background: $button; border: 2px solid; border-color: $light $shadow $shadow $light;
  min-height: 20px; min-width: 20px; }
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 16px; background: $button; border: 2px solid;
  border-color: $light $shadow $shadow $light; subcontrol-origin: margin; }
QScrollBar::add-line:vertical { subcontrol-position: bottom; }
QScrollBar::sub-line:vertical { subcontrol-position: top; }
QScrollBar::add-line:horizontal, QScrollBar::sub-line:horizontal { width: 16px; background: $button;
  border: 2px solid; border-color: $light $shadow $shadow $light; subcontrol-origin: margin; }
QScrollBar::add-line:horizontal { subcontrol-position: right; }
QScrollBar::sub-line:horizontal { subcontrol-position: left; }
QScrollBar:vertical { margin: 16px 0; }
QScrollBar:horizontal { margin: 0 16px; }
QScrollBar::up-arrow { image: url($icon_up); width: 8px; height: 8px; }
QScrollBar::down-arrow { image: url($icon_down); width: 8px; height: 8px; }
QScrollBar::left-arrow { image: url($icon_left); width: 8px; height: 8px; }
QScrollBar::right-arrow { image: url($icon_right_text); width: 8px; height: 8px; }
QScrollBar::add-page, QScrollBar::sub-page { background: transparent; }
QTabBar::tab { background: $button; color: $text; border: 2px solid; border-bottom: none;
  border-color: $light $shadow $shadow $light; padding: 3px 10px; margin-top: 2px; }
QTabBar::tab:selected { margin-top: 0; padding-bottom: 5px; }
QTabBar::tab:disabled { color: $disabled; }
QTabWidget::pane { border: 2px solid; border-color: $light $shadow $shadow $light; top: -2px; }
QMenuBar { background: $window; color: $text; }
QMenuBar::item { padding: 3px 8px; background: transparent; }
QMenuBar::item:selected { background: $accent; color: $accent_text; }
QMenu { background: $button; color: $text; border: 2px solid; border-color: $light $shadow $shadow $light;
  padding: 2px; }
QMenu::item { padding: 3px 24px 3px 20px; }
QMenu::item:selected { background: $accent; color: $accent_text; }
QMenu::item:disabled { color: $disabled; }
QMenu::separator { height: 2px; border-top: 1px solid $dark; border-bottom: 1px solid $light; margin: 3px 2px; }
QToolBar { background: $window; border: 1px solid; border-color: $light $dark $dark $light; spacing: 2px;
  padding: 2px; }
QToolBar::separator { width: 2px; border-left: 1px solid $dark; border-right: 1px solid $light; margin: 3px 3px; }
QStatusBar { background: $window; color: $text; }
QStatusBar::item { border: 1px solid; border-color: $dark $light $light $dark; }
QGroupBox { border: 2px groove $midlight; margin-top: 18px; padding: 8px 5px 5px 5px; }
QGroupBox::title { subcontrol-origin: margin; subcontrol-position: top left; left: 8px; top: 2px; padding: 0 3px;
  color: $text; }
QFrame[gfKind="card"] { background: $window; border: 2px solid; border-color: $light $shadow $shadow $light; }
QListWidget, QTreeWidget, QTableWidget { background: $base; color: $text; border: 2px solid;
  border-color: $dark $light $light $dark; outline: 0; alternate-background-color: $alt_base; gridline-color: $border; }
QListWidget[gfKind="nav"] { background: $base; }
QListWidget[gfKind="list"] { background: transparent; border: none; }
QListWidget::item:selected, QTreeWidget::item:selected, QTableWidget::item:selected { background: $accent;
  color: $accent_text; }
QListWidget[gfKind="list"]::item:selected { background: $soft_selection; color: $text; }
QTreeView::branch:closed:has-children { image: url($icon_right_text); }
QTreeView::branch:open:has-children { image: url($icon_down); }
QHeaderView::section { background: $button; color: $text; border: 2px solid;
  border-color: $light $shadow $shadow $light; padding: 2px 6px; }
QDockWidget { color: $text; }
QDockWidget::title { background: $window; padding: 4px 6px; text-align: left; border: 1px solid;
  border-color: $light $dark $dark $light; }
QScrollArea { background: transparent; border: none; }
"""

TONES = {"success_bg": "#008000", "success": "#ffffff", "warning_bg": "#808000", "warning": "#ffffff",
         "info_bg": "#000080", "info": "#ffffff", "neutral_bg": "#808080", "neutral": "#ffffff"}

PALETTES = {
    "light": {"window": "#c0c0c0", "panel": "#c0c0c0", "base": "#ffffff", "alt_base": "#f0f0f0", "text": "#000000",
              "muted": "#404040", "border": "#808080", "button": "#c0c0c0", "button_text": "#000000",
              "disabled": "#808080", "link": "#0000ee", "danger": "#c00000", "titlebar": "#000080",
              "titlebar_text": "#ffffff", "tooltip": "#ffffe1", "tooltip_text": "#000000",
              "wallpaper_top": "#008080", "wallpaper_bottom": "#006868",
              "light": "#ffffff", "midlight": "#dfdfdf", "dark": "#808080", "shadow": "#000000", **TONES},
    "dark": {"window": "#3c3c3c", "panel": "#3c3c3c", "base": "#1c1c1c", "alt_base": "#262626", "text": "#f0f0f0",
             "muted": "#c0c0c0", "border": "#6a6a6a", "button": "#505050", "button_text": "#f0f0f0",
             "disabled": "#8a8a8a", "link": "#8fb8ff", "danger": "#ff8080", "titlebar": "#000080",
             "titlebar_text": "#ffffff", "tooltip": "#303030", "tooltip_text": "#ffffe1",
             "wallpaper_top": "#004848", "wallpaper_bottom": "#002828",
             "light": "#8a8a8a", "midlight": "#5a5a5a", "dark": "#262626", "shadow": "#000000", **TONES},
}

register_desktop_style(
    name="classic",
    description="Classic 90s desktop (Windows 95 flavour) in QSS: grey bevels, navy captions and selections",
    palettes=PALETTES,
    qss=QSS,
    accents=("#000080", "#008080", "#800080", "#0000a8", "#1f3f7f"),
    fonts=("Liberation Sans", "DejaVu Sans", "Noto Sans"),
    look=Look(titlebar="win95", switch="classic", radius=0, font_px=12.0, space=4.5, grid=True),
    font_scale=(0.95, 1.1),
    density=(0.85, 1.1),
)
