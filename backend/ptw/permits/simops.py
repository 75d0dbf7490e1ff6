"""SIMOPS: the one module that decides whether two permits conflict (decision 0017).

Two permits are simultaneous when both are live (`workflow.LIVE`) and their planned windows overlap strictly
(touching at an instant is no overlap). They conflict

- by rule: the project's rules (data, `SimopsRuleSet`, else `DEFAULT_RULES`) give their two categories an effect
  (`block`, `warn`, `none`) that applies within a scope (`node`, `unit`, `area`). A rule naming both categories
  outranks rules with `*` (any permit) for that pair; among the rules that apply the strongest effect wins.
- by isolation: one permit needs a library isolation point applied (its isolation of the point is assigned,
  isolated or verified) while the other has de-isolated its own isolation of the same point and is still live, so
  the other's work runs with that energy restored. Always `block`.

Scopes, from each permit's location node (a permit without a node has no rule conflicts): `node` — the same node,
or one is an ancestor of the other; `unit` — that, or the same unit, or the same area where one of them is placed
above unit level (a permit on an area or on equipment straight under it may be anywhere in the area); `area` — the
same area.

A `block` conflict refuses verify, approve, activate, resume and an extension decision while the other permit is
issued (`workflow.ISSUED`): the first permit issued wins, the later one waits (a conflict with a permit that is
still under review is shown, and refuses nothing until one of the two is issued). A `warn` conflict must be
acknowledged with a comment by the issuer approving. Nothing else in PTW encodes a rule.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from typing import Any

from django.contrib.postgres.fields import DateTimeRangeField
from django.contrib.postgres.lookups import Overlap
from django.db import connection
from django.db.models import BigIntegerField, Func, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Cast
from psycopg.types.range import Range

from ptw.accounts.models import Project
from ptw.core.errors import InvalidInput
from ptw.permits.choices import IsolationStatus
from ptw.permits.missing import Missing
from ptw.permits.models import (
    LocationNode,
    Permit,
    PermitIsolation,
    PermitType,
    SimopsAcknowledgement,
    SimopsRuleSet,
)
from ptw.permits.workflow import ISSUED, LIVE

ANY = "*"
SCOPES = ("node", "unit", "area")
EFFECTS = ("block", "warn", "none")
_STRENGTH = {"none": 0, "warn": 1, "block": 2}
# Categories a rule may name besides the tenant's permit types' own: the common ones of the trade.
KNOWN_CATEGORIES = (
    "general",
    "hot_work",
    "confined_space",
    "height",
    "electrical",
    "lifting",
    "excavation",
    "line_break",
)
CATEGORY_LABELS = {
    "general": "general work",
    "hot_work": "hot work",
    "confined_space": "confined space entry",
    "height": "work at height",
    "electrical": "electrical work",
    "lifting": "lifting",
    "excavation": "excavation",
    "line_break": "line break",
}
# §9's defaults: what a project uses until its admins change the rules.
DEFAULT_RULES: list[dict[str, str]] = [
    {"category_a": "hot_work", "category_b": "confined_space", "effect": "block", "scope": "unit"},
    {"category_a": "hot_work", "category_b": "line_break", "effect": "block", "scope": "unit"},
    {"category_a": "hot_work", "category_b": "excavation", "effect": "block", "scope": "unit"},
    {"category_a": "lifting", "category_b": ANY, "effect": "block", "scope": "unit"},
    {"category_a": "hot_work", "category_b": "hot_work", "effect": "warn", "scope": "unit"},
    {"category_a": "height", "category_b": ANY, "effect": "warn", "scope": "unit"},
]
MAX_RULES = 200
_NEEDS = frozenset({IsolationStatus.ASSIGNED, IsolationStatus.ISOLATED, IsolationStatus.VERIFIED})


@dataclass(frozen=True)
class Rules:
    project_id: int
    version: int
    rules: list[dict[str, str]]


def rules_current(project_id: int) -> Rules:
    """The project's rules and their version (the defaults, version 1, until they are first replaced)."""
    return _rules(project_id, SimopsRuleSet.objects.filter(project_id=project_id).only("rules", "version").first())


