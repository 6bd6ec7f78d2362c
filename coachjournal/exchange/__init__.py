"""Data in and out: the versioned JSON format, CSV and Markdown exports, calendar
(.ics) import and export, roster and results spreadsheets."""
