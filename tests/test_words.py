"""Words kept whole (issue 19, item 3): display lines never end inside a Vietnamese word.

The rendered outputs are checked against a word list written by hand in
tests/data/compounds.txt (not the program's own list or segmenter): in every poster
layout and both decks (our PDF, and the PPTX as LibreOffice sets it), no line of a
heading, the title, the key, a caption, a slide heading or the overview ends with the
first syllables of a listed word while the next line starts with the rest. The
segmentation, the display wrapping and the body's preference for word boundaries are
checked by hand-worked examples, with the ruler of tests/metrics.py where widths count.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import msgspec
import pypdfium2 as pdfium
import pytest
from conftest import (
    BRANDS,
    DECK_LAYOUTS,
    LAYOUTS,
    Char,
    brand_yaml,
    content_yaml,
    nfc,
    page_chars,
    page_texts,
    text_lines,
)
from metrics import ruler
from pypdf import PdfReader

from poster import words
from poster.geometry import Rect
from poster.textfit import SPLIT, refine, wrap

WORD_LIST = Path(__file__).parent / "data" / "compounds.txt"
PUNCTUATION = ",.;:!?()\"“”'…"


def listed() -> list[tuple[str, ...]]:
    out = []
    for line in WORD_LIST.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(tuple(nfc(line).split(" ")))
    return out


def syllables(text: str) -> list[str]:
    """Lower case, punctuation around each syllable dropped; any whitespace (a PDF's
    no-break space too) separates."""
    return [s.strip(PUNCTUATION).lower() for s in nfc(text).split()]


# ---------------------------------------------------------------- lines read from the PDF


def _segments(chars: list[Char]) -> list[tuple[str, Rect, float, str]]:
    """Each baseline's characters, split where a gap wider than 1.5 em opens:
    (text, box from the baseline up, size, font)."""
    runs = []
    for line in text_lines(chars):
        line.sort(key=lambda c: c.box.x0)
        run: list[Char] = []
        for ch in line:
            if run and ch.box.x0 - run[-1].box.x1 > 1.5 * ch.size and not ch.text.isspace():
                runs.append(run)
                run = []
            run.append(ch)
        runs.append(run)
    out = []
    for run in runs:
        ink = [c for c in run if not c.text.isspace()]
        if ink:
            box = Rect(
                min(c.box.x0 for c in ink),
                min(c.baseline for c in ink),
                max(c.box.x1 for c in ink),
                max(c.box.y1 for c in ink),
            )
            text = "".join(c.text for c in run).strip()
            out.append((text, box, max(c.size for c in ink), ink[0].font))
    return out


def display_line_pairs(pdf: bytes) -> list[tuple[int, str, str]]:
    """(page, line, next line) for consecutive lines of one block of display text: bold
    type (headings, title, key, labels, captions; any page) and every line of an
    overview page (a deck's page showing five headings or more and no side's text).
    Consecutive: same font and size, the next baseline 0.8 to 1.7 em lower,
    overlapping horizontally."""
    items = content_yaml()["items"]
    headings = ["".join(nfc(i["heading"]).split()) for i in items]
    sides = ["".join(nfc(i[side]).split())[:30] for i in items for side in ("left", "right")]
    texts = page_texts(pdf)
    pairs = []
    doc = pdfium.PdfDocument(pdf)
    try:
        for number, page in enumerate(doc, start=1):
            squashed = "".join(nfc(texts[number - 1]).split())
            overview = sum(h in squashed for h in headings) >= 5 and not any(
                side in squashed for side in sides
            )
            tp = page.get_textpage()
            chars = [c for c in page_chars(tp) if overview or "Bold" in c.font]
            tp.close()
            segs = _segments(chars)
            for a_text, a, size, font in segs:
                for b_text, b, b_size, b_font in segs:
                    if (b_font, round(b_size, 1)) != (font, round(size, 1)):
                        continue
                    if 0.8 * size < a.y0 - b.y0 < 1.7 * size and a.x0 < b.x1 and b.x0 < a.x1:
                        pairs.append((number, a_text, b_text))
    finally:
        doc.close()
    return pairs


def split_words(pairs: list[tuple[int, str, str]]) -> list[str]:
    """The listed words that a line break of `pairs` splits."""
    found = []
    for page, a, b in pairs:
        end, start = syllables(a), syllables(b)
        for word in listed():
            for k in range(1, len(word)):
                if end[-k:] == list(word[:k]) and start[: len(word) - k] == list(word[k:]):
                    found.append(f"page {page}: {a!r} / {b!r} splits {' '.join(word)!r}")
    return found


def test_the_word_list_is_what_the_tests_say():
    words_ = listed()
    assert len(words_) == len(set(words_)) >= 50
    assert all(2 <= len(w) <= 3 and all(s == s.lower() for s in w) for w in words_)
    assert ("công", "nghệ") in words_ and ("tự", "động", "hóa") in words_


def test_the_split_finder_finds_a_split():
    # the check itself: "… giám đốc công" / "nghệ thông tin …" splits "công nghệ", a
    # break between two words does not count
    pairs = [
        (1, "Chuyển trọng tâm từ giám đốc công", "nghệ thông tin sang người đứng đầu"),
        (1, "Chuyển từ tự động", "hóa sang thông minh hóa"),
        (1, "Chuyển từ tự", "động hóa sang thông minh hóa"),
        (1, "Chuyển trọng tâm từ giám đốc", "công nghệ thông tin"),
        (1, "Chuyển từ dữ liệu của tổ chức,", "sang dữ liệu"),
    ]
    assert len(split_words(pairs)) == 3


# every poster layout and both decks, with every shipped brand
@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("layout", [*LAYOUTS, *DECK_LAYOUTS])
def test_no_display_line_ends_inside_a_word(render, layout, brand):
    pairs = display_line_pairs(render(layout, brand).pdf)
    assert pairs, "no display line breaks found: the reader is wrong"
    assert split_words(pairs) == []


def _strings(data: object) -> list[str]:
    """Every string of a YAML document, however deep."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


