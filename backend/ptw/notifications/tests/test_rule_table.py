"""The rule table, expanded per persona: each kind reaches exactly the people §8 names, nobody else."""

from __future__ import annotations

from typing import Any

import pytest

from ptw.accounts.choices import MembershipRole
from ptw.accounts.models import Membership, Project, User
from ptw.core.outbox import outbox_add
from ptw.notifications.models import EmailDelivery, Notification
from ptw.notifications.rules import RULES
from ptw.notifications.tests.conftest import World, notify

PERSONAS = ("requester", "verifier", "verifier2", "issuer", "issuer2", "admin", "viewer", "other_admin", "outsider")
ON_PERMIT = {"requester", "verifier", "issuer"}

# kind → who receives it, when the requester, verifier and issuer are on the permit and a task names both verifiers.
EXPECTED: dict[str, set[str]] = {
    "task_verify": {"verifier", "verifier2"},
    "task_approve": {"verifier", "verifier2"},
    "task_extension": {"verifier", "verifier2"},
    "task_handover": {"verifier", "verifier2"},
    "task_accept_handback": {"verifier", "verifier2"},
    "handback_refused": {"requester"},
    "fire_watch_due": {"verifier", "verifier2"},
    "permit_rejected": {"requester"},
    "permit_approved": {"requester"},
    "permit_suspended": ON_PERMIT,
    "permit_resumed": {"requester"},
    "permit_expired": ON_PERMIT,
    "gas_unsafe": ON_PERMIT | {"admin"},
    "end_approaching": ON_PERMIT,
    "end_reached": ON_PERMIT,
    "grace_ending": ON_PERMIT,
    "simops_conflict": {"issuer"},
    "simops_conflict_appeared": {"issuer"},
    "simops_conflict_gone": {"issuer"},
    "sla_breached": {"admin"},
    "competency_expiring": {"verifier", "verifier2", "admin"},
    "webhook_disabled": {"admin"},
}


def test_every_rule_has_an_expectation() -> None:
    assert set(EXPECTED) == {rule.kind for rule in RULES}


def _people(world: World) -> dict[str, User]:
    other = Project.objects.create(tenant=world.acme.tenant, name="East Yard", code="east-yard")
    other_admin = User.objects.create_user(
        "other.admin@acme.example", None, name="Otto Admin", tenant=world.acme.tenant, company=world["admin"].company
    )
    Membership.objects.create(user=other_admin, project=other, role=MembershipRole.PROJECT_ADMIN)
    return {**{persona: world[persona] for persona in PERSONAS if persona != "other_admin"}, "other_admin": other_admin}


def _payload(people: dict[str, User], task: str) -> dict[str, Any]:
    permit = {
        "id": 4242,
        "permit_number": "PTW-TEST-0001",
        "title": "Hot work on the flare line",
        "location": "Flare stack",
        "planned_end": "2026-12-03T18:00:00+00:00",
        "requester": people["requester"].id,
        "verifier": people["verifier"].id,
        "issuer": people["issuer"].id,
    }
    # The task names the two verifiers, and (to prove the scope) a person of another tenant too.
    assignees = [people["verifier"].id, people["verifier2"].id, people["outsider"].id]
    return {"task": task, "assignees": assignees, "permit": permit, "reason": "Test", "endpoint": 1, "url": "x"}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.kind)
def test_who_receives_each_kind(world: World, rule: Any) -> None:
    people = _people(world)
    outbox_add(
        rule.topic,
        tenant_id=world.acme.tenant.id,
        project_id=world.acme.project.id,
        payload=_payload(people, rule.task),
    )
    notify()
    for persona, user in people.items():
        received = Notification.objects.filter(recipient=user, kind=rule.kind).count()
        assert received == (1 if persona in EXPECTED[rule.kind] else 0), persona
        mailed = EmailDelivery.objects.filter(recipient=user, kind=rule.kind).count()
        assert mailed == (1 if persona in EXPECTED[rule.kind] and rule.email else 0), persona
    notification = Notification.objects.filter(kind=rule.kind).first()
    assert notification is not None
    assert notification.category == rule.category
    assert "{" not in notification.title and "{" not in notification.body


def test_topics_without_a_rule_notify_nobody(world: World) -> None:
    people = _people(world)
    for topic in ("permit.created", "permit.activated", "isolation.verified", "webhook.test"):
        outbox_add(
            topic, tenant_id=world.acme.tenant.id, project_id=world.acme.project.id, payload=_payload(people, "")
        )
    notify()
    assert not Notification.objects.exists()
    assert not EmailDelivery.objects.exists()
