"""The window's scenes, one per file: menu, new game, briefing, settings, map, confirm."""
