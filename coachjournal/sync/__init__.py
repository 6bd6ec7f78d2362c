"""Sync through a folder the user already syncs: the engine (record identity, change capture,
clock, merge, conflicts, snapshots) and the folder (encrypted files, rounds, the service API)."""
