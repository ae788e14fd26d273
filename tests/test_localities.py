"""`render --locality`: every way an officer names a place — special zones by their plain
name, names from before 1 July 2025 (old provinces, districts, towns and cities), with a
comma, a hyphen or nothing between the unit and the province, a province alone. Each
answer is checked word for word, in English and in Vietnamese."""

from __future__ import annotations

import pytest
from conftest import pdf_text, run_cli


def _render(tmp_path, name: str, lang: str = "C"):
    out = tmp_path / "p.pdf"
    done = run_cli("render", "--locality", name, "--layout", "a3-portrait", "-o", out, lang=lang)
    return done, out


@pytest.mark.parametrize(
    ("typed", "authority", "province"),
    [
        ("Phú Quốc", "UBND ĐẶC KHU PHÚ QUỐC", "TỈNH AN GIANG"),
        ("Côn Đảo", "UBND ĐẶC KHU CÔN ĐẢO", "THÀNH PHỐ HỒ CHÍ MINH"),
        ("ly son", "UBND ĐẶC KHU LÝ SƠN", "TỈNH QUẢNG NGÃI"),
        ("Bạch Long Vĩ", "UBND ĐẶC KHU BẠCH LONG VĨ", "THÀNH PHỐ HẢI PHÒNG"),
        ("Hiệp Hòa Bắc Ninh", "UBND XÃ HIỆP HOÀ", "TỈNH BẮC NINH"),
        ("hiep hoa - tay ninh", "UBND XÃ HIỆP HOÀ", "TỈNH TÂY NINH"),
    ],
)
def test_units_of_today_by_every_name(tmp_path, typed, authority, province):
    done, out = _render(tmp_path, typed)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    text = pdf_text(out)
    assert authority in text and province in text


def test_an_old_province_is_looked_up_where_it_merged(tmp_path):
    done, out = _render(tmp_path, "Hiệp Hòa, Bắc Giang")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "warning: --locality: Bắc Giang merged into Bắc Ninh on 1/7/2025"
    ]
    assert "UBND XÃ HIỆP HOÀ" in pdf_text(out) and "TỈNH BẮC NINH" in pdf_text(out)
    done, _ = _render(tmp_path, "Hiệp Hòa, Bắc Giang", lang="vi_VN.UTF-8")
    assert done.stderr.splitlines() == [
        "cảnh báo: --locality: Bắc Giang đã hợp nhất vào Bắc Ninh từ ngày 1/7/2025"
    ]


def test_an_old_district_lists_the_units_it_became(tmp_path):
    done, out = _render(tmp_path, "Huyện Hiệp Hòa, Bắc Giang")
    assert done.returncode == 2
    assert not out.exists()
    assert done.stderr.splitlines() == [
        "--locality: Huyện Hiệp Hòa, Bắc Giang is a district of before 1 July 2025 "
        "(Bắc Giang merged into Bắc Ninh on 1/7/2025), now 4 units: Xã Hiệp Hoà, Bắc Ninh; "
        "Xã Hoàng Vân, Bắc Ninh; Xã Hợp Thịnh, Bắc Ninh; Xã Xuân Cẩm, Bắc Ninh. "
        "Give one of them"
    ]
    done, _ = _render(tmp_path, "Huyện Hiệp Hòa, Bắc Giang", lang="vi_VN.UTF-8")
    assert done.stderr.splitlines() == [
        "--locality: Huyện Hiệp Hòa, Bắc Giang là huyện/thị xã/thành phố trước ngày 1/7/2025 "
        "(Bắc Giang đã hợp nhất vào Bắc Ninh từ 1/7/2025), nay gồm 4 đơn vị: "
        "Xã Hiệp Hoà, Bắc Ninh; Xã Hoàng Vân, Bắc Ninh; Xã Hợp Thịnh, Bắc Ninh; "
        "Xã Xuân Cẩm, Bắc Ninh. Hãy chọn một đơn vị"
    ]


def test_the_old_city_on_the_cam_pha_letterhead(tmp_path):
    # what the shipped cam-pha brand prints; the ward of the same name comes first
    done, _ = _render(tmp_path, "Thành phố Cẩm Phả")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "--locality: Thành phố Cẩm Phả, Quảng Ninh is a district of before 1 July 2025, "
        "now 6 units: Phường Cẩm Phả, Quảng Ninh; Phường Cửa Ông, Quảng Ninh; "
        "Phường Mông Dương, Quảng Ninh; Phường Quang Hanh, Quảng Ninh; Xã Hải Hòa, Quảng Ninh; "
        "Xã Hải Lạng, Quảng Ninh. Give one of them"
    ]


def test_a_province_alone_answers_with_the_batch_command(tmp_path):
    done, _ = _render(tmp_path, "Hà Nội")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "--locality: 'Hà Nội' is a province, not a commune: for every commune and ward of it, "
        'run poster batch --province "Hà Nội"'
    ]
    done, _ = _render(tmp_path, "Tỉnh Quảng Ninh", lang="vi_VN.UTF-8")
    assert done.stderr.splitlines() == [
        "--locality: 'Tỉnh Quảng Ninh' là một tỉnh, thành phố, không phải xã, phường: để in "
        'cho mọi xã, phường của tỉnh, chạy poster batch --province "Quảng Ninh"'
    ]


def test_batch_province_takes_an_old_province_name(tmp_path):
    from poster.localities import find_province

    assert find_province("Bắc Giang").short == "Bắc Ninh"
    assert find_province("tinh ba ria - vung tau").short == "Hồ Chí Minh"


