"""Help screens: the keyboard shortcuts cheat sheet (F1)."""
