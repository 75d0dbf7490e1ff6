"""Named, registered guards. Actions and readiness run the very same functions.

A guard returns what is missing (empty when it holds). Later features register more guards or
replace a requirement guard's body; the workflow table names which guards each action runs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from ptw.accounts.choices import Capability
from ptw.accounts.policies import in_pool
from ptw.permits.choices import AttachmentKind, ClosingMode, IsolationStatus, Status
from ptw.permits.gas import TEST_ORDER
from ptw.permits.missing import Missing
from ptw.permits.models import (
    FireWatch,
    GasTest,
    Permit,
    PermitAttachment,
    PermitCloseout,
    PermitIsolation,
    PermitWorker,
    ToolboxTalk,
)
from ptw.permits.models.permit_type import EffectiveType
from ptw.permits.simops import Found, conflicts_of, refusals, subject_of
from ptw.permits.workflow import ISOLATION_APPLIED, ISOLATION_REMOVED, LIVE, SIMOPS_WEIGHED

if TYPE_CHECKING:
    from ptw.accounts.models import User
    from ptw.permits.competency import CompetencyBook


@dataclass(frozen=True)
class GuardContext:
    """What the guards judge: the permit, its effective type and the moment. The safety-control records are
    read once per context, so readiness, which runs every action's guards, reads each of them once."""

    permit: Permit
    permit_type: EffectiveType
    now: datetime
    # Who acts (readiness: the caller); the competency guards judge their certificates. None: the system.
    actor: User | None = None
    # Whether every conflict is read, warnings too (approve asks for their acknowledgement), or only those refusing.
    weigh_warnings: bool = False

    @cached_property
    def competency(self) -> CompetencyBook:
        """The certificates the competency guards judge, read once (`permits/competency.py`)."""
        from ptw.permits.competency import book_for

        return book_for(self)

    @cached_property
    def gas_tests(self) -> list[GasTest]:
        """Newest first."""
        return list(GasTest.objects.filter(permit=self.permit).order_by("-tested_at", "-id"))

    @cached_property
    def isolations(self) -> list[PermitIsolation]:
        return list(PermitIsolation.objects.filter(permit=self.permit).order_by("id"))

    @cached_property
    def workers(self) -> list[PermitWorker]:
        """With whether each signed on (the record without its image and statement)."""
        return list(
            PermitWorker.objects.filter(permit=self.permit)
            .select_related("sign_on")
            .defer("sign_on__data", "sign_on__statement", "sign_on__user_agent")
            .order_by("id")
        )

    @cached_property
    def one_to_ones(self) -> tuple[ToolboxTalk | None, PermitCloseout | None, FireWatch | None]:
        """The permit's toolbox talk, closeout record and fire watch (at most one each), read together in one
        query when a guard first asks for one of them: readiness asks for all three."""
        row = (
            Permit.objects.filter(pk=self.permit.id)
            .order_by("pk")
            .select_related("toolbox_talk", "closeout", "fire_watch")
            .only(
                "id",
                "toolbox_talk__id",
                "closeout__answers",
                *(f"fire_watch__{field.attname}" for field in FireWatch._meta.concrete_fields),
            )
            .first()
        )
        if row is None:
            return None, None, None
        return getattr(row, "toolbox_talk", None), getattr(row, "closeout", None), getattr(row, "fire_watch", None)

    @cached_property
    def talk_held(self) -> bool:
        return self.one_to_ones[0] is not None

    @cached_property
    def conflicts(self) -> list[Found]:
        """The permit's SIMOPS conflicts now, as if live in its planned window (`permits/simops.py`); none once it
        has ended."""
        if self.permit.status not in SIMOPS_WEIGHED:
            return []
        return conflicts_of(subject_of(self.permit, isolations=self.isolations))

    @cached_property
    def refusing(self) -> list[Found]:
        """The conflicts that refuse the guarded acts now (`Found.refuses`): of every conflict when those are read
        (`weigh_warnings`), else read alone (only the issued permits that could refuse, in fewer rows)."""
        if self.weigh_warnings:
            return [hit for hit in self.conflicts if hit.refuses]
        if self.permit.status not in SIMOPS_WEIGHED:
            return []
        return conflicts_of(subject_of(self.permit, isolations=self.isolations), refusing=True)

    @cached_property
    def cross_references(self) -> tuple[list[Permit], list[Permit]]:
        return cross_references(self.permit)

    @cached_property
    def depends_on(self) -> list[Permit]:
        """The permits this one depends on (activate and resume both ask), by id."""
        return sorted(self.cross_references[0], key=lambda other: other.id)

    @cached_property
    def live_dependents(self) -> list[Permit]:
        """The live permits that depend on this one (hand-back and completion both ask), by id."""
        return sorted((p for p in self.cross_references[1] if p.status in LIVE), key=lambda other: other.id)

    @cached_property
    def closeout_answers(self) -> dict[str, Any]:
        record = self.one_to_ones[1]
        return dict(record.answers) if record else {}

    @cached_property
    def attachment_kinds(self) -> set[str]:
        """The kinds of the permit's current (not superseded) attachments."""
        rows = PermitAttachment.objects.filter(permit=self.permit, superseded_by__isnull=True)
        return set(rows.values_list("kind", flat=True).distinct())

    @cached_property
    def fire_watch(self) -> FireWatch | None:
        return self.one_to_ones[2]


