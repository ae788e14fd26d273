"""Stage tests of finding a place (poster.localities), in process: every expected unit,
list and message is written out here by hand (from the vietnam-provinces data and
old_units.json as a reader finds them), never computed by the module under test.
Each message is checked in English and in Vietnamese: a Vietnamese message that lost
its list of candidates fails here."""

from __future__ import annotations

import json
import logging
import time
import unicodedata
from collections.abc import Iterator

import pytest

from poster import localities as places
from poster.errors import PosterError, Problem
from poster.localities import (
    expand,
    file_slug,
    find_locality,
    find_province,
    fold,
    search,
    spelling,
    squeeze,
)
from poster.resources import DATA


@pytest.fixture
def notes() -> Iterator[list[Problem]]:
    """The lines a lookup writes on the `poster` logger (what became of an old name)."""
    got: list[Problem] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            problem = record.problem  # type: ignore[attr-defined]
            assert record.getMessage() == problem.text("en")  # what a plain log shows
            got.append(problem)

    log = logging.getLogger("poster")
    handler = Keep()
    log.addHandler(handler)
    try:
        yield got
    finally:
        log.removeHandler(handler)


def refused(text: str, where: str = "--locality") -> Problem:
    with pytest.raises(PosterError) as raised:
        find_locality(text, where)
    (problem,) = raised.value.problems
    assert (problem.file, problem.field) == (where, "")
    return problem


def both(problem: Problem) -> tuple[str, str]:
    return problem.text("en"), problem.text("vi")


# ---------------------------------------------------------------- the keys


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Phường Cẩm Phả", "phuong cam pha"),
        ("ĐỒNG NAI", "dong nai"),
        ("đắk  lắk", "dak lak"),
        ("Xã Hiệp Hoà", "xa hiep hoa"),
        ("Ea H'leo", "ea h leo"),
        ("T.P.HCM", "t p hcm"),
        ("  Quận 1 ", "quan 1"),
        ("Phu\u0301 Quô\u0301c", "phu quoc"),  # typed decomposed (NFD), as a Mac may
        ("Mường Tè – Lai Châu", "muong te lai chau"),  # an en dash parts the words
        ("Đà Lạt½", "da lat½"),  # outside the Latin letters: the long way, same rule
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_squeeze_ignores_spaces_case_and_accents():
    assert squeeze("Cẩm  Phả") == "campha"
    assert squeeze("CAMPHA") == "campha"
    assert squeeze("Đông Hòa") == squeeze("dong hoa") == "donghoa"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hiệp Hòa", "Hiệp Hoà"),  # òa / oà
        ("Khoẻ", "Khỏe"),  # òe / oè
        ("Thủy", "Thuỷ"),  # ùy / uỳ
        ("hiệp  HÒA", "Hiệp Hoà"),
        ("Hòa", "Ho\u0300a"),  # NFC and NFD
    ],
)
def test_spelling_ignores_where_the_tone_mark_sits(a, b):
    assert spelling(a) == spelling(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Văn Lăng", "Văn Lang"),  # ă is a letter, not a tone
        ("Hòa", "Hoa"),  # a tone mark or none
        ("Hòa", "Hóa"),  # two tones
        ("Đông", "Dông"),
        ("Tân Thành", "Tân Thạnh"),
    ],
)
def test_spelling_keeps_letters_and_tones(a, b):
    assert spelling(a) != spelling(b)


def test_spelling_puts_the_tone_at_the_end_of_each_syllable():
    assert spelling("Hòa") == "hoa\u0300"
    assert spelling("Hiệp Hoà") == "hiêp\u0323hoa\u0300"
    assert spelling("Phường 1") == "phương\u02001".replace("\u0200", "\u0300")


@pytest.mark.parametrize(
    ("typed", "expanded"),
    [
        ("TP.HCM", "thành phố hồ chí minh"),
        ("TPHCM", "thành phố hồ chí minh"),
        ("Tp HCM", "thành phố hồ chí minh"),
        ("T.P. HCM", "thành phố hồ chí minh"),
        ("HCM", "hồ chí minh"),
        ("Tp. Cẩm Phả", "thành phố cẩm phả"),
        ("T.P. Cẩm Phả", "thành phố cẩm phả"),
        ("TP Huế", "thành phố huế"),
        ("TX. Sơn Tây", "thị xã sơn tây"),
        ("tx Sơn Tây", "thị xã sơn tây"),
        ("TT. Thới Lai", "thị trấn thới lai"),
        ("Q.1", "quận 1"),
        ("Q1", "quận 1"),
        ("q 10", "quận 10"),
        ("P.1, Q.3", "phường 1, quận 3"),
        ("P3", "phường 3"),
        ("P. Bến Nghé", "phường bến nghé"),
        ("X. Hiệp Hòa, T. Bắc Giang", "xã hiệp hòa, tỉnh bắc giang"),
        ("H.Hiệp Hòa", "huyện hiệp hòa"),
        ("UBND Phường Cẩm Phả", "phường cẩm phả"),
        ("Ủy ban nhân dân xã Hiệp Hòa", "xã hiệp hòa"),
        # a lone letter without its dot is a letter: Tây Nguyên's names keep theirs
        ("Ea H'leo", "ea h'leo"),
        ("Xã A Lưới 1", "xã a lưới 1"),
        ("Phường  Tân   Lập", "phường tân lập"),
        ("Tphcm", "thành phố hồ chí minh"),
        ("tp", "thành phố"),
    ],
)
def test_abbreviations_are_spelled_out(typed, expanded):
    assert expand(typed) == expanded


def test_letters_inside_words_are_not_abbreviations():
    assert expand("Hương Trà") == "hương trà"
    assert expand("Xã Thượng Quận") == "xã thượng quận"
    assert expand("Phường 12") == "phường 12"
    assert expand("htp.") == "htp."


# ---------------------------------------------------------------- the data


