"""Personal API tokens: created with a secret shown once, revoked by deletion."""

from __future__ import annotations

import secrets

from ptw.accounts.authentication import TOKEN_PREFIX, hash_token
from ptw.accounts.models import ApiToken, User


def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:12], key_hash=hash_token(raw))
    return token, raw


def token_revoke(*, user: User, token_id: int) -> bool:
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return deleted > 0
