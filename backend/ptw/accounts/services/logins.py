"""Sign-in attempts: wrong passwords counted per e-mail and per address in the database, locks, the owner's notice.

The database is the one store every web process and machine shares, so the counts are exact however
many processes answer (docs/decisions/0006-login-attempts-in-the-database.md).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ptw.accounts.models import LoginFailure, LoginLock, User
from ptw.core.errors import ApiError

logger = logging.getLogger("ptw.security")


class LoginFailed(ApiError):
    status_code = 400
    code = "login_failed"
    default_message = "The e-mail address or password is not right."


class AccountLocked(ApiError):
    status_code = 429
    code = "account_locked"
    default_message = "Too many failed sign-in attempts for this account: it is locked for a while. Try again later."


class TooManyFailures(ApiError):
    status_code = 429
    code = "too_many_failures"
    default_message = "Too many failed sign-in attempts from your network address. Try again later."


@dataclass(frozen=True)
class SecurityNotice:
    """What the owner should know at sign-in: failures since their previous sign-in, and the latest lock."""

    failed_attempts: int
    since: datetime | None
    locked_at: datetime | None
    locked_until: datetime | None


def login_attempt(*, email: str, password: str, address: str | None) -> tuple[User, SecurityNotice | None]:
    """The account the password opens, unless its e-mail is locked; a wrong password is counted and may lock it.

    The account's row stays locked while deciding, so parallel guesses are counted one after another and
    none is checked once the limit is reached. Unknown e-mails are counted and locked alike (nothing to lock
    a row of; their guesses cannot open anything).
    """
    email = email.strip().lower()
    with transaction.atomic():
        account = User.objects.select_for_update().filter(email=email).first()
        now = timezone.now()
        outcome = _decide(email, password, address, account, now)
    # Raised only after the commit: the failure and the lock must be kept.
    if isinstance(outcome, ApiError):
        raise outcome
    return outcome


def _decide(
    email: str, password: str, address: str | None, account: User | None, now: datetime
) -> tuple[User, SecurityNotice | None] | ApiError:
    lock = LoginLock.objects.filter(email=email, until__gt=now).order_by("-until").first()
    if lock is not None:
        logger.warning(
            "Sign-in refused for %s from %s: locked until %s",
            email,
            address,
            lock.until.isoformat(),
            extra={"email": email, "address": address},
        )
        wait = _seconds(lock.until - now)
        return AccountLocked(
            f"Too many failed sign-in attempts for this account. Try again in {_minutes(wait)}.",
            headers={"Retry-After": wait},
        )
    user = authenticate(None, username=email, password=password)
    if isinstance(user, User):
        return user, security_notice(user)

    LoginFailure.objects.create(email=email, user=account, address=address, at=now)
    failures = _account_failures(email, now)
    from_address = _address_failures(address, now)
    counted = from_address.count()
    logger.warning(
        "Sign-in failed for %s from %s: %d failures for the account and %d from the address in the window",
        email,
        address,
        failures,
        counted,
        extra={"email": email, "address": address, "count": failures},
    )
    if failures >= settings.PTW_LOGIN_MAX_FAILURES:
        until = now + timedelta(minutes=settings.PTW_LOGIN_LOCK_MINUTES)
        LoginLock.objects.create(email=email, user=account, locked_at=now, until=until)
        logger.warning(
            "Account %s locked until %s after %d failed sign-ins, the last from %s",
            email,
            until.isoformat(),
            failures,
            address,
            extra={"email": email, "address": address, "count": failures},
        )
    limit = settings.PTW_LOGIN_MAX_FAILURES_PER_ADDRESS
    if counted > limit:
        # The next failure is answered again once enough of the oldest have left the window.
        leaves = from_address.order_by("at").values_list("at", flat=True)[counted - limit] + _window()
        return TooManyFailures(headers={"Retry-After": _seconds(leaves - now)})
    return LoginFailed()


def security_notice(user: User) -> SecurityNotice | None:
    """Failed sign-ins for the account since its previous sign-in, and the latest lock in that time."""
    failures = LoginFailure.objects.filter(email=user.email)
    locks = LoginLock.objects.filter(email=user.email)
    if user.last_login is not None:
        failures = failures.filter(at__gt=user.last_login)
        locks = locks.filter(locked_at__gt=user.last_login)
    count = failures.count()
    lock = locks.order_by("-locked_at").first()
    if count == 0 and lock is None:
        return None
    return SecurityNotice(
        failed_attempts=count,
        since=user.last_login,
        locked_at=lock.locked_at if lock else None,
        locked_until=lock.until if lock else None,
    )


def _window() -> timedelta:
    return timedelta(minutes=settings.PTW_LOGIN_WINDOW_MINUTES)


def _account_failures(email: str, now: datetime) -> int:
    """Failures in the window, but none from before the account's last lock ended: those were paid for."""
    failures = LoginFailure.objects.filter(email=email, at__gt=now - _window())
    ended = LoginLock.objects.filter(email=email, until__lte=now).order_by("-until").values_list("until", flat=True)
    last_ended = ended.first()
    if last_ended is not None:
        failures = failures.filter(at__gte=last_ended)
    return failures.count()


def _address_failures(address: str | None, now: datetime) -> QuerySet[LoginFailure]:
    if address is None:
        return LoginFailure.objects.none()
    return LoginFailure.objects.filter(address=address, at__gt=now - _window())


def _seconds(span: timedelta) -> str:
    return str(max(1, math.ceil(span.total_seconds())))


def _minutes(seconds: str) -> str:
    minutes = math.ceil(int(seconds) / 60)
    return "1 minute" if minutes == 1 else f"{minutes} minutes"