def test_suggestions_are_ranked_by_similarity_with_kind_and_province(tmp_path):
    done, _ = _render(tmp_path, "Phường Cẩm Pah")
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith(
        "--locality: no commune, ward or special zone 'Phường Cẩm Pah' "
        "(did you mean: Phường Cẩm Phả, Quảng Ninh; "
    ), line
    done, _ = _render(tmp_path, "Đặc khu Phú Quoc")  # one letter without its accent
    assert done.returncode == 0, done.stderr
    done, _ = _render(tmp_path, "Phu Quocc", lang="vi_VN.UTF-8")
    (line,) = done.stderr.splitlines()
    # the closest first: today's special zone, then the old city of the same name
    assert line.startswith(
        "--locality: không có xã, phường hay đặc khu nào tên 'Phu Quocc' "
        "(có phải: Đặc khu Phú Quốc, An Giang; Thành phố Phú Quốc, Kiên Giang; "
    ), line


HIEP_HOA = "Phường Hiệp Hòa, Quảng Ninh; Xã Hiệp Hoà, Bắc Ninh; Xã Hiệp Hoà, Tây Ninh"


@pytest.mark.parametrize("typed", ["Hiệp Hòa", "Hiệp Hoà"])
def test_the_tone_mark_placement_does_not_decide(tmp_path, typed):
    """'Hiệp Hòa' once rendered Phường Hiệp Hòa (Quảng Ninh) silently, while 'Hiệp Hoà'
    listed the units so named: both list the three, in both languages, and write nothing."""
    done, out = _render(tmp_path, typed)
    assert done.returncode == 2
    assert done.stderr == f"--locality: {typed!r} names 3 units: add the province ({HIEP_HOA})\n"
    done, out = _render(tmp_path, typed, lang="vi_VN.UTF-8")
    assert done.stderr == (
        f"--locality: {typed!r} là tên của 3 đơn vị: hãy thêm tên tỉnh ({HIEP_HOA})\n"
    )
    assert not out.exists()


def test_the_old_province_alone_is_not_the_ward_of_its_name(tmp_path):
    done, out = _render(tmp_path, "Bac Giang")
    assert done.returncode == 2 and not out.exists()
    assert done.stderr == (
        "--locality: 'Bac Giang' is a province of before 1 July 2025 (Bắc Giang merged into "
        "Bắc Ninh on 1/7/2025), not a commune: for every commune and ward of Bắc Ninh, run "
        'poster batch --province "Bắc Ninh". It is also the name of Phường Bắc Giang, '
        "Bắc Ninh: for that one, give its kind (Phường, Xã) or its province\n"
    )


@pytest.mark.parametrize(
    ("typed", "authority", "province"),
    [
        ("P. Cẩm Phả, T. Quảng Ninh", "UBND PHƯỜNG CẨM PHẢ", "TỈNH QUẢNG NINH"),
        ("Phường  Tân Lập, Đắk Lắk", "UBND PHƯỜNG TÂN LẬP", "TỈNH ĐẮK LẮK"),
        ("dong ha", "UBND PHƯỜNG ĐÔNG HÀ", "TỈNH QUẢNG TRỊ"),
    ],
)
def test_abbreviations_spaces_and_d_on_the_command_line(tmp_path, typed, authority, province):
    done, out = _render(tmp_path, typed)
    assert done.returncode == 0, done.stderr
    text = pdf_text(out)
    assert authority in text and province in text
    assert "PHƯỜNG  " not in text and "UBND  " not in text  # one space, as typed or not


def test_an_old_ward_of_the_city_renders_the_ward_it_became(tmp_path):
    done, out = _render(tmp_path, "P.1, Q.3, TP.HCM")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "warning: --locality: Phường 1, Quận 3, Hồ Chí Minh (before 1 July 2025) is now "
        "Phường Bàn Cờ, Hồ Chí Minh"
    ]
    assert "UBND PHƯỜNG BÀN CỜ" in pdf_text(out)
    done, _ = _render(tmp_path, "Quận 1, TP.HCM", lang="vi_VN.UTF-8")
    assert done.returncode == 2
    assert done.stderr == (
        "--locality: Quận 1, Hồ Chí Minh là huyện/thị xã/thành phố trước ngày 1/7/2025, nay gồm "
        "4 đơn vị: Phường Bến Thành, Hồ Chí Minh; Phường Cầu Ông Lãnh, Hồ Chí Minh; "
        "Phường Sài Gòn, Hồ Chí Minh; Phường Tân Định, Hồ Chí Minh. Hãy chọn một đơn vị\n"
    )


@pytest.mark.parametrize("length", [10_000, 30_000])  # an argument holds at most 128 KB
def test_a_very_long_locality_is_refused_quickly_and_small(tmp_path, length):
    """15 ms a character once: 10,000 characters never finished. The bound is checked
    before anything: exit 2 naming the limit, well under 5 s and 500 MB."""
    import resource
    import time

    typed = ("Phường Cẩm Phả, " * (length // 16 + 1))[:length]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.monotonic()
    done, out = _render(tmp_path, typed)
    seconds = time.monotonic() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert done.returncode == 2 and not out.exists()
    assert done.stderr == (
        f"--locality: {length} characters is too long for the name of a place (at most 200): "
        'give the name of a commune or ward, e.g. "Phường Cẩm Phả, Quảng Ninh"\n'
    )
    assert seconds < 5
    assert max(before, peak_kb) < 500 * 1024  # KB: the largest child so far
