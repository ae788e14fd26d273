"""Write src/poster/data/old_units.json: the provinces, districts and communes/wards of
before 1 July 2025 and the units of today they became.

The mapping comes from the data files of the PyPI package `vietnamadminunits` 1.0.4
(MIT licence, https://github.com/tranngocminhhieu/vietnamadminunits): its
`parser_legacy.json` (the 63 provinces and their districts, towns and cities, with
their old communes and wards, with the older names of wards merged before 2025) and
`converter_2025.json` (each old commune → the new one(s)).
The package itself is not a dependency: it imports shapely and geopy, and geocodes
street addresses over the network, none of which `poster` needs. Its wheel is
unpacked and read here, and the units it names are matched with the list `poster`
uses (`vietnam-provinces`) by their names; a unit that does not match stops the script.

    pip download --no-deps vietnamadminunits==1.0.4 -d /tmp/vau
    python tools/make_old_units.py /tmp/vau/vietnamadminunits-1.0.4-py3-none-any.whl
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

from poster.localities import fold, localities, provinces

OUT = Path(__file__).resolve().parents[1] / "src" / "poster" / "data" / "old_units.json"
VERSION = "1.0.4"
# an older name of a ward, folded without spaces: 'phuong13' (merged into Phường 12)
OLDER = re.compile(r"(?:phuong|xa|thitran)[a-z0-9]+")


def key(text: str) -> str:
    return fold(text).replace(" ", "")


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as z:
        legacy = json.loads(z.read("vietnamadminunits/data/parser_legacy.json"))
        convert = json.loads(z.read("vietnamadminunits/data/converter_2025.json"))
    new_province = {key(p.full): p for p in provinces()}
    unit_by_key = {(key(u.province.full), key(u.name)): u for u in localities()}
    # names that fold alike are keyed with their accents (Hương Vân, Hương Văn)
    unit_by_key.update(
        {(key(u.province.full), u.name.lower().replace(" ", "")): u for u in localities()}
    )

    old_to_new: dict[str, str] = {}  # old province key → new province key
    for new_key, olds in convert["DICT_PROVINCE"].items():
        assert new_key in new_province, new_key
        for old in olds:
            old_to_new[old] = new_key

    # old "province_district_ward" → new unit codes
    ward_codes: dict[str, set[int]] = {}
    for new_p, wards in convert["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_w, olds in wards.items():
            unit = unit_by_key[(new_p, new_w)]
            for old in olds:
                ward_codes.setdefault(old, set()).add(unit.code)
    for new_p, olds in convert["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, news in olds.items():
            for new in news:
                ward_codes.setdefault(old, set()).add(unit_by_key[(new_p, new["newWardKey"])].code)

    out_provinces = []
    for p_key, p in legacy["DICT_PROVINCE"].items():
        out_provinces.append(
            [p["province"], p["provinceShort"], new_province[old_to_new[p_key]].code]
        )
    accented = legacy["DICT_PROVINCE_DISTRICT_WARD_ACCENTED"]
    out_districts = []
    wards_total = 0
    for p_key, districts in legacy["DICT_PROVINCE_DISTRICT"].items():
        p_short = legacy["DICT_PROVINCE"][p_key]["provinceShort"]
        for d_key, d in districts.items():
            prefix = f"{p_key}_{d_key}_"
            codes = sorted(
                {c for old, cs in ward_codes.items() if old.startswith(prefix) for c in cs}
            )
            if not codes:  # an island district without communes: the special zone of its name
                special = [
                    u
                    for u in localities()
                    if u.kind == "đặc khu" and key(u.name).endswith(key(d["districtShort"]))
                ]
                codes = [u.code for u in special]
            assert codes, (p_key, d_key)
            # its communes and wards: [name, [unit codes], [older names, folded]]
            wards: dict[str, list[object]] = {}
            found = {
                **legacy["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"].get(p_key, {}).get(d_key, {}),
                **accented.get(p_key, {}).get(d_key, {}),
            }
            for w_key, w in found.items():
                w_codes = sorted(ward_codes.get(prefix + w_key, ()))
                if not w_codes or not isinstance(w["ward"], str):  # an island district's NaN
                    continue
                name = " ".join(w["ward"].split())
                if name in wards:
                    continue
                own = key(name)
                older = sorted({k for k in w["wardKeywords"] if OLDER.fullmatch(k) and k != own})
                wards[name] = [name, w_codes, older]
            wards_total += len(wards)
            out_districts.append(
                [d["district"], d["districtShort"], p_short, codes, list(wards.values())]
            )
    data = {
        "source": f"vietnamadminunits {VERSION} (MIT), parser_legacy.json + converter_2025.json",
        "provinces": out_provinces,  # [old full name, old short name, new province code]
        # [old full name, short name, old province, [unit codes], [its communes and wards]]
        "districts": out_districts,
    }
    OUT.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(
        f"{OUT}: {len(out_provinces)} provinces, {len(out_districts)} districts, "
        f"{wards_total} communes and wards"
    )


if __name__ == "__main__":
    main(sys.argv[1])
