"""Stage tests of what issue 10 added: breaking a word too long for its line (textfit)
and reading files only when they are what they claim (files). Expected values are
worked out by hand with the ruler font of tests/metrics.py (every character 0.25 em:
at 4 pt, one character is 1 pt) or written here."""

from __future__ import annotations

import hashlib
import os
import socket
from pathlib import Path

import pytest
from metrics import ruler

from poster.files import digest, file_check, file_problem, read_bounded, safe_stem, size_text
from poster.textfit import Block, TooWide, is_address, wrap

# ---------------------------------------------------------------- web addresses


def test_an_address_breaks_after_a_slash_and_before_a_dot_with_no_mark() -> None:
    block = wrap("https://ab.vn/cdef/gh", ruler(), 10)
    assert block.lines == ("https://ab", ".vn/cdef/", "gh")
    assert block.joins == ("", "")
    assert block.text == "https://ab.vn/cdef/gh" and block.hyphens == 0


def test_an_address_never_breaks_at_the_end_of_its_scheme() -> None:
    # "https://" ends at 8: the first break point after it is "/" at 9, too far for 9 pt,
    # so the line is cut between letters (no mark), not after "https://"
    assert wrap("https://a/b", ruler(), 9).lines == ("https://a", "/b")


def test_an_address_breaks_after_its_separators_first() -> None:
    assert wrap("x.vn/a?b=c&d=e", ruler(), 7).lines == ("x.vn/a?", "b=c&d=e")
    assert wrap("x.vn/a?b=c&d=ef", ruler(), 7).lines == ("x.vn/a?", "b=c&d=", "ef")
    # 17 pt hold "x.vn/?utm_a=b&utm": the "&" at 14 wins over the later "_" at 17, so a
    # parameter's name stays whole ("utm / _c" was the old break)
    assert wrap("x.vn/?utm_a=b&utm_c=d", ruler(), 17).lines == ("x.vn/?utm_a=b&", "utm_c=d")


def test_an_address_breaks_before_a_dot_or_an_underscore_when_no_separator_fits() -> None:
    assert wrap("www.ab-cd_ef", ruler(), 6).lines == ("www", ".ab-cd", "_ef")


def test_an_address_line_starts_with_a_hyphen_only_as_a_last_resort() -> None:
    # ".ab-cdef" in 7 pt: between "e" and "f" rather than before the hyphen at 3
    assert wrap("www.ab-cdef", ruler(), 7).lines == ("www", ".ab-cde", "f")
    assert wrap("www.abc-defghi-jk", ruler(), 6).lines == ("www", ".abc-d", "efgh", "i-jk")
    # two letters side by side never fit in 4 pt beside a hyphen: before it, then
    assert wrap("www.a-b-c-d", ruler(), 4).lines == ("www", ".a-b", "-c-d")


def test_an_address_line_never_ends_with_a_hyphen() -> None:
    for width in range(4, 12):
        block = wrap("www.ab-cd-ef-gh-ij-kl-mn", ruler(), width)
        assert not any(line.endswith("-") for line in block.lines[:-1]), block.lines
        assert block.text == "www.ab-cd-ef-gh-ij-kl-mn"


def test_a_word_breaks_between_letters_with_a_hyphen() -> None:
    block = wrap("abcdefghijk", ruler(), 6)
    assert block.lines == ("abcde-", "fghijk")  # 5 letters + the hyphen fill the 6 pt
    assert block.joins == ("-",) and block.hyphens == 1
    assert block.text == "abcdefghijk"


def test_a_break_never_separates_a_combining_mark_from_its_letter() -> None:
    word = "xxxxx\u0301xx"  # x with a combining acute at index 5
    assert wrap(word, ruler(), 6).lines == ("xxxx-", "x\u0301xx")


def test_an_overlong_word_starts_its_own_line_and_the_line_goes_on_after_it() -> None:
    block = wrap("ab cdefghijkl mn", ruler(), 6)
    assert block.lines == ("ab", "cdefg-", "hijkl", "mn")
    assert block.joins == (" ", "-", " ")
    assert block.text == "ab cdefghijkl mn"


