"""CoachJournal's Qt interface. Depends on the core (``coachjournal``), never the reverse."""
