"""Where the journal lives: opening the SQLite file, its models and migrations,
the one-writer lock, atomic private files and machine-wide preferences."""
