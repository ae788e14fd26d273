"""Vietnam's administrative units since 1 July 2025: 34 provinces, 3,321 communes,
wards and special zones (from the `vietnam-provinces` package), and those of before
(data/old_units.json: 63 provinces, ~700 districts, ~10,000 communes and wards), found
however an officer types them, with the authority lines a poster's header needs.

A name is compared without its accents, case and spaces (`squeeze`), then, among
several units of that name, with its accents but wherever the tone mark sits
(`spelling`: 'Hòa' and 'Hoà' are one spelling). Abbreviations are spelled out first
(`expand`: TP., TPHCM, Q.1, P., X., H., T., TX.). When more than one unit answers,
none is picked: they are listed, each with its kind and its province.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from poster import limits
from poster.errors import PosterError
from poster.spec import BrandData, slugify

MAX_CHARS = limits.LOCALITY_CHARS
LISTED = 12  # candidates named in one message; the count says how many in all


def _slow_fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Each character of ASCII and the Latin blocks (Vietnamese letters among them) →
    what `_slow_fold` makes of it, for str.translate."""
    chars = [*range(0x80), *range(0xA0, 0x250), *range(0x1E00, 0x1F00)]
    return {c: _slow_fold(chr(c)) or " " for c in chars}


def fold(text: str) -> str:
    """'Phường Cẩm Phả' → 'phuong cam pha': lower case, no diacritics, đ → d, words
    apart by one space (anything but a letter or a digit parts them)."""
    folded = unicodedata.normalize("NFC", text).translate(_fold_table())
    if not folded.isascii():  # other scripts, combining marks left alone: the long way
        return _slow_fold(text)
    return " ".join(folded.split())


def squeeze(text: str) -> str:
    """The key a name is found by: folded, without spaces ('Cẩm  Phả', 'campha')."""
    return "".join(fold(text).split())


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_WORD = re.compile(r"[^\W_]+")


def spelling(text: str) -> str:
    """The name with its accents, lower case, without spaces, each syllable's tone mark
    at its end: 'Hiệp Hòa' and 'hiệp hoà' (òa/oà, òe/oè, ùy/uỳ) spell alike; 'Văn Lăng'
    and 'Văn Lang' do not."""
    out = []
    for word in _WORD.findall(unicodedata.normalize("NFC", text).lower()):
        marks = unicodedata.normalize("NFD", word)
        tones = [c for c in marks if c in _TONES]
        base = unicodedata.normalize("NFC", "".join(c for c in marks if c not in _TONES))
        out.append(base + "".join(tones[:1]))
    return "".join(out)


_KIND_OF = {"q": "quận", "p": "phường", "x": "xã", "h": "huyện", "t": "tỉnh"}
_EXPANSIONS: tuple[tuple[re.Pattern[str], Any], ...] = (
    (re.compile(r"^\s*(?:ubnd|[uủ]y ban nhân dân)\s+"), ""),
    (re.compile(r"(?<![\w'])t\.?\s?p\.?\s?hcm(?!\w)"), "thành phố hồ chí minh"),
    (re.compile(r"(?<![\w'])hcm(?!\w)"), "hồ chí minh"),
    (re.compile(r"(?<![\w'])(?:t\.\s?p|tp)(?:\.|(?!\w))\s*"), "thành phố "),
    (re.compile(r"(?<![\w'])tx(?:\.|(?!\w))\s*"), "thị xã "),
    (re.compile(r"(?<![\w'])tt(?:\.|(?!\w))\s*"), "thị trấn "),
    (re.compile(r"(?<![\w'])([qpxht])\.\s*"), lambda m: _KIND_OF[m[1]] + " "),
    (re.compile(r"(?<![\w'])([qp])\s?(?=\d)"), lambda m: _KIND_OF[m[1]] + " "),
)


