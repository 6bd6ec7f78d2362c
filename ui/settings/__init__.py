"""The settings dialog: the machine-wide preferences and the team's cadence in one place."""