def rules_joined(project: Project) -> Rules | None:
    """The project's rules if they were read with it (`select_related("simops_rules")`, as `permit_get` reads a
    permit's project), else None."""
    if not Project.simops_rules.is_cached(project):
        return None
    return _rules(project.id, getattr(project, "simops_rules", None))


def _rules(project_id: int, row: SimopsRuleSet | None) -> Rules:
    if row is None:
        return Rules(project_id, 1, [dict(rule) for rule in DEFAULT_RULES])
    return Rules(project_id, row.version, list(row.rules))


def categories_of(project_id: int) -> list[str]:
    """The categories a rule may name: the project's tenant's permit types' and the known ones."""
    used = PermitType.objects.filter(tenant__projects__id=project_id).values_list("category", flat=True).distinct()
    return sorted(set(used) | set(KNOWN_CATEGORIES))


def rules_validate(project_id: int, rules: Any) -> list[dict[str, str]]:
    """The rules as stored, or 400 naming each bad rule (unknown category, effect or scope; a pair given twice)."""
    if not isinstance(rules, list) or len(rules) > MAX_RULES:
        raise InvalidInput(fields={"rules": [f"Give a list of at most {MAX_RULES} rules."]})
    categories = {*categories_of(project_id), ANY}
    errors: list[str] = []
    clean: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for index, rule in enumerate(rules):
        if not isinstance(rule, dict) or set(rule) != {"category_a", "category_b", "effect", "scope"}:
            errors.append(f"Rule {index + 1}: give category_a, category_b, effect and scope.")
            continue
        a, b, effect, scope = rule["category_a"], rule["category_b"], rule["effect"], rule["scope"]
        problems = [
            f"unknown category “{value}”" for value in (a, b) if not isinstance(value, str) or value not in categories
        ]
        if effect not in EFFECTS:
            problems.append(f"effect must be one of {', '.join(EFFECTS)}")
        if scope not in SCOPES:
            problems.append(f"scope must be one of {', '.join(SCOPES)}")
        if problems:
            errors.append(f"Rule {index + 1}: {'; '.join(problems)}.")
            continue
        pair = (min(a, b), max(a, b))
        if pair in seen:
            errors.append(f"Rule {index + 1}: {a} and {b} are given twice.")
            continue
        seen.add(pair)
        clean.append({"category_a": a, "category_b": b, "effect": effect, "scope": scope})
    if errors:
        raise InvalidInput(fields={"rules": errors})
    return clean


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Strictly: windows that only touch at an instant do not overlap."""
    return a_start < b_end and b_start < a_end


def _related(a: LocationNode, b: LocationNode) -> bool:
    return a.id == b.id or a.id in (b.parent_id, b.unit_id, b.area_id) or b.id in (a.parent_id, a.unit_id, a.area_id)


def scope_holds(scope: str, a: LocationNode, b: LocationNode) -> bool:
    if _related(a, b):
        return True
    if scope == "node" or a.area_id != b.area_id:
        return False
    if scope == "area":
        return True
    return a.unit_id == b.unit_id or a.unit_id is None or b.unit_id is None


def _ancestor(a: LocationNode, b: LocationNode, field: str) -> LocationNode | None:
    """`a`'s area or unit (`field`): the node `b` or one of `b`'s read ancestors when it is that node, else `a`'s own
    (read now unless it was read with `a`). A permit whose readiness is weighed is read without its node's
    ancestors (`permit_get(places=False)`), and the permits it meets in a rule's area or unit were read with theirs."""
    wanted = getattr(a, f"{field}_id")
    if wanted is None:
        return None
    if not getattr(LocationNode, field).is_cached(a):
        known = [b, *(getattr(b, name) for name in ("area", "unit") if getattr(LocationNode, name).is_cached(b))]
        for node in known:
            if node is not None and node.id == wanted:
                return node
    return getattr(a, field)


