"""Writing outputs: Markdown, JSON and the DuckDB index."""
