"""Roster spreadsheets: read XLSX/CSV, map columns, preview, import in one transaction, export."""