def cross_references(permit: Permit) -> tuple[list[Permit], list[Permit]]:
    """The permits `permit` depends on and those that depend on it, newest first (the relation's order), with what a
    reference shows: the links in one query and, when there are any, the permits they name in one more (most
    permits have none). Nothing is read of a permit read with `has_references` false (`permit_get`)."""
    if getattr(permit, "has_references", True) is False:
        return [], []
    links = list(
        Permit.depends_on.through.objects.filter(Q(from_permit_id=permit.id) | Q(to_permit_id=permit.id)).values_list(
            "from_permit_id", "to_permit_id"
        )
    )
    if not links:
        return [], []
    on = {to for origin, to in links if origin == permit.id}
    by = {origin for origin, to in links if to == permit.id}
    found = list(Permit.objects.filter(pk__in=on | by).only("id", "permit_number", "title", "status", "created_at"))
    return [p for p in found if p.id in on], [p for p in found if p.id in by]


Guard = Callable[[GuardContext], list[Missing]]
REGISTRY: dict[str, Guard] = {}


def guard(name: str) -> Callable[[Guard], Guard]:
    def register(func: Guard) -> Guard:
        REGISTRY[name] = func
        return func

    return register


def run_guards(names: tuple[str, ...], ctx: GuardContext) -> list[Missing]:
    return [item for name in names for item in REGISTRY[name](ctx)]


def _blank(value: object) -> bool:
    return (
        value is None
        or (isinstance(value, str | list | dict) and len(value) == 0)
        or (isinstance(value, str) and not value.strip())
    )


@guard("required_fields")
def required_fields(ctx: GuardContext) -> list[Missing]:
    p = ctx.permit
    # Where the work is: a node of the location tree, or the free-text location.
    location = p.location if p.location_node_id is None else "node"
    empty = [
        label
        for label, value in (("title", p.title), ("description", p.description), ("location", location))
        if _blank(value)
    ]
    if empty:
        return [Missing("required_fields_missing", f"Fill in: {', '.join(empty)}.")]
    return []


@guard("risk_assessed")
def risk_assessed(ctx: GuardContext) -> list[Missing]:
    """Every permit is assessed on the 5x5 matrix before anyone reviews it: no silent default."""
    if ctx.permit.probability is None or ctx.permit.severity is None:
        return [Missing("risk_not_assessed", "Assess the risk: choose probability and severity.")]
    return []


@guard("form_template")
def form_template(ctx: GuardContext) -> list[Missing]:
    params = ctx.permit.parameters or {}
    return [
        Missing("template_field_missing", f"Fill in the {ctx.permit_type.name} field “{field['label']}”.")
        for field in ctx.permit_type.form_fields
        if field.get("required") and _blank(params.get(field["key"]))
    ]


@guard("attachments")
def attachments(ctx: GuardContext) -> list[Missing]:
    """The attachment kinds the permit's type requires (e.g. hot work: a JSA), each current on the permit."""
    required = list(ctx.permit_type.required_attachments or [])
    if not required:
        return []
    return [
        Missing("attachment_missing", f"Attach the {AttachmentKind(kind).label} a {ctx.permit_type.name} permit needs.")
        for kind in required
        if kind not in ctx.attachment_kinds
    ]


@guard("planned_window")
def planned_window(ctx: GuardContext) -> list[Missing]:
    p = ctx.permit
    if p.planned_end <= p.planned_start:
        return [Missing("planned_window_invalid", "The planned end must be after the planned start.")]
    if p.planned_end <= ctx.now:
        return [Missing("planned_window_invalid", "The planned end is already in the past.")]
    return []


@guard("max_validity")
def max_validity(ctx: GuardContext) -> list[Missing]:
    hours = ctx.permit_type.max_validity_hours
    if ctx.permit.planned_end - ctx.permit.planned_start > timedelta(hours=hours):
        return [Missing("max_validity_exceeded", f"A {ctx.permit_type.name} permit may last at most {hours} hours.")]
    return []


