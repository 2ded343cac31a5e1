"""The schema revision this code expects; kept equal to alembic's head by tests/models/test_schema.py."""

HEAD_REVISION = "0007_audit_chain"