def test_every_name_is_nfc_with_single_spaces():
    """The package writes 'Phường  Tân Lập' (Đắk Lắk) and nine others with two spaces;
    a poster's header would print them so. Names as loaded, and old_units.json as
    stored, have one space between words and none at the ends."""

    def tidy(name: str) -> bool:
        return name == " ".join(name.split()) and name == unicodedata.normalize("NFC", name)

    assert [u.name for u in places.localities() if not tidy(u.name)] == []
    assert [p.name for p in places.provinces() if not tidy(p.name)] == []
    data = json.loads((DATA / "old_units.json").read_text(encoding="utf-8"))
    names = [n for f, s, _ in data["provinces"] for n in (f, s)]
    for full, short, province, _, wards in data["districts"]:
        names += [full, short, province, *(w[0] for w in wards)]
    assert len(names) > 10_000
    assert [n for n in names if not tidy(n)] == []


def test_the_names_that_had_two_spaces():
    for typed, label in [
        ("Phường Tân Lập, Đắk Lắk", "Phường Tân Lập, Đắk Lắk"),
        ("Phường  Tân Lập, Đắk Lắk", "Phường Tân Lập, Đắk Lắk"),
        ("Xã Bắc Đông Quan", "Xã Bắc Đông Quan, Hưng Yên"),
        ("Rạch Dừa", "Phường Rạch Dừa, Hồ Chí Minh"),
    ]:
        assert find_locality(typed).label == label
    unit = find_locality("Phường Buôn Ma Thuột")
    assert unit.authority == ["UBND PHƯỜNG BUÔN MA THUỘT", "TỈNH ĐẮK LẮK"]
    assert places.bare(unit) == "Buôn Ma Thuột"


def test_counts_of_the_data():
    assert len(places.provinces()) == 34
    assert len(places.localities()) == 3321
    assert len(places._old_provinces()) == 63
    assert len(places._old_districts()) == 696
    assert len(places._old_wards_all()) == 10035


def test_a_unit_and_its_properties():
    unit = find_locality("Phường Cẩm Phả, Quảng Ninh")
    assert (unit.name, unit.kind, unit.province.short) == ("Phường Cẩm Phả", "phường", "Quảng Ninh")
    assert unit.label == "Phường Cẩm Phả, Quảng Ninh"
    assert unit.authority == ["UBND PHƯỜNG CẨM PHẢ", "TỈNH QUẢNG NINH"]
    assert unit.slug == "phuong-cam-pha"
    assert unit.key == "phuong cam pha quang ninh"
    assert unit.brand() == {"name": "Phường Cẩm Phả",
                            "authority": ["UBND PHƯỜNG CẨM PHẢ", "TỈNH QUẢNG NINH"]}  # fmt: skip
    hanoi = find_locality("Phường Hoàn Kiếm")
    assert hanoi.province.name == "Thành phố Hà Nội"
    assert hanoi.province.short == "Hà Nội"
    assert hanoi.authority[1] == "THÀNH PHỐ HÀ NỘI"
    assert places.bare(find_locality("Phú Quốc")) == "Phú Quốc"
    assert find_locality("Phú Quốc").kind == "đặc khu"


def test_file_slugs_carry_the_province_only_for_namesakes():
    assert file_slug(find_locality("Phường Cẩm Phả")) == "phuong-cam-pha"
    assert file_slug(find_locality("Hiệp Hòa, Bắc Ninh")) == "xa-hiep-hoa-bac-ninh"
    assert file_slug(find_locality("Phường Hiệp Hòa")) == "phuong-hiep-hoa"
    # 'Văn Lăng' and 'Văn Lang', both communes of Thái Nguyên: the code tells them apart
    lang = find_locality("Văn Lang, Thái Nguyên")
    lang_ = find_locality("Văn Lăng, Thái Nguyên")
    assert lang.name == "Xã Văn Lang" and lang_.name == "Xã Văn Lăng"
    assert file_slug(lang) == f"xa-van-lang-thai-nguyen-{lang.code}"
    assert file_slug(lang_) == f"xa-van-lang-thai-nguyen-{lang_.code}"
    assert lang.code != lang_.code


def test_search_ranks_whole_names_first():
    assert [u.label for u in search("cam pha")][:1] == ["Phường Cẩm Phả, Quảng Ninh"]
    assert search("   ") == []
    assert len(search("xa", limit=7)) == 7
    found = [u.label for u in search("hiep hoa")]
    assert found[:3] == ["Xã Hiệp Hoà, Bắc Ninh", "Xã Hiệp Hoà, Tây Ninh",
                         "Phường Hiệp Hòa, Quảng Ninh"]  # fmt: skip
    assert "Xã Cam Hiệp, Khánh Hòa" in found[3:]  # 'hiep' in its name, 'hoa' in its province
    assert {u.label for u in search("quang ninh", limit=3)[:2]} == {
        "Xã Quảng Ninh, Quảng Trị", "Xã Quảng Ninh, Thanh Hóa"}  # fmt: skip
    # a whole name before a longer one that starts with it
    assert [u.label for u in search("phuong quang yen")][:1] == ["Phường Quảng Yên, Quảng Ninh"]


# ---------------------------------------------------------------- names several units share

HIEP_HOA = "Phường Hiệp Hòa, Quảng Ninh; Xã Hiệp Hoà, Bắc Ninh; Xã Hiệp Hoà, Tây Ninh"


@pytest.mark.parametrize("typed", ["Hiệp Hòa", "Hiệp Hoà", "hiep hoa", "HIỆP HÒA", "HiệpHòa",
                                   "  hiệp   hoà "])  # fmt: skip
def test_a_name_three_units_share_lists_the_three_however_typed(typed):
    en, vi = both(refused(typed))
    assert en == f"--locality: {typed!r} names 3 units: add the province ({HIEP_HOA})"
    assert vi == f"--locality: {typed!r} là tên của 3 đơn vị: hãy thêm tên tỉnh ({HIEP_HOA})"


