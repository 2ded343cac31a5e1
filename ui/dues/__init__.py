"""Dialogs of the party dues (đảng phí): the cell's dated rates (Cài đặt) and a member's category, basis and
exemption / reduction / deferral decisions (members page, dues page). All service calls go through ``ui/ops.py``."""