def expand(text: str) -> str:
    """What is typed, NFC and lower case, with the usual abbreviations spelled out:
    'TP.HCM', 'TPHCM', 'Tp HCM' → 'thành phố hồ chí minh'; 'T.P.', 'Tp.' → 'thành phố';
    'TX.' → 'thị xã'; 'Q.1', 'Q1' → 'quận 1'; 'P.', 'X.', 'H.', 'T.' (with their dot)
    → 'phường', 'xã', 'huyện', 'tỉnh'; a leading 'UBND' is dropped. A lone letter is
    an abbreviation only with its dot (or a number after Q/P): 'Ea H'leo' keeps its H."""
    text = " ".join(unicodedata.normalize("NFC", text).lower().split())
    for pattern, replacement in _EXPANSIONS:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


# ---------------------------------------------------------------- today's units


@dataclass(frozen=True)
class Province:
    code: int
    name: str  # "Quảng Ninh", "Thành phố Hà Nội"
    full: str  # "Tỉnh Quảng Ninh", "Thành phố Hà Nội"

    @property
    def short(self) -> str:
        return self.name.removeprefix("Thành phố ")


@dataclass(frozen=True)
class Locality:
    code: int
    name: str  # "Phường Cẩm Phả"
    kind: str  # "phường" | "xã" | "đặc khu"
    province: Province

    @property
    def label(self) -> str:
        return f"{self.name}, {self.province.short}"

    @property
    def authority(self) -> list[str]:
        return [f"UBND {self.name.upper()}", self.province.full.upper()]

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def key(self) -> str:
        return fold(self.label)

    def brand(self) -> BrandData:
        """A brand mapping (see spec.Brand) for this unit, national colours."""
        return {"name": self.name, "authority": self.authority}


