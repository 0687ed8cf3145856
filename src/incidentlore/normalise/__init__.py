"""Normalise: adapters that turn raw exports into signals (see docs/adapters.md)."""
