"""A manager's results next to coaching: the grid, its import and its charts."""
