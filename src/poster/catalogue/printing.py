"""Messages of the print checks: `poster check` (preflight) and `poster tile`."""

from __future__ import annotations

# code → (English, Vietnamese)
MESSAGES: dict[str, tuple[str, str]] = {}
