"""Fonts, translations, rules data and sample data shipped with the app."""
