"""Failed sign-ins and the account locks they cause, kept in the database every process shares."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class LoginFailure(models.Model):
    """One wrong sign-in: the e-mail given (known or not), the account it named, and where it came from."""

    email = models.CharField(max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="login_failures"
    )
    address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["email", "at"], name="login_failure_email_at"),
            models.Index(fields=["address", "at"], name="login_failure_address_at"),
        ]

    def __str__(self) -> str:
        return f"{self.email} from {self.address} at {self.at:%Y-%m-%d %H:%M:%S}"


class LoginLock(models.Model):
    """An e-mail whose every sign-in is refused from `locked_at` until `until`."""

    email = models.CharField(max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="login_locks"
    )
    locked_at = models.DateTimeField()
    until = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["email", "until"], name="login_lock_email_until")]

    def __str__(self) -> str:
        return f"{self.email} locked until {self.until:%Y-%m-%d %H:%M:%S}"