def tidy(text: str) -> str:
    """NFC, one space between words: the package writes 'Phường  Tân Lập' (Đắk Lắk)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    from vietnam_provinces import Province as P
    from vietnam_provinces import VietNamDivisionType as T

    out = []
    for p in P.iter_all():
        name = tidy(p.name)
        full = name if p.division_type != T.TINH else f"Tỉnh {name}"
        out.append(Province(int(p.code), name, full))
    return tuple(out)


@lru_cache(maxsize=1)
def localities() -> tuple[Locality, ...]:
    from vietnam_provinces import Ward

    by_code = {p.code: p for p in provinces()}
    out = []
    for w in Ward.iter_all():
        kind = tidy(str(w.division_type.value))
        out.append(Locality(int(w.code), tidy(w.name), kind, by_code[int(w.province_code)]))
    return tuple(out)


_KINDS = ("đặc khu", "phường", "xã", "thị trấn")  # a commune's kinds, today's and before


def bare(loc: Locality | OldWard) -> str:
    """The name without its kind: 'Đặc khu Phú Quốc' → 'Phú Quốc'."""
    return _without_kind(loc.name)


def _without_kind(name: str) -> str:
    lower = name.lower()
    for kind in _KINDS:
        if lower.startswith(kind + " "):
            return name[len(kind) + 1 :]
    return name


@lru_cache(maxsize=1)
def _slug_counts() -> tuple[dict[str, int], dict[str, int]]:
    """How many units share each slug, and each slug with its province."""
    names: dict[str, int] = {}
    for loc in localities():
        names[loc.slug] = names.get(loc.slug, 0) + 1
    with_province: dict[str, int] = {}
    for loc in localities():
        key = _with_province(loc)
        with_province[key] = with_province.get(key, 0) + 1
    return names, with_province


def _with_province(loc: Locality) -> str:
    return f"{loc.slug}-{slugify(loc.province.short)}"


def file_slug(loc: Locality) -> str:
    """The unit's part of an output file's name, the same in `render` and in `batch`:
    its slug ('phuong-cam-pha'), with its province ('xa-hiep-hoa-bac-ninh') when another
    unit of the country has the same name, and with its code as well when the other is
    in the same province and differs only by its accents ('Xã Văn Lăng', 'Xã Văn Lang':
    'xa-van-lang-thai-nguyen-5665'). No two units share one."""
    names, with_province = _slug_counts()
    if names[loc.slug] == 1:
        return loc.slug
    slug = _with_province(loc)
    return slug if with_province[slug] == 1 else f"{slug}-{loc.code}"


def search(query: str, limit: int = 20) -> list[Locality]:
    """Units whose name and province hold every word of `query`, accents ignored.

    'cam pha' finds Phường Cẩm Phả; 'quang ninh' lists Quảng Ninh's units.
    Whole-name matches come first, then name prefixes, then the rest.
    """
    words = fold(query[:MAX_CHARS]).split()
    if not words:
        return []
    q = " ".join(words)
    hits = []
    for loc in localities():
        key = loc.key
        if all(w in key for w in words):
            name, plain = fold(loc.name), fold(bare(loc))
            starts = name.startswith(q) or plain.startswith(q)
            rank = 0 if q in (name, plain) else 1 if starts else 2
            hits.append((rank, len(name), loc.name, loc))
    hits.sort(key=lambda h: h[:3])
    return [h[3] for h in hits[:limit]]


def in_province(province: Province) -> list[Locality]:
    return [loc for loc in localities() if loc.province == province]


# ---------------------------------------------------------------- before 1 July 2025


@dataclass(frozen=True)
class OldProvince:
    full: str  # "Tỉnh Bắc Giang"
    short: str  # "Bắc Giang"
    now: Province  # Bắc Ninh


@dataclass(frozen=True)
class OldDistrict:
    full: str  # "Huyện Hiệp Hòa", "Thành phố Cẩm Phả", "Quận 3"
    short: str  # "Hiệp Hòa", "Cẩm Phả", "Quận 3"
    province: str  # the old province's short name: "Bắc Giang"
    now: tuple[Locality, ...]  # the units its communes became

    @property
    def label(self) -> str:
        return f"{self.full}, {self.province}"


@dataclass(frozen=True)
class OldWard:
    name: str  # "Phường 1", "Xã Hiệp Hòa", "Thị trấn Thắng"
    district: OldDistrict
    now: tuple[Locality, ...]  # the unit(s) it became
    older: tuple[str, ...] = ()  # squeezed names it had before a merger: 'phuong13'

    @property
    def label(self) -> str:
        return f"{self.name}, {self.district.full}, {self.district.province}"


@lru_cache(maxsize=1)
def _old_data() -> dict[str, Any]:
    """data/old_units.json, made by tools/make_old_units.py from vietnamadminunits: the 63
    provinces, ~700 districts, towns and cities and ~10,000 communes and wards of before
    1 July 2025, with the units of today they became."""
    import json

    from poster.resources import DATA

    data: dict[str, Any] = json.loads((DATA / "old_units.json").read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _old_provinces() -> tuple[OldProvince, ...]:
    by_code = {p.code: p for p in provinces()}
    return tuple(OldProvince(tidy(f), tidy(s), by_code[c]) for f, s, c in _old_data()["provinces"])


@lru_cache(maxsize=1)
def _old_districts() -> tuple[OldDistrict, ...]:
    units = {loc.code: loc for loc in localities()}
    return tuple(
        OldDistrict(tidy(full), tidy(short), tidy(province), tuple(units[c] for c in codes))
        for full, short, province, codes, _ in _old_data()["districts"]
    )


@lru_cache(maxsize=1)
def _old_wards_all() -> tuple[OldWard, ...]:
    """Read only when a name is not one of today's units nor an old district's."""
    units = {loc.code: loc for loc in localities()}
    return tuple(
        OldWard(tidy(name), district, tuple(units[c] for c in now), tuple(older))
        for (*_, wards), district in zip(_old_data()["districts"], _old_districts(), strict=True)
        for name, now, older in wards
    )


# ---------------------------------------------------------------- indexes


def _index(pairs: Iterable[tuple[str, Any]]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for key, value in pairs:
        found = out.setdefault(key, [])
        if value not in found:
            found.append(value)
    return out


@lru_cache(maxsize=1)
def _provinces_by_key() -> dict[str, tuple[Province, OldProvince | None]]:
    """Today's provinces and those of before 1 July 2025 (with the one each merged into),
    by their squeezed short name; 'Sài Gòn' is Hồ Chí Minh."""
    out: dict[str, tuple[Province, OldProvince | None]] = {}
    for old in _old_provinces():
        out[squeeze(old.short)] = (old.now, old)
    for p in provinces():
        out[squeeze(p.short)] = (p, None)
    hcm = out["hochiminh"]
    out["saigon"] = hcm
    return out


@lru_cache(maxsize=1)
def _units_by_key() -> dict[str, list[Locality]]:
    """Today's units by their squeezed full name and by their name without its kind."""
    return _index(
        (key, loc) for loc in localities() for key in (squeeze(loc.name), squeeze(bare(loc)))
    )


