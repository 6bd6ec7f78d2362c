"""Cadence: how often each manager should get each kind of coaching, and where they stand."""
