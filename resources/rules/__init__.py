"""Dated rule data (JSON). Read only by ``secretary_app.rules_data``; ``models`` never reads files."""
