"""The coaching journal: the timeline, the touchpoint editor, open action items, the trash."""
