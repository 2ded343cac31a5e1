"""One module per area. Each call is one transaction and returns plain records plus what changed."""
