"""`Authorization: Bearer <token>` for API clients, with personal tokens stored hashed; the session's user read with
their company."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.contrib.auth.backends import ModelBackend
from django.utils import timezone
from rest_framework.authentication import BaseAuthentication, SessionAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from ptw.accounts.models import ApiToken, User
from ptw.core.database import prepared

TOKEN_PREFIX = "ptw_"  # noqa: S105  (a public marker, not a secret)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _token_of(raw: str) -> ApiToken | None:
    """The token with its user and their company. Its key is unique: `get`, read without an order (`first` would
    sort by the tokens' default order, on every request)."""
    try:
        with prepared():  # by a unique key: one plan whatever the token
            return ApiToken.objects.select_related("user", "user__company").get(key_hash=hash_token(raw))
    except ApiToken.DoesNotExist:
        return None


class BearerTokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword:
            return None
        if len(header) != 2:
            raise AuthenticationFailed()
        raw = header[1].decode("latin-1")
        token = _token_of(raw) if raw.startswith(TOKEN_PREFIX) else None
        if token is None or not token.user.is_active:
            raise AuthenticationFailed()
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class UserBackend(ModelBackend):
    """Django's model backend, reading a session's user with their company (which side they are on: a pool rule
    asks it on most permit reads), as the token's user is read."""

    def get_user(self, user_id: int) -> User | None:
        try:
            user = User._default_manager.select_related("company").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class CsrfSessionAuthentication(SessionAuthentication):
    """Session cookie for the web UI, with CSRF enforced on unsafe methods (DRF's default)."""

    def authenticate_header(self, request: Request) -> str:
        # A header makes DRF answer 401 (not 403) to anonymous callers.
        return 'Session realm="ptw"'


class AuthenticatedRequest(Request):
    """The request a view sees behind the default `IsAuthenticated` permission: its user is a signed-in `User`.

    DRF types `request.user` for any view (anonymous too); views that require a signed-in caller annotate
    their request with this class (as django-stubs advises for `HttpRequest`)."""

    user: User
