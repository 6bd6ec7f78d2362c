"""Tests that attack the trust boundary from outside: other users, odd paths, read-only disks,
full disks, closed pipes. They run the real command line in real processes on real files."""
