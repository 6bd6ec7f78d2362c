"""The domain services: managers, touchpoints, cadence, development, results,
statistics, search, prep and reminders. Below exchange, safety and render; above storage."""