def test_an_overlong_word_beside_a_run_in_label_goes_to_the_next_line() -> None:
    # 5 pt of the 6 pt line is the label's: not one letter and a hyphen fit beside it
    block = wrap("abcdefghijkl", ruler(), 6, indent=5)
    assert block.lines == ("", "abcde-", "fghij-", "kl")
    assert block.text == "abcdefghijkl"


def test_an_overlong_word_uses_the_room_beside_a_narrow_label() -> None:
    block = wrap("abcdefghijkl", ruler(), 6, indent=3)
    assert block.lines == ("ab-", "cdefg-", "hijkl")


def test_only_a_character_wider_than_the_line_is_too_wide() -> None:
    with pytest.raises(TooWide) as caught:
        wrap("ok abcdef", ruler(), 0.9)
    assert caught.value.word == "ok"


def test_block_text_joins_its_lines_as_they_were_written() -> None:
    st = ruler()
    assert Block(("ab", "cd-", "ef"), st, (" ", "-")).text == "ab cdef"
    assert Block(("x/", "y"), st, ("",)).text == "x/y"
    assert Block(("a", "b"), st).text == "a b"
    assert Block(("", "ab"), st, (" ",)).text == "ab"
    assert Block(("a-", "b-", "c"), st, ("-", "-")).hyphens == 2


@pytest.mark.parametrize(
    ("word", "address"),
    [
        ("https://a.b", True),
        ("http://x", True),
        ("www.x.vn", True),
        ("dichvucong.gov.vn/p/home", True),
        ("t63.mic.gov.vn", True),
        ("vanhoa@xa.gov.vn", True),
        ("Supercali", False),
        ("Hà-Nội", False),
        ("3.5", False),
        ("a/b", False),
    ],
)
def test_what_counts_as_an_address(word: str, address: bool) -> None:
    assert is_address(word) is address


# ---------------------------------------------------------------- files


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1048576, "1 MB"),
        (52428800, "50 MB"),
        (262144, "256 KB"),
        (1536000, "1.5 MB"),
        (1024, "1 KB"),
        (1023, "1023 bytes"),
        (0, "0 bytes"),
    ],
)
def test_size_text(n: int, text: str) -> None:
    assert size_text(n) == text


def test_a_regular_file_within_the_limit_passes(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(b"x" * 1024)
    assert file_check(path, "an image", 1024, "a logo") is None
    link = tmp_path / "link.png"
    link.symlink_to(path)
    assert file_check(link, "an image", 1024, "a logo") is None  # a link to a file is fine


def test_a_file_over_the_limit_names_both_sizes(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(b"x" * 2048)
    assert file_check(path, "an image", 1024, "a logo") == (
        "file.too-large",
        {"size": "2 KB", "kind_word": "a logo", "limit": "1 KB"},
    )
    assert file_problem(path, "an image", 1024, "a logo") == "is 2 KB; a logo is at most 1 KB"


def test_what_is_not_a_regular_file_is_named(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    zero = tmp_path / "zero.png"
    zero.symlink_to("/dev/zero")
    try:
        cases = {
            tmp_path: "a folder",
            fifo: "a named pipe (FIFO)",
            Path("/dev/null"): "a device",
            zero: "a device",  # a link is followed to what it points at
            sock_path: "a socket",
        }
        for path, other in cases.items():
            assert file_check(path, "an image", 10, "a logo") == (
                "file.not-regular",
                {"other_word": other, "what_word": "an image"},
            ), path
            assert file_problem(path, "an image", 10, "a logo") == f"is {other}, not an image"
    finally:
        sock.close()


def test_a_missing_file_and_a_nul_in_the_name(tmp_path: Path) -> None:
    assert file_check(tmp_path / "none.png", "an image", 10, "a logo") == ("file.not-found", {})
    assert file_check(Path("a\0b"), "an image", 10, "a logo") == ("file.nul-name", {})


def test_read_bounded_reads_at_most_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"abc")
    assert read_bounded(path, 3) == b"abc"
    with pytest.raises(OSError, match="is more than 2 bytes"):
        read_bounded(path, 2)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match=r"is a named pipe \(FIFO\)"):
        read_bounded(fifo, 10)  # opened without blocking, refused on what it is


def test_digest_of_a_file_and_of_what_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"abc")
    assert digest(path, 10) == hashlib.sha256(b"abc").hexdigest()
    assert digest(path, 2) is None
    assert digest(tmp_path, 10) is None
    assert digest(tmp_path / "none", 10) is None


