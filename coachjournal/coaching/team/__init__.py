"""The team picture: skills across managers, the team plan, and talent reviews."""
