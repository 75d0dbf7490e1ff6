"""The one state machine: `(status, action) → status` with each action's guards, webhook topic, past tense and
signature, and every named group of statuses with its reason. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass

from ptw.permits.choices import Action, IsolationStatus, Status

S = Status


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    guards: tuple[str, ...]
    topic: str  # the webhook topic of the outbox row it writes
    past: str  # "A draft permit cannot be <past>."
    needs_reason: bool = False
    system_only: bool = False
    signed_as: str = ""  # how its signature is printed on the permit; empty: the action is not signed
    # The permit goes back to the status it was handed back from (recorded on it), not to `target`.
    returns: bool = False

    @property
    def signed(self) -> bool:
        return bool(self.signed_as)


_SUBMIT_GUARDS = (
    "required_fields",
    "risk_assessed",
    "form_template",
    "attachments",
    "planned_window",
    "max_validity",
)
_START_GUARDS = (
    "inside_planned_window",
    "gas_test",
    "isolations_verified",
    "toolbox_talk",
    "min_workers",
    "crew_competent",
    "simops",
)
_REQUESTED = "Requested (contractor)"

TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            Action.SUBMIT,
            frozenset({S.DRAFT}),
            S.SUBMITTED,
            (*_SUBMIT_GUARDS, "named_verifier", "requester_competent"),
            topic="permit.submitted",
            past="submitted",
            signed_as=_REQUESTED,
        ),
        Transition(Action.WITHDRAW, frozenset({S.SUBMITTED}), S.DRAFT, (), topic="permit.withdrawn", past="withdrawn"),
        Transition(
            Action.VERIFY,
            frozenset({S.SUBMITTED}),
            S.UNDER_REVIEW,
            ("hazards_and_controls", "gas_test_recorded", "verifier_competent", "simops"),
            topic="permit.verified",
            past="verified",
            signed_as="Verified (EPC)",
        ),
        Transition(
            Action.REJECT,
            frozenset({S.SUBMITTED, S.UNDER_REVIEW}),
            S.REJECTED,
            (),
            topic="permit.rejected",
            past="rejected",
            needs_reason=True,
        ),
        Transition(
            Action.RESUBMIT,
            frozenset({S.REJECTED}),
            S.SUBMITTED,
            (*_SUBMIT_GUARDS, "named_verifier", "requester_competent"),
            topic="permit.submitted",
            past="resubmitted",
            signed_as=_REQUESTED,
        ),
        Transition(
            Action.APPROVE,
            frozenset({S.UNDER_REVIEW}),
            S.APPROVED,
            ("mandatory_ppe", "checklist", "gas_test", "isolations_verified", "issuer_competent", "simops"),
            topic="permit.approved",
            past="approved",
            signed_as="Issued (client)",
        ),
        Transition(
            Action.ACTIVATE,
            frozenset({S.APPROVED}),
            S.ACTIVE,
            (*_START_GUARDS, "dependencies_active"),
            topic="permit.activated",
            past="activated",
            signed_as="Work started",
        ),
        Transition(
            Action.SUSPEND,
            frozenset({S.ACTIVE}),
            S.SUSPENDED,
            (),
            topic="permit.suspended",
            past="suspended",
            needs_reason=True,
        ),
        Transition(
            Action.RESUME, frozenset({S.SUSPENDED}), S.ACTIVE, _START_GUARDS, topic="permit.resumed", past="resumed"
        ),
        Transition(
            Action.HAND_BACK,
            frozenset({S.ACTIVE, S.SUSPENDED, S.EXPIRED}),
            S.HANDBACK_PENDING,
            ("closeout", "deisolation", "dependents_ended", "fire_watch_recorded"),
            topic="permit.handed_back",
            past="handed back",
            signed_as="Handed back (contractor)",
        ),
        Transition(
            Action.COMPLETE,
            frozenset({S.HANDBACK_PENDING}),
            S.COMPLETED,
            ("closeout", "deisolation", "dependents_ended", "reinstatement", "fire_watch"),
            topic="permit.completed",
            past="completed",
            signed_as="Hand-back accepted (client)",
        ),
        Transition(
            Action.REFUSE_HANDBACK,
            frozenset({S.HANDBACK_PENDING}),
            S.ACTIVE,
            (),
            topic="permit.handback_refused",
            past="refused",
            needs_reason=True,
            returns=True,
        ),
        Transition(
            Action.CANCEL,
            frozenset({S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED, S.SUSPENDED}),
            S.CANCELLED,
            ("isolations_released",),
            topic="permit.cancelled",
            past="cancelled",
            needs_reason=True,
        ),
        Transition(
            Action.EXPIRE,
            frozenset({S.APPROVED, S.ACTIVE, S.SUSPENDED}),
            S.EXPIRED,
            ("past_end",),
            topic="permit.expired",
            past="expired",
            system_only=True,
        ),
    )
}

USER_ACTIONS: tuple[str, ...] = tuple(a for a, t in TRANSITIONS.items() if not t.system_only)
SIGNED_ACTIONS: frozenset[str] = frozenset(a for a, t in TRANSITIONS.items() if t.signed)

# Named groups of statuses, each with the reason it exists; the services check these, the payload reports them.
# The permit's life is over: nothing about it changes any more.
TERMINAL: frozenset[str] = frozenset({S.COMPLETED, S.CANCELLED})
# Content may be edited in these statuses; every edit voids earlier signatures.
EDITABLE: frozenset[str] = frozenset({S.DRAFT, S.REJECTED})
# Only a draft is deleted; a permit that left draft keeps its record and is cancelled instead.
DELETABLE: frozenset[str] = frozenset({S.DRAFT})
# Not yet issued: the requester may still cancel their own permit.
BEFORE_ISSUE: frozenset[str] = frozenset({S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW})
# In the workflow and not ended: what the site is working through now (reports, benchmark data).
LIVE: frozenset[str] = frozenset({S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED, S.ACTIVE, S.SUSPENDED, S.HANDBACK_PENDING})
# Where SIMOPS conflicts are weighed: a permit still edited (its requester sees them before submitting again) or
# live. A permit that ended conflicts with nothing, as a conflict stops counting once the other permit ends.
SIMOPS_WEIGHED: frozenset[str] = EDITABLE | LIVE
# Issued and not ended: work may be under way, so a shared isolation point stays isolated for it.
ISSUED: frozenset[str] = frozenset({S.APPROVED, S.ACTIVE, S.SUSPENDED})
# The planned end of an issued permit may move until the permit ends.
EXTENDABLE: frozenset[str] = ISSUED
# What an area-wide suspension selects: issued permits not yet stopped. Active ones are suspended; approved ones
# (work not started) cannot be, and are reported so the issuer knows they must not start (decision 0019).
AREA_SUSPENSION_SCOPE: frozenset[str] = frozenset({S.APPROVED, S.ACTIVE})
# Only work in progress is handed over between shifts.
HANDOVER_OPEN: frozenset[str] = frozenset({S.ACTIVE})
# Handed back, waiting for the issuer: where a refusal may return the permit (the statuses hand-back starts from).
HANDBACK_FROM: frozenset[str] = frozenset({S.ACTIVE, S.SUSPENDED, S.EXPIRED})
# Crew and toolbox talk change until the work is over (or never started).
CREW_OPEN: frozenset[str] = frozenset({S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED, S.ACTIVE, S.SUSPENDED})
# The hand-back is recorded once work has started, until the permit is completed.
CLOSEOUT_OPEN: frozenset[str] = HANDBACK_FROM
# The fire watch is signed off by its keeper once the hand-back is made, before the issuer accepts it.
FIRE_WATCH_SIGN_OFF_OPEN: frozenset[str] = frozenset({S.HANDBACK_PENDING})
# Work has stopped, or never started: energy may be restored (an active permit once its closeout says finished).
DEISOLATION_OPEN: frozenset[str] = frozenset(
    {
        S.DRAFT,
        S.SUBMITTED,
        S.UNDER_REVIEW,
        S.APPROVED,
        S.REJECTED,
        S.SUSPENDED,
        S.HANDBACK_PENDING,
        S.CANCELLED,
        S.EXPIRED,
    }
)
# Energy is locked out at the point: the isolation protects work.
ISOLATION_APPLIED: frozenset[str] = frozenset({IsolationStatus.ISOLATED, IsolationStatus.VERIFIED})
# The lock is off: the isolation no longer protects work (reinstated or not yet).
ISOLATION_REMOVED: frozenset[str] = frozenset({IsolationStatus.DEISOLATED, IsolationStatus.REINSTATED})

# Each step of an isolation and the isolation statuses it starts from: applied once, verified once applied,
# de-isolated while applied or verified, reinstated (by another person) once de-isolated.
ISOLATION_STEP_FROM: dict[str, frozenset[str]] = {
    "isolate": frozenset({IsolationStatus.ASSIGNED}),
    "verify": frozenset({IsolationStatus.ISOLATED}),
    "deisolate": ISOLATION_APPLIED,
    "reinstate": frozenset({IsolationStatus.DEISOLATED}),
}


def deisolation_open(status: str, work_finished: bool) -> bool:
    """Work has stopped, so energy may be restored: a status in DEISOLATION_OPEN, or active with work finished."""
    return status in DEISOLATION_OPEN or (status == S.ACTIVE and work_finished)


# The parts of a permit the UI offers, and the statuses in which each can be used.
PARTS_OPEN: dict[str, frozenset[str]] = {
    "extension": EXTENDABLE,
    "handover": HANDOVER_OPEN,
    "crew": CREW_OPEN,
    "closeout": CLOSEOUT_OPEN,
}


def transition_for(action: str) -> Transition:
    return TRANSITIONS[action]


def allows(status: str, action: str) -> bool:
    return status in TRANSITIONS[action].sources


def a_permit(status: str) -> str:
    """A permit named by its status for a sentence: "A draft permit", "An approved permit", "An under review permit"."""
    word = status.replace("_", " ")
    return f"{'An' if word[:1] in 'aeiou' else 'A'} {word} permit"


def parts_open(status: str) -> dict[str, bool]:
    """Which parts of a permit in `status` can be used now."""
    return {part: status in statuses for part, statuses in PARTS_OPEN.items()}
