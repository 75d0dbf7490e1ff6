"""Who may act on a permit: the policy table (pools) plus the permit's own people, and
separation of duties. Also the scoped querysets every read starts from."""

from __future__ import annotations

from django.db.models import QuerySet

from ptw.accounts.choices import Capability, MembershipRole
from ptw.accounts.models import Project, User
from ptw.accounts.policies import in_pool, is_project_admin, role_in, visible_project_ids
from ptw.permits.choices import Action, ClosingMode, Status
from ptw.permits.missing import Missing
from ptw.permits.models import Certificate, Permit, PermitIsolation, Worker
from ptw.permits.workflow import BEFORE_ISSUE, DELETABLE, EXTENDABLE, TERMINAL, a_permit

NOT_PERMITTED = "not_permitted"
NOT_IN_POOL = "not_in_pool"
SOD = "separation_of_duties"


def permits_visible_to(user: User) -> QuerySet[Permit]:
    """Permits of the caller's projects only: everything else does not exist for them (404)."""
    return Permit.objects.filter(project_id__in=visible_project_ids(user), project__tenant_id=user.tenant_id)


def certificates_visible_to(user: User) -> QuerySet[Certificate]:
    """Certificates are personal data: read by the members of the project they were recorded on, in its tenant."""
    return Certificate.objects.filter(tenant_id=user.tenant_id, project_id__in=visible_project_ids(user))


def workers_visible_to(user: User) -> QuerySet[Worker]:
    """Workers of the register: read and picked by the members of the project they were recorded on."""
    return Worker.objects.filter(tenant_id=user.tenant_id, project_id__in=visible_project_ids(user))


def can_request(user: User, project: Project) -> bool:
    return in_pool(user, project, Capability.REQUEST)


def _is_requester(user: User, permit: Permit) -> bool:
    return permit.requester_id == user.id


def _requester_missing(user: User, permit: Permit) -> list[Missing]:
    if _is_requester(user, permit) and can_request(user, permit.project):
        return []
    return [Missing(NOT_PERMITTED, "Only the permit's requester may do this.")]


def _verifier_missing(user: User, permit: Permit) -> list[Missing]:
    missing = []
    if permit.named_verifier_id and permit.named_verifier_id != user.id:
        missing.append(Missing(NOT_IN_POOL, "The requester named another verifier for this permit."))
    elif not in_pool(user, permit.project, Capability.VERIFY):
        missing.append(Missing(NOT_IN_POOL, "You are not in this project's verifier pool."))
    if _is_requester(user, permit):
        missing.append(Missing(SOD, "You requested this permit, so you cannot verify it."))
    return missing


def _issuer_missing(user: User, permit: Permit) -> list[Missing]:
    missing = []
    if not in_pool(user, permit.project, Capability.APPROVE):
        missing.append(Missing(NOT_IN_POOL, "You are not in this project's issuer pool."))
    if _is_requester(user, permit):
        missing.append(Missing(SOD, "You requested this permit, so you cannot issue it."))
    if permit.verifier_id == user.id:
        missing.append(Missing(SOD, "You verified this permit, so you cannot also issue it."))
    return missing


def _acceptor_missing(user: User, permit: Permit) -> list[Missing]:
    """The hand-back is accepted or refused by an issuer-pool member other than the one who handed it back."""
    missing = []
    if not in_pool(user, permit.project, Capability.APPROVE):
        missing.append(Missing(NOT_IN_POOL, "You are not in this project's issuer pool."))
    if _is_requester(user, permit):
        missing.append(Missing(SOD, "You handed this permit back, so you cannot accept or refuse the hand-back."))
    return missing


def _performing_missing(user: User, permit: Permit) -> list[Missing]:
    if user.id in (permit.requester_id, permit.issuer_id):
        return []
    return [Missing(NOT_PERMITTED, "Only the requester or the issuer of this permit may do this.")]


def _suspend_missing(user: User, permit: Permit) -> list[Missing]:
    # Stopping work is the safe direction: project admins may suspend too (alone or area-wide, decision 0019).
    if (
        permit.verifier_id == user.id
        or in_pool(user, permit.project, Capability.APPROVE)
        or is_project_admin(user, permit.project_id)
    ):
        return []
    return [Missing(NOT_PERMITTED, "Only an issuer, a project admin or the permit's verifier may suspend it.")]


