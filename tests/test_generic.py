"""Other content: other labels, other item counts, rendered through the command line."""

from __future__ import annotations

import pypdfium2 as pdfium
from conftest import content_yaml, fold, run_cli, write_yaml

LABELS = {"left": "Trước đây", "right": "Ngày nay"}

# Made-up contrasts, short to long, with the whole range of Vietnamese diacritics.
GENERIC_ITEMS = [
    (
        "Hồ sơ giấy sang hồ sơ điện tử",
        "Người dân nộp hồ sơ giấy tại bộ phận một cửa.",
        "Người dân nộp hồ sơ trực tuyến, theo dõi kết quả trên điện thoại mọi lúc mọi nơi.",
    ),
    (
        "Họp trực tiếp sang họp trực tuyến",
        "Mỗi cuộc họp cần phòng họp, xe đưa đón và cả buổi sáng đi lại của cán bộ các xã.",
        "Cuộc họp diễn ra trên nền tảng số, tài liệu gửi trước, biên bản lưu ngay sau khi họp.",
    ),
    (
        "Tiền mặt sang thanh toán không dùng tiền mặt",
        "Nộp học phí, tiền điện, tiền nước phải xếp hàng.",
        "Thanh toán bằng mã QR, ví điện tử, ngân hàng số; chứng từ được lưu tự động, "
        "đối soát dễ dàng, không còn sai sót do đếm tiền thủ công.",
    ),
    (
        "Sổ sách sang dữ liệu",
        "Số liệu nằm trong sổ sách của từng phòng ban, mỗi lần báo cáo lại tổng hợp bằng tay, "
        "mất nhiều ngày và thường không khớp nhau giữa các đơn vị.",
        "Dữ liệu được cập nhật một lần, dùng chung nhiều lần; báo cáo tự sinh từ hệ thống.",
    ),
    (
        "Thông báo loa phường sang ứng dụng",
        "Loa phát thanh đọc thông báo vào sáng sớm.",
        "Thông báo gửi đến từng người qua ứng dụng, có thể đọc lại, phản hồi và đánh giá.",
    ),
    (
        "Khám bệnh xếp hàng sang đặt lịch",
        "Người bệnh đến từ năm giờ sáng để lấy số thứ tự, chờ đợi cả ngày ở bệnh viện tuyến "
        "huyện, nhiều người phải quay lại hôm sau.",
        "Đặt lịch khám qua ứng dụng, hồ sơ sức khỏe điện tử theo người bệnh suốt đời.",
    ),
    (
        "Dạy học bảng đen sang học liệu số",
        "Giáo viên chép bài lên bảng, học sinh chép vào vở.",
        "Học liệu số, lớp học trực tuyến, kho bài giảng dùng chung cho mọi trường trong tỉnh; "
        "học sinh vùng sâu vùng xa cũng được học với giáo viên giỏi.",
    ),
    (
        "Nông sản bán qua thương lái sang sàn thương mại điện tử",
        "Bà con bán vải thiều, nhãn lồng qua thương lái, giá do người mua quyết định.",
        "Bà con đưa sản phẩm lên sàn thương mại điện tử, tự quảng bá, tự chốt đơn và "
        "nhận tiền ngay; truy xuất nguồn gốc bằng mã QR trên từng thùng hàng.",
    ),
]


def _items(start: int = 1) -> list[dict]:
    return [
        {"n": n, "heading": h, "left": left, "right": right}
        for n, (h, left, right) in enumerate(GENERIC_ITEMS, start=start)
    ]


def _pdf_text(path) -> str:
    doc = pdfium.PdfDocument(path)
    try:
        page = doc[0]
        textpage = page.get_textpage()
        text = fold(textpage.get_text_range())
        textpage.close()
        page.close()
        return text
    finally:
        doc.close()


def test_eight_items_with_other_labels_via_cli(tmp_path):
    content = write_yaml(
        tmp_path / "eight.yaml",
        {"title": "NHỮNG THAY ĐỔI NHỜ CHUYỂN ĐỔI SỐ", "labels": LABELS, "items": _items()},
    )
    out = tmp_path / "out" / "eight.pdf"
    done = run_cli("render", "--content", content, "--layout", "a1-portrait", "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.strip() == str(out)
    assert out.is_file() and out.read_bytes().startswith(b"%PDF-")

    text = _pdf_text(out)
    for heading, left, right in GENERIC_ITEMS:
        assert fold(heading) in text
        assert fold(left) in text
        assert fold(right) in text
    assert fold("NHỮNG THAY ĐỔI NHỜ CHUYỂN ĐỔI SỐ") in text
    # the labels are set in capitals, once per tile
    # each side's label in every tile, and once more in the key above the tiles
    assert text.count("TRƯỚC ĐÂY") == len(GENERIC_ITEMS) + 1
    assert text.count("NGÀY NAY") == len(GENERIC_ITEMS) + 1
    # and the default labels are gone
    assert "CÔNG NGHỆ THÔNG TIN" not in text
    # nothing but the PDF was written
    assert sorted(p.name for p in out.parent.iterdir()) == ["eight.pdf"]


def test_twenty_four_items_on_a0_via_cli(tmp_path):
    data = content_yaml()
    shipped = len(data["items"])
    data["items"] += _items(start=shipped + 1)[: 24 - shipped]
    assert [i["n"] for i in data["items"]] == list(range(1, 25))
    content = write_yaml(tmp_path / "twenty-four.yaml", data)
    out = tmp_path / "24.pdf"
    done = run_cli("render", "--content", content, "--layout", "a0-portrait", "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)

    text = _pdf_text(out)
    missing = [i["n"] for i in data["items"] if fold(i["heading"]) not in text]
    assert not missing, f"headings of items {missing} are not in the PDF"
    for item in data["items"][shipped:]:
        assert fold(item["left"]) in text and fold(item["right"]) in text
