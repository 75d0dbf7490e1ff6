"""What is sent to whom (product.md §8) as data: one row per kind of notification.

A row names the outbox topic it answers (for `task.opened`, also the kind of task), its category, who receives it
(`Audience`), whether e-mail is on by default and whether in-app may be turned off. Titles and bodies are templates
filled from the event's payload (`ptw.notifications.services.content`). Pure Python: tested as a table.

An expiring certificate (§8) names its holder, or for a worker's certificate the requesters of the live permits the
worker is on, as `assignees`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ptw.notifications.choices import Audience, Category

A = Audience
ON_THE_PERMIT = (A.REQUESTER, A.VERIFIER, A.ISSUER)


@dataclass(frozen=True)
class Rule:
    kind: str
    topic: str
    category: Category
    audience: tuple[Audience, ...]
    label: str
    description: str
    title: str
    body: str
    email: bool = True
    in_app_required: bool = False
    task: str = ""


RULES: tuple[Rule, ...] = (
    Rule(
        "task_verify",
        "task.opened",
        Category.TASK,
        (A.ASSIGNEES,),
        "Permit to verify",
        "A permit waits for verification by you or your pool.",
        "Verify {number}: {title}",
        "Permit {number} waits for verification.",
        task="verify",
    ),
    Rule(
        "task_approve",
        "task.opened",
        Category.TASK,
        (A.ASSIGNEES,),
        "Permit to approve",
        "A verified permit waits for approval by you or your pool.",
        "Approve {number}: {title}",
        "Permit {number} was verified and waits for approval.",
        task="approve",
    ),
    Rule(
        "task_extension",
        "task.opened",
        Category.TASK,
        (A.ASSIGNEES,),
        "Extension to decide",
        "An extension of a permit's planned end waits for your decision.",
        "Decide the extension of {number}",
        "An extension of permit {number} to {new_end} waits for a decision. Reason: {reason}",
        task="extension",
    ),
    Rule(
        "task_handover",
        "task.opened",
        Category.TASK,
        (A.ASSIGNEES,),
        "Handover to acknowledge",
        "A permit is being handed over to you at a shift change.",
        "Acknowledge the handover of {number}",
        "Permit {number} is handed over to you. Notes: {reason}",
        task="handover",
    ),
    Rule(
        "task_accept_handback",
        "task.opened",
        Category.TASK,
        (A.ASSIGNEES,),
        "Hand-back to accept",
        "A permit was handed back and waits for an issuer to inspect and accept or refuse it.",
        "Accept the hand-back of {number}",
        "Permit {number} was handed back: inspect the work site and accept or refuse the hand-back.",
        task="accept_handback",
    ),
    Rule(
        "handback_refused",
        "permit.handback_refused",
        Category.TASK,
        (A.REQUESTER,),
        "Hand-back refused",
        "The issuer refused your permit's hand-back, with the reason.",
        "The hand-back of {number} was refused",
        "The hand-back of permit {number} was refused. Reason: {reason}",
    ),
    Rule(
        "fire_watch_due",
        "fire_watch.due",
        Category.REMINDER,
        (A.ASSIGNEES,),
        "Fire watch time up",
        "The fire watch you keep after hot work has run its time: check the area and sign it off.",
        "Sign off the fire watch of {number}",
        "The fire watch of permit {number} ran its time at {ends_at}: check the area and sign it off.",
    ),
    # A rejection hands the requester a task (fix and resubmit): it pops up like the other tasks.
    Rule(
        "permit_rejected",
        "permit.rejected",
        Category.TASK,
        (A.REQUESTER,),
        "Permit rejected",
        "Your permit was rejected, with the reason.",
        "{number} was rejected",
        "Permit {number} was rejected. Reason: {reason}",
    ),
    Rule(
        "permit_approved",
        "permit.approved",
        Category.STATUS,
        (A.REQUESTER,),
        "Permit approved",
        "Your permit was approved and may be activated.",
        "{number} was approved",
        "Permit {number} was approved.",
        email=False,
    ),
    Rule(
        "permit_suspended",
        "permit.suspended",
        Category.SAFETY,
        ON_THE_PERMIT,
        "Permit suspended",
        "A permit you are on was suspended: work stops.",
        "{number} was suspended",
        "Permit {number} was suspended: stop work. Reason: {reason}",
        in_app_required=True,
    ),
    Rule(
        "permit_resumed",
        "permit.resumed",
        Category.STATUS,
        (A.REQUESTER,),
        "Permit resumed",
        "Your suspended permit was resumed.",
        "{number} was resumed",
        "Permit {number} was resumed.",
        email=False,
    ),
    Rule(
        "permit_expired",
        "permit.expired",
        Category.SAFETY,
        ON_THE_PERMIT,
        "Permit expired without closure",
        "A permit you are on passed its planned end and grace time without being closed.",
        "{number} expired without closure",
        "Permit {number} passed its planned end and grace time without being closed.",
        in_app_required=True,
    ),
    Rule(
        "gas_unsafe",
        "gas_test.unsafe",
        Category.SAFETY,
        (*ON_THE_PERMIT, A.PROJECT_ADMINS),
        "Unsafe gas reading",
        "An unsafe gas reading on a permit you are on or administer; active work is suspended.",
        "Unsafe gas reading on {number}",
        "Unsafe gas reading on permit {number}: {reading}",
        in_app_required=True,
    ),
    Rule(
        "end_approaching",
        "permit.end_approaching",
        Category.REMINDER,
        ON_THE_PERMIT,
        "Planned end approaching",
        "A live permit you are on reaches its planned end soon (the project's lead time).",
        "{number} ends at {planned_end}",
        "Permit {number} reaches its planned end at {planned_end}: extend it or close it.",
    ),
    Rule(
        "end_reached",
        "permit.end_reached",
        Category.REMINDER,
        ON_THE_PERMIT,
        "Planned end reached",
        "A live permit you are on reached its planned end; the grace time runs.",
        "{number} reached its planned end",
        "Permit {number} reached its planned end; it expires at {grace_until} unless it is closed.",
    ),
    Rule(
        "grace_ending",
        "permit.grace_ending",
        Category.REMINDER,
        ON_THE_PERMIT,
        "Grace time running out",
        "A live permit you are on expires at the end of its grace time soon.",
        "{number} expires at {grace_until}",
        "Permit {number} is past its planned end and expires at {grace_until}: close it.",
    ),
    Rule(
        "simops_conflict",
        "permit.simops_conflict",
        Category.SAFETY,
        (A.ISSUER,),
        "SIMOPS conflict",
        "Another permit conflicts with a permit you issued: a warned conflict was acknowledged, or an act was "
        "refused because of it.",
        "{number}: SIMOPS conflict",
        "Permit {number} ({title}) conflicts with {other}: {reason}.",
        in_app_required=True,
    ),
    Rule(
        "simops_conflict_appeared",
        "permit.simops_conflict_appeared",
        Category.SAFETY,
        (A.ISSUER,),
        "SIMOPS conflict appeared",
        "A permit you issued now conflicts with another live permit: it became live, or a window moved into yours.",
        "{number}: new SIMOPS conflict with {other}",
        "Permit {number} ({title}) now conflicts with {other}: {reason}.",
        in_app_required=True,
    ),
    Rule(
        "simops_conflict_gone",
        "permit.simops_conflict_gone",
        Category.STATUS,
        (A.ISSUER,),
        "SIMOPS conflict gone",
        "A conflict of a permit you issued went away: the other permit is no longer live or its window moved.",
        "{number}: SIMOPS conflict with {other} gone",
        "Permit {number} ({title}) no longer conflicts with {other} (it was: {reason}).",
        email=False,
    ),
    Rule(
        "sla_breached",
        "permit.sla_breached",
        Category.ESCALATION,
        (A.PROJECT_ADMINS,),
        "Waiting past the SLA",
        "A permit has waited for verification or approval longer than the project's SLA.",
        "{number} waits for {stage} past the SLA",
        "Permit {number} has waited for {stage} since {since}, past the project's {sla_hours} h.",
    ),
    Rule(
        "competency_expiring",
        "competency.expiring",
        Category.REMINDER,
        (A.ASSIGNEES, A.PROJECT_ADMINS),
        "Certificate expiring",
        "A certificate you hold, or a worker on your permit holds, expires within 30 days.",
        "{holder}'s {kind} certificate expires on {expires_on}",
        "{holder}'s {kind} certificate ({certificate_number}) expires on {expires_on}. Renew it in the competency "
        "register before it lapses: without a valid one the acts that need it are refused.",
    ),
    Rule(
        "webhook_disabled",
        "webhook.disabled",
        Category.ADMIN,
        (A.PROJECT_ADMINS,),
        "Webhook endpoint disabled",
        "A webhook endpoint of a project you administer was disabled after failing.",
        "Webhook endpoint disabled",
        "The webhook endpoint {url} was disabled: {reason}.",
    ),
)

RULE_BY_KIND: dict[str, Rule] = {rule.kind: rule for rule in RULES}
_BY_TOPIC: dict[tuple[str, str], Rule] = {(rule.topic, rule.task): rule for rule in RULES}
KINDS: tuple[str, ...] = tuple(rule.kind for rule in RULES)
# Closing a task withdraws the notifications of the tasks it closed (first actor wins, like PermitTask).
TASK_CLOSED = "task.closed"


def rule_for(topic: str, task: str = "") -> Rule | None:
    """The rule answering an outbox topic (for `task.opened`, the task's kind); None: nobody is notified."""
    return _BY_TOPIC.get((topic, task))
