"""The Team screen: the team picture across managers (skills, the team plan, talent reviews),
one tab each."""