def test_with_its_kind_or_province_one_of_them():
    assert find_locality("Phường Hiệp Hòa").label == "Phường Hiệp Hòa, Quảng Ninh"
    assert find_locality("Phường Hiệp Hoà").label == "Phường Hiệp Hòa, Quảng Ninh"
    assert find_locality("P. Hiệp Hoà").label == "Phường Hiệp Hòa, Quảng Ninh"
    assert find_locality("Hiệp Hoà, Quảng Ninh").label == "Phường Hiệp Hòa, Quảng Ninh"
    assert find_locality("hiep hoa tay ninh").label == "Xã Hiệp Hoà, Tây Ninh"
    assert find_locality("Hiệp Hòa - Bắc Ninh").label == "Xã Hiệp Hoà, Bắc Ninh"
    en, vi = both(refused("Xã Hiệp Hòa"))
    two = "Xã Hiệp Hoà, Bắc Ninh; Xã Hiệp Hoà, Tây Ninh"
    assert en == f"--locality: 'Xã Hiệp Hòa' names 2 units: add the province ({two})"
    assert vi == f"--locality: 'Xã Hiệp Hòa' là tên của 2 đơn vị: hãy thêm tên tỉnh ({two})"


def test_a_name_fifteen_units_share_lists_twelve_and_counts_fifteen():
    en, vi = both(refused("tan thanh", "--brand"))
    listed = (
        "Phường Tân Thành, Cà Mau; Phường Tân Thành, Hồ Chí Minh; Xã Tân Thạnh, An Giang; "
        "Xã Tân Thạnh, Cần Thơ; Xã Tân Thành, Đồng Tháp; Xã Tân Thạnh, Đồng Tháp; "
        "Xã Tân Thành, Lâm Đồng; Xã Tân Thành, Lạng Sơn; Xã Tân Thanh, Ninh Bình; "
        "Xã Tân Thành, Quảng Trị; Xã Tân Thành, Tây Ninh; Xã Tân Thạnh, Tây Ninh; …"
    )
    assert en == f"--brand: 'tan thanh' names 15 units: add the province ({listed})"
    assert vi == f"--brand: 'tan thanh' là tên của 15 đơn vị: hãy thêm tên tỉnh ({listed})"
    # spelt as one of them, only those of that spelling
    en, _ = both(refused("Tân Thạnh"))
    assert en == (
        "--locality: 'Tân Thạnh' names 4 units: add the province (Xã Tân Thạnh, An Giang; "
        "Xã Tân Thạnh, Cần Thơ; Xã Tân Thạnh, Đồng Tháp; Xã Tân Thạnh, Tây Ninh)"
    )


def test_namesakes_in_one_province_differ_by_their_accents():
    assert find_locality("Xã Văn Lăng").label == "Xã Văn Lăng, Thái Nguyên"
    en, vi = both(refused("van lang, thai nguyen"))
    both_ = "Xã Văn Lang, Thái Nguyên; Xã Văn Lăng, Thái Nguyên"
    assert en == (
        f"--locality: 'van lang, thai nguyen' names 2 units: type the name with its accents "
        f"({both_})"
    )
    assert vi == (
        f"--locality: 'van lang, thai nguyen' là tên của 2 đơn vị: hãy gõ tên có đủ dấu ({both_})"
    )


def test_two_communes_of_one_name_in_two_provinces():
    en, vi = both(refused("Xã Quảng Ninh"))
    two = "Xã Quảng Ninh, Quảng Trị; Xã Quảng Ninh, Thanh Hóa"
    assert en.endswith(f"names 2 units: add the province ({two})")
    assert vi.endswith(f"là tên của 2 đơn vị: hãy thêm tên tỉnh ({two})")
    assert find_locality("Xã Quảng Ninh, Quảng Trị").label == "Xã Quảng Ninh, Quảng Trị"


# ---------------------------------------------------------------- Đ without its accent


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("xa dong hoa", "Xã Đông Hòa, An Giang"),
        ("dak mil", "Xã Đắk Mil, Lâm Đồng"),
        ("phuong dong ha", "Phường Đông Hà, Quảng Trị"),
        ("Dong Ha", "Phường Đông Hà, Quảng Trị"),
        ("DUC TRONG", "Xã Đức Trọng, Lâm Đồng"),
        ("con dao", "Đặc khu Côn Đảo, Hồ Chí Minh"),
        ("dac khu phu quoc", "Đặc khu Phú Quốc, An Giang"),
        ("Đặc khu Phú Quốc", "Đặc khu Phú Quốc, An Giang"),
    ],
)
def test_d_without_its_stroke(typed, label):
    assert find_locality(typed).label == label


def test_a_province_with_d_without_its_stroke():
    en, vi = both(refused("dong nai"))
    assert en == (
        "--locality: 'dong nai' is a province, not a commune: for every commune and ward of "
        'it, run poster batch --province "Đồng Nai"'
    )
    assert vi == (
        "--locality: 'dong nai' là một tỉnh, thành phố, không phải xã, phường: để in cho mọi "
        'xã, phường của tỉnh, chạy poster batch --province "Đồng Nai"'
    )
    assert find_province("dong nai").short == "Đồng Nai"
    assert find_province("DAK LAK").short == "Đắk Lắk"


# ---------------------------------------------------------------- provinces alone


@pytest.mark.parametrize("typed", ["Bac Giang", "Bắc Giang", "bắc  giang", "BẮC GIANG"])
def test_an_old_province_alone_is_the_province_and_names_the_ward(typed, notes):
    en, vi = both(refused(typed))
    assert en == (
        f"--locality: {typed!r} is a province of before 1 July 2025 (Bắc Giang merged into "
        "Bắc Ninh on 1/7/2025), not a commune: for every commune and ward of Bắc Ninh, run "
        'poster batch --province "Bắc Ninh". It is also the name of Phường Bắc Giang, '
        "Bắc Ninh: for that one, give its kind (Phường, Xã) or its province"
    )
    assert vi == (
        f"--locality: {typed!r} là tỉnh trước ngày 1/7/2025 (Bắc Giang đã hợp nhất vào Bắc Ninh "
        "từ 1/7/2025), không phải xã, phường: để in cho mọi xã, phường của Bắc Ninh, chạy "
        'poster batch --province "Bắc Ninh". Tên này cũng là tên của Phường Bắc Giang, '
        "Bắc Ninh: để in cho đơn vị đó, hãy ghi rõ loại (Phường, Xã) hoặc tên tỉnh"
    )
    assert notes == []


def test_the_ward_named_as_the_old_province(notes):
    assert find_locality("Phường Bắc Giang").label == "Phường Bắc Giang, Bắc Ninh"
    assert find_locality("Bắc Giang, Bắc Ninh").label == "Phường Bắc Giang, Bắc Ninh"
    assert notes == []