def _where(scope: str, a: LocationNode, b: LocationNode) -> str:
    if scope == "node":
        inner = a if a.parent_id == b.id or a.unit_id == b.id or a.area_id == b.id else b
        outer = b if inner is a else a
        return f"at the same location ({outer.name})"
    if scope == "unit":
        unit = _ancestor(a, b, "unit") if a.unit_id is not None else b.unit
        return f"in the same unit ({(unit or _ancestor(a, b, 'area') or a).name})"
    return f"in the same area ({(_ancestor(a, b, 'area') or a).name})"


class RuleBook:
    """A project's conflict rules, with the rules that may decide each pair of categories worked out once: the
    site board weighs thousands of pairs among a few categories."""

    def __init__(self, rules: list[dict[str, str]]) -> None:
        self.rules = rules
        self._applicable: dict[tuple[str, str], list[dict[str, str]]] = {}

    def applicable(self, ca: str, cb: str) -> list[dict[str, str]]:
        """The rules naming both categories exactly, else those matching them through `any`."""
        found = self._applicable.get((ca, cb))
        if found is None:
            found = [
                r
                for r in self.rules
                if {r["category_a"], r["category_b"]} == {ca, cb} and ANY not in (r["category_a"], r["category_b"])
            ] or [
                r
                for r in self.rules
                if (r["category_a"] in (ca, ANY) and r["category_b"] in (cb, ANY))
                or (r["category_a"] in (cb, ANY) and r["category_b"] in (ca, ANY))
            ]
            self._applicable[(ca, cb)] = found
        return found

    def reach(self, category: str, effects: Iterable[str] = ("block", "warn")) -> tuple[set[str] | None, str]:
        """Which categories a permit of `category` may conflict with by rule (None: any) and the widest scope of the
        rules that could say so ("" when none could): what a conflict search may leave unread. A superset: every
        rule of one of `effects` that could apply to a pair (named exactly or through `any`) counts, whichever
        would win (a pair decided `block` has a block rule among those that apply)."""
        rules = [
            r
            for r in self.rules
            if r["effect"] in effects
            and (category in (r["category_a"], r["category_b"]) or ANY in (r["category_a"], r["category_b"]))
        ]
        if not rules:
            return set(), ""
        widest = max((r["scope"] for r in rules), key=SCOPES.index)
        partners: set[str] = set()
        for r in rules:
            a, b = r["category_a"], r["category_b"]
            if (a in (category, ANY) and b == ANY) or (b in (category, ANY) and a == ANY):
                return None, widest  # a rule of this category (or of any) with any permit
            # (category, X) or (X, category): X; (X, any) or (any, X): X, whatever this permit's category
            partners |= {b} if a == category else {a} if b == category else {a if b == ANY else b}
        return partners, widest

    def effect(self, ca: str, cb: str, a: LocationNode, b: LocationNode) -> dict[str, str]:
        """The rule that decides two categories at two nodes: `{effect, scope}` (effect "none" when nothing
        applies)."""
        best = {"effect": "none", "scope": ""}
        for rule in self.applicable(ca, cb):
            if scope_holds(rule["scope"], a, b) and _STRENGTH[rule["effect"]] > _STRENGTH[best["effect"]]:
                best = {"effect": rule["effect"], "scope": rule["scope"]}
        return best


@dataclass
class Subject:
    """A permit as conflicts see it: live in its planned window (or a window it would move to)."""

    id: int | None
    project_id: int
    category: str
    node: LocationNode | None
    start: datetime
    end: datetime
    needs: set[int] = field(default_factory=set)  # library points it needs applied
    released: set[int] = field(default_factory=set)  # library points it has de-isolated
    rules: Rules | None = None  # the project's rules, when read with the permit (else read when weighed)


