"""Drawing what the screens and commands show: matplotlib charts (no pyplot, no Qt)
and the prep sheet's HTML."""
