"""The Team screen: skills across the team and the team plan (and the talent review).
One module per tab; page.py puts them together."""
