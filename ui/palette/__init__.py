"""The command palette (Ctrl+K): jump to any manager or run any menu action by typing."""
