"""The game renderer: procedurally generated game scenes with menus and HUDs drawn on top by pygame-ce
(SDL, headless), annotated from the scene graph of what was drawn and an id-buffer of who owns each pixel."""
