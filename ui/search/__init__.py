"""Search everything written in the journal."""
