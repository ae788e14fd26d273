"""Vietnam's administrative units since 1 July 2025: 34 provinces, 3,321 communes,
wards and special zones (from the `vietnam-provinces` package), with
accent-insensitive search and the authority lines a poster's header needs.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

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
            bare = fold(loc.name.split(" ", 1)[-1]) if loc.kind != "đặc khu" else fold(loc.name[8:])
            q = " ".join(words)
            rank = 0 if q in (name, bare) else 1 if name.startswith(q) or bare.startswith(q) else 2
            hits.append((rank, len(name), loc.name, loc))
    hits.sort(key=lambda h: h[:3])
    return [h[3] for h in hits[:limit]]


def find_province(text: str, where: str = "--province") -> Province:
    wanted = fold(text).removeprefix("tinh ").removeprefix("thanh pho ")
    for p in provinces():
        if fold(p.short) == wanted:
            return p
    names = {fold(p.short): p.short for p in provinces()}
    close = difflib.get_close_matches(wanted, list(names), n=4, cutoff=0.6)
    hint = f" (did you mean: {', '.join(names[c] for c in close)}?)" if close else ""
    raise PosterError.one(where, "province", f"no province named {text!r}{hint}")


def in_province(province: Province) -> list[Locality]:
    return [loc for loc in localities() if loc.province == province]


def find_locality(text: str, where: str = "--locality") -> Locality:
    """One unit from 'Phường Cẩm Phả, Quảng Ninh' (the province may be left out when
    the name is unique). A clear error with close matches otherwise."""
    name, _, province = text.partition(",")
    wanted = fold(name)
    pool = localities()
    if province.strip():
        prov = find_province(province.strip(), where)
        pool = tuple(loc for loc in pool if loc.province == prov)
    exact = [loc for loc in pool if wanted in (fold(loc.name), fold(loc.name.split(" ", 1)[-1]))]
    if len(exact) > 1:  # 'Văn Lăng' and 'Văn Lang': the accents as typed tell them apart
        typed = unicodedata.normalize("NFC", " ".join(name.split())).lower()
        accented = [
            loc for loc in exact if typed in (loc.name.lower(), loc.name.split(" ", 1)[-1].lower())
        ]
        exact = accented if len(accented) == 1 else exact
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        options = "; ".join(loc.label for loc in exact[:6])
        fix = "type the name with its accents" if province.strip() else "add the province"
        raise PosterError.one(
            where, "locality", f"{text!r} names {len(exact)} units: {fix} ({options})"
        )
    labels = {fold(loc.name): loc for loc in pool}
    close = difflib.get_close_matches(wanted, list(labels), n=5, cutoff=0.75)
    if not close:  # try without the unit type ("cam pha" for "phuong cam pha")
        bare = {fold(loc.name.split(" ", 1)[-1]): loc for loc in pool}
        close_bare = difflib.get_close_matches(wanted, list(bare), n=5, cutoff=0.75)
        suggestions = [bare[c].label for c in close_bare]
    else:
        suggestions = [labels[c].label for c in close]
    hint = f" (did you mean: {'; '.join(suggestions)}?)" if suggestions else ""
    raise PosterError.one(where, "locality", f"no commune, ward or special zone {text!r}{hint}")