@guard("named_verifier")
def named_verifier(ctx: GuardContext) -> list[Missing]:
    p = ctx.permit
    if p.named_verifier is None:
        return []
    if p.named_verifier_id == p.requester_id or not in_pool(p.named_verifier, p.project, Capability.VERIFY):
        return [Missing("named_verifier_invalid", "The named verifier is not in this project's verifier pool.")]
    return []


@guard("hazards_and_controls")
def hazards_and_controls(ctx: GuardContext) -> list[Missing]:
    missing = []
    if _blank(ctx.permit.hazards):
        missing.append(Missing("hazards_missing", "Record the hazards of the work."))
    if _blank(ctx.permit.control_measures):
        missing.append(Missing("controls_missing", "Record the control measures."))
    return missing


@guard("mandatory_ppe")
def mandatory_ppe(ctx: GuardContext) -> list[Missing]:
    lacking = [item for item in ctx.permit_type.mandatory_ppe if item not in (ctx.permit.ppe or [])]
    if lacking:
        return [Missing("ppe_incomplete", f"Mandatory PPE not listed: {', '.join(lacking)}.")]
    return []


@guard("checklist")
def checklist(ctx: GuardContext) -> list[Missing]:
    answers = ctx.permit.checklist or {}
    open_items = [
        item["label"] for item in ctx.permit_type.checklist if item.get("required") and not answers.get(item["key"])
    ]
    if open_items:
        return [Missing("checklist_incomplete", f"Tick the required checklist items: {'; '.join(open_items)}.")]
    return []


@guard("inside_planned_window")
def inside_planned_window(ctx: GuardContext) -> list[Missing]:
    p = ctx.permit
    if not p.planned_start <= ctx.now <= p.planned_end:
        return [Missing("outside_planned_window", "Work may start only inside the planned window.")]
    return []


@guard("gas_test_recorded")
def gas_test_recorded(ctx: GuardContext) -> list[Missing]:
    if ctx.permit_type.requires_gas_test and not ctx.gas_tests:
        return [Missing("gas_test_missing", "This permit type needs a gas test; none is recorded.")]
    return []


def required_gases(permit_type: EffectiveType) -> list[str]:
    listed = list(permit_type.gas_tests_required or [])
    return [gas for gas in TEST_ORDER if gas in listed or gas in ("O2", "LEL")] + [
        gas for gas in listed if gas not in TEST_ORDER
    ]


@guard("gas_test")
def gas_test(ctx: GuardContext) -> list[Missing]:
    """Every required gas: its latest reading recorded, safe and still fresh."""
    if not ctx.permit_type.requires_gas_test:
        return []
    latest: dict[str, GasTest] = {}
    for test in ctx.gas_tests:
        latest.setdefault(test.gas, test)
    missing = []
    for gas in required_gases(ctx.permit_type):
        reading = latest.get(gas)
        if reading is None:
            missing.append(Missing("gas_test_missing", f"No {gas} reading is recorded."))
        elif reading.result != "pass":
            value = f"{reading.value} {reading.unit}"
            missing.append(Missing("gas_test_unsafe", f"The latest {gas} reading ({value}) is unsafe."))
        elif reading.fresh_until < ctx.now:
            missing.append(Missing("gas_test_stale", f"The latest {gas} reading is older than its validity; retest."))
    return missing


@guard("isolations_verified")
def isolations_verified(ctx: GuardContext) -> list[Missing]:
    """Every isolation on the permit and not yet removed has been applied and verified: a point put on a permit
    is part of its safety plan whether or not its type requires isolation. A type requiring isolation needs one."""
    in_place = [i for i in ctx.isolations if i.status not in ISOLATION_REMOVED]
    if not in_place:
        if ctx.permit_type.requires_isolation:
            return [Missing("isolation_missing", "This permit type needs isolations; none is applied.")]
        return []
    open_ones = [i.name for i in in_place if i.status != IsolationStatus.VERIFIED]
    if open_ones:
        return [Missing("isolation_not_verified", f"Not applied and verified yet: {', '.join(open_ones)}.")]
    return []


@guard("toolbox_talk")
def toolbox_talk(ctx: GuardContext) -> list[Missing]:
    """The toolbox talk is recorded and every worker on the permit has signed on for it (or, on older
    permits, was recorded as acknowledging it)."""
    if not ctx.permit_type.requires_toolbox_talk:
        return []
    missing = []
    if not ctx.talk_held:
        missing.append(Missing("toolbox_talk_missing", "Hold the toolbox talk and record it."))
    names = [f"{w.name} ({w.company})" for w in ctx.workers if not w.signed_on]
    if names:
        missing.append(Missing("worker_not_signed_on", f"Not yet signed on for the toolbox talk: {', '.join(names)}."))
    return missing


