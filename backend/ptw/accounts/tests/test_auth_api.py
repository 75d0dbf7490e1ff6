"""Session log-in/out with CSRF, the current user, and personal API tokens — all through HTTP."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.forms.models import model_to_dict
from rest_framework.test import APIClient

from ptw.accounts.models import ApiToken, User
from ptw.accounts.testing import Site, site_build
from ptw.core.models import IdempotencyRecord

PASSWORD = "Correct-horse-battery-9"
LOGIN = "/api/v1/auth/login/"
LOGOUT = "/api/v1/auth/logout/"
ME = "/api/v1/auth/me/"
TOKENS = "/api/v1/auth/tokens/"
PERMITS = "/api/v1/ptw/permits/"

# Capabilities on the project under the default policy table (product.md §1).
CAPABILITIES = {
    "requester": ["request"],
    "verifier": ["request", "verify"],
    "verifier2": ["verify"],
    "issuer": ["approve"],
    "issuer2": ["approve"],
    "admin": ["admin"],
    "viewer": [],
}
ROLES = {"admin": "project_admin", "viewer": "viewer"}


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str)
    assert error["message"]
    assert error["request_id"] == response["X-Request-ID"]
    assert "Traceback" not in response.content.decode()
    return error


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    # A cheap hasher keeps the many log-ins fast.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def acme(db: None) -> Site:
    return site_build("Acme", "North Plant", "acme.example", password=PASSWORD)


@pytest.fixture
def globex(db: None) -> Site:
    return site_build("Globex", "South Refinery", "globex.example", password=PASSWORD)


def login(client: APIClient, email: str, password: str = PASSWORD) -> Any:
    return client.post(LOGIN, {"email": email, "password": password}, format="json")


def logged_in(email: str) -> APIClient:
    client = APIClient(enforce_csrf_checks=True)
    assert login(client, email).status_code == 200
    return client


def csrf(client: APIClient) -> dict[str, str]:
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def bearer(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def new_token(client: APIClient, name: str = "CI export") -> dict[str, Any]:
    response = client.post(TOKENS, {"name": name}, format="json", **csrf(client))
    assert response.status_code == 201, response.content
    return response.json()


# --- log in, me, log out -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", list(CAPABILITIES))
def test_login_returns_me_with_capabilities(acme: Site, persona: str) -> None:
    user = acme.people[persona]
    response = login(APIClient(), user.email)

    assert response.status_code == 200, response.content
    me = response.json()
    assert set(me) >= {"id", "email", "name", "grade", "is_tenant_admin", "company", "memberships"}
    assert me["id"] == user.id
    assert me["email"] == user.email
    assert me["name"] == user.name
    assert me["grade"] == user.grade
    assert me["is_tenant_admin"] is False
    assert me["company"] == {"id": user.company.id, "name": user.company.name, "side": user.company.side}
    assert me["memberships"] == [
        {
            "project": {"id": acme.project.id, "name": "North Plant", "time_zone": "UTC"},
            "role": ROLES.get(persona, "member"),
            "capabilities": CAPABILITIES[persona],
        }
    ]


def test_login_email_is_case_insensitive(acme: Site) -> None:
    response = login(APIClient(), "REQUESTER@Acme.Example")
    assert response.status_code == 200
    assert response.json()["id"] == acme.people["requester"].id


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("requester@acme.example", "Wrong-password-123"),
        ("requester@acme.example", PASSWORD.lower()),
        ("nobody@acme.example", PASSWORD),
    ],
    ids=["wrong-password", "wrong-case-password", "unknown-email"],
)
def test_login_failure_is_400_login_failed_and_no_session(acme: Site, email: str, password: str) -> None:
    client = APIClient()
    error = assert_error(login(client, email, password), 400, "login_failed")
    assert PASSWORD not in error["message"]
    assert_error(client.get(ME), 401, "not_authenticated")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "requester@acme.example", "password": PASSWORD, "remember": True}, "remember"),
        ({"email": "requester@acme.example", "password": PASSWORD, "is_tenant_admin": True}, "is_tenant_admin"),
        ({"email": "requester@acme.example"}, "password"),
        ({"password": PASSWORD}, "email"),
        ({"email": "not-an-email", "password": PASSWORD}, "email"),
        ({"email": ["requester@acme.example"], "password": PASSWORD}, "email"),
    ],
    ids=["unknown-field", "role-claim-field", "no-password", "no-email", "bad-email", "email-list"],
)
def test_login_bad_body_is_400_naming_the_field(acme: Site, body: dict[str, Any], field: str) -> None:
    client = APIClient()
    error = assert_error(client.post(LOGIN, body, format="json"), 400, "invalid")
    assert field in error["fields"]
    assert_error(client.get(ME), 401, "not_authenticated")


def test_login_with_malformed_json_is_400(acme: Site) -> None:
    response = APIClient().generic("POST", LOGIN, '{"email": ', content_type="application/json")
    assert_error(response, 400, "invalid_json")


def test_inactive_user_cannot_log_in(acme: Site) -> None:
    User.objects.filter(pk=acme.people["requester"].pk).update(is_active=False)
    assert_error(login(APIClient(), "requester@acme.example"), 400, "login_failed")


def test_session_me_then_logout(acme: Site) -> None:
    client = logged_in("verifier@acme.example")

    me = client.get(ME)
    assert me.status_code == 200
    assert me.json()["email"] == "verifier@acme.example"
    assert me.json()["memberships"][0]["capabilities"] == ["request", "verify"]

    assert client.post(LOGOUT, **csrf(client)).status_code == 204
    assert_error(client.get(ME), 401, "not_authenticated")
    assert_error(client.get(PERMITS), 401, "not_authenticated")


@pytest.mark.parametrize("path", [ME, PERMITS, TOKENS, "/api/v1/projects/"])
def test_anonymous_is_401_in_the_envelope(acme: Site, path: str) -> None:
    assert_error(APIClient().get(path), 401, "not_authenticated")


def test_me_lists_only_own_tenant(acme: Site, globex: Site) -> None:
    me = logged_in("requester@globex.example").get(ME).json()
    assert [m["project"]["name"] for m in me["memberships"]] == ["South Refinery"]
    assert me["company"]["id"] == globex.companies["contractor"].id


# --- CSRF on the session ------------------------------------------------------------------------


def test_unsafe_session_request_without_csrf_token_is_refused(acme: Site) -> None:
    client = logged_in("requester@acme.example")

    error = assert_error(client.post(TOKENS, {"name": "no csrf"}, format="json"), 403, "forbidden")
    assert "Traceback" not in error["message"]
    assert not ApiToken.objects.exists()

    wrong = client.post(TOKENS, {"name": "wrong csrf"}, format="json", HTTP_X_CSRFTOKEN="x" * 64)
    assert_error(wrong, 403, "forbidden")
    assert not ApiToken.objects.exists()

    assert_error(client.post(LOGOUT), 403, "forbidden")
    assert client.get(ME).status_code == 200

    ok = client.post(TOKENS, {"name": "with csrf"}, format="json", **csrf(client))
    assert ok.status_code == 201
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["with csrf"]


def test_safe_session_request_needs_no_csrf_token(acme: Site) -> None:
    client = logged_in("requester@acme.example")
    assert client.get(PERMITS).status_code == 200
    assert client.get(TOKENS).status_code == 200


def test_bearer_requests_need_no_csrf_token(acme: Site) -> None:
    raw = new_token(logged_in("requester@acme.example"))["token"]
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.post(TOKENS, {"name": "second"}, format="json").status_code == 201


# --- personal API tokens ------------------------------------------------------------------------


def test_token_is_shown_once_and_listed_without_secret(acme: Site) -> None:
    client = logged_in("requester@acme.example")

    created = new_token(client, "Nightly export")
    raw = created["token"]
    assert raw.startswith("ptw_")
    assert len(raw) > 30
    assert created["name"] == "Nightly export"
    assert created["prefix"] == raw[:12]
    assert created["last_used_at"] is None

    listing = client.get(TOKENS)
    assert listing.status_code == 200
    assert listing.json() == [
        {
            "id": created["id"],
            "name": "Nightly export",
            "prefix": raw[:12],
            "created_at": created["created_at"],
            "last_used_at": None,
        }
    ]
    assert raw not in listing.content.decode()
    assert raw[12:] not in listing.content.decode()


def test_token_authenticates_api_requests(acme: Site) -> None:
    user = acme.people["requester"]
    raw = new_token(logged_in(user.email))["token"]
    client = bearer(raw)

    me = client.get(ME)
    assert me.status_code == 200
    assert me.json()["id"] == user.id
    assert me.json()["memberships"][0]["capabilities"] == ["request"]

    permits = client.get(PERMITS)
    assert permits.status_code == 200
    assert permits.json()["count"] == 0

    assert ApiToken.objects.get(user=user).last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        "Bearer ptw_not-a-real-token-at-all-000000000000",
        "Bearer not_a_ptw_token",
        "Bearer",
        "Bearer ptw_a ptw_b",
    ],
    ids=["unknown", "wrong-prefix", "empty", "two-parts"],
)
def test_wrong_token_is_401(acme: Site, header: str) -> None:
    new_token(logged_in("requester@acme.example"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    assert_error(client.get(ME), 401, "authentication_failed")
    assert_error(client.get(PERMITS), 401, "authentication_failed")


def test_tampered_token_is_401(acme: Site) -> None:
    raw = new_token(logged_in("requester@acme.example"))["token"]
    tampered = raw[:-1] + ("A" if raw[-1] != "A" else "B")
    assert_error(bearer(tampered).get(ME), 401, "authentication_failed")


def test_token_of_inactive_user_is_401(acme: Site) -> None:
    raw = new_token(logged_in("requester@acme.example"))["token"]
    User.objects.filter(email="requester@acme.example").update(is_active=False)
    assert_error(bearer(raw).get(ME), 401, "authentication_failed")


def test_revoked_token_stops_working(acme: Site) -> None:
    client = logged_in("requester@acme.example")
    kept = new_token(client, "kept")
    revoked = new_token(client, "revoked")
    assert bearer(revoked["token"]).get(ME).status_code == 200

    response = client.delete(f"{TOKENS}{revoked['id']}/", **csrf(client))
    assert response.status_code == 204

    assert_error(bearer(revoked["token"]).get(ME), 401, "authentication_failed")
    assert bearer(kept["token"]).get(ME).status_code == 200
    assert [t["id"] for t in client.get(TOKENS).json()] == [kept["id"]]
    assert_error(client.delete(f"{TOKENS}{revoked['id']}/", **csrf(client)), 404, "not_found")


def test_other_users_token_cannot_be_seen_or_revoked(acme: Site, globex: Site) -> None:
    owner = logged_in("requester@acme.example")
    token = new_token(owner)

    for email in ("verifier@acme.example", "requester@globex.example"):
        other = logged_in(email)
        assert other.get(TOKENS).json() == []
        assert_error(other.delete(f"{TOKENS}{token['id']}/", **csrf(other)), 404, "not_found")

    assert ApiToken.objects.filter(pk=token["id"]).exists()
    assert bearer(token["token"]).get(ME).status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "name"), ({"name": ""}, "name"), ({"name": "x" * 101}, "name"), ({"name": "a", "key": "ptw_x"}, "key")],
    ids=["missing", "blank", "too-long", "unknown-field"],
)
def test_token_bad_body_is_400_and_creates_nothing(acme: Site, body: dict[str, Any], field: str) -> None:
    client = logged_in("requester@acme.example")
    error = assert_error(client.post(TOKENS, body, format="json", **csrf(client)), 400, "invalid")
    assert field in error["fields"]
    assert not ApiToken.objects.exists()


def test_token_is_stored_hashed(acme: Site) -> None:
    client = logged_in("requester@acme.example")
    created = new_token(client)
    raw = created["token"]

    row = ApiToken.objects.get(pk=created["id"])
    assert row.key_hash != raw
    assert row.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    stored = " ".join(str(value) for value in model_to_dict(row).values())
    assert raw not in stored
    assert raw[12:] not in stored
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model._meta.db_table in tables:
            for values in model.objects.values():
                assert raw[12:] not in str(values), model.__name__


def test_token_secret_is_not_kept_by_idempotency_replay(acme: Site) -> None:
    client = logged_in("requester@acme.example")
    response = client.post(TOKENS, {"name": "retry-safe"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1", **csrf(client))
    assert response.status_code == 201
    raw = response.json()["token"]

    stored = [str(record.body) for record in IdempotencyRecord.objects.all()]
    assert all(raw not in body for body in stored)
    replay = client.post(TOKENS, {"name": "retry-safe"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1", **csrf(client))
    assert raw not in replay.content.decode()
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json()["token"] is None
    assert ApiToken.objects.filter(name="retry-safe").count() == 1
