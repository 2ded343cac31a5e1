"""The parsed fonts kept between runs (exporters.font_cache): a PDF drawn from the cache is the same file as
one drawn from freshly parsed fonts, and a stale or damaged cache only means parsing again."""

from __future__ import annotations

import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from exporters import font_cache, fonts

ROOT = Path(__file__).resolve().parents[2]
REGULAR = files("resources") / "fonts" / "LiberationSerif-Regular.ttf"

# Renders the sample minutes in a fresh process (fonts register once per process) with reportlab's
# invariant mode (no dates or random ids in the file), and says how many font files reportlab parsed.
_RENDER = """
import sys
from pathlib import Path
from reportlab import rl_config
from reportlab.pdfbase import ttfonts
rl_config.invariant = 1
parsed = []
_extract = ttfonts.TTFontFile.extractInfo
def counting(self, *args, **kwargs):
    parsed.append(self.filename)
    return _extract(self, *args, **kwargs)
ttfonts.TTFontFile.extractInfo = counting
from exporters import font_cache, render_pdf
from tests.exporters.samples import sample_minutes
if sys.argv[1] != "-":
    font_cache.use_folder(Path(sys.argv[1]))
render_pdf(sample_minutes(), sys.argv[2])
print(len(parsed))
"""


def _render(cache: Path | None, target: Path) -> int:
    result = subprocess.run([sys.executable, "-c", _RENDER, str(cache) if cache else "-", str(target)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return int(result.stdout.strip())


@pytest.fixture
def cache_folder(tmp_path):
    folder = tmp_path / "cache"
    font_cache.use_folder(folder)
    yield folder
    font_cache.use_folder(None)


def test_a_pdf_drawn_from_cached_fonts_is_the_same_file_as_one_drawn_from_parsed_fonts(tmp_path):
    cache = tmp_path / "cache"
    assert _render(None, tmp_path / "parsed.pdf") == 4
    assert _render(cache, tmp_path / "first.pdf") == 4  # nothing cached yet: parsed, then written
    assert len(list(cache.glob("*.marshal"))) == 4
    assert _render(cache, tmp_path / "cached.pdf") == 0  # all four faces from the cache
    parsed = (tmp_path / "parsed.pdf").read_bytes()
    assert parsed.startswith(b"%PDF")
    assert (tmp_path / "first.pdf").read_bytes() == parsed
    assert (tmp_path / "cached.pdf").read_bytes() == parsed


def test_a_font_from_the_cache_has_every_attribute_of_the_parsed_font(cache_folder):
    data = REGULAR.read_bytes()
    fonts.load_font("Probe", data, str(REGULAR))  # parses and writes the cache
    cached = fonts.load_font("Probe", data, str(REGULAR))
    parsed = TTFont("Probe", str(REGULAR))

    def plain(obj: object, skip: tuple[str, ...]) -> dict:
        return {key: (type(value), value) for key, value in vars(obj).items() if key not in skip}

    # The scale function and the per-document state are rebuilt, not compared by identity.
    assert plain(cached.face, ("_pdfScale",)) == plain(parsed.face, ("_pdfScale",))
    assert cached.face.name.ustr == parsed.face.name.ustr and cached.face.familyName.ustr == parsed.face.familyName.ustr
    assert cached.face._pdfScale(2048) == parsed.face._pdfScale(2048)
    assert plain(cached, ("face", "encoding", "state")) == plain(parsed, ("face", "encoding", "state"))
    assert cached.stringWidth("Nghị quyết chi bộ", 13) == parsed.stringWidth("Nghị quyết chi bộ", 13)


def test_a_damaged_or_stale_cache_file_is_parsed_again_and_rewritten(cache_folder, monkeypatch):
    data = REGULAR.read_bytes()
    fonts.load_font("Probe", data, str(REGULAR))
    stored = cache_folder / "Probe.marshal"
    good = stored.read_bytes()
    parses: list[int] = []
    real_init = TTFont.__init__

    def counting_init(self, *args, **kwargs):
        parses.append(1)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(TTFont, "__init__", counting_init)
    stored.write_bytes(good[: len(good) // 2])  # a half-written file (power cut)
    assert fonts.load_font("Probe", data, str(REGULAR)).face.numGlyphs > 2000
    assert parses == [1] and stored.read_bytes() == good
    fonts.load_font("Probe", data + b"\0", str(REGULAR))  # another font file under the same name
    assert parses == [1, 1]


def test_without_a_cache_folder_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    font_cache.use_folder(None)
    assert fonts.load_font("Probe", REGULAR.read_bytes(), str(REGULAR)).face.numGlyphs > 2000
    assert list(tmp_path.iterdir()) == []