def _cancel_missing(user: User, permit: Permit) -> list[Missing]:
    if in_pool(user, permit.project, Capability.APPROVE) and not _is_requester(user, permit):
        return []
    if permit.status in BEFORE_ISSUE:
        return _requester_missing(user, permit)
    return [Missing(NOT_PERMITTED, "Once issued, only an issuer may cancel this permit.")]


def _reject_missing(user: User, permit: Permit) -> list[Missing]:
    if permit.status == Status.UNDER_REVIEW:
        return _issuer_missing(user, permit)
    return _verifier_missing(user, permit)


_RULES = {
    Action.SUBMIT: _requester_missing,
    Action.WITHDRAW: _requester_missing,
    Action.RESUBMIT: _requester_missing,
    Action.VERIFY: _verifier_missing,
    Action.REJECT: _reject_missing,
    Action.APPROVE: _issuer_missing,
    Action.ACTIVATE: _performing_missing,
    Action.HAND_BACK: _requester_missing,
    Action.COMPLETE: _acceptor_missing,
    Action.REFUSE_HANDBACK: _acceptor_missing,
    Action.SUSPEND: _suspend_missing,
    Action.RESUME: _issuer_missing,
    Action.CANCEL: _cancel_missing,
}


def actor_missing(user: User | None, permit: Permit, action: str) -> list[Missing]:
    """Why this user may not take this action on this permit (empty: the policy allows it)."""
    if user is None:
        # The system expires permits and suspends them on an unsafe gas reading.
        if action in (Action.EXPIRE, Action.SUSPEND):
            return []
        return [Missing(NOT_PERMITTED, "Only a person may do this.")]
    if action == Action.EXPIRE:
        return [Missing(NOT_PERMITTED, "Only the system expires permits.")]
    role = role_in(user, permit.project_id)
    if role is None or role == MembershipRole.VIEWER:
        return [Missing(NOT_PERMITTED, "Viewers cannot act on permits.")]
    return _RULES[Action(action)](user, permit)


def attachment_add_missing(user: User, permit: Permit) -> list[Missing]:
    """Why this user may not attach a file to the permit now: members who act may, until the permit's life ends."""
    role = role_in(user, permit.project_id)
    if role is None or role == MembershipRole.VIEWER:
        return [Missing(NOT_PERMITTED, "Viewers cannot attach files.")]
    if permit.status in TERMINAL:
        return [Missing("invalid_status", f"A {permit.status} permit takes no more attachments.")]
    return []


def attachment_delete_missing(user: User, permit: Permit) -> list[Missing]:
    """Why this user may not delete the permit's attachments: only its requester, only while it is a draft; after
    submission attachments are append-only (superseded by a newer file, never deleted)."""
    if _requester_missing(user, permit):
        return [Missing(NOT_PERMITTED, "Only the permit's requester may delete its attachments.")]
    if permit.status not in DELETABLE:
        return [
            Missing("attachments_append_only", "After submission attachments are kept: supersede it with a new file.")
        ]
    return []


def can_edit(user: User, permit: Permit) -> bool:
    return not _requester_missing(user, permit)


def performer_missing(user: User, permit: Permit) -> list[Missing]:
    """Who keeps a permit's crew, toolbox talk and closeout: its requester or issuer, still an acting member."""
    role = role_in(user, permit.project_id)
    if role is None or role == MembershipRole.VIEWER:
        return [Missing(NOT_PERMITTED, "Viewers cannot change permits.")]
    return _performing_missing(user, permit)


def _acting(user: User, permit: Permit) -> list[Missing]:
    role = role_in(user, permit.project_id)
    if role is None or role == MembershipRole.VIEWER:
        return [Missing(NOT_PERMITTED, "Viewers cannot change permits.")]
    return []


def extension_request_missing(user: User, permit: Permit) -> list[Missing]:
    """Extensions are asked for by the permit's requester or its verifier."""
    if blocked := _acting(user, permit):
        return blocked
    if user.id in (permit.requester_id, permit.verifier_id):
        return []
    return [Missing(NOT_PERMITTED, "Only the requester or the verifier of this permit may ask for an extension.")]


def extension_decide_missing(user: User, permit: Permit) -> list[Missing]:
    """Extensions are approved or rejected by an issuer, under the same separation of duties as approval."""
    return _acting(user, permit) or _issuer_missing(user, permit)


def handover_start_missing(user: User, permit: Permit) -> list[Missing]:
    """A shift handover is started by the permit's performing authority (its requester)."""
    if blocked := _acting(user, permit):
        return blocked
    if _is_requester(user, permit):
        return []
    return [Missing(NOT_PERMITTED, "Only the permit's performing authority (its requester) may hand it over.")]


