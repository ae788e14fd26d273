"""Reading PDF objects as a hostile file may hold them: a value of the wrong type reads
as None or a default, never as an exception; and the matrix arithmetic of page space."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from poster.preflight.report import Box

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
Point = tuple[float, float]


def mul(a: Matrix, b: Matrix) -> Matrix:
    """Product of two PDF matrices [a b c d e f] (a applied first)."""
    a0, a1, a2, a3, a4, a5 = a
    b0, b1, b2, b3, b4, b5 = b
    return (
        a0 * b0 + a1 * b2,
        a0 * b1 + a1 * b3,
        a2 * b0 + a3 * b2,
        a2 * b1 + a3 * b3,
        a4 * b0 + a5 * b2 + b4,
        a4 * b1 + a5 * b3 + b5,
    )


def apply(m: Matrix, x: float, y: float) -> Point:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def bbox(points: Iterable[Point]) -> Box:
    xs, ys = zip(*points, strict=True)
    return (min(xs), min(ys), max(xs), max(ys))


def transform_box(m: Matrix, box: Box) -> Box:
    x0, y0, x1, y1 = box
    return bbox([apply(m, x0, y0), apply(m, x1, y0), apply(m, x0, y1), apply(m, x1, y1)])


def top_left(box: Box) -> Point:
    return (box[0], box[3])


def isa(obj: object, kind: str) -> bool:
    import pikepdf

    types = {"dict": (pikepdf.Dictionary, pikepdf.Stream), "array": (pikepdf.Array,),
             "name": (pikepdf.Name,), "stream": (pikepdf.Stream,)}  # fmt: skip
    return isinstance(obj, types[kind])


def get(obj: object, key: str) -> Any:
    """`obj[key]` if `obj` is a dictionary (or stream) holding it, else None."""
    if obj is None or not isa(obj, "dict"):
        return None
    return obj.get(key)  # type: ignore[attr-defined]


def inherited(page: Any, key: str) -> Any:
    """A page attribute, from the page or the nearest page-tree node above it."""
    node, depth = page, 0
    while node is not None and depth < 64:
        value = get(node, key)
        if value is not None:
            return value
        node, depth = get(node, "/Parent"), depth + 1
    return None


def number(value: object, default: float = 0.0) -> float:
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return out if math.isfinite(out) else default


def numbers(values: Iterable[object]) -> tuple[float, ...] | None:
    try:
        out = tuple(float(v) for v in values)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return out if all(math.isfinite(v) for v in out) else None