@dataclass
class Found:
    other: Permit
    effect: str
    kind: str  # "rule" | "isolation"
    scope: str | None
    reason: str
    acknowledged: SimopsAcknowledgement | None = None
    subject_id: int | None = None  # the permit whose conflicts these are (None: a form not saved yet)

    @property
    def needs_acknowledgement(self) -> bool:
        """A warn conflict the issuer of the subject permit has not acknowledged: the other permit's
        acknowledgement of the pair does not stand for this one's."""
        if self.effect != "warn":
            return False
        return self.acknowledged is None or self.subject_id is None or self.acknowledged.permit_id != self.subject_id

    @property
    def refuses(self) -> bool:
        """Whether this conflict refuses the guarded acts now: a block against an issued permit."""
        return self.effect == "block" and self.other.status in ISSUED


def _points(isolations: Iterable[tuple[int, int, str]]) -> dict[int, tuple[set[int], set[int]]]:
    """permit id → (points needed applied, points de-isolated and not needed again)."""
    found: dict[int, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for permit_id, point_id, status in isolations:
        needs, released = found[permit_id]
        (needs if status in _NEEDS else released).add(point_id)
    for needs, released in found.values():
        released -= needs
    return found


def subject_of(
    permit: Permit, *, end: datetime | None = None, isolations: Iterable[PermitIsolation] | None = None
) -> Subject:
    """The permit as it stands (one query for its isolations, unless they are given), optionally with another
    planned end."""
    rows: Iterable[tuple[int, int, str]]
    if isolations is None:
        rows = PermitIsolation.objects.filter(permit_id=permit.id, point_id__isnull=False).values_list(
            "permit_id", "point_id", "status"
        )
    else:
        rows = [(i.permit_id, i.point_id, i.status) for i in isolations if i.point_id is not None]
    needs, released = _points(rows).get(permit.id, (set(), set()))
    return Subject(
        id=permit.id,
        project_id=permit.project_id,
        category=permit.permit_type.category,
        node=permit.location_node,
        start=permit.planned_start,
        end=end or permit.planned_end,
        needs=needs,
        released=released,
        rules=rules_joined(permit.project) if Permit.project.is_cached(permit) else None,
    )


def _label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category.replace("_", " "))


def _isolation_reason(
    a_points: tuple[set[int], set[int]], b_points: tuple[set[int], set[int]], point_names: dict[int, str]
) -> str | None:
    """Why two permits conflict by their isolation points (one needs isolated what the other de-isolated), or None."""
    shared = (a_points[0] & b_points[1]) | (a_points[1] & b_points[0])
    if not shared:
        return None
    names = ", ".join(sorted(point_names.get(p, str(p)) for p in shared))
    return f"Isolation point {names} is needed isolated by one permit and de-isolated by the other"


def _isolation_found(
    a_points: tuple[set[int], set[int]], other: Permit, b_points: tuple[set[int], set[int]], point_names: dict[int, str]
) -> Found | None:
    reason = _isolation_reason(a_points, b_points, point_names)
    return None if reason is None else Found(other, "block", "isolation", None, reason)


def _pair(
    book: RuleBook,
    a_category: str,
    a_node: LocationNode | None,
    a_points: tuple[set[int], set[int]],
    other: Permit,
    b_points: tuple[set[int], set[int]],
    point_names: dict[int, str],
) -> Found | None:
    if (by_isolation := _isolation_found(a_points, other, b_points, point_names)) is not None:
        return by_isolation
    b_node = other.location_node
    if a_node is None or b_node is None:
        return None
    b_category = other.permit_type.category
    decided = book.effect(a_category, b_category, a_node, b_node)
    if decided["effect"] == "none":
        return None
    text = _reason(decided["scope"], a_category, a_node, b_category, b_node)
    return Found(other, decided["effect"], "rule", decided["scope"], text)