def handover_incoming_missing(incoming: User, permit: Permit) -> list[Missing]:
    """Who may take a permit over: another requester-pool member who neither verified nor issued it."""
    if incoming.id == permit.requester_id:
        return [Missing(NOT_PERMITTED, "The permit is already in this person's hands.")]
    if not can_request(incoming, permit.project):
        return [Missing(NOT_IN_POOL, "The incoming person may not hold permits on this project (request pool).")]
    if incoming.id in (permit.verifier_id, permit.issuer_id):
        return [Missing(SOD, "The permit's verifier or issuer cannot become its performing authority.")]
    return []


def isolation_actor_missing(user: User, permit: Permit, step: str, isolation: PermitIsolation | None) -> list[Missing]:
    """Any acting member applies and removes isolations; the person who applied one may not verify it, and the
    person who removed one may not confirm its reinstatement."""
    role = role_in(user, permit.project_id)
    if role is None or role == MembershipRole.VIEWER:
        return [Missing(NOT_PERMITTED, "Viewers cannot change isolations.")]
    if isolation is None:
        return []
    if step == "verify" and isolation.isolated_by_id == user.id:
        return [Missing(SOD, "You applied this isolation, so you cannot verify it.")]
    if step == "reinstate" and isolation.deisolated_by_id == user.id:
        return [Missing(SOD, "You de-isolated this point, so another person confirms its reinstatement.")]
    return []


def gas_test_actor_missing(user: User, permit: Permit) -> list[Missing]:
    """Any acting member of the project records gas tests."""
    role = role_in(user, permit.project_id)
    if role is None or role == MembershipRole.VIEWER:
        return [Missing(NOT_PERMITTED, "Viewers cannot record gas tests.")]
    return []


def fire_watch_record_missing(user: User, permit: Permit, keeper: User | None) -> list[Missing]:
    """The permit's performing side records the fire watch; its keeper is an acting member of the project."""
    if blocked := performer_missing(user, permit):
        return blocked
    if keeper is not None:
        keeper_role = role_in(keeper, permit.project_id)
        if keeper_role is None or keeper_role == MembershipRole.VIEWER:
            return [Missing(NOT_PERMITTED, "The fire watch is kept by an acting member of this project.")]
    return []


def fire_watch_sign_off_missing(user: User, permit: Permit, keeper_id: int) -> list[Missing]:
    """Only the named keeper signs the fire watch off."""
    if blocked := _acting(user, permit):
        return blocked
    if user.id != keeper_id:
        return [Missing(NOT_PERMITTED, "Only the person keeping the fire watch may sign it off.")]
    return []


def extension_open_missing(
    permit: Permit, closing_mode: str, max_extensions: int, approved: int, pending: int
) -> list[Missing]:
    """Whether the permit may be extended at all now: its type's closing mode, its status, the type's limit, and
    no other extension waiting."""
    if closing_mode != ClosingMode.MANUAL_WITH_EXTENSION:
        return [Missing("extension_not_allowed", "This permit type's closing mode allows no extension.")]
    if permit.status not in EXTENDABLE:
        return [Missing("invalid_transition", f"{a_permit(permit.status)} cannot be extended.")]
    if approved >= max_extensions:
        return [Missing("extension_limit", f"This permit had its {approved} extension(s) already.")]
    if pending:
        return [Missing("extension_pending", "An extension of this permit is already waiting.")]
    return []


def _admin_or_issuer(user: User, project: Project) -> bool:
    role = role_in(user, project.id)
    if role is None or role == MembershipRole.VIEWER:
        return False
    return is_project_admin(user, project.id) or in_pool(user, project, Capability.APPROVE)


def area_suspend_missing(user: User, project: Project) -> list[Missing]:
    """Who may suspend every active permit of an area or the whole project at once: project admins and the
    project's issuers (the people who may stop work on any permit; decision 0019)."""
    if _admin_or_issuer(user, project):
        return []
    return [Missing(NOT_PERMITTED, "Only a project admin or an issuer may suspend an area.")]


def audit_export_missing(user: User, project: Project) -> list[Missing]:
    """Who may take permits' records away as an audit file: project admins and the project's issuers
    (decision 0019). Other members read each permit in the app."""
    if _admin_or_issuer(user, project):
        return []
    return [Missing(NOT_PERMITTED, "Only a project admin or an issuer may export the audit file.")]
