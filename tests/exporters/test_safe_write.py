"""A failed export raises ExportError and leaves no file, or leaves the previous file untouched."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest

from exporters import DocumentError, ExportError, render_docx, render_pdf
from tests.exporters.samples import sample_resolution

RENDERERS = [pytest.param(render_pdf, "nq.pdf", id="pdf"), pytest.param(render_docx, "nq.docx", id="docx")]


def _raise(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(("render", "name"), RENDERERS)
def test_read_only_file_system(render, name: str, out_dir: Path, monkeypatch) -> None:
    # Runs as root too (root ignores chmod): the file system refuses the temporary file itself.
    monkeypatch.setattr("exporters.safe_write.tempfile.NamedTemporaryFile", _raise(errno.EROFS))
    with pytest.raises(ExportError, match="không có quyền ghi"):
        render(sample_resolution(), out_dir / name)
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize(("render", "name"), RENDERERS)
def test_target_under_a_regular_file(render, name: str, out_dir: Path) -> None:
    blocker = out_dir / "ghi-chu.txt"
    blocker.write_text("không phải thư mục", encoding="utf-8")
    with pytest.raises(ExportError, match="chọn thư mục khác"):
        render(sample_resolution(), blocker / name)
    assert list(out_dir.iterdir()) == [blocker]
    assert blocker.read_text(encoding="utf-8") == "không phải thư mục"


@pytest.mark.parametrize(("render", "name"), RENDERERS)
def test_disk_full_on_replace_leaves_no_file(render, name: str, out_dir: Path, monkeypatch) -> None:
    monkeypatch.setattr("exporters.safe_write.os.replace", _raise(errno.ENOSPC))
    with pytest.raises(ExportError) as caught:
        render(sample_resolution(), out_dir / name)
    assert "ổ đĩa" in str(caught.value) and "đã đầy" in str(caught.value)
    assert caught.value.path == out_dir / name
    assert isinstance(caught.value.__cause__, OSError)
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize(("render", "name"), RENDERERS)
def test_disk_full_while_writing_keeps_the_previous_file(render, name: str, out_dir: Path, monkeypatch) -> None:
    target = out_dir / name
    target.write_bytes(b"previous version")
    monkeypatch.setattr("exporters.safe_write.os.fsync", _raise(errno.ENOSPC))
    with pytest.raises(ExportError, match="đã đầy"):
        render(sample_resolution(), target)
    assert target.read_bytes() == b"previous version"
    assert [p.name for p in out_dir.iterdir()] == [name]


@pytest.mark.parametrize(("render", "name"), RENDERERS)
def test_permission_denied_is_explained(render, name: str, out_dir: Path, monkeypatch) -> None:
    monkeypatch.setattr("exporters.safe_write.tempfile.NamedTemporaryFile", _raise(errno.EACCES))
    with pytest.raises(ExportError, match="không có quyền ghi") as caught:
        render(sample_resolution(), out_dir / name)
    assert "chọn thư mục khác" in str(caught.value)
    assert list(out_dir.iterdir()) == []


def test_missing_directory(out_dir: Path) -> None:
    with pytest.raises(ExportError, match="không tồn tại"):
        render_pdf(sample_resolution(), out_dir / "không-có" / "nq.pdf")


def test_renderer_failure_removes_the_temporary_file(out_dir: Path, monkeypatch) -> None:
    def explode(*args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr("exporters.pdf_renderer._build", explode)
    with pytest.raises(RuntimeError):
        render_pdf(sample_resolution(), out_dir / "nq.pdf")
    assert list(out_dir.iterdir()) == []


def test_streams_are_supported() -> None:
    pdf, word = io.BytesIO(), io.BytesIO()
    render_pdf(sample_resolution(), pdf)
    render_docx(sample_resolution(), word)
    assert pdf.getvalue().startswith(b"%PDF-") and word.getvalue().startswith(b"PK")


def test_invalid_document_is_never_rendered(out_dir: Path) -> None:
    doc = sample_resolution()
    # Simulate a model corrupted after construction (frozen dataclasses can still be forced).
    object.__setattr__(doc.header, "issuing_body", "")
    for render, name in ((render_pdf, "a.pdf"), (render_docx, "a.docx")):
        with pytest.raises(DocumentError, match="issuing body"):
            render(doc, out_dir / name)
    assert list(out_dir.iterdir()) == []
