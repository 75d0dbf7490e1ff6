"""Whole numbers from query parameters: ASCII digits only, in range, or nothing."""

from __future__ import annotations

MAX_ID = 2**63 - 1


def whole_number(raw: str, *, low: int = 0, high: int = MAX_ID) -> int | None:
    """`raw` as an int within [low, high], or None.

    Not `str.isdigit` alone: it also accepts "²" and "٣", which `int` refuses or reads; and a
    length bound, because `int` refuses thousands of digits.
    """
    if not (raw.isascii() and raw.isdigit() and len(raw) <= len(str(high))):
        return None
    value = int(raw)
    return value if low <= value <= high else None