def test_an_old_province_without_a_namesake():
    en, vi = both(refused("Tỉnh Hà Giang"))
    assert en == (
        "--locality: 'Tỉnh Hà Giang' is a province of before 1 July 2025 (Hà Giang merged "
        "into Tuyên Quang on 1/7/2025), not a commune: for every commune and ward of "
        'Tuyên Quang, run poster batch --province "Tuyên Quang"'
    )
    assert vi == (
        "--locality: 'Tỉnh Hà Giang' là tỉnh trước ngày 1/7/2025 (Hà Giang đã hợp nhất vào "
        "Tuyên Quang từ 1/7/2025), không phải xã, phường: để in cho mọi xã, phường của "
        'Tuyên Quang, chạy poster batch --province "Tuyên Quang"'
    )


@pytest.mark.parametrize(
    "typed",
    [
        "TP.HCM",
        "Tp HCM",
        "TPHCM",
        "tp.hcm",
        "T.P. HCM",
        "HCM",
        "Thành phố Hồ Chí Minh",
        "ho chi minh",
        "TP. Hồ Chí Minh",
    ],
)
def test_ho_chi_minh_city_however_abbreviated(typed):
    en, vi = both(refused(typed))
    assert en == (
        f"--locality: {typed!r} is a province, not a commune: for every commune and ward of "
        'it, run poster batch --province "Hồ Chí Minh"'
    )
    assert vi.endswith('chạy poster batch --province "Hồ Chí Minh"')
    assert find_province(typed).short == "Hồ Chí Minh"


def test_sai_gon_is_the_city_and_a_ward():
    en, vi = both(refused("Sài Gòn"))
    assert en == (
        "--locality: 'Sài Gòn' is a province, not a commune: for every commune and ward of it, "
        'run poster batch --province "Hồ Chí Minh". It is also the name of Phường Sài Gòn, '
        "Hồ Chí Minh: for that one, give its kind (Phường, Xã) or its province"
    )
    assert "Tên này cũng là tên của Phường Sài Gòn, Hồ Chí Minh" in vi
    assert find_locality("Phường Sài Gòn").label == "Phường Sài Gòn, Hồ Chí Minh"
    assert find_locality("Sài Gòn, TP.HCM").label == "Phường Sài Gòn, Hồ Chí Minh"
    assert find_province("Saigon").short == "Hồ Chí Minh"


def test_a_province_typed_as_one_says_nothing_of_namesakes():
    en, vi = both(refused("Tỉnh Quảng Ninh"))
    assert en == (
        "--locality: 'Tỉnh Quảng Ninh' is a province, not a commune: for every commune and "
        'ward of it, run poster batch --province "Quảng Ninh"'
    )
    en, vi = both(refused("Quảng Ninh"))
    assert en.endswith(
        "It is also the name of Xã Quảng Ninh, Quảng Trị; Xã Quảng Ninh, Thanh Hóa: "
        "for that one, give its kind (Phường, Xã) or its province"
    )
    assert vi.endswith(
        "Tên này cũng là tên của Xã Quảng Ninh, Quảng Trị; Xã Quảng Ninh, Thanh Hóa: "
        "để in cho đơn vị đó, hãy ghi rõ loại (Phường, Xã) hoặc tên tỉnh"
    )


def test_find_province(notes):
    assert find_province("Quảng Ninh").short == "Quảng Ninh"
    assert find_province("tỉnh quảng ninh").short == "Quảng Ninh"
    assert find_province("Thành phố Hà Nội").short == "Hà Nội"
    assert notes == []
    assert find_province("Bắc Giang").short == "Bắc Ninh"
    assert find_province("T. Bà Rịa - Vũng Tàu").short == "Hồ Chí Minh"
    assert [n.text("en") for n in notes] == [
        "--province: Bắc Giang merged into Bắc Ninh on 1/7/2025",
        "--province: Bà Rịa - Vũng Tàu merged into Hồ Chí Minh on 1/7/2025",
    ]
    with pytest.raises(PosterError) as raised:
        find_province("Quang Nihn")
    assert [p.text("en") for p in raised.value.problems] == [
        "--province: no province named 'Quang Nihn' (did you mean: Quảng Ninh, Quảng Ngãi, "
        "Quảng Trị?)"
    ]
    assert [p.text("vi") for p in raised.value.problems] == [
        "--province: không có tỉnh, thành phố nào tên 'Quang Nihn' (có phải: Quảng Ninh, "
        "Quảng Ngãi, Quảng Trị?)"
    ]
    with pytest.raises(PosterError) as raised:
        find_province("Atlantis")
    assert [p.text("en") for p in raised.value.problems] == [
        "--province: no province named 'Atlantis'"
    ]
    assert raised.value.problems[0].field == ""


# ---------------------------------------------------------------- before 1 July 2025


def test_an_old_province_with_the_name_of_a_unit(notes):
    assert find_locality("Hiệp Hòa, Bắc Giang").label == "Xã Hiệp Hoà, Bắc Ninh"
    assert find_locality("X. Hiệp Hòa, T. Bắc Giang").label == "Xã Hiệp Hoà, Bắc Ninh"
    assert [n.text("en") for n in notes] == [
        "--locality: Bắc Giang merged into Bắc Ninh on 1/7/2025"
    ] * 2
    assert notes[0].text("vi") == "--locality: Bắc Giang đã hợp nhất vào Bắc Ninh từ ngày 1/7/2025"


QUAN_1 = (
    "Phường Bến Thành, Hồ Chí Minh; Phường Cầu Ông Lãnh, Hồ Chí Minh; "
    "Phường Sài Gòn, Hồ Chí Minh; Phường Tân Định, Hồ Chí Minh"
)


@pytest.mark.parametrize("typed", ["Quận 1, TP.HCM", "Q.1", "q1, tphcm", "Quận 1 Hồ Chí Minh"])
def test_an_old_district_of_the_city_lists_todays_wards(typed):
    en, vi = both(refused(typed))
    assert en == (
        f"--locality: Quận 1, Hồ Chí Minh is a district of before 1 July 2025, now 4 units: "
        f"{QUAN_1}. Give one of them"
    )
    assert vi == (
        f"--locality: Quận 1, Hồ Chí Minh là huyện/thị xã/thành phố trước ngày 1/7/2025, "
        f"nay gồm 4 đơn vị: {QUAN_1}. Hãy chọn một đơn vị"
    )


