"""A manager's profile: view and edit it, archive or delete the manager."""
