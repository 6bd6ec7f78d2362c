"""The Development tab of a manager, the team's growth assignments, and the skills widget for
the touchpoint editor."""