def test_an_old_district_of_a_merged_province():
    en, vi = both(refused("H. Hiệp Hòa"))
    four = (
        "Xã Hiệp Hoà, Bắc Ninh; Xã Hoàng Vân, Bắc Ninh; Xã Hợp Thịnh, Bắc Ninh; "
        "Xã Xuân Cẩm, Bắc Ninh"
    )
    assert en == (
        "--locality: Huyện Hiệp Hòa, Bắc Giang is a district of before 1 July 2025 (Bắc Giang "
        f"merged into Bắc Ninh on 1/7/2025), now 4 units: {four}. Give one of them"
    )
    assert vi == (
        "--locality: Huyện Hiệp Hòa, Bắc Giang là huyện/thị xã/thành phố trước ngày 1/7/2025 "
        f"(Bắc Giang đã hợp nhất vào Bắc Ninh từ 1/7/2025), nay gồm 4 đơn vị: {four}. "
        "Hãy chọn một đơn vị"
    )


def test_an_old_district_that_became_one_unit(notes):
    assert find_locality("Huyện Lý Sơn").label == "Đặc khu Lý Sơn, Quảng Ngãi"
    assert [n.text("en") for n in notes] == [
        "--locality: Huyện Lý Sơn, Quảng Ngãi (before 1 July 2025) is now "
        "Đặc khu Lý Sơn, Quảng Ngãi"
    ]
    assert notes[0].text("vi") == (
        "--locality: Huyện Lý Sơn, Quảng Ngãi (trước ngày 1/7/2025) nay là Đặc khu Lý Sơn, "
        "Quảng Ngãi"
    )


def test_an_old_district_name_of_many_provinces_lists_them():
    en, vi = both(refused("Huyện Châu Thành"))
    listed = (
        "Huyện Châu Thành, An Giang; Huyện Châu Thành, Bến Tre; Huyện Châu Thành, Đồng Tháp; "
        "Huyện Châu Thành, Hậu Giang; Huyện Châu Thành, Kiên Giang; Huyện Châu Thành, Long An; "
        "Huyện Châu Thành, Sóc Trăng; Huyện Châu Thành, Tây Ninh; Huyện Châu Thành, Tiền Giang; "
        "Huyện Châu Thành, Trà Vinh"
    )
    assert en == f"--locality: 'Huyện Châu Thành' names 10 units: add the province ({listed})"
    assert (
        vi == f"--locality: 'Huyện Châu Thành' là tên của 10 đơn vị: hãy thêm tên tỉnh ({listed})"
    )
    # with its province, one district: the units it became
    en, _ = both(refused("Huyện Châu Thành, Trà Vinh"))
    assert en.startswith(
        "--locality: Huyện Châu Thành, Trà Vinh is a district of before 1 July 2025 "
        "(Trà Vinh merged into Vĩnh Long on 1/7/2025), now "
    )


def test_a_district_typed_with_another_kind_is_not_it():
    # 'Huyện Cẩm Phả' was never: the city of that name is not taken for it
    problem = refused("Huyện Cẩm Phả")
    assert problem.code == "locality.unknown-suggest"
    assert "Thành phố Cẩm Phả, Quảng Ninh" in problem.text("en")
    assert "Thành phố Cẩm Phả, Quảng Ninh" in problem.text("vi")


@pytest.mark.parametrize(
    "typed",
    [
        "Phường 1, Quận 3",
        "Phường 1 Quận 3",
        "P.1, Q.3, TPHCM",
        "p1 q3",
        "Phường 1, Quận 3, TP.HCM",
        "phuong 01, quan 3",
    ],
)
def test_an_old_ward_of_the_city_is_the_ward_it_became(typed, notes):
    assert find_locality(typed).label == "Phường Bàn Cờ, Hồ Chí Minh"
    assert [n.text("en") for n in notes][-1:] == [
        "--locality: Phường 1, Quận 3, Hồ Chí Minh (before 1 July 2025) is now "
        "Phường Bàn Cờ, Hồ Chí Minh"
    ]


def test_old_wards_by_name_and_by_an_older_name(notes):
    assert find_locality("Phường Bến Nghé").label == "Phường Sài Gòn, Hồ Chí Minh"
    assert find_locality("Bến Nghé, TP.HCM").label == "Phường Sài Gòn, Hồ Chí Minh"
    # wards 6, 7 and 8 of Quận 3 became Phường Võ Thị Sáu (2020), then Phường Xuân Hòa
    assert find_locality("Phường 7, Quận 3").label == "Phường Xuân Hòa, Hồ Chí Minh"
    assert find_locality("Phường Võ Thị Sáu").label == "Phường Xuân Hòa, Hồ Chí Minh"
    assert find_locality("Thị trấn Thới Lai").label == "Xã Thới Lai, Cần Thơ"
    assert notes[-1].text("en") == (
        "--locality: Thị trấn Thới Lai, Huyện Thới Lai, Cần Thơ (before 1 July 2025) is now "
        "Xã Thới Lai, Cần Thơ"
    )


def test_an_old_ward_divided_between_two_units():
    en, vi = both(refused("Xã Tân Thạnh, Huyện Thới Lai"))
    two = "Xã Tân Thạnh, Cần Thơ; Xã Trường Thành, Cần Thơ"
    old = "Xã Tân Thạnh, Huyện Thới Lai, Cần Thơ"
    assert en == (
        f"--locality: {old} is a commune or ward of before 1 July 2025, now part of 2 units: "
        f"{two}. Give one of them"
    )
    assert vi == (
        f"--locality: {old} là xã, phường, thị trấn trước ngày 1/7/2025, nay thuộc 2 đơn vị: "
        f"{two}. Hãy chọn một đơn vị"
    )


