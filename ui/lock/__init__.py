"""The lock: the passphrase dialogs, the lock screen, and the controller that locks, unlocks
and converts the journal."""
