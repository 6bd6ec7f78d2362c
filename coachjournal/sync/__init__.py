"""Sync between computers through a folder the user already syncs: record identity, change
capture, the hybrid logical clock, merge and conflicts (the engine), and the folder's files."""
