"""One manager's page: a header with who they are, and tabs for the journal and the profile."""
