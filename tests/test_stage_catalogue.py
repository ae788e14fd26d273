"""Stage tests of the catalogue of messages (poster.catalogue), in process: the two
languages carry the same parameters, and `say` words a message as written here by hand
(decimal commas, words, the web page's wording, what happens to a broken template)."""

from __future__ import annotations

import re
import string

import pytest

import poster.catalogue as catalogue
from poster.catalogue import LANGS, MESSAGES, PAGE, WORDS, say
from poster.catalogue.usage import ARGPARSE, HELP, INVALID_VALUE, TYPES

# Parameters that carry a library's own English (an OS error, a YAML parser's problem,
# msgspec's detail, the text fitter's reason): the English message shows them, the
# Vietnamese one never does (see the catalogue's docstring).
LIBRARY_TEXT = {"reason", "problem", "detail", "why"}
# Codes whose English names a parameter the Vietnamese words otherwise, and why
ENGLISH_ONLY = {
    "format.needs-poster": {"output"},  # the writer's English description; vi: {fmt}
    "format.needs-deck": {"output"},
    "format.not-for-cards": {"output"},
    "field.count-max": {"kind"},  # msgspec's 'array'/'object', as scripts have read it
    "colour.empty": {"value"},  # always None (YAML took the colour for a comment)
}
# A bug's own detail, for the administrator the message asks the user to tell; the
# system's reason a file was refused ("Permission denied": strerror, in the C locale).
LIBRARY_TEXT_IN_VIETNAMESE = {
    "internal.error": {"detail"},
    "internal.error-debug": {"detail"},
    "file.system": {"reason"},
}
VIETNAMESE_ONLY = {
    "format.needs-poster": {"fmt"},  # the format's name: 'pptx'
    "format.needs-deck": {"fmt"},
    "format.not-for-cards": {"fmt"},
}


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_both_languages_carry_the_same_parameters(code):
    english, vietnamese = MESSAGES[code]
    en, vi = fields(english), fields(vietnamese)
    assert en - vi <= LIBRARY_TEXT | ENGLISH_ONLY.get(code, set()), code
    assert vi - en <= VIETNAMESE_ONLY.get(code, set()), code
    allowed = LIBRARY_TEXT_IN_VIETNAMESE.get(code, set())
    assert not (vi & LIBRARY_TEXT) - allowed, f"{code}: a library's English reaches Vietnamese"


def test_the_exceptions_are_still_needed():
    """An exception that no longer applies is a hole in the parity test: remove it."""
    for code, names in ENGLISH_ONLY.items():
        english, vietnamese = MESSAGES[code]
        assert names <= fields(english) - fields(vietnamese), code
    for code, names in VIETNAMESE_ONLY.items():
        english, vietnamese = MESSAGES[code]
        assert names <= fields(vietnamese) - fields(english), code


@pytest.mark.parametrize("code", sorted(PAGE))
def test_the_web_pages_wording_uses_only_the_codes_parameters(code):
    assert code in MESSAGES
    assert fields(PAGE[code]) <= fields(MESSAGES[code][0]) | fields(MESSAGES[code][1])
    assert not (fields(PAGE[code]) & LIBRARY_TEXT)


def test_every_place_message_lists_its_candidates_in_both_languages():
    """A Vietnamese message must not lose the list an English one gives."""
    for code, (english, vietnamese) in MESSAGES.items():
        if code.startswith(("locality.", "province.")):
            for name in ("options", "suggestions", "unit", "province", "old", "count"):
                assert (f"{{{name}" in english) == (f"{{{name}" in vietnamese), (code, name)


PERCENT = re.compile(r"%(?:\((\w+)\))?[sdr]")


@pytest.mark.parametrize("msgid", sorted(ARGPARSE))
def test_argparse_translations_keep_every_placeholder(msgid):
    vietnamese = ARGPARSE[msgid]
    english = PERCENT.findall(msgid)
    if msgid == "invalid %(type)s value: %(value)r":  # Python's type name: 'float'
        english.remove("type")
    assert sorted(english) == sorted(PERCENT.findall(vietnamese)), msgid
    assert msgid.endswith("\n") == vietnamese.endswith("\n")
    assert msgid.endswith(" ") == vietnamese.endswith(" ")
    assert vietnamese != msgid


def test_help_has_both_languages():
    for key, (english, vietnamese) in HELP.items():
        assert english and vietnamese, key
        if english != english.upper():  # a placeholder ('MM') may stay; words may not
            assert english != vietnamese, key
    assert fields(INVALID_VALUE[0]) == fields(INVALID_VALUE[1]) == {"value", "kind"}
    assert set(TYPES) == {"float", "int"}


def test_every_template_formats_with_its_own_parameters():
    """Each template, filled with a value per parameter, gives a text (no stray brace)."""
    for code, pair in MESSAGES.items():
        for lang, template in zip(LANGS, pair, strict=True):
            values = {name: 1.5 for name in fields(template)}
            for name in values:
                if name.endswith("_word"):
                    values[name] = "a folder"
            text = say(code, lang, values)
            assert text != template or not values, (code, lang)
            assert not any("{" + name in text for name in values), (code, lang, text)


