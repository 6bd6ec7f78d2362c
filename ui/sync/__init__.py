"""Sync through a folder the user already syncs: the Set Up and Join dialogs, the status line,
the Conflicts list, the sync part of Settings, and when rounds run (:mod:`ui.sync.controller`).
"""
