"""The charts page: the core's four coaching charts, drawn with matplotlib inside the app."""
