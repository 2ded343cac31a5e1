"""The meeting workspace: one meeting through its steps Chuẩn bị → Điểm danh → Biên bản → Nghị quyết → Hoàn tất."""
