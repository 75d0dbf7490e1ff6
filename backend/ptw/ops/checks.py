"""Deployment checks: one definition used by the start-up guard, `ptw_status` and the
readiness endpoint, so the three can never disagree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any, Literal

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from ptw.ops.uibuild import read_manifest, source_hash

Status = Literal["ok", "warning", "critical"]
_RANK = {"ok": 0, "warning": 1, "critical": 2}


@dataclass
class Check:
    name: str
    status: Status
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def worst(checks: list[Check]) -> Status:
    return max((c.status for c in checks), key=_RANK.__getitem__, default="ok")


def check_database() -> Check:
    engine = connection.vendor
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return Check(
            "database",
            "critical",
            f"{engine} database is unreachable ({type(exc).__name__})",
            {"engine": engine, "reachable": False},
        )
    return Check("database", "ok", f"{engine} database reachable", {"engine": engine, "reachable": True})


def pending_migrations() -> tuple[int, list[str]]:
    """(applied count, pending migrations as `app.name`) for the current database."""
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    plan = executor.migration_plan(targets)
    applied = len(executor.loader.applied_migrations)
    return applied, [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def check_migrations() -> Check:
    try:
        applied, pending = pending_migrations()
    except DatabaseError:
        return Check("migrations", "critical", "cannot read the migration state (database unreachable)")
    details = {"applied": applied, "pending": pending}
    if pending:
        return Check("migrations", "critical", f"{len(pending)} pending: {', '.join(pending)}", details)
    return Check("migrations", "ok", f"{applied} applied, none pending", details)


def check_ui_build() -> Check:
    build = read_manifest(settings.UI_DIST_DIR)
    current = source_hash(settings.FRONTEND_DIR)
    if build is None:
        return Check(
            "ui_build",
            "critical",
            f"no UI build found in {settings.UI_DIST_DIR}",
            {"built": False, "current_source_hash": current},
        )
    details = {
        "built": True,
        "built_at": build.built_at.isoformat(),
        "source_hash": build.source_hash,
        "current_source_hash": current,
        "matches_sources": current is None or current == build.source_hash,
        "pages": [str(page.get("path")) for page in build.pages],
    }
    if current is None:
        return Check(
            "ui_build", "ok", f"built {build.built_at:%Y-%m-%d %H:%M:%S} UTC (sources not present to compare)", details
        )
    if current != build.source_hash:
        return Check(
            "ui_build",
            "critical",
            f"stale: built {build.built_at:%Y-%m-%d %H:%M:%S} UTC from other sources than the current ones",
            details,
        )
    return Check("ui_build", "ok", f"built {build.built_at:%Y-%m-%d %H:%M:%S} UTC, matches the sources", details)


def check_secret_key() -> Check:
    state = settings.SECRET_KEY_STATE
    if state == "unset":
        return Check("secret_key", "critical", "SECRET_KEY is not set")
    if state == "development_default":
        if settings.PRODUCTION:
            return Check("secret_key", "critical", "SECRET_KEY is the development default")
        return Check("secret_key", "ok", "development default (development mode)")
    if len(settings.SECRET_KEY) < 32:
        return Check("secret_key", "warning", "SECRET_KEY is shorter than 32 characters")
    return Check("secret_key", "ok", "set")


def check_secrets_key() -> Check:
    """The keys that encrypt webhook secrets at rest: required in production, well-formed, opening what is stored."""
    from ptw.core.secrets import SecretUnreadable, keys_state
    from ptw.webhooks.models import WebhookEndpoint

    state, message = keys_state()
    if state in ("unset", "invalid"):
        return Check("secrets_key", "critical", message, {"state": state})
    try:
        WebhookEndpoint.objects.order_by("-id").values_list("secret", "previous_secret").first()
    except SecretUnreadable:
        return Check("secrets_key", "critical", f"{message}, but a stored webhook secret does not decrypt with it")
    except DatabaseError:
        pass  # the database and migrations checks say why
    return Check("secrets_key", "ok", message, {"state": state})


def check_debug() -> Check:
    if settings.DEBUG and settings.PRODUCTION:
        return Check("debug", "critical", "DEBUG is on in production")
    return Check("debug", "ok", "on (development mode)" if settings.DEBUG else "off")


def check_https() -> Check:
    """Production is served through a TLS proxy, or over plain HTTP only when the operator says so."""
    if not settings.PRODUCTION:
        return Check("https", "ok", "development mode")
    if settings.BEHIND_TLS_PROXY:
        return Check("https", "ok", "behind a TLS proxy, redirecting to HTTPS")
    if settings.PTW_ALLOW_PLAIN_HTTP:
        return Check("https", "ok", "plain HTTP allowed (PTW_ALLOW_PLAIN_HTTP)")
    return Check(
        "https",
        "critical",
        "set BEHIND_TLS_PROXY=true (HTTPS through a TLS-terminating proxy) or PTW_ALLOW_PLAIN_HTTP=true",
    )


def check_settings_risks() -> Check:
    """Settings that work but are risky in production; informational in development."""
    if not settings.PRODUCTION:
        return Check("settings", "ok", "development mode: embedded defaults in use")
    risks = []
    if "*" in settings.ALLOWED_HOSTS:
        risks.append("ALLOWED_HOSTS allows any host")
    if connection.vendor == "sqlite":
        risks.append("SQLite database in production (use PostgreSQL)")
    if settings.CELERY_BROKER_URL.startswith("sqla+"):
        risks.append("embedded SQLite broker in production (use Redis)")
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        risks.append("e-mail goes to the console")
    if not settings.SESSION_COOKIE_SECURE:
        risks.append("cookies are not marked Secure")
    if not settings.SECURE_SSL_REDIRECT:
        risks.append("served over plain HTTP: no redirect to HTTPS")
    if not settings.SECURE_HSTS_SECONDS:
        risks.append("no HSTS (Strict-Transport-Security)")
    if risks:
        return Check("settings", "warning", "; ".join(risks), {"risks": risks})
    return Check("settings", "ok", "no risky settings found", {"risks": []})


def check_heartbeat(component: str) -> Check:
    """The newest heartbeat of a component, and how many of its processes beat recently."""
    from ptw.ops.models import Heartbeat

    name = f"{component}_heartbeat"
    try:
        beats = list(Heartbeat.objects.filter(component=component).order_by("-beat_at"))
    except DatabaseError:
        return Check(name, "warning", "cannot read heartbeats (database unreachable or not migrated)")
    if not beats:
        return Check(name, "warning", f"no {component} heartbeat recorded yet", {"age_seconds": None})
    now = timezone.now()
    beat = beats[0]
    age = (now - beat.beat_at) / timedelta(seconds=1)
    recent = [b.hostname for b in beats if (now - b.beat_at).total_seconds() <= settings.PTW_HEARTBEAT_STALE_SECONDS]
    details = {
        "age_seconds": round(age, 1),
        "hostname": beat.hostname,
        "at": beat.beat_at.isoformat(),
        "recent": len(recent),
        "recent_hostnames": recent,
    }
    if not recent:
        return Check(name, "warning", f"last heartbeat {age:.0f} s ago from {beat.hostname} (stale)", details)
    message = f"{len(recent)} {component}(s) beating; last heartbeat {age:.0f} s ago from {beat.hostname}"
    return Check(name, "ok", message, details)


def check_scheduler_lease() -> Check:
    """Which scheduler sends the scheduled tasks, and since when; a warning when none holds the lease."""
    from django.db.models.functions import Now

    from ptw.ops.models import SchedulerLease
    from ptw.ops.services import SCHEDULER_LEASE

    try:
        lease = (
            SchedulerLease.objects.filter(name=SCHEDULER_LEASE)
            .annotate(db_now=Now())
            .values("holder", "acquired_at", "expires_at", "db_now")
            .first()
        )
    except DatabaseError:
        return Check("scheduler_lease", "warning", "cannot read the scheduler lease (database unreachable)")
    if lease is None or not lease["holder"]:
        return Check("scheduler_lease", "warning", "no scheduler has taken the lease yet", {"active": None})
    holder, since, expires_at = lease["holder"], lease["acquired_at"], lease["expires_at"]
    active = expires_at > lease["db_now"]
    details = {
        "active": holder if active else None,
        "holder": holder,
        "since": since.isoformat() if since else None,
        "expires_at": expires_at.isoformat(),
    }
    if not active:
        ago = (lease["db_now"] - expires_at).total_seconds()
        return Check(
            "scheduler_lease", "warning", f"no active scheduler: the lease of {holder} expired {ago:.0f} s ago", details
        )
    held_since = f" since {since:%Y-%m-%d %H:%M:%S} UTC" if since else ""
    return Check("scheduler_lease", "ok", f"active scheduler {holder}{held_since}", details)


BACKLOG_WARNING = timedelta(minutes=10)


def check_webhooks() -> Check:
    """The webhook backlog: messages and deliveries past their time, and endpoints disabled by failures."""
    from ptw.webhooks.services.deliveries import backlog

    try:
        state = backlog()
    except DatabaseError:
        return Check("webhooks", "warning", "cannot read the webhook backlog (database unreachable or not migrated)")
    if state["endpoints"] == 0 and state["undispatched"] == 0:
        return Check("webhooks", "ok", "no endpoints registered", state)
    waiting = state["undispatched"] + state["overdue"]
    message = f"{state['endpoints']} endpoint(s); backlog {waiting}"
    if waiting:
        message += f", oldest {state['oldest_seconds']} s late"
    if state["disabled"]:
        message += f"; {state['disabled']} disabled by failures"
    late = state["oldest_seconds"] > BACKLOG_WARNING.total_seconds()
    return Check("webhooks", "warning" if late or state["disabled"] else "ok", message, state)


def check_notifications() -> Check:
    """Notifications waiting to be made or sent, e-mails being retried, and e-mails that failed after every retry."""
    from ptw.notifications.services.emails import backlog

    try:
        state = backlog()
    except DatabaseError:
        return Check("notifications", "warning", "cannot read the notification backlog (database unreachable)")
    waiting = state["unnotified"] + state["overdue"]
    message = f"backlog {waiting}"
    if waiting:
        message += f", oldest {state['oldest_seconds']} s late"
    if state["retrying"]:
        message += f"; {state['retrying']} e-mail(s) being retried"
    if state["failed"]:
        message += f"; {state['failed']} e-mail(s) failed after every retry in the last 7 days"
    late = state["oldest_seconds"] > BACKLOG_WARNING.total_seconds()
    return Check("notifications", "warning" if late or state["failed"] else "ok", message, state)


# The nightly check runs at 02:30 UTC; a record older than this means a night was missed.
CHAIN_CHECK_STALE = timedelta(hours=36)


def check_audit_chain() -> Check:
    """The last scheduled verification of every permit timeline's hash chain."""
    # Through the app registry: importing the checks must not import the permits app (webhooks import them).
    chain_checks = apps.get_model("permits", "ChainCheck")
    try:
        latest = chain_checks.objects.order_by("-finished_at", "-id").first()
    except DatabaseError:
        return Check("audit_chain", "warning", "cannot read the chain checks (database unreachable or not migrated)")
    if latest is None:
        return Check("audit_chain", "warning", "never checked: the nightly check has not run yet", {"checked_at": None})
    checked = f"{latest.finished_at:%Y-%m-%d %H:%M} UTC"
    details = {
        "checked_at": latest.finished_at.isoformat(),
        "permits": latest.permits,
        "events": latest.events,
        "broken": latest.broken,
    }
    if latest.broken:
        named = ", ".join(b["number"] or f"permit {b['permit_id']}" for b in latest.broken[:10])
        more = f" and {len(latest.broken) - 10} more" if len(latest.broken) > 10 else ""
        message = f"{len(latest.broken)} of {latest.permits} timelines broken: {named}{more} (checked {checked})"
        return Check("audit_chain", "critical", message, details)
    if timezone.now() - latest.finished_at > CHAIN_CHECK_STALE:
        message = f"last checked {checked}, more than {CHAIN_CHECK_STALE.total_seconds() / 3600:.0f} h ago"
        return Check("audit_chain", "warning", message, details)
    return Check("audit_chain", "ok", f"all {latest.permits} timelines intact, checked {checked}", details)


# Reported by readiness but never a reason to take the web out of service: permits must stay workable.
ADVISORY_CHECKS = frozenset({"audit_chain"})


def serving(checks: list[Check]) -> bool:
    """Whether the web may take traffic: no critical check apart from the advisory ones."""
    return all(check.status != "critical" for check in checks if check.name not in ADVISORY_CHECKS)


GUARD_CHECKS: list[Callable[[], Check]] = [
    check_database,
    check_migrations,
    check_ui_build,
    check_secret_key,
    check_secrets_key,
    check_debug,
    check_https,
]


def guard_checks() -> list[Check]:
    """The checks that decide whether a process may start (and whether the web is ready)."""
    database = check_database()
    if database.status == "critical":
        return [database]
    return [database] + [check() for check in GUARD_CHECKS[1:]]


def readiness_checks() -> list[Check]:
    checks = guard_checks()
    if checks[0].status == "critical":
        return checks
    return [
        *checks,
        check_heartbeat("worker"),
        check_heartbeat("scheduler"),
        check_scheduler_lease(),
        check_webhooks(),
        check_notifications(),
        check_audit_chain(),
    ]


def status_checks() -> list[Check]:
    return [*readiness_checks(), check_settings_risks()]
