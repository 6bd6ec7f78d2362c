"""The roster of managers: its item model, its filter and the panel that shows it."""
