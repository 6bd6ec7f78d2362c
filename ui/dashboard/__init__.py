"""The team dashboard, the home screen: who needs attention first, and the monthly scorecard."""
