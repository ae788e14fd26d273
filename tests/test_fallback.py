"""The PPTX's text as a PC without Be Vietnam Pro sets it (issue 19.8, review 1 must-fix 1):
the shipped widths of the widest substitute fonts, and the text an editable output gets.

The widths are checked against the font files themselves, read here with fontTools
(DejaVu Sans, LibreOffice's substitute, is on this machine; Liberation Sans, Arial's
widths, where installed). The text's no-break spaces and line breaks are checked with
widths worked out from those files, written in the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import brand_yaml, content_yaml, nfc
from fontTools.ttLib import TTFont

from poster import fallback
from poster.document import Run, TextBox, TextLine
from poster.fonts import face
from poster.geometry import Rect
from poster.plan.text import editable, with_breaks
from poster.textfit import Block, style

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
LIBERATION = Path("/usr/share/fonts/truetype/liberation2")
NB = "\xa0"


def advances(path: Path) -> dict[str, float]:
    font = TTFont(path)
    upm = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    return {chr(cp): hmtx[name][0] / upm for cp, name in font.getBestCmap().items()}


def shipped_text() -> str:
    content, brands = content_yaml(), [brand_yaml(b) for b in ("default", "hiep-hoa", "cam-pha")]

    def strings(data: object) -> list[str]:
        if isinstance(data, str):
            return [data]
        if isinstance(data, dict):
            return [s for v in data.values() for s in strings(v)]
        if isinstance(data, list):
            return [s for v in data for s in strings(v)]
        return []

    return nfc(" ".join(strings(content) + [s for b in brands for s in strings(b)]))


@pytest.mark.parametrize(("bold", "files"), [
    (False, ("DejaVuSans.ttf", "LiberationSans-Regular.ttf")),
    (True, ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf")),
])  # fmt: skip
def test_every_character_is_as_wide_as_the_widest_substitute_sets_it(bold, files):
    """Each character of the content and brands (upper case too: titles are set in
    capitals) is at least as wide in the table as in DejaVu Sans, and in Liberation
    Sans where it is installed, and at most a thousandth of an em wider."""
    fonts = [advances(DEJAVU / files[0])]
    if (LIBERATION / files[1]).exists():
        fonts.append(advances(LIBERATION / files[1]))
    text = shipped_text()
    for ch in sorted(set(text + text.upper()) - {"\n"}):
        want = max(f[ch] for f in fonts if ch in f)
        got = fallback.width(ch, bold)
        assert want - 1e-9 <= got <= want + 0.001 + 1e-9 or (len(fonts) == 1 and got >= want), ch
    # the title's label, as DejaVu Sans Bold sets it: 13.382 em (sum of its advances)
    assert fallback.width("CÔNG NGHỆ THÔNG TIN", True) == pytest.approx(13.382, abs=0.01)


def test_wrap_breaks_at_spaces_never_at_no_break_spaces():
    # "ab" in DejaVu Sans at 10 pt: 6.13 + 6.35 pt; a space 3.18: "ab ab" 28.14 pt
    assert fallback.wrap("ab ab ab", 10, 30.0, False) == ["ab ab", "ab"]
    assert fallback.wrap(f"ab{NB}ab ab", 10, 30.0, False) == [f"ab{NB}ab", "ab"]
    assert fallback.wrap(f"ab ab{NB}ab", 10, 30.0, False) == ["ab", f"ab{NB}ab"]
    assert fallback.lines(f"ab{NB}ab{NB}ab", 10, 30.0, False) is None  # wider than the line


TITLE = "SỰ KHÁC NHAU GIỮA CÔNG NGHỆ THÔNG TIN VÀ CHUYỂN ĐỔI SỐ"
LABELS = ("Công nghệ thông tin", "Chuyển đổi số")


def title_block(size: float) -> Block:
    st = style(face("title"), size, 1.1, [TITLE])
    lines = ("SỰ KHÁC NHAU GIỮA", "CÔNG NGHỆ THÔNG TIN", "VÀ CHUYỂN ĐỔI SỐ")
    return Block(lines, st, keep=LABELS)


def test_a_label_is_joined_only_where_the_substitute_sets_it_in_the_box():
    # the 4:3 title at 47.5 pt: "CÔNG NGHỆ THÔNG TIN" is 13.382 × 47.5 = 635.6 pt in
    # DejaVu Sans Bold. In a 587 pt box (the PDF's) it would break inside "TIN", so only
    # its words are joined; in the safe area's 652 pt it is joined whole
    block = title_block(47.5)
    assert editable(block, 587.0) == (
        f"SỰ KHÁC{NB}NHAU GIỮA CÔNG{NB}NGHỆ THÔNG{NB}TIN VÀ CHUYỂN{NB}ĐỔI{NB}SỐ"
    )
    assert editable(block, 652.0) == (
        f"SỰ KHÁC{NB}NHAU GIỮA CÔNG{NB}NGHỆ{NB}THÔNG{NB}TIN VÀ CHUYỂN{NB}ĐỔI{NB}SỐ"
    )


def test_body_text_joins_only_its_last_two_syllables():
    st = style(face("body"), 24, 1.3, ["a"])
    text = "Phục vụ nhà quản lý, làm dễ việc cho nhà quản lý."
    block = Block((text,), st)
    assert editable(block, 400.0) == text.removesuffix(" lý.") + f"{NB}lý."
    # in a line too narrow for the two together twice over, nothing is joined
    assert editable(block, 60.0) == text


def box_of(block: Block, width: float) -> TextBox:
    st = block.style
    lines = tuple(
        TextLine(0.0, 100.0 - k * st.pitch, t, st.face.name, st.size, (0, 0, 0))  # type: ignore[arg-type]
        for k, t in enumerate(block.lines)
    )
    run = Run(editable(block, width), st.face.name, st.size, (0, 0, 0))  # type: ignore[arg-type]
    return TextBox(Rect(0, 0, width, 100), (run,), lines, st.pitch, "center")


def test_display_lines_end_with_line_breaks_where_the_substitute_fits_them():
    # each line of the title fits 652 pt in DejaVu Sans Bold at 47.5 pt (the widest,
    # "CÔNG NGHỆ THÔNG TIN", 635.6 pt): the run breaks where the plan's lines do
    box = with_breaks(box_of(title_block(47.5), 652.0))
    assert box.runs[0].text == (
        f"SỰ KHÁC{NB}NHAU GIỮA\nCÔNG{NB}NGHỆ{NB}THÔNG{NB}TIN\nVÀ CHUYỂN{NB}ĐỔI{NB}SỐ"
    )
    # at 50 pt it does not fit (669 pt): no line breaks, the office program wraps
    wide = box_of(title_block(50.0), 652.0)
    assert with_breaks(wide) == wide
