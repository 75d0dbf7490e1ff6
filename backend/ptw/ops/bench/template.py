"""The benchmark's template permits: one per line of the demo plan, each taken through the real services at
believable past times — with its crew signed on for a held toolbox talk, gas tests and an isolation applied,
verified and (when the work is handed back) removed, and its closeout answered — so every row and every
timeline event of a template is exactly what the product itself records. The data set clones them."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from ptw.accounts.testing import Site
from ptw.ops.demo.content import LOCATION_NODES
from ptw.ops.demo.loader import (
    _STEPS,
    PLAN,
    _at,
    _step_times,
    demo_permit_content,
    demo_permit_create,
    demo_transition,
)
from ptw.permits.choices import Status
from ptw.permits.models import LocationNode, Permit, PermitIsolation, PermitType
from ptw.permits.services.closeout import closeout_save
from ptw.permits.services.gas_tests import gas_test_record
from ptw.permits.services.isolations import (
    isolation_assign,
    isolation_deisolate,
    isolation_isolate,
    isolation_reinstate,
    isolation_verify,
)
from ptw.permits.services.toolbox_talks import toolbox_talk_save
from ptw.permits.services.workers import worker_add, worker_sign_on

_ACTOR = {
    "submit": "requester",
    "verify": "verifier",
    "approve": "issuer",
    "activate": "requester",
    "suspend": "issuer",
    "hand_back": "requester",
    "complete": "issuer",
    "cancel": "issuer",
    "reject": "issuer",
}
CREW = (("Ana Costa", "Pipefitter"), ("Ben Osei", "Rigger"))


def _gas_tests(site: Site, permit: Permit, now: datetime) -> None:
    for gas, value, unit in (("O2", "20.9", "%vol"), ("LEL", "0", "%LEL")):
        gas_test_record(
            actor=site.people["verifier"],
            permit_id=permit.id,
            data={
                "gas": gas,
                "value": Decimal(value),
                "unit": unit,
                "instrument_id": "GD-0417",
                "calibrated_on": (now - timedelta(days=30)).date(),
                "location": "At the work point",
            },
        )


def _isolation(site: Site, permit: Permit, index: int, *, verified: bool) -> None:
    issuer = site.people["issuer"]
    isolation = isolation_assign(
        actor=issuer,
        permit_id=permit.id,
        data={"name": f"Breaker MCC-{index}", "energy_type": "electrical", "locks_required": 1},
    )
    isolation_isolate(actor=issuer, permit_id=permit.id, isolation_id=isolation.id, lock_numbers=[f"B-{index}"])
    if verified:
        isolation_verify(actor=site.people["issuer2"], permit_id=permit.id, isolation_id=isolation.id)


def _crew(site: Site, permit: Permit, moment: datetime) -> None:
    requester = site.people["requester"]
    workers = [
        worker_add(
            actor=requester, permit_id=permit.id, data={"name": name, "company": "Bench Site Services", "trade": t}
        )
        for name, t in CREW
    ]
    current = Permit.objects.get(pk=permit.id)
    toolbox_talk_save(
        actor=requester,
        permit_id=permit.id,
        expected_version=1,
        data={
            "held_at": moment - timedelta(minutes=5),
            "topics": ["Hazards of the line", "Escape routes", "Gas alarm response"],
            "notes": "Held at the muster point.",
        },
        taken_against=current.version,
    )
    for worker in workers:
        worker_sign_on(
            actor=requester,
            permit_id=permit.id,
            worker_id=worker.id,
            data={"method": "typed", "data": worker.name, "statement_confirmed": True},
        )


def _hand_back(site: Site, permit: Permit, ptype: PermitType) -> None:
    requester = site.people["requester"]
    answers = {item["key"]: {"done": True, "comment": "Checked"} for item in ptype.closeout_checklist}
    closeout_save(
        actor=requester,
        permit_id=permit.id,
        expected_version=1,
        data={"answers": answers, "remarks": "Area handed back clean.", "work_finished": True},
    )
    for isolation in PermitIsolation.objects.filter(permit=permit):
        isolation_deisolate(actor=site.people["issuer"], permit_id=permit.id, isolation_id=isolation.id)
        isolation_reinstate(actor=requester, permit_id=permit.id, isolation_id=isolation.id, tested=True)


def template_permit(
    site: Site,
    types: dict[str, PermitType],
    index: int,
    plan: tuple[str, str, float, float],
    now: datetime,
    nodes: dict[str, LocationNode],
) -> Permit:
    """One template permit in the plan's status, placed in the demo's location tree like the demo's own permit, with
    the records its steps need, at the plan's times."""
    status = plan[0]
    ptype, data, start, created = demo_permit_content(types, index, plan, now)
    data.update(probability=1 + index % 4, severity=2 + index % 3)
    code = LOCATION_NODES.get(data["location"], "")
    if code in nodes:
        data["location_node"] = nodes[code].id
    with _at(created):
        permit = demo_permit_create(site, ptype, data)
    steps = _STEPS[status]
    times = _step_times(status, start, len(steps), now)
    for position, (action, moment) in enumerate(zip(steps, times, strict=True)):
        if action == "activate":
            with _at(moment - timedelta(minutes=10)):
                _crew(site, permit, moment - timedelta(minutes=10))
                _gas_tests(site, permit, moment)
                _isolation(site, permit, index, verified=True)
        if action == "hand_back":
            with _at(moment - timedelta(minutes=5)):
                _hand_back(site, permit, ptype)
        actor = "verifier" if action == "reject" and status == Status.REJECTED else _ACTOR[action]
        with _at(moment):
            permit = demo_transition(permit.id, action, site.people[actor])
        if position == len(steps) - 1 and status in (Status.SUBMITTED, Status.UNDER_REVIEW):
            # Paperwork in review: gas tested and the isolation applied, not yet verified.
            with _at(moment + timedelta(minutes=2)):
                _gas_tests(site, permit, moment)
                _isolation(site, permit, index, verified=False)
    return Permit.objects.get(pk=permit.id)


def templates_build(
    site: Site, types: dict[str, PermitType], now: datetime, count: int, nodes: dict[str, LocationNode]
) -> list[Permit]:
    """The first `count` lines of the plan (all of it when `count` is larger) as template permits, placed in the
    project's location tree (`nodes`: code -> node, the demo's tree)."""
    return [template_permit(site, types, index, plan, now, nodes) for index, plan in enumerate(PLAN[:count])]
