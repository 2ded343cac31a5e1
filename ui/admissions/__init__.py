"""The Phát triển đảng viên page's dialogs."""
