"""Write secretary_app/server/common_passwords.txt: passwords of 12+ characters that people commonly choose,
refused by the server's password policy (sync-security §4 A2). Built from the stems of the usual top
password lists (keyboard walks, digit runs, names, "password", "iloveyou"…) and Vietnamese and party
context words (matkhau, anhyeuem, dangcongsan, chibo, bithu, hanoi…), each with the suffixes people add to
reach a length rule (123, 1234, 123456, @123, years…). Run again after changing the stems:

    .venv/bin/python scripts/common_passwords.py
"""

from __future__ import annotations

from pathlib import Path

STEMS = ["password", "passw0rd", "p@ssword", "p@ssw0rd", "qwerty", "qwertyuiop", "qwertyui", "asdfgh", "asdfghjkl", "zxcvbnm", "zxcvbn", "1qaz2wsx", "qazwsx", "qazwsxedc", "1q2w3e4r", "1q2w3e4r5t", "q1w2e3r4", "q1w2e3r4t5", "zaq12wsx", "abc", "abcd", "abcdef", "abcdefgh", "iloveyou", "loveyou", "letmein", "welcome", "admin", "administrator", "root", "master", "dragon", "monkey", "shadow", "sunshine", "princess", "football", "baseball", "superman", "batman", "trustno1", "whatever", "freedom", "computer", "internet", "secret", "starwars", "pokemon", "minecraft", "michael", "jennifer", "jessica", "daniel", "charlie", "samsung", "google", "facebook", "hello", "test", "guest", "changeme", "default", "login", "user", "access", "matrix", "summer", "winter", "spring", "autumn", "flower", "angel", "lovely", "family", "friends", "matkhau", "matkhaucuatoi", "matkhaumoi", "anhyeuem", "emyeuanh", "yeuem", "yeuanh", "iloveu", "vietnam", "vietnamvodich", "hanoi", "hochiminh", "saigon", "danang", "haiphong", "dangcongsan", "dangvien", "chibo", "bithu", "phobithu", "dangbo", "caphuong", "dongbo", "sotay", "sotaybithu", "quehuong", "toquoc", "hoabinh", "nguyen", "tran", "phuong", "thanhpho", "hoankiem", "badinh", "caugiay", "dongda"]
RUNS = ["123456789012", "1234567890123", "12345678901234", "111111111111", "000000000000", "123123123123",
        "121212121212", "987654321098", "123456123456", "112233445566", "147258369147", "aaaaaaaaaaaa",
        "qwertyqwerty", "asdfasdfasdf", "abcabcabcabc", "abc123abc123", "qweasdzxc123", "1qaz2wsx3edc",
        "1q2w3e4r5t6y", "q1w2e3r4t5y6", "zaq1xsw2cde3", "!qaz@wsx#edc", "passwordpassword", "iloveyouiloveyou"]
SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "123456789", "@123",
            "@1234", "@123456", "!", "!!", "1!", "123!", "#123", "2020", "2021", "2022", "2023", "2024", "2025",
            "2026", "@2024", "@2025", "@2026", "1990", "1975", "1930", "0000", "111", "000", "999", "888", "6868",
            "8888", "3979", "@@"]


def build() -> list[str]:
    found = set(RUNS)
    for stem in STEMS:
        for form in {stem, stem.capitalize()}:
            for suffix in SUFFIXES:
                doubled = (form + form + suffix,) if len(stem) <= 6 and len(suffix) <= 3 else ()
                for candidate in (form + suffix, suffix + form, *doubled):
                    if len(candidate) >= 12:
                        found.add(candidate)
    return sorted(found)


def main() -> None:
    target = Path(__file__).resolve().parent.parent / "secretary_app" / "server" / "common_passwords.txt"
    words = build()
    target.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} passwords -> {target}")


if __name__ == "__main__":
    main()
