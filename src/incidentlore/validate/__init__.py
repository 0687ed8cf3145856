"""Judging what was read: the models first, then rules that span files."""
