"""A neutral document model and its Word (python-docx) and PDF (reportlab) renderers.

Knows nothing of the database: builders in ``secretary_app.documents`` hand it a finished model.
"""