def written_syllables(brand: str) -> set[str]:
    """Every syllable of the content, the brand and the closing slide's thanks, the
    items' numbers, a continuation's "(tiếp)"."""
    texts = _strings(content_yaml()) + _strings(brand_yaml(brand)) + ["Trân trọng cảm ơn!"]
    numbers = {str(i["n"]) for i in content_yaml()["items"]}  # the overview's
    return {s for text in texts for s in syllables(text)} | numbers | {"tiếp"}


def display_breaks(pdf: bytes) -> list[tuple[int, str, str]]:
    """(page, line, next line) of display text as LibreOffice set it: the pairs of
    `display_line_pairs`, and, on an overview page, an entry's first line (which starts
    with its number, in another font) with its second."""
    pairs = set(display_line_pairs(pdf))
    doc = pdfium.PdfDocument(pdf)
    try:
        for number, page in enumerate(doc, start=1):
            tp = page.get_textpage()
            chars = page_chars(tp)
            tp.close()
            segs = _segments(chars)
            for a_text, a, size, _ in segs:
                if not a_text.split()[0].isdigit() or len(a_text.split()) < 2:
                    continue
                for b_text, b, b_size, _ in segs:
                    below = 0.8 * size < a.y0 - b.y0 < 1.7 * size and a.x0 < b.x1 and b.x0 < a.x1
                    if abs(b_size - size) < 0.2 and below and not b_text.split()[0].isdigit():
                        pairs.add((number, a_text.split(" ", 1)[1], b_text))
    finally:
        doc.close()
    return sorted(pairs)


@pytest.mark.xdist_group("libreoffice")
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_libreoffice_breaks_the_pptx_display_lines_between_words(cli_render, layout, tmp_path):
    """PowerPoint and LibreOffice wrap the PPTX themselves, here in DejaVu Sans (this
    machine has no Be Vietnam Pro, as most office PCs): no line of the title, a heading,
    the overview or the closing slide ends inside a word of the hand-written list, nor
    inside a syllable (the syllables on both sides of every break are syllables of the
    content or the brand: the 4:3 title broke "THÔNG TI / N VÀ", its no-break run
    wider than the box in the substitute). Every brand, one conversion per deck."""
    fonts = subprocess.run(["fc-list"], capture_output=True, text=True).stdout
    assert "be vietnam" not in fonts.lower(), "this test needs a machine without the font"
    pptx = [cli_render(layout, brand, "pptx") for brand in BRANDS]
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, pptx)],
        capture_output=True, text=True, timeout=300,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    problems = []
    for brand, path in zip(BRANDS, pptx, strict=True):
        converted = tmp_path / (path.stem + ".pdf")
        assert converted.exists(), done.stderr
        pairs = display_breaks(converted.read_bytes())
        assert len(pairs) >= 20, "too few display line breaks found: the reader is wrong"
        problems += [f"{brand}: {s}" for s in split_words(pairs)]
        known = written_syllables(brand)
        for page, a, b in pairs:
            if not set(syllables(a)[-1:] + syllables(b)[:1]) <= known:
                problems.append(f"{brand}: page {page}: {a!r} / {b!r} breaks inside a syllable")
    assert problems == [], "\n".join(problems)