@lru_cache(maxsize=1)
def _districts_by_key() -> dict[str, list[OldDistrict]]:
    return _index((squeeze(k), d) for d in _old_districts() for k in (d.full, d.short))


@lru_cache(maxsize=1)
def _wards_by_key() -> dict[str, list[OldWard]]:
    out: dict[str, list[OldWard]] = {}
    for w in _old_wards_all():
        key = squeeze(w.name)
        for k in {key, _SQUEEZED_KIND.sub("", key), *w.older}:
            out.setdefault(k, []).append(w)
    return out


_SQUEEZED_KIND = re.compile(r"^(?:phuong|xa|thitran)(?=.)")


_PROVINCE_PREFIXES = ("tinh ", "thanh pho ")
_DISTRICT_PREFIXES = ("huyen ", "thanh pho ", "thi xa ", "quan ")
_UNIT_PREFIXES = ("phuong ", "xa ", "dac khu ", "thi tran ")


def _province_named(folded: str) -> tuple[Province, OldProvince | None] | None:
    """A province of today, or of before 1 July 2025 with the one it merged into."""
    for prefix in _PROVINCE_PREFIXES:
        if folded.startswith(prefix):
            folded = folded[len(prefix) :]
            break
    return _provinces_by_key().get("".join(folded.split()))


def _checked(text: str, where: str) -> str:
    """`text` as it may be looked up: not longer than any name could be (checked before
    anything else: the suggestions compare it with every unit's name)."""
    if len(text) > MAX_CHARS:
        raise PosterError.of("locality.too-long", where, "", count=len(text), limit=MAX_CHARS)
    return text


def find_province(text: str, where: str = "--province") -> Province:
    typed = expand(_checked(text, where))
    found = _province_named(fold(typed))
    if found is not None:
        if found[1] is not None and found[1].short != found[0].short:
            _note("locality.merged", where, old=found[1].short, new=found[0].short)
        return found[0]
    names = {fold(p.short): p.short for p in provinces()}
    close = difflib.get_close_matches(fold(typed), list(names), n=4, cutoff=0.6)
    if close:
        raise PosterError.of("province.unknown-suggest", where, "", name=text,
                             suggestions=", ".join(names[c] for c in close))  # fmt: skip
    raise PosterError.of("province.unknown", where, "", name=text)


def _note(code: str, where: str, **params: Any) -> None:
    """A line saying what an old name became; the command goes on."""
    import logging

    from poster.errors import problem

    note = problem(code, where, "", **params)
    logging.getLogger("poster").warning("%s", note, extra={"problem": note})


# ---------------------------------------------------------------- what was typed


@dataclass(frozen=True)
class _Typed:
    name: str  # the unit's name, expanded: 'phường 1', 'hiệp hòa'
    district: str = ""  # an old district: 'quận 3'
    province: str = ""  # as typed (expanded)
    found: tuple[Province, OldProvince | None] | None = None


def _districts(folded: str, found: tuple[Province, OldProvince | None] | None) -> list[OldDistrict]:
    """Old districts, towns and cities of that name (in that province): 'quan 3',
    'huyen hiep hoa', 'hiep hoa' (a name without its kind: the short name)."""
    plain = folded
    for prefix in _DISTRICT_PREFIXES:
        if folded.startswith(prefix):
            plain = folded[len(prefix) :]
            break
    out = []
    for d in _districts_by_key().get("".join(folded.split()), []):
        if plain != folded and squeeze(d.full) != "".join(folded.split()):
            continue  # 'Huyện Cẩm Phả' is not 'Thành phố Cẩm Phả'
        if _in(d, found):
            out.append(d)
    return out


