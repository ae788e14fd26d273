"""The pipeline in one call: specs → plan → PDF bytes."""

from __future__ import annotations

from poster.draw import draw_plan
from poster.plan import Plan, build_plan
from poster.spec import Brand, Content, Layout


def render_pdf(content: Content, layout: Layout, brand: Brand) -> tuple[bytes, Plan]:
    plan = build_plan(content, layout, brand)
    return draw_plan(plan), plan
