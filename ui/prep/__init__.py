"""The one-on-one prep screen, its print-out and its PDF."""
