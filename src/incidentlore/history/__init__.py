"""The repository's git history as the record of what was believed, and when."""
