"""A folder of brand YAML files, one brand each; a file that cannot be read is its own
failure and the others go on (the YAML's bounds are those of `poster.spec`)."""

from __future__ import annotations

from pathlib import Path

from poster.errors import PosterError
from poster.readers.sources import Failure, Source


def read_brand_dir(folder: Path) -> tuple[list[Source], list[Failure]]:
    """The brand YAML files of a folder; one that cannot be read is its own failure."""
    from poster.spec import _read_yaml

    out, failures = [], []
    for path in sorted(folder.glob("*.yaml")):
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