def _in(d: OldDistrict, found: tuple[Province, OldProvince | None] | None) -> bool:
    if found is None:
        return True
    province, old = found
    if old is not None:
        return squeeze(d.province) == squeeze(old.short)
    return any(u.province == province for u in d.now)


def _known(text: str) -> bool:
    """Whether `text` is, as a whole, the name of a unit of today or of before."""
    key = squeeze(text)
    return any(key in index() for index in (_units_by_key, _districts_by_key, _wards_by_key))


def _parse(typed: str, where: str) -> _Typed:
    """'hiệp hòa, bắc ninh', 'hiệp hòa - bắc ninh', 'hiệp hòa bắc ninh', 'phường 1,
    quận 3, thành phố hồ chí minh', 'phường 1 quận 3' → name, district, province."""
    parts = [p.strip() for p in typed.split(",") if p.strip()]
    if len(parts) == 1:
        parts = _split_words(parts[0])
    province, found = "", None
    if len(parts) > 1:
        found = _province_named(fold(parts[-1]))
        if found is None and not _districts(fold(parts[-1]), None):
            find_province(parts[-1], where)  # raises, with close names
        if found is not None:
            province = parts.pop()
    if len(parts) == 1 and province:  # 'phường 1 quận 3 thành phố hồ chí minh'
        parts = _split_district(parts[0])
    district = ""
    if len(parts) > 1 and _districts(fold(parts[-1]), found):
        district = parts.pop()
    return _Typed(parts[-1] if parts else "", district, province, found)


def _split_words(text: str) -> list[str]:
    """One part without commas: a province after a hyphen or at its end, an old district
    inside it ('phường 1 quận 3'); a name as a whole is not split ('Xã Quảng Ninh')."""
    if _known(text):
        return [text]
    if "-" in text:
        name, _, province = text.rpartition("-")
        if name.strip() and _province_named(fold(province)):
            return [name.strip(), province.strip()]
    words = text.split()
    for n in range(min(5, len(words) - 1), 0, -1):  # the longest province name that ends it
        if _province_named(fold(" ".join(words[-n:]))):
            return [" ".join(words[:-n]), " ".join(words[-n:])]
    return _split_district(text)


def _split_district(text: str) -> list[str]:
    """'phường 1 quận 3' → the name, then the old district that ends it; a name as a whole
    is not split."""
    if _known(text):
        return [text]
    words = text.split()
    for i in range(1, len(words)):
        rest = " ".join(words[i:])
        if fold(rest).startswith(_DISTRICT_PREFIXES) and _districts(fold(rest), None):
            return [" ".join(words[:i]), rest]
    return [text]


# ---------------------------------------------------------------- the lookup


def find_locality(text: str, where: str = "--locality") -> Locality:
    """One unit of today from what an officer types: 'Phường Cẩm Phả, Quảng Ninh', 'cam pha',
    'P. Cẩm Phả', 'Phú Quốc' (a special zone by its plain name), 'Hiệp Hòa Bắc Ninh',
    'hiep hoa - tay ninh', or a name from before 1 July 2025: an old province ('Hiệp Hòa,
    Bắc Giang' is looked up in Bắc Ninh, with a line saying so), an old district, town or
    city ('Huyện Hiệp Hòa', 'Quận 1, TP.HCM': its units of today are listed), an old
    commune or ward ('Phường 1, Quận 3': the unit it became). A province alone answers
    with `poster batch --province`. Several units of one name are listed, never picked
    from; an unknown name gets the closest names."""
    typed = expand(_checked(text, where))
    whole = _province_named(fold(typed))
    if whole is not None:
        raise _province_answer(text, where, typed, whole)
    parsed = _parse(typed, where)
    found = parsed.found
    wanted = fold(parsed.name)
    if parsed.district:
        return _in_old_district(text, where, parsed)
    if not wanted.startswith(_DISTRICT_PREFIXES):
        units = _units(parsed.name, found)
        if len(units) == 1:
            if found is not None and found[1] is not None and found[1].short != found[0].short:
                _note("locality.merged", where, old=found[1].short, new=units[0].province.short)
            return units[0]
        if units:
            code = "locality.ambiguous-accents" if found else "locality.ambiguous"
            raise _listing(code, text, where, [u.label for u in units])
    districts = _districts(wanted, found)
    if districts:
        return _from_district(text, where, districts)
    wards = _old_wards(parsed.name, found, None)
    if wards:
        return _from_old_ward(text, where, wards)
    pool = localities() if found is None else tuple(in_province(found[0]))
    raise _unknown(text, where, wanted, pool)


