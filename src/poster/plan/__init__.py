"""Planning: specs in, a `Document` of positioned marks out, decided before anything is drawn.

`plan_document` is the one door: a poster layout gives a poster (`plan.poster`), a
slide layout a deck (`plan.deck`), a card layout social cards (`plan.cards`). All are
built from the same parts: the title block (`plan.header`), the tile (`plan.tile`), the
QR code and footer (`plan.footer`), text as marks (`plan.text`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from poster.plan.options import Options
from poster.spec import CardLayout, DeckLayout

if TYPE_CHECKING:
    from poster.document import Document
    from poster.spec import Brand, Content, Layout

__all__ = ["Options", "plan_document"]


def plan_document(
    content: Content, layout: Layout, brand: Brand, options: Options | None = None
) -> Document:
    options = options or Options()
    # each planner is imported when first asked for: a poster run never loads the deck's
    if isinstance(layout, DeckLayout):
        from poster.plan.deck import plan_deck

        return plan_deck(content, layout, brand, options)
    if isinstance(layout, CardLayout):
        from poster.plan.cards import plan_cards

        return plan_cards(content, layout, brand, options)
    from poster.plan.poster import plan_poster

    return plan_poster(content, layout, brand, options)