def body_line_pairs(pdf: bytes) -> list[tuple[int, str, str]]:
    """(page, line, next line) of the sides' text on a deck's item slides (regular
    glyphs of the pages labelled with an item's number)."""
    labels = list(PdfReader(io.BytesIO(pdf)).page_labels)
    pairs = []
    doc = pdfium.PdfDocument(pdf)
    try:
        for number, page in enumerate(doc, start=1):
            if not labels[number - 1].split(" ")[0].isdigit():
                continue
            tp = page.get_textpage()
            chars = [c for c in page_chars(tp) if "Regular" in c.font]
            tp.close()
            segs = _segments(chars)
            for a_text, a, size, _ in segs:
                for b_text, b, b_size, _ in segs:
                    below = 0.8 * size < a.y0 - b.y0 < 1.7 * size and a.x0 < b.x1 and b.x0 < a.x1
                    if below and abs(b_size - size) < 0.1:
                        pairs.append((number, a_text, b_text))
    finally:
        doc.close()
    return pairs


@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_slide_body_text_keeps_its_words_whole_where_the_slide_has_room(render, layout):
    """The review counted about 12 words of the list split over two lines of the 16:9
    deck's sides ("chi / phí", "đầu / tư", "doanh / nghiệp"; 13 by this reader, 3 on
    4:3) against 2 on a whole A1 poster: now at most 2 in a deck, of some 200 breaks."""
    pairs = body_line_pairs(render(layout, "hiep-hoa").pdf)
    assert len(pairs) > 100, "too few body line breaks found: the reader is wrong"
    assert len(split_words(pairs)) <= 2, split_words(pairs)


TURNS = {"từ", "sang", "và", "của"}


@pytest.mark.parametrize("layout", [*LAYOUTS, *DECK_LAYOUTS])
def test_display_lines_end_where_a_phrase_does(render, layout):
    """No line of a heading, the title, the key, a caption or the overview ends with
    "từ", "sang", "và" or "của" (from, to, and, of: they lead into the next words),
    except in item 1's heading, whose twenty words hold four of them and whose lines
    cannot all end at a phrase within its width (16:9 ended "Chuyển từ chi phí sang /
    tạo ra …", 4:3's overview "… có cấu trúc sang / dữ liệu phi cấu trúc")."""
    first = syllables(content_yaml()["items"][0]["heading"])
    found = []
    for page, a, b in display_line_pairs(render(layout, "hiep-hoa").pdf):
        end = syllables(a)[-1:]
        if end and end[0] in TURNS:
            joined = syllables(a) + syllables(b)
            within = any(first[k : k + len(joined)] == joined for k in range(len(first)))
            if not within:
                found.append(f"page {page}: {a!r} / {b!r}")
    assert found == []


def caption_lines(pdf: bytes, page: int, caption: str) -> list[str] | None:
    """The consecutive lines of `page` (pdfium's text, 0-based page) that make up the
    QR code's `caption` when joined by spaces; None if they are not there."""
    want = " ".join(nfc(caption).split())
    doc = pdfium.PdfDocument(pdf)
    try:
        tp = doc[page].get_textpage()
        text = tp.get_text_range()
        tp.close()
    finally:
        doc.close()
    lines = [" ".join(nfc(t).split()) for t in text.splitlines()]
    for i in range(len(lines)):
        for j in range(i + 1, len(lines) + 1):
            joined = " ".join(lines[i:j])
            if joined == want:
                return lines[i:j]
            if not want.startswith(joined):
                break
    return None


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("layout", [*LAYOUTS, *DECK_LAYOUTS])
def test_the_qr_caption_keeps_the_labels_and_words_whole(render, layout, brand):
    # the review of 2026-12-04: "Câu chuyện chuyển đổi / số của 63 tỉnh, thành phố"
    caption = brand_yaml(brand)["qr"]["caption"]
    pdf = render(layout, brand).pdf
    page = len(page_texts(pdf)) - 1 if layout in DECK_LAYOUTS else 0
    lines = caption_lines(pdf, page, caption)
    assert lines is not None, f"the caption {caption!r} is not on the page"
    labels = [nfc(content_yaml()["labels"][k]).lower() for k in ("left", "right")]
    for label in labels:
        if label in nfc(caption).lower():
            assert any(label in line.lower() for line in lines), (label, lines)
    pairs = [(page + 1, a, b) for a, b in pairwise(lines)]
    assert split_words(pairs) == []