def _units(name: str, found: tuple[Province, OldProvince | None] | None) -> list[Locality]:
    """Today's units of that name (with its kind or without), in that province."""
    kinded = fold(name).startswith(_UNIT_PREFIXES)
    key = squeeze(name)
    units = [
        u for u in _units_by_key().get(key, [])
        if (found is None or u.province == found[0]) and (not kinded or squeeze(u.name) == key)
    ]  # fmt: skip
    return _by_spelling(units, name)


def _old_wards(
    name: str,
    found: tuple[Province, OldProvince | None] | None,
    districts: Sequence[OldDistrict] | None,
) -> list[OldWard]:
    """Communes and wards of before 1 July 2025 of that name (with its kind or without,
    or a name they had before a merger), in those districts or that province."""
    kinded = fold(name).startswith(_UNIT_PREFIXES)
    key = squeeze(name)
    wards = [
        w for w in _wards_by_key().get(key, [])
        if (not kinded or key in (squeeze(w.name), *w.older))
        and (districts is None or w.district in districts)
        and _in(w.district, found)
    ]  # fmt: skip
    return _by_spelling(wards, name)


def _by_spelling(found: list[_Named], typed_name: str) -> list[_Named]:
    """Among names that fold alike ('Văn Lăng', 'Văn Lang'), those spelt as typed, the tone
    marks wherever they sit ('Hiệp Hòa' is 'Hiệp Hoà'); all of them when none is."""
    typed = spelling(typed_name)
    spelt = [x for x in found if typed in (spelling(x.name), spelling(bare(x)))]
    return sorted(spelt or found, key=_order)


def _order(x: Locality | OldDistrict | OldWard) -> tuple[str, str]:
    """Candidates in the order of their labels, accents aside and numbers by value
    ('Quận 3' before 'Quận 10')."""
    return re.sub(r"\d+", lambda m: m[0].zfill(6), fold(x.label)), x.label


_Named = TypeVar("_Named", Locality, OldWard)


def _listing(code: str, text: str, where: str, labels: list[str], **params: Any) -> PosterError:
    """A message naming every candidate (up to LISTED, then '…'), with their count."""
    shown = "; ".join(labels[:LISTED]) + ("; …" if len(labels) > LISTED else "")
    return PosterError.of(code, where, "", name=text, count=len(labels), options=shown, **params)


def _province_answer(
    text: str, where: str, typed: str, found: tuple[Province, OldProvince | None]
) -> PosterError:
    """A province alone: the batch command for it, and the units that share its name."""
    province, old = found
    key = squeeze(typed)  # typed with 'Tỉnh' or 'Thành phố', a province and nothing else
    units = sorted((u for u in _units_by_key().get(key, []) if squeeze(bare(u)) == key),
                   key=_order)  # fmt: skip
    params: dict[str, Any] = {"province": province.short}
    merged = old is not None and old.short != province.short
    code = "locality.province-old" if merged else "locality.province"
    if merged:
        assert old is not None
        params["old"] = old.short
    if units:
        return PosterError.of(code + "-units", where, "", name=text,
                              options="; ".join(u.label for u in units), **params)  # fmt: skip
    return PosterError.of(code, where, "", name=text, **params)


