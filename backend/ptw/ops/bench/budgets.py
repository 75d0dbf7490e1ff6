"""The performance budgets `make bench` enforces (issue 14), as data: PostgreSQL, single client, p95, this machine
class. Each kind of read has a budget at 100k and at 1M permits; at another size the budget is interpolated on
a log scale of the number of permits between those two points, and held at the nearer point outside them (a
smaller data set gets the 100k budget: it must be at least as fast)."""

from __future__ import annotations

import math
from dataclasses import dataclass

SMALL, LARGE = 100_000, 1_000_000


@dataclass(frozen=True)
class Budget:
    kind: str
    what: str
    at_small: float  # p95 ms at 100k permits (export: seconds per 100k rows)
    at_large: float  # p95 ms at 1M permits

    def at(self, permits: int) -> float:
        if permits <= SMALL:
            return self.at_small
        if permits >= LARGE:
            return self.at_large
        share = (math.log10(permits) - math.log10(SMALL)) / (math.log10(LARGE) - math.log10(SMALL))
        return self.at_small + share * (self.at_large - self.at_small)


BUDGETS: dict[str, Budget] = {
    budget.kind: budget
    for budget in (
        Budget("list", "permit list (any page, filter, ordering), tasks, isolation register, exceptions", 30, 60),
        Budget("record", "permit detail, readiness, events", 15, 15),
        Budget("summary", "reports summary (every count and duration)", 50, 300),
        Budget("export", "CSV export, seconds per 100k rows (memory flat)", 5, 5),
        Budget(
            "board", "site board of today (every live permit of the day, their conflicts), a permit's conflicts", 60, 80
        ),
    )
}
# Under 8 concurrent clients the list serves at least this share of the trivial endpoint's requests per second.
LIST_THROUGHPUT_SHARE = 0.25


def budget_ms(kind: str, permits: int) -> float:
    return BUDGETS[kind].at(permits)


def export_budget_s(rows: int) -> float:
    """Seconds allowed to export `rows` rows: the per-100k budget, pro rata (never under one second)."""
    return max(1.0, BUDGETS["export"].at_small * rows / SMALL)
