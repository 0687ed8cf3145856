"""Post-incident learning as code."""

__version__ = "0.1.0"
