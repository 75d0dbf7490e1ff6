"""The one state machine: `(status, action) → status` with each action's guards. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass

from ptw.permits.choices import Action, Status

S = Status


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    guards: tuple[str, ...]
    needs_reason: bool = False
    system_only: bool = False


_SUBMIT_GUARDS = ("required_fields", "form_template", "planned_window", "max_validity")
_START_GUARDS = ("inside_planned_window", "gas_test", "isolations_verified", "toolbox_talk", "min_workers")

TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(Action.SUBMIT, frozenset({S.DRAFT}), S.SUBMITTED, (*_SUBMIT_GUARDS, "named_verifier")),
        Transition(Action.WITHDRAW, frozenset({S.SUBMITTED}), S.DRAFT, ()),
        Transition(
            Action.VERIFY, frozenset({S.SUBMITTED}), S.UNDER_REVIEW, ("hazards_and_controls", "gas_test_recorded")
        ),
        Transition(Action.REJECT, frozenset({S.SUBMITTED, S.UNDER_REVIEW}), S.REJECTED, (), needs_reason=True),
        Transition(Action.RESUBMIT, frozenset({S.REJECTED}), S.SUBMITTED, (*_SUBMIT_GUARDS, "named_verifier")),
        Transition(
            Action.APPROVE,
            frozenset({S.UNDER_REVIEW}),
            S.APPROVED,
            ("mandatory_ppe", "checklist", "gas_test", "isolations_verified"),
        ),
        Transition(Action.ACTIVATE, frozenset({S.APPROVED}), S.ACTIVE, _START_GUARDS),
        Transition(Action.SUSPEND, frozenset({S.ACTIVE}), S.SUSPENDED, (), needs_reason=True),
        Transition(Action.RESUME, frozenset({S.SUSPENDED}), S.ACTIVE, _START_GUARDS),
        Transition(
            Action.COMPLETE, frozenset({S.ACTIVE, S.SUSPENDED, S.EXPIRED}), S.COMPLETED, ("closeout", "deisolation")
        ),
        Transition(
            Action.CANCEL,
            frozenset({S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED, S.SUSPENDED}),
            S.CANCELLED,
            ("isolations_released",),
            needs_reason=True,
        ),
        Transition(
            Action.EXPIRE, frozenset({S.APPROVED, S.ACTIVE, S.SUSPENDED}), S.EXPIRED, ("past_end",), system_only=True
        ),
    )
}

USER_ACTIONS: tuple[str, ...] = tuple(a for a, t in TRANSITIONS.items() if not t.system_only)
TERMINAL: frozenset[str] = frozenset({S.COMPLETED, S.CANCELLED})
# Content may be edited in these statuses; every edit voids earlier signatures.
EDITABLE: frozenset[str] = frozenset({S.DRAFT, S.REJECTED})


def transition_for(action: str) -> Transition:
    return TRANSITIONS[action]


def allows(status: str, action: str) -> bool:
    return status in TRANSITIONS[action].sources