TITLE_PHRASES = ["CÔNG NGHỆ THÔNG TIN", "CHUYỂN ĐỔI SỐ"]


def title_lines(pdf: bytes) -> list[str]:
    """The lines of the first page set in the title's face that belong to the title."""
    title = " ".join(nfc(content_yaml()["title"]).split())
    doc = pdfium.PdfDocument(pdf)
    try:
        tp = doc[0].get_textpage()
        chars = [c for c in page_chars(tp) if "ExtraBold" in c.font]
        tp.close()
    finally:
        doc.close()
    lines = [" ".join(t.split()) for t, *_ in _segments(chars)]
    return [t for t in lines if any(ch.isalpha() for ch in t) and t in title]


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("layout", [*LAYOUTS, *DECK_LAYOUTS])
def test_the_title_keeps_both_labels_on_one_line(render, layout, brand):
    lines = title_lines(render(layout, brand).pdf)
    title = " ".join(nfc(content_yaml()["title"]).split())
    assert " ".join(lines) == title, lines  # the title, all of it, was found
    for phrase in TITLE_PHRASES:
        assert any(phrase in line for line in lines), (phrase, lines)


# ---------------------------------------------------------------- segmentation


def test_words_are_the_fewest_of_the_list_and_punctuation_ends_one():
    heading = "Chuyển trọng tâm từ chính quyền sang người dân, từ tổ chức sang nhân viên"
    assert words.join(tuple(heading.split(" "))) == (
        "Chuyển", "trọng tâm", "từ", "chính quyền", "sang", "người dân,", "từ", "tổ chức",
        "sang", "nhân viên",
    )  # fmt: skip
    # "cách làm" and "làm việc" are both words: the later one wins, as in "chuyển đổi
    # cách làm việc" (changing how one works)
    assert words.join(("chuyển", "đổi", "cách", "làm", "việc")) == (
        "chuyển đổi",
        "cách",
        "làm việc",
    )
    # three syllables; the tone mark of "hoá" on either vowel; capitals
    assert words.join(("Tự", "động", "hoá", "và", "UỶ", "BAN")) == ("Tự động hoá", "và", "UỶ BAN")
    # a comma or a full stop between two syllables: never one word
    assert words.join(("dữ.", "liệu", "dữ,", "liệu")) == ("dữ.", "liệu", "dữ,", "liệu")


def test_labels_are_phrases_found_in_any_case_before_words():
    title = tuple(
        ["SỰ", "KHÁC", "NHAU", "GIỮA", "CÔNG", "NGHỆ", "THÔNG", "TIN", "VÀ", "CHUYỂN", "ĐỔI", "SỐ"]
    )
    labels = ("Công nghệ thông tin", "Chuyển đổi số")
    assert words.join(title, labels) == (
        "SỰ", "KHÁC NHAU", "GIỮA", "CÔNG NGHỆ THÔNG TIN", "VÀ", "CHUYỂN ĐỔI SỐ",
    )  # fmt: skip
    assert words.join(title) == (
        "SỰ", "KHÁC NHAU", "GIỮA", "CÔNG NGHỆ", "THÔNG TIN", "VÀ", "CHUYỂN ĐỔI", "SỐ",
    )  # fmt: skip
    # a sign after the phrase stays with it
    assert words.join(("từ", "công", "nghệ", "thông", "tin", "+"), labels) == (
        "từ",
        "công nghệ thông tin",
        "+",
    )


