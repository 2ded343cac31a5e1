"""Errors a person can act on: each carries a plain Vietnamese message saying what to do next."""

from __future__ import annotations


class UserError(Exception):
    """Shown to the user as is (GUI dialog, or one CLI line with exit code 1)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFoundError(UserError):
    pass


class ValidationFailed(UserError):
    pass


class ReadOnlyError(UserError):
    """A finalised record was asked to change."""
