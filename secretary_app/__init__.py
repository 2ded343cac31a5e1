"""Sổ tay Bí thư: the Qt-free core (paths, settings, storage, services, documents, sync, CLI, server)."""

__version__ = "0.1.0"
APP_NAME = "so-tay-bi-thu"
APP_TITLE = "Sổ tay Bí thư"
