"""Competency: which roles on a permit need which certificates, whether a person holds a valid one, and the guards
that refuse an act without one. Actions and readiness run the very same guards (`permits/guards.py`).

A certificate is valid on a day when it was issued on or before it, expires on or after it (in the project's time
zone), and has been neither superseded (renewed) nor revoked. One read of the register serves a whole readiness
(`CompetencyBook`): the certificates of the acting user, the permit's people and its crew, of the kinds its type
requires.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q

from ptw.accounts.models import User
from ptw.core.errors import GuardFailed
from ptw.permits.choices import CertificateState
from ptw.permits.guards import REGISTRY, GuardContext, guard
from ptw.permits.missing import Missing
from ptw.permits.models import Certificate, CompetencyKind, Permit
from ptw.permits.models.permit_type import EffectiveType

# The roles a permit type may name competencies for (`PermitType.required_competencies`), with their labels.
ROLES: dict[str, str] = {
    "requester": "Requester",
    "verifier": "Verifier",
    "issuer": "Issuer",
    "gas_tester": "Gas tester",
    "isolator": "Isolator",
    "workers": "Workers",
    "fire_watch": "Fire watch",
}
# How many days before it expires a valid certificate is warned about.
EXPIRY_WARNING_DAYS = 30

# What a readiness reads of each certificate.
BOOK_COLUMNS = (
    "holder_user_id",
    "holder_worker_id",
    "number",
    "issued_on",
    "expires_on",
    "revoked_at",
    "superseded_by_id",
    "kind__code",
    "kind__name",
)

MISSING = "competency_missing"
EXPIRED = "competency_expired"
EXPIRING = "competency_expiring"

# The competency kinds every tenant starts with (admins add more).
SEED_KINDS: tuple[tuple[str, str], ...] = (
    ("authorised-gas-tester", "Authorised gas tester"),
    ("confined-space-entrant", "Confined space entrant"),
    ("fire-watch", "Fire watch"),
    ("electrical-authorised-person", "Electrical authorised person"),
    ("slinger-signaller", "Slinger / signaller"),
    ("isolation-authority", "Isolation authority"),
    ("working-at-height", "Working at height"),
    ("hot-work-operative", "Hot work operative"),
)


def required_for(permit_type: EffectiveType, role: str) -> list[str]:
    """The kind codes the type requires of `role`."""
    required = permit_type.required_competencies or {}
    return [str(code) for code in required.get(role, [])]


def certificate_state(cert: Certificate, today: date) -> str:
    """The certificate's standing on `today` (never `expiring`: that is `valid` seen from the warning window)."""
    if cert.revoked_at is not None:
        return CertificateState.REVOKED
    if cert.superseded_by_id is not None:
        return CertificateState.SUPERSEDED
    if cert.expires_on < today:
        return CertificateState.EXPIRED
    if cert.issued_on > today:
        return CertificateState.NOT_YET_VALID
    return CertificateState.VALID


@dataclass
class Judgement:
    missing: list[Missing] = field(default_factory=list)
    warnings: list[Missing] = field(default_factory=list)


@dataclass
class CompetencyBook:
    """The current certificates of the people a permit's acts concern, by holder and kind code."""

    today: date
    kind_names: dict[str, str]
    held: dict[tuple[str, int], dict[str, list[Certificate]]]

    def name_of(self, code: str) -> str:
        return self.kind_names.get(code, code)

    def judge(self, holder: tuple[str, int], person: str, codes: list[str]) -> Judgement:
        """Whether `person` holds a valid certificate of every kind in `codes`; those expiring soon as warnings."""
        out = Judgement()
        certs = self.held.get(holder, {})
        for code in codes:
            kind = self.name_of(code)
            mine = certs.get(code, [])
            valid = [c for c in mine if certificate_state(c, self.today) == CertificateState.VALID]
            if valid:
                best = max(valid, key=lambda c: c.expires_on)
                days = (best.expires_on - self.today).days
                if days <= EXPIRY_WARNING_DAYS:
                    out.warnings.append(
                        Missing(
                            EXPIRING,
                            f"{person}'s {kind} certificate ({best.number}) expires in {days} day(s), "
                            f"on {best.expires_on.isoformat()}.",
                        )
                    )
                continue
            expired = [c for c in mine if certificate_state(c, self.today) == CertificateState.EXPIRED]
            if expired:
                last = max(expired, key=lambda c: c.expires_on)
                out.missing.append(
                    Missing(
                        EXPIRED,
                        f"{person}'s {kind} certificate ({last.number}) expired on {last.expires_on.isoformat()}.",
                    )
                )
            else:
                out.missing.append(Missing(MISSING, f"{person} holds no valid {kind} certificate."))
        return out