# ---------------------------------------------------------------- say


def test_say_in_each_language():
    params = {"value": 22.5}
    assert say("cli.bleed", "en", params) == "22.5 mm is not between 0 and 20 mm"
    assert say("cli.bleed", "vi", params) == "22,5 mm không nằm trong khoảng 0 đến 20 mm"
    assert say("cli.bleed", "fr", params) == "22.5 mm is not between 0 and 20 mm"  # English


def test_decimal_comma_for_floats_only_in_vietnamese():
    assert say("cli.width", "vi", {"value": 12}) == "12 px không nằm trong khoảng 16 đến 20000"
    assert say("tile.overlap", "vi", {"value": 0.25, "sheet": "A4"}) == (
        "0,25 mm là quá lớn với khổ giấy A4"
    )
    assert say("tile.overlap", "en", {"value": 0.25, "sheet": "A4"}) == (
        "0.25 mm is too large for A4"
    )
    assert format(catalogue._Decimal(1234.5), ".1f") == "1234,5"
    assert format(catalogue._Decimal(2.0), "g") == "2"


@pytest.mark.parametrize(
    ("value", "vietnamese"),
    [
        ("1.5 MB", "1,5 MB"),
        ("2.25", "2,25"),
        ("-0.5 mm", "-0,5 mm"),
        ("12.75mm", "12,75mm"),
        ("20 MB", "20 MB"),  # no decimals: as it is
        ("v1.5", "v1.5"),  # not a number alone
        ("1.5.3", "1.5.3"),  # a version
        ("logo.png", "logo.png"),
        ("1.5 megabytes", "1.5 megabytes"),  # a word, not a unit
        ("3.5 MB.", "3.5 MB."),
    ],
)
def test_decimal_texts_get_the_comma_in_vietnamese(value, vietnamese):
    params = {"size": value, "kind_word": "a logo", "limit": "20 MB"}
    assert say("file.too-large", "vi", params) == (
        f"nặng {vietnamese}, quá giới hạn: logo chỉ được tối đa 20 MB"
    )
    assert say("file.too-large", "en", params) == f"is {value}; a logo is at most 20 MB"


def test_words_by_language():
    params = {"other_word": "a named pipe (FIFO)", "what_word": "a YAML file"}
    assert say("file.not-regular", "en", params) == "is a named pipe (FIFO), not a YAML file"
    assert say("file.not-regular", "vi", params) == (
        "là một đường ống dữ liệu (FIFO), không phải tệp YAML"
    )
    # a word the catalogue does not know: quoted as code in English, as it is otherwise
    params = {"other_word": "a thing", "what_word": "a YAML file"}
    assert say("file.not-regular", "en", params) == "is `a thing`, not a YAML file"
    assert say("file.not-regular", "vi", params) == "là a thing, không phải tệp YAML"
    assert WORDS["a folder"] == ("a folder", "một thư mục")


def test_the_web_pages_wording_is_taken_for_vietnamese_only():
    code = next(iter(PAGE))
    values = {name: 1.5 for name in fields(MESSAGES[code][0]) | fields(MESSAGES[code][1])}
    page = say(code, "vi", values, page=True)
    assert page == PAGE[code].format(**{k: catalogue._Decimal(v) for k, v in values.items()})
    assert say(code, "vi", values) == say(code, "vi", values, page=False)
    assert say(code, "en", values, page=True) == say(code, "en", values)
    assert page != say(code, "vi", values)
    # a code the page words as the command line does
    assert "cli.bleed" not in PAGE
    assert say("cli.bleed", "vi", {"value": 25.0}, page=True) == (
        "25 mm không nằm trong khoảng 0 đến 20 mm"
    )


def test_an_unknown_code_says_its_fallback_or_itself():
    assert say("no.such", "en", {}) == "no.such"
    assert say("no.such", "vi", {}, fallback="as it was") == "as it was"


def test_a_template_its_parameters_do_not_fill_falls_back(monkeypatch):
    monkeypatch.setitem(MESSAGES, "test.missing", ("{absent} here", "{absent} đây"))
    assert say("test.missing", "en", {}) == "{absent} here"  # the template as it is
    assert say("test.missing", "vi", {}, fallback="fb") == "fb"
    monkeypatch.setitem(MESSAGES, "test.index", ("{0} first", "{0} trước"))
    assert say("test.index", "en", {"x": 1}) == "{0} first"
    monkeypatch.setitem(MESSAGES, "test.spec", ("{n:d} items", "{n:d} mục"))
    assert say("test.spec", "en", {"n": "many"}, fallback="fb") == "fb"
    assert say("test.spec", "vi", {"n": 3}) == "3 mục"