def test_the_gaps_inside_words_and_a_too_wide_unit_broken_finer():
    assert words.inner(("người", "dân,", "từ", "tổ", "chức")) == (False, True, False, False, True)
    assert words.finer("CÔNG NGHỆ THÔNG TIN") == (["CÔNG NGHỆ", "THÔNG TIN"], False)
    assert words.finer("công nghệ") == (["công", "nghệ"], True)
    assert words.finer("thông tin +") == (["thông", "tin +"], True)


def test_nobreak_joins_only_the_syllables_of_a_word():
    text = "Chuyển từ tự động hóa sang thông minh hóa"
    joined = words.nobreak(text)
    assert joined == "Chuyển từ tự\xa0động\xa0hóa sang thông\xa0minh\xa0hóa"
    assert joined.replace("\xa0", " ") == text


# ---------------------------------------------------------------- wrapping, with the ruler
# At 4 pt every character of the ruler, space included, is 1 pt wide.


def test_display_text_breaks_between_words_body_text_anywhere():
    # units: "chuyển đổi" (10), "cách" (4), "làm việc" (8); 12 pt a line
    text = "chuyển đổi cách làm việc"
    assert wrap(text, ruler(), 12.0).lines == ("chuyển đổi", "cách làm", "việc")
    shown = wrap(text, ruler(), 12.0, keep=())
    assert shown.lines == ("chuyển đổi", "cách", "làm việc")
    assert shown.splits == 0


def test_a_unit_wider_than_the_line_breaks_into_words_then_syllables():
    labels = ("công nghệ thông tin",)
    # the phrase (19) in 12 pt: its two words, no word split
    block = wrap("công nghệ thông tin", ruler(), 12.0, keep=labels)
    assert (block.lines, block.splits) == (("công nghệ", "thông tin"), 0)
    # a word (10) in 8 pt: its syllables, one split
    block = wrap("chuyển đổi", ruler(), 8.0, keep=())
    assert (block.lines, block.splits) == (("chuyển", "đổi"), 1)


def test_a_heading_is_balanced_over_whole_words():
    # "xx" (2), "công nghệ" (9), "yy" (2) in 12 pt: greedy "xx công nghệ" / "yy" leaves
    # a runt; total-fit moves "xx" alone up rather than split "công nghệ"
    block = wrap("xx công nghệ yy", ruler(), 12.0, keep=())
    assert block.lines == ("xx công nghệ", "yy")
    assert refine(block, 12.0, heading=True).lines == ("xx", "công nghệ yy")


def test_a_heading_breaks_before_sang_rather_than_after_the_label():
    # 19 pt before the label (19) and "sang" + 13 pt after it, in 41 pt: 19 / 38 leaves
    # rooms 22 and 3 (0.2933), 39 / 18 rooms 2 and 23 (0.3171); breaking elsewhere than
    # before "sang" costs TURN_ELSEWHERE (0.025) more, so "… tin / sang …" is chosen
    text = f"{'a' * 15} bbb công nghệ thông tin sang {'c' * 13}"
    block = wrap(text, ruler(), 41.0, keep=("công nghệ thông tin",))
    assert len(block.lines) == 2
    assert refine(block, 41.0, heading=True).lines == (
        f"{'a' * 15} bbb công nghệ thông tin",
        f"sang {'c' * 13}",
    )


def test_a_heading_line_never_ends_with_tu_sang_va_cua():
    # 30 pt: "Chuyển trọng tâm từ" (19) / "chính quyền sang người dân" (26) is the
    # evener pair (room 11 and 4: 0.152) but ends a line with "từ"; "Chuyển trọng tâm"
    # (16) / "từ chính quyền sang người dân" (29) (0.219) is chosen
    text = "Chuyển trọng tâm từ chính quyền sang người dân"
    block = wrap(text, ruler(), 30.0, keep=())
    assert block.lines == ("Chuyển trọng tâm từ", "chính quyền sang người dân")
    assert refine(block, 30.0, heading=True).lines == (
        "Chuyển trọng tâm",
        "từ chính quyền sang người dân",
    )
    for word in ("và", "của"):  # as short: the same choice
        other = text.replace(" từ ", f" {word} ")
        got = refine(wrap(other, ruler(), 30.0, keep=()), 30.0, heading=True).lines
        assert not any(line.endswith(f" {word}") for line in got), got


BODY = "a" * 34  # 34 pt of unbroken text before "công nghệ"


