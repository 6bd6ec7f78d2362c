"""The first screen of an empty journal."""
