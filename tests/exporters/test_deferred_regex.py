"""reportlab's three Unicode-wide patterns are compiled on first use, not when the PDF renderer is imported
(exporters/deferred_regex.py), and then answer exactly as the compiled patterns do."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from exporters.deferred_regex import RECOGNISERS, DeferredPattern, deferring

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import io, re, sys
from exporters import render_pdf
from tests.exporters.samples import sample_minutes
render_pdf(sample_minutes(), io.BytesIO())
for dotted in sys.argv[1:]:
    module, _, name = dotted.rpartition(".")
    print(dotted, type(getattr(sys.modules[module], name)).__name__)
print("re.compile restored", re.compile.__module__ == "re")
"""


def test_rendering_a_pdf_leaves_the_three_patterns_uncompiled_and_re_compile_as_it_was():
    """Fails when a reportlab release renames or rewrites one of them: update RECOGNISERS (or drop it)."""
    result = subprocess.run([sys.executable, "-c", _PROBE, *RECOGNISERS], capture_output=True, text=True,
                            timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines == [f"{name} DeferredPattern" for name in RECOGNISERS] + ["re.compile restored True"]


def test_a_deferred_pattern_answers_as_the_compiled_one():
    from reportlab.lib import rl_safe_eval, textsplit
    from reportlab.platypus import paragraph

    source = paragraph.uri_pat.pattern  # the source text, whether or not this process deferred it
    with deferring():
        lazy = re.compile(source, re.I)
    real = re.compile(source, re.I)
    assert isinstance(lazy, DeferredPattern)
    for text in ("https://thuvienphapluat.vn/van-ban/Quyet-dinh-99", "ftp://10.0.0.1:21/a", "not a web address"):
        got, want = lazy.match(text), real.match(text)
        assert (got and got.groups()) == (want and want.groups())
    assert paragraph._uri_split_pairs("https://example.vn/a/b") == [
        ("https://example.vn/a/", "b"), ("https://example.vn/", "a/b"), ("https://", "example.vn/a/b")]
    assert textsplit.rx.sub(r"\1\0 ", "Chi bộ 支部") == re.compile("([\u2e80-\uffff])").sub(r"\1\0 ", "Chi bộ 支部")
    assert rl_safe_eval.__rl_unsafe_re__.search("x.__globals__") is not None
    assert rl_safe_eval.__rl_unsafe_re__.search("Nghị quyết số 03") is None


def test_other_patterns_compile_at_once_inside_the_block():
    with deferring():
        plain = re.compile(r"\d+")
    assert isinstance(plain, re.Pattern) and re.compile is not None and re.compile.__module__ == "re"
