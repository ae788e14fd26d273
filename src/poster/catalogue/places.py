"""Messages about finding a commune, ward or province by name."""

from __future__ import annotations

# code → (English, Vietnamese)
MESSAGES: dict[str, tuple[str, str]] = {
    # ---- localities
    "locality.unknown": (
        "no commune, ward or special zone {name!r}",
        "không có xã, phường hay đặc khu nào tên {name!r}",
    ),
    "locality.unknown-suggest": (
        "no commune, ward or special zone {name!r} (did you mean: {suggestions}?)",
        "không có xã, phường hay đặc khu nào tên {name!r} (có phải: {suggestions}?)",
    ),
    "locality.ambiguous": (
        "{name!r} names {count} units: add the province ({options})",
        "{name!r} là tên của {count} đơn vị: hãy thêm tên tỉnh ({options})",
    ),
    "locality.ambiguous-accents": (
        "{name!r} names {count} units: type the name with its accents ({options})",
        "{name!r} là tên của {count} đơn vị: hãy gõ tên có đủ dấu ({options})",
    ),
    "locality.old-unit": (
        "{old} is a district of before 1 July 2025, now {count} units: {options}. Give one of them",
        "{old} là huyện/thị xã/thành phố trước ngày 1/7/2025, nay gồm {count} đơn vị: "
        "{options}. Hãy chọn một đơn vị",
    ),
    "locality.old-unit-merged": (
        "{old} is a district of before 1 July 2025 ({old_province} merged into "
        "{new_province} on 1/7/2025), now {count} units: {options}. Give one of them",
        "{old} là huyện/thị xã/thành phố trước ngày 1/7/2025 ({old_province} đã hợp nhất "
        "vào {new_province} từ 1/7/2025), nay gồm {count} đơn vị: {options}. "
        "Hãy chọn một đơn vị",
    ),
    "locality.became": (
        "{old} (before 1 July 2025) is now {unit}",
        "{old} (trước ngày 1/7/2025) nay là {unit}",
    ),
    "locality.merged": (
        "{old} merged into {new} on 1/7/2025",
        "{old} đã hợp nhất vào {new} từ ngày 1/7/2025",
    ),
    "locality.province": (
        "{name!r} is a province, not a commune: for every commune and ward of it, run "
        'poster batch --province "{province}"',
        "{name!r} là một tỉnh, thành phố, không phải xã, phường: để in cho mọi xã, phường "
        'của tỉnh, chạy poster batch --province "{province}"',
    ),
    "locality.province-units": (
        "{name!r} is a province, not a commune: for every commune and ward of it, run "
        'poster batch --province "{province}". It is also the name of {options}: for '
        "that one, give its kind (Phường, Xã) or its province",
        "{name!r} là một tỉnh, thành phố, không phải xã, phường: để in cho mọi xã, phường "
        'của tỉnh, chạy poster batch --province "{province}". Tên này cũng là tên của '
        "{options}: để in cho đơn vị đó, hãy ghi rõ loại (Phường, Xã) hoặc tên tỉnh",
    ),
    "locality.province-old": (
        "{name!r} is a province of before 1 July 2025 ({old} merged into {province} on "
        "1/7/2025), not a commune: for every commune and ward of {province}, run "
        'poster batch --province "{province}"',
        "{name!r} là tỉnh trước ngày 1/7/2025 ({old} đã hợp nhất vào {province} từ 1/7/2025), "
        "không phải xã, phường: để in cho mọi xã, phường của {province}, chạy "
        'poster batch --province "{province}"',
    ),
    "locality.province-old-units": (
        "{name!r} is a province of before 1 July 2025 ({old} merged into {province} on "
        "1/7/2025), not a commune: for every commune and ward of {province}, run "
        'poster batch --province "{province}". It is also the name of {options}: for '
        "that one, give its kind (Phường, Xã) or its province",
        "{name!r} là tỉnh trước ngày 1/7/2025 ({old} đã hợp nhất vào {province} từ 1/7/2025), "
        "không phải xã, phường: để in cho mọi xã, phường của {province}, chạy "
        'poster batch --province "{province}". Tên này cũng là tên của {options}: '
        "để in cho đơn vị đó, hãy ghi rõ loại (Phường, Xã) hoặc tên tỉnh",
    ),
    "locality.old-ward": (
        "{old} is a commune or ward of before 1 July 2025, now part of {count} units: "
        "{options}. Give one of them",
        "{old} là xã, phường, thị trấn trước ngày 1/7/2025, nay thuộc {count} đơn vị: "
        "{options}. Hãy chọn một đơn vị",
    ),
    "locality.old-ward-ambiguous": (
        "{name!r} names {count} communes or wards of before 1 July 2025: add the district "
        "({options})",
        "{name!r} là tên của {count} xã, phường trước ngày 1/7/2025: hãy thêm tên quận, huyện "
        "({options})",
    ),
    "locality.unknown-in-district": (
        "{name!r}: no such commune or ward in {district} (did you mean: {suggestions}?)",
        "{name!r}: không có xã, phường này trong {district} (có phải: {suggestions}?)",
    ),
    "locality.too-long": (
        "{count} characters is too long for the name of a place (at most {limit}): give the "
        'name of a commune or ward, e.g. "Phường Cẩm Phả, Quảng Ninh"',
        "{count} ký tự là quá dài cho tên một địa phương (tối đa {limit}): hãy cho tên một "
        'xã, phường, ví dụ "Phường Cẩm Phả, Quảng Ninh"',
    ),
    "locality.empty": (
        "give the name of a commune or ward",
        "hãy cho tên một xã, phường hoặc đặc khu",
    ),
    "province.unknown": (
        "no province named {name!r}",
        "không có tỉnh, thành phố nào tên {name!r}",
    ),
    "province.unknown-suggest": (
        "no province named {name!r} (did you mean: {suggestions}?)",
        "không có tỉnh, thành phố nào tên {name!r} (có phải: {suggestions}?)",
    ),
    "province.empty": ("give a province name", "hãy cho tên một tỉnh, thành phố"),
}
