"""Vietnam's administrative units since 1 July 2025: 34 provinces, 3,321 communes,
wards and special zones (from the `vietnam-provinces` package), with
accent-insensitive search and the authority lines a poster's header needs.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from poster.errors import PosterError
from poster.spec import BrandData, slugify


def fold(text: str) -> str:
    """'Phường Cẩm Phả' → 'phuong cam pha': lower case, no diacritics, đ → d."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


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


@lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    from vietnam_provinces import Province as P
    from vietnam_provinces import VietNamDivisionType as T

    out = []
    for p in P.iter_all():
        name = unicodedata.normalize("NFC", p.name)
        full = name if p.division_type != T.TINH else f"Tỉnh {name}"
        out.append(Province(int(p.code), name, full))
    return tuple(out)


@lru_cache(maxsize=1)
def localities() -> tuple[Locality, ...]:
    from vietnam_provinces import Ward

    by_code = {p.code: p for p in provinces()}
    out = []
    for w in Ward.iter_all():
        name = unicodedata.normalize("NFC", w.name)
        out.append(
            Locality(int(w.code), name, str(w.division_type.value), by_code[int(w.province_code)])
        )
    return tuple(out)


def bare(loc: Locality) -> str:
    """The name without its kind: 'Đặc khu Phú Quốc' → 'Phú Quốc'."""
    kind = loc.kind + " "
    return loc.name[len(kind) :] if loc.name.lower().startswith(kind) else loc.name


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
    words = fold(query).split()
    if not words:
        return []
    hits = []
    for loc in localities():
        name = fold(loc.name)
        key = loc.key
        if all(w in key for w in words):
            plain = fold(bare(loc))
            q = " ".join(words)
            rank = (
                0 if q in (name, plain) else 1 if name.startswith(q) or plain.startswith(q) else 2
            )
            hits.append((rank, len(name), loc.name, loc))
    hits.sort(key=lambda h: h[:3])
    return [h[3] for h in hits[:limit]]


# ---------------------------------------------------------------- before 1 July 2025


@dataclass(frozen=True)
class OldProvince:
    full: str  # "Tỉnh Bắc Giang"
    short: str  # "Bắc Giang"
    now: Province  # Bắc Ninh


@dataclass(frozen=True)
class OldDistrict:
    full: str  # "Huyện Hiệp Hòa", "Thành phố Cẩm Phả"
    short: str  # "Hiệp Hòa"
    province: str  # the old province's short name: "Bắc Giang"
    now: tuple[Locality, ...]  # the units its communes became


@lru_cache(maxsize=1)
def _old_units() -> tuple[tuple[OldProvince, ...], tuple[OldDistrict, ...]]:
    """The 63 provinces and ~700 districts, towns and cities of before 1 July 2025
    (data/old_units.json, made by tools/make_old_units.py from vietnamadminunits)."""
    import json

    from poster.resources import DATA

    data = json.loads((DATA / "old_units.json").read_text(encoding="utf-8"))
    by_code = {p.code: p for p in provinces()}
    units = {loc.code: loc for loc in localities()}

    def nfc(text: str) -> str:
        return unicodedata.normalize("NFC", text)

    olds = tuple(OldProvince(nfc(f), nfc(s), by_code[c]) for f, s, c in data["provinces"])
    districts = tuple(
        OldDistrict(nfc(f), nfc(s), nfc(p), tuple(units[c] for c in codes))
        for f, s, p, codes in data["districts"]
    )
    return olds, districts


_PROVINCE_PREFIXES = ("tinh ", "thanh pho ", "tp ")
_DISTRICT_PREFIXES = ("huyen ", "thanh pho ", "thi xa ", "quan ", "tp ")


def _province_named(folded: str) -> tuple[Province, OldProvince | None] | None:
    """A province of today, or of before 1 July 2025 with the one it merged into."""
    for prefix in _PROVINCE_PREFIXES:
        folded = folded.removeprefix(prefix)
    for p in provinces():
        if fold(p.short) == folded:
            return p, None
    for old in _old_units()[0]:
        if fold(old.short) == folded:
            return old.now, old
    return None


def find_province(text: str, where: str = "--province") -> Province:
    found = _province_named(fold(text))
    if found is not None:
        if found[1] is not None and found[1].short != found[0].short:
            _note("locality.merged", where, old=found[1].short, new=found[0].short)
        return found[0]
    names = {fold(p.short): p.short for p in provinces()}
    close = difflib.get_close_matches(fold(text), list(names), n=4, cutoff=0.6)
    if close:
        raise PosterError.of("province.unknown-suggest", where, "", name=text,
                             suggestions=", ".join(names[c] for c in close))  # fmt: skip
    raise PosterError.of("province.unknown", where, "", name=text)


def in_province(province: Province) -> list[Locality]:
    return [loc for loc in localities() if loc.province == province]


def _note(code: str, where: str, **params: Any) -> None:
    """A line saying what an old name became; the command goes on."""
    import logging

    from poster.errors import problem

    note = problem(code, where, "", **params)
    logging.getLogger("poster").warning("%s", note, extra={"problem": note})


def _split(text: str) -> tuple[str, str]:
    """'Hiệp Hòa, Bắc Ninh', 'Hiệp Hòa - Bắc Ninh', 'Hiệp Hòa Bắc Ninh' → name, province."""
    if "," in text:
        name, _, province = text.rpartition(",")
        return name.strip(), province.strip()
    if " - " in text or "-" in text:
        name, _, province = text.rpartition("-")
        if name.strip() and _province_named(fold(province)):
            return name.strip(), province.strip()
    words = text.split()
    for n in range(min(4, len(words) - 1), 0, -1):  # the longest province name that ends it
        if _province_named(fold(" ".join(words[-n:]))):
            return " ".join(words[:-n]), " ".join(words[-n:])
    return text.strip(), ""