def _reason(scope: str, a_category: str, a_node: LocationNode, b_category: str, b_node: LocationNode) -> str:
    first, second = _label(a_category), _label(b_category)
    return f"{first[:1].upper()}{first[1:]} and {second} {_where(scope, a_node, b_node)}"


# What conflicts read of a permit: its identity, status and window, and its type and location node (`lean`).
LEAN_COLUMNS = (
    "id",
    "project_id",
    "permit_number",
    "title",
    "status",
    "planned_start",
    "planned_end",
    "actual_start",
    "permit_type_id",
    "location_node_id",
    # what an announcement of the conflict to the other permit's issuer says of it (`permit_snapshot`)
    "location",
    "version",
    "requester_id",
    "verifier_id",
    "issuer_id",
)
# What a permit shows of its location node.
NODE_COLUMNS = ("id", "code", "name", "kind", "parent_id", "area_id", "unit_id", "plan_x", "plan_y")
# What a permit shows of its type.
TYPE_COLUMNS = ("id", "name", "category", "color")
# What a permit on the board shows of itself (besides its type and node).
BOARD_COLUMNS = ("id", "permit_number", "title", "status", "planned_start", "planned_end", "actual_start")
# What a node shows of its area and unit.
_NODE_ANCESTORS = tuple(f"{ancestor}__{name}" for ancestor in ("area", "unit") for name in ("id", "name"))


def live_status(statuses: Iterable[str] = LIVE) -> Q:
    """`status IN (...)` for live permits (all, or some live statuses), written in sorted order as the index of live
    windows writes its predicate (migration 0025). PostgreSQL drops the clause as redundant with that index only
    when it is written the same way: in another order (a frozenset's, which changes from process to process) it
    also read the single-column status index, 6 to 8 ms at 1M permits for a board that takes 2 ms."""
    return Q(status__in=sorted(statuses))


