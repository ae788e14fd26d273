"""Preflight any PDF for print, as a print shop's preflight profile does: one module per
class of check, each returning findings of one type (`report.Finding`: a catalogue code
and its parameters, the page, the position in mm and the fix).

The profile, in the order the report lists it:
  pdfx          PDF/X keys, OutputIntent, version, XMP          (the document)
  boxes         media, trim and bleed boxes; artwork into the bleed   (+ pixels)
  fonts         every font that prints is embedded
  images        effective resolution per use; a background that prints a box (+ pixels)
  colour        colour spaces wherever they paint; RGB, ICC in X-1a; spot colours
  text          black text 100 % K; small text ≤ 2 inks; small reversed text (+ pixels)
  transparency  soft masks, alpha, blend modes, groups: none in X-1a
  annots        annotations and form fields: none inside the trim
  ink           total ink (pixels)
  qr            QR codes decoded
  layout        the rules of the layout the file was made for (a handout's photocopy,
                a standee's foot), when its metadata names it or --layout does

The file is opened within the bounds of `poster.limits` (`source`), its pages walked once
(`walker`, reading objects through `objects`, `spaces` and `typefaces`) into a `scene`,
and separated by ghostscript in the background (`raster`) for the checks that look at
pixels; `subject` is the file as every check sees it. Returns a Report; the CLI prints
it (`format_report`) in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from poster.preflight.report import Finding, Report, format_report
from poster.preflight.source import NotAPDF

if TYPE_CHECKING:
    from poster.preflight.layout import Rules
    from poster.spec import Layout

__all__ = ["Finding", "NotAPDF", "Report", "check_pdf", "format_report"]

TOPICS = ("pdfx", "page", "bleed", "fonts", "images", "colour", "text", "transparency",
          "annotations", "ink", "qr", "layout")  # fmt: skip

Progress = Callable[[str, int, int], None]  # step ("walk", "look", "qr"), done, total


def check_pdf(
    path: Path,
    dpi: int = 150,
    qr: bool = True,
    pdfx: bool = False,
    progress: Progress | None = None,
    layout: str | Path | None = None,
) -> Report:
    """Every check of the profile on the PDF at `path`; `pdfx`: it must be PDF/X;
    `layout` (a name or a YAML file): hold it to that layout's rules (else to those of
    the layout its metadata names, see `layout`)."""
    import pikepdf

    from poster.preflight.source import open_pdf
    from poster.spec import load_layout

    path = Path(path)
    asked = load_layout(layout) if layout is not None else None  # before the file is read
    pdf = open_pdf(path)
    try:
        return _check(path, pdf, dpi, qr, pdfx, progress, asked)
    except (pikepdf.PdfError, RecursionError, TypeError, ValueError, KeyError, IndexError,
            AttributeError, OverflowError, ZeroDivisionError) as e:  # fmt: skip
        # what the file holds was not what its structure promised
        raise NotAPDF("pdf.damaged", reason=f"{type(e).__name__}: {e}") from e
    finally:
        pdf.close()


def _check(
    path: Path,
    pdf: object,
    dpi: int,
    qr: bool,
    pdfx: bool,
    progress: Progress | None,
    asked: Layout | None,
) -> Report:
    from poster.preflight import annots, boxes, colour, fonts, images, transparency
    from poster.preflight import layout as layout_checks
    from poster.preflight import pdfx as pdfx_checks
    from poster.preflight import qr as qr_checks
    from poster.preflight import text as text_checks
    from poster.preflight.raster import Raster
    from poster.preflight.scene import walk
    from poster.preflight.subject import Subject, page_boxes

    pages = [page.obj for page in pdf.pages]  # type: ignore[attr-defined]
    page_frames = [page_boxes(p) for p in pages]
    declared = pdfx_checks.declared_version(pdf)  # type: ignore[arg-type]
    medias = [b.media for b in page_frames]
    rotated = {n for n, b in enumerate(page_frames, start=1) if b.rotate}
    trimmed = any(b.trim is not None for b in page_frames)
    rules = layout_checks.rules_for(pdf, page_frames, asked)  # type: ignore[arg-type]
    looks = rules is not None and rules.foot_mm > 0  # a rule read from the pixels
    raster = Raster(path, medias, rotated) if trimmed or pdfx or declared or looks else None
    try:
        scene = walk(pdf, pages, (lambda d, t: progress("walk", d, t)) if progress else None)  # type: ignore[arg-type]
        subject = Subject(path, pdf, pages, page_frames, scene, declared, pdfx,  # type: ignore[arg-type]
                          str(pdf.pdf_version))  # type: ignore[attr-defined]  # fmt: skip
        report = Report(path, pages=len(pages))
        for module in (pdfx_checks, boxes, fonts, images, colour, text_checks, transparency,
                       annots):  # fmt: skip
            report.extend(module.check(subject))
        if rules is not None:
            report.findings = layout_checks.relieve(subject, rules, report.findings)
            report.extend(layout_checks.check(subject, rules))
        if raster is None and subject.press:
            raster = Raster(path, medias, rotated)
        if raster is not None:
            report.extend(_look(subject, raster, progress, rules))
        if qr:
            step = (lambda d, t: progress("qr", d, t)) if progress else None
            report.extend(qr_checks.check(subject, dpi, report.qr_texts, step))
    finally:
        if raster is not None:
            raster.close()
    order = {topic: n for n, topic in enumerate(TOPICS)}
    report.findings.sort(key=lambda f: order.get(f.topic, len(order)))
    return report


def _look(
    subject: object, raster: object, progress: Progress | None, rules: Rules | None
) -> list[Finding]:
    """The checks that read the separated pages, page by page (one page in memory)."""
    from poster.preflight import boxes, images, ink
    from poster.preflight import layout as layout_checks
    from poster.preflight import text as text_checks
    from poster.preflight.raster import Raster
    from poster.preflight.subject import Subject

    assert isinstance(subject, Subject) and isinstance(raster, Raster)
    out: list[Finding] = []
    if not raster.wait():
        if subject.press:
            code = "check.ink-no-gs" if raster.failed == "no-gs" else "check.ink-gs-failed"
            out.append(subject.finding("warning", "ink", code))
        if rules is not None:  # drawn without ghostscript
            for no in range(1, len(subject.pages) + 1):
                out += layout_checks.look(subject, rules, no, None)
        return out
    worst: tuple[float, int, tuple[float, float]] | None = None
    for no in range(1, len(subject.pages) + 1):
        page = raster.page(no)
        if rules is not None:
            out += layout_checks.look(subject, rules, no, page)
        if page is None:
            continue
        out += boxes.look(subject, no, page)
        out += images.look(subject, no, page)
        if subject.press:
            out += text_checks.look(subject, no, page)
            high, where = ink.look(subject, no, page)
            if worst is None or high > worst[0]:
                worst = (high, no, where)
        if progress is not None:
            progress("look", no, len(subject.pages))
    if subject.press:
        out += ink.summary(subject, worst)
    return out