def test_an_old_ward_name_of_many_districts_asks_for_the_district():
    en, vi = both(refused("Phường 1"))
    first = (
        "Phường 1, Quận 3, Hồ Chí Minh; Phường 1, Quận 4, Hồ Chí Minh; "
        "Phường 1, Quận 5, Hồ Chí Minh; Phường 1, Quận 6, Hồ Chí Minh; "
        "Phường 1, Quận 10, Hồ Chí Minh; Phường 1, Quận 11, Hồ Chí Minh; "
    )
    assert en.startswith(
        "--locality: 'Phường 1' names 33 communes or wards of before 1 July 2025: add the "
        f"district ({first}"
    )
    assert en.endswith("; …)") and en.count("Phường 1, ") == 12
    assert vi.startswith(
        "--locality: 'Phường 1' là tên của 33 xã, phường trước ngày 1/7/2025: hãy thêm tên "
        f"quận, huyện ({first}"
    )
    assert vi.count("Phường 1, ") == 12


def test_a_ward_of_today_named_with_its_old_district():
    assert find_locality("Phường Sài Gòn, Quận 1").label == "Phường Sài Gòn, Hồ Chí Minh"


def test_an_old_ward_not_in_the_district_named():
    en, vi = both(refused("Phường Bến Nghé, Quận 3"))
    assert en == (
        "--locality: 'Phường Bến Nghé, Quận 3': no such commune or ward in Quận 3, Hồ Chí Minh "
        "(did you mean: Phường Bến Nghé, Quận 1, Hồ Chí Minh?)"
    )
    assert vi == (
        "--locality: 'Phường Bến Nghé, Quận 3': không có xã, phường này trong Quận 3, "
        "Hồ Chí Minh (có phải: Phường Bến Nghé, Quận 1, Hồ Chí Minh?)"
    )
    en, _ = both(refused("Phường 99, Quận 3"))
    assert en == (
        "--locality: 'Phường 99, Quận 3': no such commune or ward in Quận 3, Hồ Chí Minh "
        "(did you mean: Phường 9; Phường 1; Phường 2; Phường 3; Phường 4?)"
    )
    assert refused("Phường Zzzzzzzz, Quận 3").text("en") == (
        "--locality: no commune, ward or special zone 'Phường Zzzzzzzz, Quận 3'"
    )


# ---------------------------------------------------------------- unknown names, bounds


def test_unknown_names_get_the_closest_with_kind_and_province():
    en, vi = both(refused("Phường Cẩm Pah"))
    assert en == (
        "--locality: no commune, ward or special zone 'Phường Cẩm Pah' (did you mean: "
        "Phường Cẩm Phả, Quảng Ninh; Phường Cam Ranh, Khánh Hòa; Phường Cẩm Thành, Quảng Ngãi; "
        "Phường Sa Pa, Lào Cai; Phường Cao Xanh, Quảng Ninh?)"
    )
    assert vi == (
        "--locality: không có xã, phường hay đặc khu nào tên 'Phường Cẩm Pah' (có phải: "
        "Phường Cẩm Phả, Quảng Ninh; Phường Cam Ranh, Khánh Hòa; Phường Cẩm Thành, Quảng Ngãi; "
        "Phường Sa Pa, Lào Cai; Phường Cao Xanh, Quảng Ninh?)"
    )
    en, _ = both(refused("Phu Quocc"))
    assert en.startswith(
        "--locality: no commune, ward or special zone 'Phu Quocc' (did you mean: "
        "Đặc khu Phú Quốc, An Giang; Thành phố Phú Quốc, Kiên Giang; "
    )
    # in a province: only its units
    en, _ = both(refused("Cam Phaa, Quảng Ninh"))
    assert en.startswith(
        "--locality: no commune, ward or special zone 'Cam Phaa, Quảng Ninh' (did you mean: "
        "Phường Cẩm Phả, Quảng Ninh; "
    )
    assert refused("Qwxyz").text("en") == "--locality: no commune, ward or special zone 'Qwxyz'"
    assert refused("Qwxyz").text("vi") == (
        "--locality: không có xã, phường hay đặc khu nào tên 'Qwxyz'"
    )


def test_an_unknown_province_after_the_comma():
    assert refused("Cẩm Phả, Quang Nihn").text("en") == (
        "--locality: no province named 'quang nihn' (did you mean: Quảng Ninh, Quảng Ngãi, "
        "Quảng Trị?)"
    )


