"""The desktop renderer: Layout trees drawn as real PySide6 widget trees on Qt's offscreen platform."""