def book_for(ctx: GuardContext) -> CompetencyBook:
    """Read the certificates a readiness or an act needs: of the kinds the type requires, held by the acting user,
    the permit's requester, verifier and issuer, and the workers on it linked to the register. No kinds required:
    no query."""
    permit = ctx.permit
    today = ctx.now.astimezone(permit.project.tz).date()
    required = ctx.permit_type.required_competencies or {}
    codes = sorted({str(code) for role_codes in required.values() for code in role_codes})
    if not codes:
        return CompetencyBook(today, {}, {})
    users = {uid for uid in (permit.requester_id, permit.verifier_id, permit.issuer_id) if uid}
    if ctx.actor is not None:
        users.add(ctx.actor.id)
    workers = [w.worker_id for w in ctx.workers if w.worker_id] if required.get("workers") else []
    rows = (
        Certificate.objects.filter(
            Q(holder_user_id__in=users) | Q(holder_worker_id__in=workers),
            tenant_id=permit.project.tenant_id,
            kind__code__in=codes,
            superseded_by__isnull=True,
            revoked_at__isnull=True,
        )
        .select_related("kind")
        .only(*BOOK_COLUMNS)
    )
    held: dict[tuple[str, int], dict[str, list[Certificate]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    for cert in rows:
        holder = ("user", cert.holder_user_id) if cert.holder_user_id else ("worker", cert.holder_worker_id)
        held[holder][cert.kind.code].append(cert)  # type: ignore[index]
        names[cert.kind.code] = cert.kind.name
    if len(names) < len(codes):
        lacking = [code for code in codes if code not in names]
        names.update(
            CompetencyKind.objects.filter(tenant_id=permit.project.tenant_id, code__in=lacking).values_list(
                "code", "name"
            )
        )
    return CompetencyBook(today, names, held)


def _person(user: User) -> str:
    return user.name or user.email


def _actor_judged(ctx: GuardContext, role: str) -> Judgement:
    codes = required_for(ctx.permit_type, role)
    if ctx.actor is None or not codes:
        return Judgement()
    return ctx.competency.judge(("user", ctx.actor.id), _person(ctx.actor), codes)


@guard("requester_competent")
def requester_competent(ctx: GuardContext) -> list[Missing]:
    """The person submitting (signing as requester) holds the competencies the type requires of a requester."""
    return _actor_judged(ctx, "requester").missing


@guard("verifier_competent")
def verifier_competent(ctx: GuardContext) -> list[Missing]:
    """The person verifying holds the competencies the type requires of a verifier."""
    return _actor_judged(ctx, "verifier").missing


@guard("issuer_competent")
def issuer_competent(ctx: GuardContext) -> list[Missing]:
    """The person approving (issuing) holds the competencies the type requires of an issuer."""
    return _actor_judged(ctx, "issuer").missing


@guard("gas_tester_competent")
def gas_tester_competent(ctx: GuardContext) -> list[Missing]:
    """The person recording a gas reading is a competent gas tester (the type's `gas_tester` kinds)."""
    return _actor_judged(ctx, "gas_tester").missing


@guard("isolator_competent")
def isolator_competent(ctx: GuardContext) -> list[Missing]:
    """The person applying or verifying an isolation holds the type's `isolator` kinds."""
    return _actor_judged(ctx, "isolator").missing


@guard("fire_watch_competent")
def fire_watch_competent(ctx: GuardContext) -> list[Missing]:
    """The person keeping the fire watch holds the type's `fire_watch` kinds (judged for the acting user)."""
    return _actor_judged(ctx, "fire_watch").missing


def _crew_judged(ctx: GuardContext) -> Judgement:
    codes = required_for(ctx.permit_type, "workers")
    out = Judgement()
    if not codes:
        return out
    for entry in ctx.workers:
        person = f"{entry.name} ({entry.company})"
        if entry.worker_id is None:
            kinds = ", ".join(ctx.competency.name_of(code) for code in codes)
            out.missing.append(
                Missing(MISSING, f"{person} is not a worker of the competency register, so holds no valid {kinds}.")
            )
            continue
        judged = ctx.competency.judge(("worker", entry.worker_id), person, codes)
        out.missing += judged.missing
        out.warnings += judged.warnings
    return out


@guard("crew_competent")
def crew_competent(ctx: GuardContext) -> list[Missing]:
    """Every worker on the permit holds the competencies the type requires of workers."""
    return _crew_judged(ctx).missing


def competency_warnings(ctx: GuardContext) -> list[Missing]:
    """Certificates the permit relies on that expire within EXPIRY_WARNING_DAYS: of its requester, verifier and
    issuer in their roles, of the acting user as gas tester and isolator, and of its crew."""
    if not ctx.permit_type.required_competencies:
        return []
    book, permit = ctx.competency, ctx.permit
    warnings: list[Missing] = []
    people = [
        (permit.requester, "requester"),
        (permit.verifier, "verifier"),
        (permit.issuer, "issuer"),
    ]
    for person, role in people:
        codes = required_for(ctx.permit_type, role)
        if person is not None and codes:
            warnings += book.judge(("user", person.id), _person(person), codes).warnings
    for role in ("gas_tester", "isolator"):
        warnings += _actor_judged(ctx, role).warnings
    warnings += _crew_judged(ctx).warnings
    seen: set[str] = set()
    return [w for w in warnings if not (w.message in seen or seen.add(w.message))]  # type: ignore[func-returns-value]


# The records (not status changes) a competency guard stands in front of, each with its guard.
RECORD_GUARDS: dict[str, str] = {
    "gas_test": "gas_tester_competent",
    "isolate": "isolator_competent",
    "verify_isolation": "isolator_competent",
}


def record_competency_missing(permit: Permit, actor: User, record: str, now: datetime) -> list[Missing]:
    """What the actor's certificates lack for `record` on this permit: the guard readiness reports as well."""
    ctx = GuardContext(permit=permit, permit_type=permit.permit_type.effective(permit.project_id), now=now, actor=actor)
    return REGISTRY[RECORD_GUARDS[record]](ctx)


def competency_refuse(permit: Permit, actor: User, record: str, now: datetime) -> None:
    """Refuse `record` (422, the readiness reasons as `missing`) when the actor lacks a required certificate."""
    if blocked := record_competency_missing(permit, actor, record, now):
        raise GuardFailed(blocked[0].message, missing=[m.as_dict() for m in blocked])
