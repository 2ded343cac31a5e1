"""Roster widgets: member form, event dialog, history timeline, import wizard."""
