"""A folder of brand YAML files, one brand each; a file that cannot be read is its own
failure and the others go on (the YAML's bounds are those of `poster.spec`; the files
of a folder are as many as a sheet's rows may be, limits.SHEET_ROWS)."""

from __future__ import annotations

import itertools
from pathlib import Path

from poster import limits
from poster.errors import PosterError
from poster.readers.sources import Failure, Source


def read_brand_dir(folder: Path) -> tuple[list[Source], list[Failure]]:
    """The brand YAML files of a folder; one that cannot be read is its own failure."""
    from poster.spec import _read_yaml

    found = list(itertools.islice(folder.glob("*.yaml"), limits.SHEET_ROWS + 1))
    if len(found) > limits.SHEET_ROWS:
        raise PosterError.of("brands.too-many", str(folder), "--brands", limit=limits.SHEET_ROWS)
    out, failures = [], []
    for path in sorted(found):
        try:
            data = _read_yaml(path, "brand")
        except PosterError as e:
            failures += [
                Failure(
                    str(path) if p.line is None else f"{path}:{p.line}",
                    p.field,
                    p.message,
                    p.code,
                    p.params,
                )
                for p in e.problems
            ]
            continue
        out.append(
            Source(data if isinstance(data, dict) else {}, path, str(path), qualifier=path.stem)
        )
    return out, failures
