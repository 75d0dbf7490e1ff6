"""Password guessing: failures counted per e-mail and per address in the database, locks, the owner's notice."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from rest_framework.test import APIClient

from ptw.accounts.models import LoginFailure, LoginLock, User
from ptw.accounts.testing import Site, site_build

PASSWORD = "Correct-horse-battery-9"
WRONG = "Wrong-password-123"
LOGIN = "/api/v1/auth/login/"
LOGOUT = "/api/v1/auth/logout/"
ME = "/api/v1/auth/me/"
EMAIL = "requester@acme.example"
T0 = datetime(2026, 12, 2, 14, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def acme(db: None) -> Site:
    return site_build("Acme", "North Plant", "acme.example", password=PASSWORD)


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def login(client: APIClient, email: str = EMAIL, password: str = PASSWORD, **headers: str) -> Any:
    return client.post(LOGIN, {"email": email, "password": password}, format="json", **headers)


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert error["request_id"] == response["X-Request-ID"]
    return error


def fail_times(count: int, email: str = EMAIL, **headers: str) -> None:
    for attempt in range(count):
        assert_error(login(APIClient(), email, WRONG, **headers), 400, "login_failed"), attempt


# --- the account lock ---------------------------------------------------------------------------


def test_rotating_forwarded_for_does_not_bypass_the_account_lock(acme: Site, clock: Any) -> None:
    for attempt in range(10):
        response = login(APIClient(), EMAIL, WRONG, HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt + 1}")
        assert_error(response, 400, "login_failed")

    client = APIClient()
    refused = login(client, HTTP_X_FORWARDED_FOR="198.51.100.77")
    assert_error(refused, 429, "account_locked")
    assert refused["Retry-After"] == "900"
    assert_error(client.get(ME), 401, "not_authenticated")
    # Without a trusted proxy the header is the caller's own say: the address is the connection's.
    assert set(LoginFailure.objects.values_list("address", flat=True)) == {"127.0.0.1"}


def test_behind_one_trusted_proxy_the_address_comes_from_the_header(acme: Site, clock: Any, settings: Any) -> None:
    settings.PTW_TRUSTED_PROXY_COUNT = 1
    for attempt in range(10):
        # The left entry is whatever the caller sent; the proxy appended the address it saw.
        forwarded = f"10.9.9.9, 203.0.113.{attempt + 1}"
        assert_error(login(APIClient(), EMAIL, WRONG, HTTP_X_FORWARDED_FOR=forwarded), 400, "login_failed")

    addresses = sorted(LoginFailure.objects.values_list("address", flat=True), key=lambda a: int(a.split(".")[-1]))
    assert addresses == [f"203.0.113.{n}" for n in range(1, 11)]
    assert_error(login(APIClient(), HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.99"), 429, "account_locked")


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        (0, "203.0.113.5", "127.0.0.1"),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, " 10.0.0.1 ,203.0.113.5 ", "203.0.113.5"),
        (2, "10.0.0.1, 203.0.113.5, 192.0.2.1", "203.0.113.5"),
        (2, "203.0.113.5", "127.0.0.1"),
        (1, "not-an-address", "127.0.0.1"),
        (1, "2001:DB8::1", "2001:db8::1"),
        (1, "", "127.0.0.1"),
    ],
    ids=["ignored", "one-proxy", "spaces", "two-proxies", "fewer-than-proxies", "garbage", "ipv6", "empty"],
)
def test_the_recorded_address_follows_the_trusted_proxy_count(
    acme: Site, settings: Any, proxies: int, forwarded: str, address: str
) -> None:
    settings.PTW_TRUSTED_PROXY_COUNT = proxies
    assert_error(login(APIClient(), EMAIL, WRONG, HTTP_X_FORWARDED_FOR=forwarded), 400, "login_failed")
    assert list(LoginFailure.objects.values_list("address", flat=True)) == [address]


def test_right_password_is_refused_during_the_lock_and_works_after_it(acme: Site, clock: Any) -> None:
    fail_times(10)

    refused = login(APIClient())
    error = assert_error(refused, 429, "account_locked")
    assert refused["Retry-After"] == "900"
    assert error["message"] == "Too many failed sign-in attempts for this account. Try again in 15 minutes."

    clock.move_to(T0 + timedelta(minutes=14))
    refused = login(APIClient())
    error = assert_error(refused, 429, "account_locked")
    assert refused["Retry-After"] == "60"
    assert error["message"] == "Too many failed sign-in attempts for this account. Try again in 1 minute."
    assert_error(login(APIClient(), EMAIL, WRONG), 429, "account_locked")
    # Refused attempts were never checked, so they are not counted as failures.
    assert LoginFailure.objects.count() == 10

    clock.move_to(T0 + timedelta(minutes=15))
    client = APIClient()
    assert login(client).status_code == 200
    assert client.get(ME).json()["email"] == EMAIL


def test_failures_before_a_lock_ended_do_not_lock_again(acme: Site, clock: Any, settings: Any) -> None:
    settings.PTW_LOGIN_WINDOW_MINUTES = 60
    fail_times(10)
    clock.move_to(T0 + timedelta(minutes=15))
    fail_times(9)
    assert_error(login(APIClient(), EMAIL, WRONG), 400, "login_failed")
    assert_error(login(APIClient()), 429, "account_locked")
    assert LoginLock.objects.count() == 2


def test_unknown_email_is_locked_like_a_known_one(acme: Site, clock: Any) -> None:
    fail_times(10, "nobody@acme.example")
    assert_error(login(APIClient(), "Nobody@Acme.Example", WRONG), 429, "account_locked")
    assert LoginLock.objects.get().user is None
    assert login(APIClient()).status_code == 200


def test_the_settings_have_their_documented_defaults(settings: Any) -> None:
    assert settings.PTW_LOGIN_MAX_FAILURES == 10
    assert settings.PTW_LOGIN_WINDOW_MINUTES == 15
    assert settings.PTW_LOGIN_LOCK_MINUTES == 15
    assert settings.PTW_LOGIN_MAX_FAILURES_PER_ADDRESS == 50
    assert settings.PTW_TRUSTED_PROXY_COUNT == 0


# --- one address, many people ---------------------------------------------------------------------


def test_thirty_successful_logins_from_one_address_in_a_minute_all_get_in(acme: Site, clock: Any) -> None:
    crew = [
        User.objects.create_user(f"crew{n}@acme.example", PASSWORD, name=f"Crew {n}", tenant=acme.tenant)
        for n in range(30)
    ]
    for n, person in enumerate(crew):
        clock.move_to(T0 + timedelta(seconds=2 * n))
        response = login(APIClient(), person.email)
        assert response.status_code == 200, (n, response.content)
    assert not LoginFailure.objects.exists()


def test_the_address_limit_refuses_failures_but_not_a_right_password(acme: Site, clock: Any, settings: Any) -> None:
    settings.PTW_LOGIN_MAX_FAILURES_PER_ADDRESS = 5
    for n in range(5):
        clock.move_to(T0 + timedelta(minutes=n))
        assert_error(login(APIClient(), f"guess{n}@acme.example", WRONG), 400, "login_failed")

    clock.move_to(T0 + timedelta(minutes=5))
    refused = login(APIClient(), "guess5@acme.example", WRONG)
    assert_error(refused, 429, "too_many_failures")
    # Six failures in the window, five allowed: the next is answered again once the two oldest have left.
    assert refused["Retry-After"] == str(11 * 60)

    assert login(APIClient()).status_code == 200
    assert login(APIClient(), "verifier@acme.example").status_code == 200
    other = login(APIClient(), "guess6@acme.example", WRONG, REMOTE_ADDR="192.0.2.44")
    assert_error(other, 400, "login_failed")

    clock.move_to(T0 + timedelta(minutes=16, seconds=1))
    assert_error(login(APIClient(), "guess7@acme.example", WRONG), 400, "login_failed")


def test_a_right_password_from_a_noisy_address_is_refused_only_if_its_account_is_locked(
    acme: Site, clock: Any, settings: Any
) -> None:
    settings.PTW_LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    fail_times(3, "guess@acme.example")
    assert_error(login(APIClient(), EMAIL, WRONG), 429, "too_many_failures")
    assert login(APIClient()).status_code == 200
    # Failures answered 429 for the address still count for the account they named.
    for _ in range(9):
        assert_error(login(APIClient(), EMAIL, WRONG), 429, "too_many_failures")
    assert_error(login(APIClient()), 429, "account_locked")


# --- parallel guesses -----------------------------------------------------------------------------


def in_parallel(count: int, call: Any) -> list[Any]:
    """`call` on `count` threads at the same moment, each with its own client and database connection."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = call(APIClient())
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_twenty_parallel_wrong_passwords_are_counted_up_to_the_limit_and_no_further(
    transactional_db: None, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    site_build("Acme", "North Plant", "acme.example", password=PASSWORD)

    responses = in_parallel(20, lambda client: login(client, EMAIL, WRONG))

    codes = sorted((r.status_code, r.json()["error"]["code"]) for r in responses)
    assert codes == [(400, "login_failed")] * 10 + [(429, "account_locked")] * 10
    assert LoginFailure.objects.filter(email=EMAIL).count() == 10
    assert LoginLock.objects.filter(email=EMAIL).count() == 1
    assert_error(login(APIClient()), 429, "account_locked")


# --- the owner's notice and the log ---------------------------------------------------------------


def test_the_owner_sees_failed_attempts_once_at_the_next_login(acme: Site, clock: Any) -> None:
    first = APIClient()
    assert login(first).json()["security_notice"] is None

    clock.move_to(T0 + timedelta(hours=1))
    fail_times(3)

    clock.move_to(T0 + timedelta(hours=2))
    client = APIClient()
    notice = login(client).json()["security_notice"]
    assert notice == {"failed_attempts": 3, "since": "2026-12-02T14:30:00Z", "locked_at": None, "locked_until": None}
    assert client.get(ME).json()["security_notice"] == notice

    assert client.post(LOGOUT).status_code == 204
    again = APIClient()
    assert login(again).json()["security_notice"] is None
    assert again.get(ME).json()["security_notice"] is None
    assert first.get(ME).json()["security_notice"] is None


def test_the_notice_says_when_the_account_was_locked(acme: Site, clock: Any) -> None:
    fail_times(10)
    clock.move_to(T0 + timedelta(minutes=20))
    notice = login(APIClient()).json()["security_notice"]
    assert notice == {
        "failed_attempts": 10,
        "since": None,
        "locked_at": "2026-12-02T14:30:00Z",
        "locked_until": "2026-12-02T14:45:00Z",
    }


def test_failures_and_the_lock_are_logged_without_the_password(
    acme: Site, clock: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="ptw.security"):
        fail_times(10)
        login(APIClient())
    lines = [r for r in caplog.records if r.name == "ptw.security"]
    failures = [r.getMessage() for r in lines if "failed for" in r.getMessage()]
    locks = [r.getMessage() for r in lines if "locked until" in r.getMessage() and "Account" in r.getMessage()]
    assert len(failures) == 10
    assert failures[-1] == (
        f"Sign-in failed for {EMAIL} from 127.0.0.1: 10 failures for the account and 10 from the address in the window"
    )
    assert locks == [
        f"Account {EMAIL} locked until 2026-12-02T14:45:00+00:00 after 10 failed sign-ins, the last from 127.0.0.1"
    ]
    assert all(WRONG not in r.getMessage() and PASSWORD not in r.getMessage() for r in caplog.records)