class _PlannedWindow(Func):
    """A permit's planned window as a PostgreSQL range, `[start, end)`: the expression the live permits' GiST index
    holds (migration 0025)."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()

    def __init__(self) -> None:
        super().__init__("planned_start", "planned_end")


def window_meets(project_id: int, start: datetime, end: datetime) -> Q:
    """The project's permits whose planned window overlaps `[start, end)` (touching at an instant is no overlap).
    On PostgreSQL one range comparison, answered with the project by the GiST index of the live permits' windows;
    elsewhere the two bounds. An empty window meets nothing (PostgreSQL refuses a range whose end is before its
    start).

    The project's id is compared as a `bigint`: the index's `btree_gist` operator class for the column compares a
    `bigint` with a `bigint` only, and a bare number is an `integer`. Compared as an `integer`, the index was read
    for the window alone, every project's live windows (12,148 for a day at 1M permits in 20 projects), and ANDed
    with the project's 50,125 permits of the project index: 10.4 ms, where the index alone reads the project's 612
    in 0.7 ms."""
    if end <= start:
        return Q(pk__in=[])
    if connection.vendor == "postgresql":
        return Q(
            Overlap(_PlannedWindow(), Range(start, end, "[)")), project_id=Cast(Value(project_id), BigIntegerField())
        )
    return Q(planned_start__lt=end, planned_end__gt=start, project_id=project_id)


def _types_lean() -> QuerySet[PermitType]:
    return PermitType.objects.only(*TYPE_COLUMNS)


def _nodes_lean() -> QuerySet[LocationNode]:
    return LocationNode.objects.select_related("area", "unit").only(*NODE_COLUMNS, *_NODE_ANCESTORS)


def lean(rows: QuerySet[Permit], *, many: bool) -> QuerySet[Permit]:
    """The lean columns of `rows` with their type and node. Many permits (a project's live ones, paired when its site
    changes) share a few types and nodes: each is read once by a query of its own and shared by its permits. A few
    permits (one permit's neighbours) read them in the same query: two queries fewer, each costing more than the
    rows it would share."""
    if many:
        return rows.only(*LEAN_COLUMNS).prefetch_related(
            Prefetch("permit_type", queryset=_types_lean()), Prefetch("location_node", queryset=_nodes_lean())
        )
    return rows.select_related("permit_type", "location_node__area", "location_node__unit").only(
        *LEAN_COLUMNS,
        *(f"permit_type__{name}" for name in TYPE_COLUMNS),
        *(f"location_node__{name}" for name in (*NODE_COLUMNS, *_NODE_ANCESTORS)),
    )


class BoardPermit:
    """A permit as the board shows and pairs it: its columns in slots, its type and node shared with the other
    permits naming them. One object per permit where a model instance is four (the instance, its `__dict__`, its
    state and the state's cache): a busy day's hundreds of permits then no longer fill the garbage collector's old
    generation, whose full collections were the board's slowest answers."""

    __slots__ = (*BOARD_COLUMNS, "permit_type", "location_node")

    def __init__(self, row: tuple[Any, ...], permit_type: PermitType, location_node: LocationNode | None) -> None:
        for name, value in zip(BOARD_COLUMNS, row, strict=False):
            setattr(self, name, value)
        self.permit_type = permit_type
        self.location_node = location_node

    id: int
    permit_number: str
    title: str
    status: str
    planned_start: datetime
    planned_end: datetime
    actual_start: datetime | None


# What pairing reads of a permit: its id, window, type and node.
Pairable = Permit | BoardPermit


def board_permits(rows: QuerySet[Permit]) -> list[BoardPermit]:
    """The permits of `rows` as the board reads them (in their order): their columns, then each type and node they
    name once (three queries)."""
    values = list(rows.values_list(*BOARD_COLUMNS, "permit_type_id", "location_node_id"))
    if not values:
        return []
    width = len(BOARD_COLUMNS)
    types = {t.id: t for t in _types_lean().filter(pk__in={r[width] for r in values})}
    node_ids = {r[width + 1] for r in values} - {None}
    nodes = {n.id: n for n in _nodes_lean().filter(pk__in=node_ids)} if node_ids else {}
    return [BoardPermit(r, types[r[width]], nodes.get(r[width + 1])) for r in values]


def conflicts_of(subject: Subject, *, with_acknowledgements: bool = True, refusing: bool = False) -> list[Found]:
    """Every conflict of `subject` (as if live in its window) with the project's other live permits. A constant
    number of queries: the rules, the ids of the overlapping live permits that could conflict (of its area, where
    rules apply, or holding one of its isolation points) and, when there are any, their lean rows with types and
    nodes, their isolations of shared points, the acknowledgements. The ids first: most permits meet none, and the
    rows' query (four tables joined) cost 1.4 ms more to build than the ids' to find that out.

    `refusing`: only the conflicts that refuse the guarded acts now (`Found.refuses`, what readiness and a
    transition's guard weigh): only the issued permits a block rule or a shared point could join are read, and no
    acknowledgements (they do not lift a block)."""
    mine = subject.needs | subject.released
    area_id = subject.node.area_id if subject.node is not None else None
    if subject.node is None and not mine:
        return []
    book = RuleBook((subject.rules or rules_current(subject.project_id)).rules)
    partners, widest = book.reach(subject.category, ("block",) if refusing else ("block", "warn"))
    near = []
    if subject.node is not None and widest:
        # Only the permits a rule could join: of its area, of its unit (or placed above unit level) when no rule
        # that could apply reaches the whole area, and of the categories the rules name with its own.
        place = Q(location_node__area_id=area_id) if area_id is not None else Q(location_node__isnull=False)
        if widest != "area" and area_id is not None and subject.node.unit_id is not None:
            place &= Q(location_node__unit_id=subject.node.unit_id) | Q(location_node__unit_id__isnull=True)
        if partners is not None:
            place &= Q(permit_type__category__in=partners)
        near.append(place)
    if mine:
        near.append(Q(pk__in=PermitIsolation.objects.filter(point_id__in=mine).values("permit_id")))
    if not near:
        return []
    met = list(
        Permit.objects.filter(
            reduce(operator.or_, near),
            window_meets(subject.project_id, subject.start, subject.end),
            live_status(ISSUED if refusing else LIVE),
        )
        .exclude(pk=subject.id or 0)
        .order_by()
        .values_list("pk", flat=True)
    )
    if not met:
        return []
    others = list(lean(Permit.objects.filter(pk__in=met).order_by("planned_start", "id"), many=False))
    points: dict[int, tuple[set[int], set[int]]] = {}
    names: dict[int, str] = {}
    if mine:
        rows = list(
            PermitIsolation.objects.filter(permit__in=[o.id for o in others], point_id__in=mine).values_list(
                "permit_id", "point_id", "status", "point__code"
            )
        )
        points = _points((r[0], r[1], r[2]) for r in rows)
        names = {r[1]: r[3] for r in rows}
    empty: tuple[set[int], set[int]] = (set(), set())
    own = (subject.needs, subject.released)
    found = [
        hit
        for other in others
        if (hit := _pair(book, subject.category, subject.node, own, other, points.get(other.id, empty), names))
    ]
    for hit in found:
        hit.subject_id = subject.id
    if refusing:
        return [hit for hit in found if hit.refuses]
    if with_acknowledgements and found and subject.id is not None:
        acks = acknowledgements_between(subject.id, [f.other.id for f in found])
        for hit in found:
            hit.acknowledged = acks.get(hit.other.id)
    return found


def acknowledgements_between(permit_id: int, other_ids: list[int]) -> dict[int, SimopsAcknowledgement]:
    """other id → the acknowledgement of the pair (the permit's own first, else the other's)."""
    found: dict[int, SimopsAcknowledgement] = {}
    rows = SimopsAcknowledgement.objects.filter(
        permit_id__in=[permit_id, *other_ids], other_id__in=[permit_id, *other_ids]
    ).select_related("by")
    for ack in sorted(rows, key=lambda a: (a.permit_id != permit_id, a.id)):
        key = ack.other_id if ack.permit_id == permit_id else ack.permit_id
        if permit_id in (ack.permit_id, ack.other_id):
            found.setdefault(key, ack)
    return found


def refusals(found: list[Found]) -> list[Missing]:
    """The readiness reasons of the conflicts that refuse the guarded acts now."""
    return [
        Missing("simops_conflict", f"Conflicts with {hit.other.permit_number} ({hit.other.title}): {hit.reason}.")
        for hit in found
        if hit.refuses
    ]


def unacknowledged(found: list[Found]) -> list[Found]:
    """The warn conflicts the issuer of the permit they were found for has not acknowledged yet."""
    return [hit for hit in found if hit.needs_acknowledgement]


def pairs_among(permits: Sequence[Pairable], rules: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The conflicts between permits of one set (the board): each pair once, as plain values `{a, b, effect,
    reason}` with `a` the lower id, in id order. A busy day has thousands of them: dicts of numbers and text are no
    work for the garbage collector, objects per pair would be (they made the board's full collections).

    1. Isolation conflicts: a permit needing a library point paired with one that released it (always `block`).
    2. Rule conflicts need a shared area: within each area the permits are grouped in cells of one category at one
       node, the rule deciding two cells is worked out once per pair of cells (a day of a site has hundreds of
       permits but few cells), and only the permits of cells a rule joins are compared, by window.
    3. An isolation conflict outranks a rule conflict of the same pair."""
    ids = [p.id for p in permits]
    rows = list(
        PermitIsolation.objects.filter(permit_id__in=ids, point_id__isnull=False).values_list(
            "permit_id", "point_id", "status", "point__code"
        )
    )
    points = _points((r[0], r[1], r[2]) for r in rows)
    names = {r[1]: r[3] for r in rows}
    index = {p.id: p for p in permits}
    found: dict[tuple[int, int], dict[str, Any]] = {}
    releasing: dict[int, set[int]] = defaultdict(set)
    for permit_id, (_, released) in points.items():
        for point in released:
            releasing[point].add(permit_id)
    empty: tuple[set[int], set[int]] = (set(), set())
    for permit_id, (needs, _) in points.items():
        for point in needs:
            for other_id in releasing.get(point, ()):
                key = (min(permit_id, other_id), max(permit_id, other_id))
                if other_id == permit_id or key in found:
                    continue
                a, b = index[key[0]], index[key[1]]
                if overlaps(a.planned_start, a.planned_end, b.planned_start, b.planned_end):
                    reason = _isolation_reason(points.get(a.id, empty), points.get(b.id, empty), names)
                    if reason is not None:
                        found[key] = {"a": a.id, "b": b.id, "effect": "block", "reason": reason}
    book = RuleBook(rules)
    cells: dict[tuple[int, str, int], list[Pairable]] = defaultdict(list)
    for permit in permits:
        node = permit.location_node
        if node is not None and node.area_id is not None:
            cells[(node.area_id, permit.permit_type.category, node.id)].append(permit)
    by_area: dict[int, list[tuple[str, list[Pairable]]]] = defaultdict(list)
    for (area_id, category, _), members in cells.items():
        members.sort(key=lambda p: p.planned_start)
        by_area[area_id].append((category, members))
    for area_cells in by_area.values():
        for i, (ca, first) in enumerate(area_cells):
            for cb, second in area_cells[i:]:
                decided = book.effect(ca, cb, first[0].location_node, second[0].location_node)  # type: ignore[arg-type]
                if decided["effect"] == "none":
                    continue
                # The reason names the lower id's permit first: one text per cell pair and way round.
                x, y = first[0], second[0]
                nx, ny = x.location_node, y.location_node
                reasons = {
                    True: _reason(decided["scope"], ca, nx, cb, ny),  # type: ignore[arg-type]
                    False: _reason(decided["scope"], cb, ny, ca, nx),  # type: ignore[arg-type]
                }
                for a, b in _overlapping(first, second):
                    key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                    if key not in found:
                        found[key] = {
                            "a": key[0],
                            "b": key[1],
                            "effect": decided["effect"],
                            "reason": reasons[a.id < b.id],
                        }
    return [found[key] for key in sorted(found)]


def _overlapping(first: list[Pairable], second: list[Pairable]) -> Iterable[tuple[Pairable, Pairable]]:
    """Pairs of one cell (each pair once) or of two cells whose windows overlap; both lists in start order."""
    same = first is second
    for i, a in enumerate(first):
        for b in second[i + 1 :] if same else second:
            if b.planned_start >= a.planned_end:
                break
            if a.planned_start < b.planned_end:
                yield a, b


def live_pairs(project_id: int) -> dict[tuple[int, int], tuple[Permit, Permit, str]]:
    """Every conflicting pair among the project's live permits, by their ids (lower first), with its reason."""
    permits = list(lean(Permit.objects.filter(live_status(), project_id=project_id), many=True))
    index = {p.id: p for p in permits}
    return {
        (pair["a"], pair["b"]): (index[pair["a"]], index[pair["b"]], pair["reason"])
        for pair in pairs_among(permits, rules_current(project_id).rules)
    }


def simops_lock(project_id: int) -> None:
    """Serialise the acts that check conflicts on one project, so two conflicting permits cannot both be issued by
    acts at the same moment. PostgreSQL: a transaction-scoped advisory lock keyed by the project (taken before any
    permit row, always in this order). SQLite serialises every writing transaction already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_SPACE, project_id])


_LOCK_SPACE = 170_017  # the advisory-lock key space of SIMOPS (decision 0017)