@guard("min_workers")
def min_workers(ctx: GuardContext) -> list[Missing]:
    needed = int(ctx.permit_type.min_workers or 0)
    if needed <= 0:
        return []
    count = len(ctx.workers)
    if count < needed:
        return [Missing("workers_missing", f"At least {needed} workers must be on the permit; {count} recorded.")]
    return []


@guard("closeout")
def closeout(ctx: GuardContext) -> list[Missing]:
    """Every required item of the type's closeout checklist is done."""
    if not ctx.permit_type.requires_closeout:
        return []
    answers = ctx.closeout_answers
    open_items = [
        item["label"]
        for item in ctx.permit_type.closeout_checklist
        if item.get("required") and not (answers.get(item["key"]) or {}).get("done")
    ]
    if open_items:
        return [Missing("closeout_incomplete", f"Complete the closeout items: {'; '.join(open_items)}.")]
    return []


def _applied(ctx: GuardContext) -> list[str]:
    return [i.name for i in ctx.isolations if i.status in ISOLATION_APPLIED]


@guard("deisolation")
def deisolation(ctx: GuardContext) -> list[Missing]:
    """No lock is left on when the work is handed back, whatever the type requires."""
    if names := _applied(ctx):
        return [Missing("deisolation_required", f"De-isolate before completion: {', '.join(names)}.")]
    return []


@guard("reinstatement")
def reinstatement(ctx: GuardContext) -> list[Missing]:
    """Every de-isolated point has been confirmed reinstated (tested, or why not) by another person."""
    names = [i.name for i in ctx.isolations if i.status == IsolationStatus.DEISOLATED]
    if names:
        return [Missing("reinstatement_pending", f"Confirm the equipment is reinstated: {', '.join(names)}.")]
    return []


def fire_watch_ends_at(watch: FireWatch, minutes: int) -> datetime:
    """When the fire watch may end: the type's fire-watch time after the hot work ended."""
    return watch.hot_work_ended_at + timedelta(minutes=minutes)


@guard("fire_watch_recorded")
def fire_watch_recorded(ctx: GuardContext) -> list[Missing]:
    """A type with a fire watch is handed back with the end of its hot work and the fire watch's keeper."""
    if not ctx.permit_type.requires_fire_watch or ctx.fire_watch is not None:
        return []
    return [Missing("fire_watch_missing", "Record when the hot work ended and who keeps the fire watch.")]


@guard("fire_watch")
def fire_watch(ctx: GuardContext) -> list[Missing]:
    """The fire watch has run its full time after the hot work ended and its keeper signed it off."""
    if not ctx.permit_type.requires_fire_watch:
        return []
    watch = ctx.fire_watch
    if watch is None:
        return fire_watch_recorded(ctx)
    left = fire_watch_ends_at(watch, int(ctx.permit_type.fire_watch_minutes)) - ctx.now
    if left > timedelta(0):
        minutes = math.ceil(left.total_seconds() / 60)
        return [Missing("fire_watch_running", f"The fire watch runs for {minutes} more minute(s).")]
    if watch.signed_off_at is None:
        return [Missing("fire_watch_not_signed_off", "The fire watch's keeper has not signed it off yet.")]
    return []


@guard("isolations_released")
def isolations_released(ctx: GuardContext) -> list[Missing]:
    """Nothing may be left isolated, without record, on a cancelled permit."""
    if names := _applied(ctx):
        return [Missing("deisolation_required", f"De-isolate before cancelling: {', '.join(names)}.")]
    return []


@guard("past_end")
def past_end(ctx: GuardContext) -> list[Missing]:
    grace = timedelta(0)
    if ctx.permit_type.closing_mode != ClosingMode.AUTOMATIC:
        grace = timedelta(hours=float(str(ctx.permit.project.setting("grace_hours"))))
    if ctx.now <= ctx.permit.planned_end + grace:
        return [Missing("not_past_end", "The permit's planned end (plus grace) has not passed.")]
    return []


@guard("simops")
def simops(ctx: GuardContext) -> list[Missing]:
    """No `block` conflict with an issued permit (the rules and their meaning are in `permits/simops.py`)."""
    return refusals(ctx.refusing)


@guard("dependencies_active")
def dependencies_active(ctx: GuardContext) -> list[Missing]:
    """Work starts only while every permit this one depends on is active."""
    return [
        Missing("dependency_not_active", f"Depends on {other.permit_number} ({other.title}), which is {other.status}.")
        for other in ctx.depends_on
        if other.status != Status.ACTIVE
    ]


@guard("dependents_ended")
def dependents_ended(ctx: GuardContext) -> list[Missing]:
    """A permit is not handed back while a permit that depends on it is live."""
    return [
        Missing(
            "dependent_live", f"{other.permit_number} ({other.title}) depends on this permit and is {other.status}."
        )
        for other in ctx.live_dependents
    ]
