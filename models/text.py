"""Vietnamese text: NFC normalisation, diacritics-insensitive search keys and a collation key.

SQLite (and PostgreSQL with the C collation) fold case in ASCII only and order by code point, so
"Đỗ" would not match "đ" and "Ánh" would sort after "Zơ". We therefore compute both keys in Python
and store the search key beside the name (ARCHITECTURE.md, stack.md §8).
"""

from __future__ import annotations

import functools
import unicodedata
from typing import overload

# Vietnamese alphabetical order of the base letters (with their vowel modifiers).
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_ORDER = {ch: i for i, ch in enumerate(_ALPHABET)}
# Combining marks that change the letter (ă â ê ô ơ ư) rather than the tone.
_MODIFIERS = {"\u0306", "\u0302", "\u031b"}
# Tone order used by Vietnamese dictionaries: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@overload
def nfc(text: str) -> str: ...


@overload
def nfc(text: None) -> None: ...


@overload
def nfc(text: str | None) -> str | None: ...


def nfc(text: str | None) -> str | None:
    """Return ``text`` in NFC with surrounding white space removed (None stays None)."""
    if text is None:
        return None
    return unicodedata.normalize("NFC", text).strip()


def search_key(text: str | None) -> str:
    """A key for diacritics- and case-insensitive search: NFC → casefold → strip marks → đ→d."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFC", text).casefold().replace("đ", "d")
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", folded) if not unicodedata.combining(ch))
    return " ".join(stripped.split())


# Sort keys: a word is (letter ranks, tone ranks); a text is (all words' letters, all words' tones).
WordKey = tuple[tuple[int, ...], tuple[int, ...]]
CollationKey = tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]


@functools.lru_cache(maxsize=1 << 14)
def _letters(word: str) -> WordKey:
    """Split a word into (letter ranks, tone ranks) in Vietnamese alphabetical order. Remembered: names
    are made of a few hundred words (Nguyễn, Văn, Thị …), and sorting 5,000 members asked each again."""
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFC", word).casefold():
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _MODIFIERS))
        tone = max((_TONES.get(m, 0) for m in marks), default=0)
        # Letters outside the Vietnamese alphabet (f, j, w, z, digits) sort after it, by code point.
        letters.append(_ORDER.get(letter, len(_ALPHABET) + ord(letter)))
        tones.append(tone)
    return tuple(letters), tuple(tones)


def collation_key(text: str | None) -> CollationKey:
    """Sort key for Vietnamese text: letters first, then tones as a tie-breaker (dictionary order)."""
    words = (text or "").split()
    parts = [_letters(w) for w in words]
    return (tuple(p[0] for p in parts), tuple(p[1] for p in parts))


def split_name(full_name: str) -> tuple[str, str]:
    """Split "Nguyễn Thị Hường" into ("Nguyễn Thị", "Hường"): family and middle names, given name."""
    words = (full_name or "").split()
    if not words:
        return "", ""
    return " ".join(words[:-1]), words[-1]


def name_sort_key(full_name: str | None) -> tuple[CollationKey, CollationKey]:
    """Vietnamese list order: by given name, then by family and middle names (glossary.md)."""
    family_middle, given = split_name(full_name or "")
    return (collation_key(given), collation_key(family_middle))


def full_name_sort_key(full_name: str | None) -> CollationKey:
    """Full-name order ("Nguyễn Thị Bình" before "Trần Văn An"), offered on request."""
    return collation_key(full_name)