def test_body_text_prefers_to_keep_a_word_whole():
    # 40 pt: greedy ends line 1 with "công" (39 pt, room 1/40: cost 0.000625 + SPLIT);
    # the line without it (34 pt, room 6/40: cost 0.0225) is chosen
    block = wrap(f"{BODY} công nghệ bbbbbbbbbb", ruler(), 40.0)
    assert block.lines == (f"{BODY} công", "nghệ bbbbbbbbbb")
    assert (1 / 40) ** 2 + SPLIT > (6 / 40) ** 2
    assert refine(block, 40.0).lines == (BODY, "công nghệ bbbbbbbbbb")


def test_body_text_splits_a_word_where_keeping_it_ruins_the_rag():
    # 30 pt before "chuyển đổi" (6 + 4): greedy ends line 1 with "chuyển" (37 pt, room
    # 3/40: cost 0.005625 + SPLIT); without it, room 10/40 (cost 0.0625): the split stays
    text = f"{'a' * 30} chuyển đổi bbbbbbbbbb"
    block = wrap(text, ruler(), 40.0)
    assert block.lines == (f"{'a' * 30} chuyển", "đổi bbbbbbbbbb")
    assert (3 / 40) ** 2 + SPLIT < (10 / 40) ** 2
    assert refine(block, 40.0).lines == block.lines


def test_the_pptx_joins_a_headings_syllables_with_no_break_spaces(cli_render):
    from pptx import Presentation

    prs = Presentation(str(cli_render("slides-16x9", "default", "pptx")))
    # a heading's lines end with line breaks (python-pptx reads them as "\v")
    texts = [
        s.text_frame.text.replace("\v", " ")
        for slide in prs.slides
        for s in slide.shapes
        if s.has_text_frame
    ]
    nb = "\xa0"
    heading = (
        f"Chuyển trọng{nb}tâm từ chính{nb}quyền sang người{nb}dân, từ tổ{nb}chức sang "
        f"nhân{nb}viên, từ doanh{nb}nghiệp sang khách{nb}hàng"
    )
    assert heading in texts
    # body text keeps plain spaces (PowerPoint may break them anywhere) but between its
    # last two syllables (no syllable alone on the paragraph's last line); the notes
    # keep plain spaces
    head, _, last = " ".join(content_yaml()["items"][0]["left"].split()).rpartition(" ")
    assert last == "lý." and f"{head}{nb}{last}" in texts
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides]
    assert not any(nb in n for n in notes)


def test_a_heading_splits_a_word_only_as_the_size_searchs_last_resort():
    # the ruler's heading at 16 pt (4 pt a character) in a tile 99.2 pt wide: 10 pt
    # padding each side, a 28 pt badge (1.75 × 16) and a 7.2 pt gap (0.45 × 16) leave
    # 44 pt, 11 characters: "aaaaaa" (6), "công nghệ" (9), "bbbbbb" (6)
    from metrics import ruler as face_at

    from poster.plan.tile import Design, Styles, measure
    from poster.spec import Content, Item, Labels

    st = Styles(body=face_at(12), heading=face_at(16, 1.25), label=face_at(4), number=face_at(12))
    item = Item(n=1, heading="aaaaaa công nghệ bbbbbb", left="aaaa", right="bbbb")
    content = Content(title="T", labels=Labels(left="Ab", right="Cd"), items=[item])
    design = Design(
        sides="stacked", pad=10.0, gap=5.0, between=8.0, radius=3.0, side_radius=2.0,
        number="circle", label="run-in", frame=True,
    )  # fmt: skip
    whole = measure(item, content, design, st, 99.2, final=True)
    assert whole.heading.lines == ("aaaaaa", "công nghệ", "bbbbbb")
    assert whole.hyphens == 0
    # allowed to split a word where that saves a line: two lines
    loose = msgspec.structs.replace(design, whole_words=False)
    assert measure(item, content, loose, st, 99.2, final=True).heading.lines == (
        "aaaaaa công",
        "nghệ bbbbbb",
    )
    # a word wider than the heading's room (here 11 characters) is split and counted
    # as a last resort, like a hyphen
    long_word = msgspec.structs.replace(item, heading="aa điện thoại bb")  # 12 characters
    narrow = measure(long_word, content, design, st, 99.2 - 8.0)  # 9 characters
    assert narrow.heading.lines == ("aa điện", "thoại bb")
    assert narrow.hyphens == 1
