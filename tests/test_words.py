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


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_libreoffice_keeps_the_pptx_words_whole(cli_render, layout, tmp_path):
    # PowerPoint and LibreOffice wrap the PPTX themselves: a heading's words are joined
    # by no-break spaces, which LibreOffice honours (without Be Vietnam Pro, too)
    pptx = cli_render(layout, "default", "pptx")
    done = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(pptx)],
        capture_output=True,
        text=True,
        timeout=240,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    converted = tmp_path / (pptx.stem + ".pdf")
    assert converted.exists(), done.stderr
    pairs = display_line_pairs(converted.read_bytes())
    assert pairs, "no display line breaks found: the reader is wrong"
    assert split_words(pairs) == []


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
    texts = [s.text_frame.text for slide in prs.slides for s in slide.shapes if s.has_text_frame]
    nb = "\xa0"
    heading = (
        f"Chuyển trọng{nb}tâm từ chính{nb}quyền sang người{nb}dân, từ tổ{nb}chức sang "
        f"nhân{nb}viên, từ doanh{nb}nghiệp sang khách{nb}hàng"
    )
    assert heading in texts
    # body text and the notes keep plain spaces (PowerPoint may break them anywhere)
    left = " ".join(content_yaml()["items"][0]["left"].split())
    assert left in texts
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
