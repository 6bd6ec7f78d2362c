"""Backups in the app: Back Up Now, the backups at start and on quit, Restore from Backup."""
