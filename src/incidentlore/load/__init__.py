"""Reading the repository's files: where they are and what they say."""
