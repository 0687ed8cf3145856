"""What authors write: strict pydantic models of the repository's YAML files."""
