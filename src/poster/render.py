"""The pipeline in one call: specs → plan → PDF bytes."""

from __future__ import annotations

from poster.draw import draw_plan
from poster.plan import Options, Plan, build_plan
from poster.spec import Brand, Content, Layout


def render_pdf(
    content: Content, layout: Layout, brand: Brand, options: Options | None = None
) -> tuple[bytes, Plan]:
    plan = build_plan(content, layout, brand, options)
    return draw_plan(plan), plan