@pytest.mark.parametrize("length", [201, 2_000, 10_000, 1_000_000])
def test_a_long_name_is_refused_before_it_is_looked_up(length):
    text = "Phường Cẩm Phả " * (length // 15 + 1)
    text = text[:length]
    started = time.perf_counter()
    problem = refused(text)
    assert time.perf_counter() - started < 0.5
    assert problem.text("en") == (
        f"--locality: {length} characters is too long for the name of a place (at most 200): "
        'give the name of a commune or ward, e.g. "Phường Cẩm Phả, Quảng Ninh"'
    )
    assert problem.text("vi") == (
        f"--locality: {length} ký tự là quá dài cho tên một địa phương (tối đa 200): hãy cho "
        'tên một xã, phường, ví dụ "Phường Cẩm Phả, Quảng Ninh"'
    )
    with pytest.raises(PosterError):
        find_province(text)


def test_two_hundred_characters_are_looked_up_quickly():
    """At the bound, the slowest path (no such name: every unit's name compared) takes
    far under a second: the comparison is cut short by its cheap upper bounds."""
    find_locality("Phường Cẩm Phả")  # the data loaded
    for text in ("x" * 200, "Phường Cẩm Phả, " * 12 + "Quảng Ninh" + "h" * 2, "a b " * 50):
        started = time.perf_counter()
        with pytest.raises(PosterError):
            find_locality(text[:200])
        assert time.perf_counter() - started < 1.0


# ---------------------------------------------------------------- boundaries and orders


def test_exactly_two_hundred_characters_are_looked_up():
    problem = refused("x" * 200)
    assert problem.code == "locality.unknown"
    assert refused("x" * 201).code == "locality.too-long"
    assert refused("x" * 201, "--brand").text("en").startswith("--brand: 201 characters")


def test_search_gives_twenty_by_default():
    assert len(search("xa")) == 20
    assert len(search("xa", 3)) == 3
    assert search("Phường Cẩm Phả" * 20)[:1] == []  # cut at 200 characters: no such unit


def test_a_word_typed_with_two_tone_marks_keeps_the_first():
    assert spelling("hoa\u0300\u0301") == "hoa\u0300"
    assert spelling("Ðà") != spelling("Đà")  # the Icelandic eth typed for Đ is another letter
    assert spelling("ĐÀ LẠT") == "đa\u0300lat\u0323"


def test_similarity_is_cut_short_below_the_cutoff():
    assert places._similar("abcd", "abcd", 0.75) == 1.0
    assert places._similar("abcd", "abxy", 0.9) == 0.0  # 0.5, under 0.9: not computed
    assert places._similar("abcd", "abxy", 0.5) == 0.5
    assert places._similar("a", "abcdefghij", 0.75) == 0.0  # the lengths alone
    assert places._similar("abcdefgh", "abcdxyzw", 0.75) == 0.0  # half the letters in common


def test_the_closest_names_in_order():
    assert refused("Phu Quocc").text("en") == (
        "--locality: no commune, ward or special zone 'Phu Quocc' (did you mean: "
        "Đặc khu Phú Quốc, An Giang; Thành phố Phú Quốc, Kiên Giang; Xã Phú Quới, Vĩnh Long; "
        "Xã Phụ Dực, Hưng Yên; Xã Phú Lộc, Huế?)"
    )
    # today's units first, then the old district as close (its score less 0.05)
    assert refused("Huyen Hiep Hoaa").text("en") == (
        "--locality: no commune, ward or special zone 'Huyen Hiep Hoaa' (did you mean: "
        "Phường Hiệp Hòa, Quảng Ninh; Xã Hiệp Hoà, Bắc Ninh; Xã Hiệp Hoà, Tây Ninh; "
        "Huyện Hiệp Hòa, Bắc Giang; Xã Chiêm Hoá, Tuyên Quang?)"
    )


def test_an_old_city_lists_the_ward_of_its_name_first():
    en, vi = both(refused("Thành phố Cẩm Phả"))
    six = (
        "Phường Cẩm Phả, Quảng Ninh; Phường Cửa Ông, Quảng Ninh; Phường Mông Dương, Quảng Ninh; "
        "Phường Quang Hanh, Quảng Ninh; Xã Hải Hòa, Quảng Ninh; Xã Hải Lạng, Quảng Ninh"
    )
    assert en == (
        "--locality: Thành phố Cẩm Phả, Quảng Ninh is a district of before 1 July 2025, "
        f"now 6 units: {six}. Give one of them"
    )
    assert vi == (
        "--locality: Thành phố Cẩm Phả, Quảng Ninh là huyện/thị xã/thành phố trước ngày "
        f"1/7/2025, nay gồm 6 đơn vị: {six}. Hãy chọn một đơn vị"
    )
    assert refused("TP Cẩm Phả").text("en") == en.replace("", "")
    assert find_locality("Cẩm Phả").label == "Phường Cẩm Phả, Quảng Ninh"  # today's first


def test_numbers_in_order_of_their_value():
    labels = [w.label for w in places._old_wards("Phường 2", None, None)]
    hcm = [x for x in labels if x.endswith("Hồ Chí Minh")]
    assert hcm[:3] == [
        "Phường 2, Quận 3, Hồ Chí Minh", "Phường 2, Quận 4, Hồ Chí Minh",
        "Phường 2, Quận 5, Hồ Chí Minh",
    ]  # fmt: skip
    assert hcm.index("Phường 2, Quận 10, Hồ Chí Minh") > hcm.index("Phường 2, Quận 5, Hồ Chí Minh")


def test_old_wards_filtered_by_district_and_province():
    quan3 = places._districts("quan 3", None)
    assert [d.label for d in quan3] == ["Quận 3, Hồ Chí Minh"]
    assert [w.label for w in places._old_wards("phường 1", None, quan3)] == [
        "Phường 1, Quận 3, Hồ Chí Minh"
    ]
    hcm = places._province_named("ho chi minh")
    assert hcm is not None and hcm[1] is None
    bac_giang = places._province_named("bac giang")
    assert bac_giang is not None and bac_giang[0].short == "Bắc Ninh"
    assert bac_giang[1] is not None and bac_giang[1].full == "Tỉnh Bắc Giang"
    assert places._province_named("tinh bac giang") == bac_giang
    assert places._province_named("thanh pho ho chi minh") == hcm
    assert places._province_named("xa bac giang") is None
    assert places._districts("hiep hoa", bac_giang)[0].full == "Huyện Hiệp Hòa"
    assert places._districts("hiep hoa", hcm) == []
    assert places._districts("huyen hiep hoa", None)[0].label == "Huyện Hiệp Hòa, Bắc Giang"
    assert places._districts("thanh pho hiep hoa", None) == []
    # by today's province: a district whose units are there now
    bac_ninh = places._province_named("bac ninh")
    assert [d.label for d in places._districts("hiep hoa", bac_ninh)] == [
        "Huyện Hiệp Hòa, Bắc Giang"
    ]
    # a ward's name before a merger (Phường 13 of Quận 3 joined Phường 12 in 2023)
    assert [w.label for w in places._old_wards("Phường 13", None, quan3)] == [
        "Phường 12, Quận 3, Hồ Chí Minh"
    ]
    assert places._old_wards("13", None, quan3) == []  # an older name goes with its kind


def test_what_typed_text_is_made_of():
    parse = places._parse
    assert parse("hiệp hòa, bắc ninh", "--x") == places._Typed(
        "hiệp hòa", "", "bắc ninh", places._province_named("bac ninh")
    )
    assert parse("phường 1, quận 3", "--x").district == "quận 3"
    assert parse("phường 1 quận 3", "--x").name == "phường 1"
    assert parse("phường 1 quận 3 thành phố hồ chí minh", "--x").district == "quận 3"
    assert parse("xã quảng ninh", "--x") == places._Typed("xã quảng ninh")
    assert parse("phường xuân hương - đà lạt", "--x").name == "phường xuân hương - đà lạt"
    assert parse("hiệp hòa - bắc ninh", "--x").province == "bắc ninh"
    assert parse("hiệp hòa bắc ninh", "--x").province == "bắc ninh"
    assert parse("số 1, phường cẩm phả, quảng ninh", "--x").name == "phường cẩm phả"
    typed = parse("thôn 3, xã xuân cẩm, huyện hiệp hòa, bắc giang", "--x")
    assert (typed.name, typed.district) == ("xã xuân cẩm", "huyện hiệp hòa")
    assert places._split_words("long điền bà rịa - vũng tàu") == ["long điền", "bà rịa - vũng tàu"]
    assert places._split_words("cẩm phả") == ["cẩm phả"]
    assert places._known("Phường Cẩm Phả") and places._known("Huyện Hiệp Hòa")
    assert places._known("Phường Bến Nghé") and not places._known("Cẩm Phả Quảng Ninh")
    with pytest.raises(PosterError) as raised:
        parse("cẩm phả, atlantis", "--where")
    assert raised.value.problems[0].text("en") == "--where: no province named 'atlantis'"


def test_exactly_two_namesakes_are_listed():
    en, vi = both(refused("Huyện Bảo Lâm"))
    two = "Huyện Bảo Lâm, Cao Bằng; Huyện Bảo Lâm, Lâm Đồng"
    assert en == f"--locality: 'Huyện Bảo Lâm' names 2 units: add the province ({two})"
    assert vi == f"--locality: 'Huyện Bảo Lâm' là tên của 2 đơn vị: hãy thêm tên tỉnh ({two})"
    en, vi = both(refused("Phường Điện Biên"))
    two = "Phường Điện Biên, Quận Ba Đình, Hà Nội; Phường Điện Biên, Thành phố Thanh Hóa, Thanh Hóa"
    assert en == (
        "--locality: 'Phường Điện Biên' names 2 communes or wards of before 1 July 2025: "
        f"add the district ({two})"
    )
    assert vi == (
        "--locality: 'Phường Điện Biên' là tên của 2 xã, phường trước ngày 1/7/2025: hãy thêm "
        f"tên quận, huyện ({two})"
    )


def test_twelve_are_listed_without_an_ellipsis():
    problem = places._listing("locality.ambiguous", "x", "--w", [f"U{i}" for i in range(12)])
    assert problem.problems[0].text("en") == (
        "--w: 'x' names 12 units: add the province (" + "; ".join(f"U{i}" for i in range(12)) + ")"
    )
    problem = places._listing("locality.ambiguous", "x", "--w", [f"U{i}" for i in range(13)])
    assert problem.problems[0].text("en").endswith("; U11; …)")


def test_old_wards_in_a_province_only():
    en, _ = both(refused("Phường 1, TP.HCM"))
    # ten in the city's old districts, one in Vũng Tàu (Bà Rịa - Vũng Tàu joined it)
    assert en.startswith("--locality: 'Phường 1, TP.HCM' names 11 communes or wards of before")
    assert en.count("Hồ Chí Minh;") + en.count("Hồ Chí Minh)") == 10
    assert "Phường 1, Thành phố Vũng Tàu, Bà Rịa - Vũng Tàu" in en
    assert "Bạc Liêu" not in en


def test_a_ward_of_a_district_whose_name_four_provinces_had(notes):
    assert refused("Thị trấn Châu Thành").code == "locality.old-ward-ambiguous"
    unit = find_locality("Thị trấn Châu Thành, Huyện Châu Thành, Trà Vinh")
    assert unit.label == "Xã Châu Thành, Vĩnh Long"
    assert notes[-1].text("en") == (
        "--locality: Thị trấn Châu Thành, Huyện Châu Thành, Trà Vinh (before 1 July 2025) is "
        "now Xã Châu Thành, Vĩnh Long"
    )


def test_five_wards_of_the_name_elsewhere_are_suggested():
    assert refused("Phường 1, Quận 1").text("en") == (
        "--locality: 'Phường 1, Quận 1': no such commune or ward in Quận 1, Hồ Chí Minh "
        "(did you mean: Phường 1, Quận 3, Hồ Chí Minh; Phường 1, Quận 4, Hồ Chí Minh; "
        "Phường 1, Quận 5, Hồ Chí Minh; Phường 1, Quận 6, Hồ Chí Minh; "
        "Phường 1, Quận 10, Hồ Chí Minh?)"
    )


def test_a_province_of_one_word_ends_a_name():
    assert find_locality("Thuận Hóa Huế").label == "Phường Thuận Hóa, Huế"
    assert find_locality("Thuận Hóa - Huế").label == "Phường Thuận Hóa, Huế"


def test_the_last_part_is_the_province():
    with pytest.raises(PosterError) as raised:
        places._parse("cẩm phả, quảng ninh, atlantis", "--x")
    assert raised.value.problems[0].text("en") == "--x: no province named 'atlantis'"


def test_suggestions_in_a_province_are_its_units():
    problem = refused("Cam Phaa, Quảng Ninh")
    listed = problem.text("en").split("(did you mean: ")[1].removesuffix("?)").split("; ")
    # the ward of today, then the old city; none of another province (Phường Cam Ranh…)
    assert listed == ["Phường Cẩm Phả, Quảng Ninh", "Thành phố Cẩm Phả, Quảng Ninh"]


def test_four_provinces_are_suggested_at_most():
    with pytest.raises(PosterError) as raised:
        find_province("Quang")
    assert raised.value.problems[0].text("en") == (
        "--province: no province named 'Quang' (did you mean: Quảng Trị, Quảng Ninh, "
        "Quảng Ngãi, Tuyên Quang?)"
    )
    with pytest.raises(PosterError) as raised:
        find_province("x" * 201)
    (problem,) = raised.value.problems
    assert (problem.code, problem.file) == ("locality.too-long", "--province")


def test_search_puts_names_that_start_with_the_words_before_the_others():
    found = [u.name for u in search("hiep", 60)]
    starting = [
        i for i, name in enumerate(found) if fold(places._without_kind(name)).startswith("hiep")
    ]
    inside = [i for i, name in enumerate(found) if i not in starting]
    assert starting and inside and max(starting) < min(inside)
    assert "Xã Cam Hiệp" in found[min(inside) :]