def _in_old_district(text: str, where: str, parsed: _Typed) -> Locality:
    """'Phường 1, Quận 3': the commune or ward of that old district, and what it became."""
    districts = _districts(fold(parsed.district), parsed.found)
    wards = _old_wards(parsed.name, parsed.found, districts)
    if wards:
        return _from_old_ward(text, where, wards)
    units = [u for u in _units(parsed.name, parsed.found) if any(u in d.now for d in districts)]
    if len(units) == 1:
        return units[0]
    if units:
        raise _listing("locality.ambiguous", text, where, [u.label for u in units])
    elsewhere = _old_wards(parsed.name, parsed.found, None)  # in another district
    choices = sorted({w.name for w in _old_wards_all() if w.district in districts})
    close = [w.label for w in elsewhere[:5]] or _closest(fold(parsed.name), choices, 5)
    if close:
        raise PosterError.of("locality.unknown-in-district", where, "", name=text,
                             district=districts[0].label, suggestions="; ".join(close))  # fmt: skip
    raise PosterError.of("locality.unknown", where, "", name=text)


def _from_district(text: str, where: str, districts: list[OldDistrict]) -> Locality:
    if len({d.province for d in districts}) > 1:
        labels = [d.label for d in sorted(districts, key=_order)]
        raise _listing("locality.ambiguous", text, where, labels)
    d = districts[0]
    units = sorted(
        {u for x in districts for u in x.now},
        key=lambda u: (squeeze(bare(u)) != squeeze(d.short), u.name),
    )
    new = units[0].province.short
    params: dict[str, Any] = {"old": d.label, "old_province": d.province, "new_province": new}
    if len(units) == 1:
        _note("locality.became", where, unit=units[0].label, **params)
        return units[0]
    merged = squeeze(d.province) != squeeze(new)
    code = "locality.old-unit-merged" if merged else "locality.old-unit"
    raise PosterError.of(code, where, "", options="; ".join(u.label for u in units),
                         count=len(units), **params)  # fmt: skip


def _from_old_ward(text: str, where: str, wards: list[OldWard]) -> Locality:
    if len({w.district for w in wards}) > 1:
        raise _listing("locality.old-ward-ambiguous", text, where, [w.label for w in wards])
    w = wards[0]
    units = sorted({u for x in wards for u in x.now}, key=_order)
    if len(units) == 1:
        _note("locality.became", where, old=w.label, unit=units[0].label)
        return units[0]
    raise _listing("locality.old-ward", text, where, [u.label for u in units], old=w.label)


def _similar(a: str, b: str, cutoff: float) -> float:
    """difflib's ratio, or 0 when its cheap upper bounds show it is under `cutoff` (as
    get_close_matches does): most names are ruled out by their length alone."""
    matcher = difflib.SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
        return 0.0
    return matcher.ratio()


def _closest(wanted: str, labels: Iterable[str], n: int) -> list[str]:
    scored = sorted(((_similar(wanted, fold(label), 0.75), label)
                     for label in labels), key=lambda s: -s[0])  # fmt: skip
    return [label for score, label in scored[:n] if score >= 0.75]


def _unknown(text: str, where: str, wanted: str, pool: Sequence[Locality]) -> PosterError:
    """No such unit: the closest names of today (and of before 2025), by similarity of the
    folded name, with their kind and province."""
    plain = wanted
    for prefix in (*_UNIT_PREFIXES, *_DISTRICT_PREFIXES):
        plain = plain.removeprefix(prefix)
    cutoff = 0.75
    scored: list[tuple[float, str]] = []
    for loc in pool:
        score = max(_similar(wanted, fold(loc.name), cutoff),
                    _similar(plain, fold(bare(loc)), cutoff))  # fmt: skip
        scored.append((score, loc.label))
    for d in _old_districts():  # "Huyện …": an old name, after today's
        scored.append((_similar(plain, fold(d.short), cutoff + 0.05) - 0.05, d.label))
    scored.sort(key=lambda s: -s[0])
    close = [label for score, label in scored[:5] if score >= cutoff]
    if close:
        return PosterError.of("locality.unknown-suggest", where, "", name=text,
                              suggestions="; ".join(close))  # fmt: skip
    return PosterError.of("locality.unknown", where, "", name=text)
