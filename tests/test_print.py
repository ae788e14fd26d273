"""Print-shop output: page boxes and crop marks, CMYK, `poster check`, previews, `poster tile`.

Everything is read back from the files with pypdf (boxes, content-stream operators,
resources) and pypdfium2 (characters, rasters), never with the code under test.
Renders, CLI runs and tiled files are shared through session-scoped fixtures.
"""

from __future__ import annotations

import ctypes
import io
import math
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import zxingcpp
from conftest import (
    A_SIZES_MM,
    BRANDS,
    DEFAULT_CONTENT_FILE,
    LAYOUTS,
    REPO,
    Char,
    brand_yaml,
    box_in,
    fold,
    layout_yaml,
    mm,
    page_chars,
    point_in,
    run_cli,
    write_yaml,
)
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from poster.layout import Rect
from poster.plan import Options
from poster.render import render_pdf
from poster.spec import load_brand, load_content, load_layout

TOL = 0.01  # points
SLUG_DATE = "2024-05-06"
COMBOS = [(layout, brand) for layout in LAYOUTS for brand in BRANDS]
COMBO_IDS = [f"{layout}-{brand}" for layout, brand in COMBOS]
LOGO_BRANDS = [b for b in BRANDS if brand_yaml(b).get("logo")]


# ---------------------------------------------------------------- reading PDFs


def trim_mm(layout: str) -> tuple[float, float]:
    """The layout's ISO trim size, from its YAML and the A sizes written in conftest."""
    spec = layout_yaml(layout)
    short, long_ = sorted(A_SIZES_MM[spec["page"]["size"]])
    portrait = spec["page"].get("orientation", "portrait") == "portrait"
    return (short, long_) if portrait else (long_, short)


def layout_bleed_mm(layout: str) -> float:
    return float(layout_yaml(layout).get("bleed_mm", 3))


def box(page, name: str) -> Rect:
    """A page box as Rect; a missing CropBox/BleedBox/TrimBox is an error, not a default."""
    key = f"/{name}"
    assert key in page, f"page has no {key}"
    x0, y0, x1, y1 = (float(v) for v in page[key])
    return Rect(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def same_rect(a: Rect, b: Rect, tol: float = TOL) -> bool:
    return all(abs(p - q) <= tol for p, q in zip(_tuple(a), _tuple(b), strict=True))


def _tuple(r: Rect) -> tuple[float, float, float, float]:
    return (r.x0, r.y0, r.x1, r.y1)


def resolve(obj):
    return obj.get_object() if hasattr(obj, "get_object") else obj


def page_streams(reader: PdfReader, page):
    """(operations, resources) of the page and of every form XObject it uses, recursively."""
    seen: set[int] = set()

    def visit(contents, resources):
        resources = resolve(resources) if resources is not None else {}
        yield ContentStream(contents, reader).operations, resources
        xobjects = resolve(resources.get("/XObject", {}))
        for name in xobjects:
            ref = xobjects.raw_get(name) if hasattr(xobjects, "raw_get") else xobjects[name]
            obj = resolve(ref)
            if obj.get("/Subtype") != "/Form":
                continue
            key = getattr(ref, "idnum", id(obj))
            if key in seen:
                continue
            seen.add(key)
            yield from visit(obj, obj.get("/Resources"))

    yield from visit(page.get_contents(), page.get("/Resources"))


def image_xobjects(reader: PdfReader, page) -> list[tuple[str, dict]]:
    """(name, dictionary) of every image XObject in the page's and its forms' resources."""
    out = []
    for _, resources in page_streams(reader, page):
        xobjects = resolve(resources.get("/XObject", {}))
        for name in xobjects:
            obj = resolve(xobjects[name])
            if obj.get("/Subtype") == "/Image":
                out.append((str(name), obj))
    return out


def operators(reader: PdfReader, page) -> Counter:
    return Counter(op for ops, _ in page_streams(reader, page) for _, op in ops)


IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m, n):
    """m applied first, then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def stroked_segments(operations) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Straight segments (m/l/h/re, in page space) of every path painted with a stroke.

    Curves count as their chord, so a stroked curve is not missed either.
    """
    ctm, stack = IDENTITY, []
    path: list = []
    out: list = []
    start = cur = None

    def t(x, y):
        a, b, c, d, e, f = ctm
        return (a * x + c * y + e, b * x + d * y + f)

    for operands, op in operations:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop() if stack else IDENTITY
        elif op == b"cm":
            ctm = _mul(tuple(float(v) for v in operands), ctm)
        elif op == b"m":
            cur = start = t(float(operands[0]), float(operands[1]))
        elif op in (b"l", b"c", b"v", b"y"):
            p = t(float(operands[-2]), float(operands[-1]))
            path.append((cur, p))
            cur = p
        elif op == b"h":
            if cur is not None and cur != start:
                path.append((cur, start))
            cur = start
        elif op == b"re":
            x, y, w, h = (float(v) for v in operands)
            corners = [t(x, y), t(x + w, y), t(x + w, y + h), t(x, y + h)]
            path += [(corners[i], corners[(i + 1) % 4]) for i in range(4)]
            cur = start = corners[0]
        elif op in (b"S", b"s", b"B", b"B*", b"b", b"b*"):
            if op in (b"s", b"b", b"b*") and cur is not None and cur != start:
                path.append((cur, start))
            out += [seg for seg in path if seg[0] is not None]
            path = []
        elif op in (b"f", b"F", b"f*", b"n"):
            path = []
    return out


def poster_segments(reader: PdfReader, page) -> list:
    out = []
    for ops, _ in page_streams(reader, page):
        out += stroked_segments(ops)
    return out
