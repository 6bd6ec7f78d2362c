"""The team picture: skills across managers, the team plan, and talent reviews.
Above the single-manager services (development, results); below exchange, render and the CLI."""
