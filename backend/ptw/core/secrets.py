"""Secrets the server must read back (webhook signing secrets) kept encrypted at rest with Fernet.

The keys come from PTW_SECRETS_KEY (comma-separated; the first encrypts, every one decrypts, so a key can be
rotated). In development with no key set, one is derived from the development SECRET_KEY so `make run` needs no
set-up; production refuses to start without PTW_SECRETS_KEY (see ptw.ops.checks).
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any, Literal

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

KeyState = Literal["set", "derived", "unset", "invalid"]


class SecretUnreadable(Exception):
    """A stored secret does not decrypt with any configured key (the key that sealed it was removed)."""


def _derived_key() -> bytes:
    digest = hashlib.sha256(b"ptw-secrets-at-rest:" + settings.SECRET_KEY.encode()).digest()
    return base64.urlsafe_b64encode(digest)


def keys_state() -> tuple[KeyState, str]:
    """How the encryption keys are configured, and a sentence saying so (for the deployment checks)."""
    keys = list(settings.PTW_SECRETS_KEYS)
    if not keys:
        if settings.PRODUCTION:
            return "unset", "PTW_SECRETS_KEY is not set"
        return "derived", "derived from the development SECRET_KEY (development mode)"
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            return "invalid", f"key {position} of PTW_SECRETS_KEY is not a Fernet key (32 url-safe base64 bytes)"
    return "set", f"{len(keys)} key(s) set" + ("; the first encrypts" if len(keys) > 1 else "")


def keys_in_use() -> list[str]:
    """The keys this process encrypts and decrypts with, first one encrypting (the derived one in development)."""
    state, message = keys_state()
    if state in ("unset", "invalid"):
        raise ImproperlyConfigured(message)
    return list(settings.PTW_SECRETS_KEYS) or [_derived_key().decode()]


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys_in_use()])


def seal(text: str) -> str:
    """The Fernet token of `text` under the first key."""
    return _fernet().encrypt(text.encode()).decode()


def unseal(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise SecretUnreadable("A stored secret does not decrypt with any key in PTW_SECRETS_KEY.") from None


class SealedCharField(models.CharField):
    """A text column holding the Fernet token of its value: clear in Python, encrypted in the database."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        return unseal(value) if value else value

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return seal(value) if value else value
