"""Import reportlab's page layout without compiling, up front, three regular expressions our documents never use.

Python compiles a regular expression in pure Python, and a character class spanning most of Unicode costs it
tens of milliseconds. reportlab compiles three such patterns when its page layout is imported, together
~90 ms, more than a tenth of a whole-process PDF export on a 2-core office PC (issue 11, bench/documents.py):

- ``platypus.paragraph.uri_pat`` (Django's URL validator): splits a long web address across two lines while
  hyphenating, which our documents never ask for;
- ``lib.textsplit.rx``: wraps Chinese, Japanese and Korean text (``cjkwrap``);
- ``lib.rl_safe_eval.__rl_unsafe_re__``: guards reportlab's evaluation of expressions in markup, which ours
  never contains.

While the renderer is first imported, ``re.compile`` of these patterns (and of no other) returns a
``DeferredPattern`` that compiles the pattern on first use and then behaves as the compiled pattern. Every
other ``re.compile`` call, from any thread, goes to the real one unchanged. If a reportlab release changes a
pattern's text, that pattern is simply compiled at import as before (tests/exporters/test_deferred_regex.py
says which are still recognised).
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


def _is_uri_pattern(pattern: str) -> bool:
    return pattern.startswith("(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?")


def _is_cjk_split(pattern: str) -> bool:
    return pattern == "([\u2e80-\uffff])"


def _is_unsafe_names(pattern: str) -> bool:
    # The names are joined from a frozenset, in a different order in every process.
    return pattern.startswith("\\b(?:") and "__kwdefaults__" in pattern and "rl_safe_exec" in pattern


RECOGNISERS: dict[str, Callable[[str], bool]] = {
    "reportlab.platypus.paragraph.uri_pat": _is_uri_pattern,
    "reportlab.lib.textsplit.rx": _is_cjk_split,
    "reportlab.lib.rl_safe_eval.__rl_unsafe_re__": _is_unsafe_names,
}

_REAL_COMPILE = re.compile
_swap = threading.Lock()  # two threads importing the renderer at once must not stack their wrappers


class DeferredPattern:
    """A compiled pattern in waiting: any attribute (``match``, ``sub``, ``pattern`` …) compiles it."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    @functools.cached_property
    def compiled(self) -> re.Pattern[str]:
        return _REAL_COMPILE(*self._source)

    def __getattr__(self, name: str) -> Any:
        if name in ("_source", "compiled"):  # not set yet (a copy being made): no compiling from here
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return f"DeferredPattern({self._source[0][:40]!r}…)"


def _deferred(pattern: object) -> bool:
    return isinstance(pattern, str) and any(recognise(pattern) for recognise in RECOGNISERS.values())


@contextmanager
def deferring() -> Iterator[None]:
    """Within the block, ``re.compile`` of the patterns named in ``RECOGNISERS`` is deferred."""
    with _swap:

        def compile_deferring(pattern: Any, flags: int = 0) -> Any:
            if _deferred(pattern):
                return DeferredPattern(pattern, flags)
            return _REAL_COMPILE(pattern, flags)

        re.compile = compile_deferring  # same call signature, a lazy result
        try:
            yield
        finally:
            re.compile = _REAL_COMPILE
