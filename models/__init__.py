"""Typed tables and pure domain rules. No Qt, no files, no network."""
