"""The poster's footer: the QR code with its caption and address, the attribution, the
brand's footer line. The QR code's marks are shared with the deck's closing slide."""

from __future__ import annotations

from poster.colors import BLACK, WHITE, on
from poster.document import Align, Fill, Mark, QRSymbol
from poster.errors import PosterError
from poster.fonts import check_glyphs, face
from poster.geometry import Geometry, Rect
from poster.plan.text import text_lines
from poster.qr import QUIET_ZONE, dark_runs, qr_matrix
from poster.spec import Brand, Content, PosterLayout
from poster.textfit import Block, balanced, largest, phrased, refine, style, wrap
from poster.units import mm
from poster.words import phrases


def qr_marks(url: str, symbol: Rect) -> list[Mark]:
    """The QR code of `url` drawn in `symbol`, on a white plate that holds its quiet zone."""
    matrix = qr_matrix(url)
    n = len(matrix)
    module = symbol.w / n
    plate = symbol.inset(-QUIET_ZONE * module)
    return [
        Fill(plate, WHITE, radius=module),
        QRSymbol(symbol, module, tuple(dark_runs(matrix)), n, BLACK),
    ]


def footer_marks(content: Content, layout: PosterLayout, brand: Brand, geo: Geometry) -> list[Mark]:
    """The QR code with its caption and address; the attribution and the brand's footer line."""
    c = brand.colors
    box = geo.footer_content
    file = brand.source_file or "brand"
    size = mm(layout.qr.size_mm)
    module = size / len(qr_matrix(brand.qr.url))
    quiet = QUIET_ZONE * module
    right = layout.qr.position == "footer-right"
    # at the foot of the page the plate's quiet zone lies in the safe margin, but on a
    # sheet for an office printer (nothing printed in the margin); a footer under the
    # header keeps the whole plate inside its box, clear of the header and the key
    under = layout.footer.position == "under-header"
    lift = quiet if under or layout.ground == "paper" else 0.0
    sx0 = box.x1 - size - lift if right else box.x0 + lift
    symbol = Rect(sx0, box.y0 + lift, sx0 + size, box.y0 + lift + size)
    if symbol.y1 + (quiet if under else 0.0) > box.y1 + 1e-6:
        raise PosterError.of(
            "fit.qr", layout.source_file, "qr.size_mm", size=layout.qr.size_mm, layout=layout.name
        )
    plate = symbol.inset(-quiet)
    marks = qr_marks(brand.qr.url, symbol)

    check_glyphs(brand.qr.caption, "caption", file, "qr.caption")
    if brand.footer:
        check_glyphs(brand.footer, "footer", file, "footer")
    text_ink = on(c.background, c.text)
    link_ink = on(c.background, c.primary)
    gap = mm(6)
    caption_w = min(box.w * 0.3, mm(150))
    caption_x = plate.x0 - gap - caption_w if right else plate.x1 + gap
    left_x = box.x0 if right else caption_x + caption_w + gap * 2
    left_w = (caption_x - gap * 2 - box.x0) if right else box.x1 - left_x
    height = box.h
    keep = phrases(content)  # display text: the content's labels whole, and every word

    def groups(s: float) -> tuple[list[Block], list[Block]]:
        cap = [
            phrased(
                balanced(
                    brand.qr.caption,
                    style(face("caption"), s, 1.25, [brand.qr.caption]),
                    caption_w,
                    keep=keep,
                ),
                caption_w,
            ),
            wrap(
                brand.qr.url.removeprefix("https://"),
                style(face("footer"), s, 1.25, [brand.qr.url]),
                caption_w,
            ),
        ]
        left = []
        if content.source:
            left.append(
                phrased(  # an attribution: lines of like length, breaks at phrases
                    wrap(
                        content.source,
                        style(face("footer"), s, 1.3, [content.source]),
                        left_w,
                        keep=(),
                    ),
                    left_w,
                )
            )
        if brand.footer:
            st = style(face("caption"), s, 1.3, [brand.footer])
            foot = wrap(brand.footer, st, left_w, keep=keep)
            left.append(refine(foot, left_w))
        return cap, left

    def fits(group: list[Block], s: float) -> bool:
        return sum(b.height for b in group) + 0.5 * s * (len(group) - 1) <= height

    def blocks(s: float) -> tuple[list[Block], list[Block]] | None:
        cap, left = groups(s)
        return (cap, left) if fits(cap, s) and fits(left, s) else None

    s = largest(layout.footer.text.min, layout.footer.text.max, lambda s: blocks(s) is not None)
    if s is None:
        # name what the user wrote that is too long: the caption or address, the footer line
        smallest = layout.footer.text.min
        cap, left = groups(smallest)
        if not fits(cap, smallest):
            field = "qr.url" if cap[1].height > cap[0].height else "qr.caption"
            where, what = file, f"footer.{field}"
        elif brand.footer:
            field, where, what = "footer", file, "footer.footer"
        else:
            field, where, what = "source", content.source_file or "content", "footer.source"
        raise PosterError.of("fit.footer-long", where, field, what_word=what,
                             layout=layout.name, size=float(smallest),
                             height=round(box.h / mm(1)))  # fmt: skip
    got = blocks(s)
    assert got is not None
    cap, left = got
    align: Align = "right" if right else "left"

    def top_for(group: list[Block]) -> float:
        """Centred on the QR symbol, but never out of the footer box (the safe area)."""
        h = sum(b.height for b in group) + 0.5 * s * (len(group) - 1)
        centre = (symbol.y0 + symbol.y1) / 2
        return min(box.y1, max(centre + h / 2, box.y0 + h))

    top = top_for(cap)
    for block, ink in zip(cap, (text_ink, link_ink), strict=True):
        marks += text_lines(block, caption_x, top, ink, align=align, width=caption_w)
        top -= block.height + 0.5 * s
    top = top_for(left)
    for block in left:
        marks += text_lines(block, left_x, top, text_ink)
        top -= block.height + 0.5 * s
    return marks
