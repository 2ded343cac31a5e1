"""Write a rendered document so that a failure never leaves a partial or empty file behind.

The renderer writes into a temporary file in the target's own directory (same file system, so the final
``os.replace`` is atomic), and only a complete file takes the target's name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, cast

from exporters.errors import ExportError

Target = str | os.PathLike[str] | BinaryIO
Producer = Callable[[BinaryIO], None]

_NO_PERMISSION = {errno.EACCES, errno.EPERM, errno.EROFS}
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def write_document(target: Target, produce: Producer) -> None:
    """Call ``produce(stream)`` and deliver the bytes to ``target`` (a path, or a writable binary stream)."""
    if not isinstance(target, (str, os.PathLike)):
        try:
            produce(target)
        except OSError as error:
            raise ExportError(f"Không ghi được văn bản ra luồng dữ liệu ({error.strerror or error}). Hãy thử lại.") from error
        return
    path = Path(os.fspath(target))
    temp_name: str | None = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".~{path.stem}-", suffix=".tmp", delete=False) as temp:
            temp_name = temp.name
            produce(cast(BinaryIO, temp))  # the wrapper forwards every file method to the real file
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
        temp_name = None
    except OSError as error:
        raise ExportError(_explain(error, path), path) from error
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.remove(temp_name)


def _explain(error: OSError, path: Path) -> str:
    where = f"“{path.parent}”"
    if error.errno in _NO_PERMISSION:
        return (
            f"Không ghi được tệp “{path.name}” vào thư mục {where}: không có quyền ghi, hoặc tệp cũ đang mở "
            "trong chương trình khác (Word, trình đọc PDF). Hãy đóng tệp đó hoặc chọn thư mục khác rồi lưu lại."
        )
    if error.errno in _DISK_FULL:
        return (
            f"Không ghi được tệp “{path.name}”: ổ đĩa chứa thư mục {where} đã đầy. "
            "Hãy xóa bớt tệp không cần thiết hoặc chọn ổ đĩa khác (ví dụ USB) rồi lưu lại."
        )
    if error.errno == errno.ENOENT:
        return f"Không ghi được tệp “{path.name}”: thư mục {where} không tồn tại. Hãy chọn thư mục khác rồi lưu lại."
    return (
        f"Không ghi được tệp “{path.name}” vào thư mục {where} ({error.strerror or error}). "
        "Hãy thử lưu lại hoặc chọn thư mục khác."
    )
