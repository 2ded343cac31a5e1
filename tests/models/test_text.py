import unicodedata

from models.text import collation_key, name_sort_key, nfc, search_key


def test_search_key_ignores_case_and_diacritics():
    target = search_key("Nguyễn Thị Hường")
    assert search_key("nguyen thi huong") == target
    assert search_key("NGUYEN THI HUONG") == target
    assert search_key("Nguyễn Thị Hường") == target


def test_d_with_stroke_matches_plain_d():
    assert search_key("Đỗ Văn An").startswith(search_key("đ"))
    assert search_key("Đỗ Văn An").startswith("do")


def test_decomposed_input_becomes_composed():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    assert decomposed != "Nguyễn Thị Hường"
    assert nfc(decomposed) == "Nguyễn Thị Hường"
    assert search_key(decomposed) == search_key("Nguyễn Thị Hường")


def test_vietnamese_alphabet_order():
    words = ["Giang", "Đỗ", "Bình", "Dũng", "Ánh", "Zơ", "Ân", "An"]
    assert sorted(words, key=collation_key) == ["An", "Ánh", "Ân", "Bình", "Dũng", "Đỗ", "Giang", "Zơ"]


def test_tone_order_breaks_ties():
    # ngang, huyền, hỏi, ngã, sắc, nặng
    words = ["mạ", "má", "mã", "mả", "mà", "ma"]
    assert sorted(words, key=collation_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_names_sort_by_given_name_first():
    names = ["Nguyễn Thị Bình", "Trần Văn An", "Lê Văn An"]
    assert sorted(names, key=name_sort_key) == ["Lê Văn An", "Trần Văn An", "Nguyễn Thị Bình"]