def find_locality(text: str, where: str = "--locality") -> Locality:
    """One unit of today from what an officer types: 'Phường Cẩm Phả, Quảng Ninh', 'cam pha',
    'Phú Quốc' (a special zone by its plain name), 'Hiệp Hòa Bắc Ninh', 'hiep hoa - tay ninh',
    or a name from before 1 July 2025: an old province ('Hiệp Hòa, Bắc Giang' is looked up
    in Bắc Ninh, with a line saying so), an old district, town or city ('Huyện Hiệp Hòa',
    'Thành phố Cẩm Phả': its units of today are listed). A province alone answers with
    `poster batch --province`. Otherwise a clear error with the closest names."""
    folded = fold(text)
    everything = localities()
    exact = _by_accents(
        [loc for loc in everything if folded in (fold(loc.name), fold(bare(loc)))], text
    )
    if len(exact) == 1:
        return exact[0]
    whole = _province_named(folded)
    if whole is not None:
        raise PosterError.of("locality.province", where, "", name=text, province=whole[0].short)
    name, province_text = _split(text)
    wanted = fold(name)
    pool: tuple[Locality, ...] = everything
    old_province: OldProvince | None = None
    province: Province | None = None
    if province_text:
        found = _province_named(fold(province_text))
        if found is None:
            find_province(province_text, where)  # raises, with close names
            raise AssertionError
        province, old_province = found
        pool = tuple(loc for loc in everything if loc.province == province)
    merged = old_province is not None and old_province.short != province_text
    prefixed = any(wanted.startswith(p) for p in _DISTRICT_PREFIXES)
    if not prefixed:
        exact = _by_accents(
            [loc for loc in pool if wanted in (fold(loc.name), fold(bare(loc)))], name
        )
        if len(exact) == 1:
            if merged or (old_province and old_province.now.short != old_province.short):
                assert old_province is not None
                _note("locality.merged", where, old=old_province.short, new=exact[0].province.short)
            return exact[0]
        if len(exact) > 1:  # in one province: only the accents tell them apart
            code = "locality.ambiguous-accents" if province else "locality.ambiguous"
            raise PosterError.of(code, where, "", name=text, count=len(exact),
                                 options="; ".join(loc.label for loc in exact[:6]))  # fmt: skip
    # a district, town or city of before 1 July 2025
    plain = wanted
    for prefix in _DISTRICT_PREFIXES:
        if plain.startswith(prefix):
            plain = plain.removeprefix(prefix)
            break
    districts = [
        d for d in _old_units()[1]
        if plain in (fold(d.short), fold(d.full))
        and (wanted == plain or wanted == fold(d.full))
        and (province is None
             or (old_province is not None and fold(d.province) == fold(old_province.short))
             or any(u.province == province for u in d.now))
    ]  # fmt: skip
    if districts:
        return _from_district(text, where, districts)
    raise _unknown(text, where, wanted, plain, pool)


def _by_accents(exact: list[Locality], typed_name: str) -> list[Locality]:
    """'Văn Lăng' and 'Văn Lang' fold alike: the accents as typed tell them apart."""
    if len(exact) < 2:
        return exact
    typed = unicodedata.normalize("NFC", " ".join(typed_name.split())).lower()
    accented = [loc for loc in exact if typed in (loc.name.lower(), bare(loc).lower())]
    return accented if len(accented) == 1 else exact


def _from_district(text: str, where: str, districts: list[OldDistrict]) -> Locality:
    if len({d.province for d in districts}) > 1:
        options = "; ".join(f"{d.full}, {d.province}" for d in districts[:6])
        raise PosterError.of("locality.ambiguous", where, "", name=text, count=len(districts),
                             options=options)  # fmt: skip
    d = districts[0]
    units = sorted(
        {u for x in districts for u in x.now},
        key=lambda u: (fold(bare(u)) != fold(d.short), u.name),
    )
    new = units[0].province.short
    params: dict[str, Any] = {
        "name": text, "old": f"{d.full}, {d.province}", "old_province": d.province,
        "new_province": new,
    }  # fmt: skip
    if len(units) == 1:
        _note("locality.became", where, unit=units[0].label, **params)
        return units[0]
    code = "locality.old-unit-merged" if fold(d.province) != fold(new) else "locality.old-unit"
    raise PosterError.of(code, where, "", options="; ".join(u.label for u in units),
                         count=len(units), **params)  # fmt: skip


def _unknown(
    text: str, where: str, wanted: str, plain: str, pool: tuple[Locality, ...]
) -> PosterError:
    """No such unit: the closest names of today (and of before 2025), by similarity of the
    folded name, with their kind and province."""
    scored: list[tuple[float, str]] = []
    for loc in pool:
        score = max(difflib.SequenceMatcher(None, wanted, fold(loc.name)).ratio(),
                    difflib.SequenceMatcher(None, plain, fold(bare(loc))).ratio())  # fmt: skip
        scored.append((score, loc.label))
    for d in _old_units()[1]:
        score = difflib.SequenceMatcher(None, plain, fold(d.short)).ratio()
        scored.append((score - 0.05, f"{d.full}, {d.province}"))  # "Huyện …": an old name
    scored.sort(key=lambda s: -s[0])
    close = [label for score, label in scored[:5] if score >= 0.75]
    if close:
        return PosterError.of("locality.unknown-suggest", where, "", name=text,
                              suggestions="; ".join(close))  # fmt: skip
    return PosterError.of("locality.unknown", where, "", name=text)