@pytest.mark.parametrize(
    ("stem", "safe"),
    [
        ("a1-portrait-xa-hiep-hoa", "a1-portrait-xa-hiep-hoa"),
        ("a b/c", "a-b-c"),
        (".hidden", "hidden"),
        ("--x--", "x"),
        ("", "poster"),
        ("Xã Hoà", "X-Ho"),
        ("v1.2_final", "v1.2_final"),
    ],
)
def test_safe_stem(stem: str, safe: str) -> None:
    assert safe_stem(stem) == safe


def test_a_long_stem_is_cut_and_ends_in_a_hash_of_the_whole() -> None:
    long_a, long_b = "a" * 130 + "x", "a" * 130 + "y"
    cut = safe_stem(long_a)
    assert len(cut) == 120
    assert cut == "a" * 111 + "-" + hashlib.sha256(long_a.encode()).hexdigest()[:8]
    assert safe_stem(long_b) != cut
    assert safe_stem("b" * 120) == "b" * 120  # at the limit: kept whole


# ---------------------------------------------------------------- print colour (issue 11)


def test_lightness_of_black_white_and_mid_grey() -> None:
    from poster.colors import lightness

    assert lightness((0.0, 0.0, 0.0)) == 0.0
    assert lightness((1.0, 1.0, 1.0)) == pytest.approx(100.0)
    # sRGB #777777: Y = ((0.4667 + 0.055) / 1.055) ** 2.4 = 0.1845 → L* = 50.0
    assert lightness((0x77 / 255,) * 3) == pytest.approx(50.0, abs=0.1)
    # a very dark grey is on the linear part of L*: Y × 903.3
    assert lightness((0.01,) * 3) == pytest.approx(0.01 / 12.92 * 24389 / 27, rel=1e-6)


def test_near_black_is_darker_than_l_25() -> None:
    from poster.colors import is_near_black, parse_color

    assert is_near_black(parse_color("#1B1B1B"))  # the shipped text colour, L* ≈ 10
    assert is_near_black(parse_color("#3B3B3B"))  # L* ≈ 24.9
    assert not is_near_black(parse_color("#3D3D3D"))  # L* ≈ 25.9
    assert not is_near_black(parse_color("#1F5FA8"))


def test_inks_used_counts_inks_over_half_a_percent() -> None:
    from poster.colors import inks_used

    assert inks_used((0.0, 0.0, 0.0, 1.0)) == 1
    assert inks_used((0.5, 0.005, 0.0, 0.2)) == 2  # 0.5 % is not an ink
    assert inks_used((0.5, 0.006, 0.1, 0.2)) == 4
    assert inks_used((0.5, 0.0, 0.0, 0.0), floor=0.5) == 0


def test_delta_e_is_the_euclidean_distance_in_lab() -> None:
    from poster.colors import delta_e

    assert delta_e((50.0, 0.0, 0.0), (53.0, 4.0, 0.0)) == 5.0
    assert delta_e((10.0, -3.0, 4.0), (10.0, -3.0, 4.0)) == 0.0


def test_text_inks_black_is_pure_k_small_colour_two_inks_large_as_separated() -> None:
    from poster.colors import inks_used, parse_color, separate, text_cmyk

    assert text_cmyk(parse_color("#1B1B1B"), 40) == (0.0, 0.0, 0.0, 1.0)
    blue = parse_color("#1F5FA8")
    assert text_cmyk(blue, 12) == blue.cmyk == separate(blue.rgb)
    assert inks_used(blue.cmyk) > 2  # an ICC separation of this blue uses three inks
    small = text_cmyk(blue, 11.9)
    assert inks_used(small) <= 2 and small != blue.cmyk
    assert text_cmyk(parse_color("cmyk(100, 0, 0, 0)"), 6) == (1.0, 0.0, 0.0, 0.0)


def test_paper_separates_to_no_ink_and_black_to_mostly_black() -> None:
    from poster.colors import separate

    assert separate((1.0, 1.0, 1.0)) == (0.0, 0.0, 0.0, 0.0)
    c, m, y, k = separate((0.0, 0.0, 0.0))
    assert k > 0.9 and c + m + y + k <= 3.0  # the profile's 300 % ink limit
