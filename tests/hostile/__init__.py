"""Hostile input: one module per class of input that an attacker, a hand-edited file or bad luck
can bring, each trying several inputs of its class against the real app."""
