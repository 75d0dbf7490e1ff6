"""Bodies the API will not read: too large (413), of undeclared length (411), not acceptable JSON (400)."""

from __future__ import annotations

import json
import logging
import time
from io import BytesIO
from typing import Any

import pytest
from rest_framework.test import APIClient

from ptw.accounts.models import ApiToken
from ptw.accounts.testing import Site, site_build
from ptw.core.parsers import MAX_DEPTH, nesting_depth
from ptw.core.tests.test_envelope import assert_envelope
from ptw.permits.models import Permit

pytestmark = pytest.mark.django_db

LOGIN = "/api/v1/auth/login/"
PERMITS = "/api/v1/ptw/permits/"
TOKENS = "/api/v1/auth/tokens/"
DJANGO_DEFAULT_LIMIT = 2_621_440


@pytest.fixture
def acme() -> Site:
    return site_build("Acme", "North Plant", "acme.example")


@pytest.fixture
def requester(acme: Site) -> APIClient:
    client = APIClient()
    client.force_authenticate(acme.people["requester"])
    return client


def oversized(limit: int = DJANGO_DEFAULT_LIMIT) -> str:
    return json.dumps({"email": "requester@acme.example", "password": "x", "title": "a" * limit})


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def post_json(client: APIClient, path: str, body: str | bytes, **extra: Any) -> Any:
    return client.generic("POST", path, body, content_type="application/json", **extra)


def test_oversized_body_is_413_even_before_authentication(
    api: APIClient, acme: Site, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        for path in (LOGIN, PERMITS, TOKENS):
            error = assert_envelope(post_json(api, path, oversized()), 413, "payload_too_large")
            assert error["limit"] == DJANGO_DEFAULT_LIMIT
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 3


def test_oversized_body_is_413_for_a_signed_in_caller_and_changes_nothing(requester: APIClient) -> None:
    assert_envelope(post_json(requester, PERMITS, oversized()), 413, "payload_too_large")
    assert_envelope(post_json(requester, TOKENS, oversized(), HTTP_IDEMPOTENCY_KEY="k-1"), 413, "payload_too_large")
    assert not Permit.objects.exists()
    assert not ApiToken.objects.exists()


def test_body_declared_larger_than_the_limit_is_refused_unread(api: APIClient, acme: Site) -> None:
    # A small body under a large Content-Length: refused on the declaration, nothing waits for the rest.
    response = post_json(api, LOGIN, "{}", CONTENT_LENGTH=str(DJANGO_DEFAULT_LIMIT + 1))
    assert_envelope(response, 413, "payload_too_large")


def test_body_of_undeclared_length_is_411(requester: APIClient) -> None:
    # Chunked transfer: no Content-Length, so Django would read an empty body and ignore what was sent.
    body = oversized().encode()
    response = requester.generic(
        "POST",
        TOKENS,
        content_type="application/json",
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": BytesIO(body)},
    )
    assert_envelope(response, 411, "length_required")
    assert not ApiToken.objects.exists()


def test_limit_is_a_setting(requester: APIClient, settings: Any) -> None:
    settings.PTW_MAX_JSON_BODY_BYTES = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"name": "laptop " + "x" * 1000})
    error = assert_envelope(post_json(requester, TOKENS, body), 413, "payload_too_large")
    assert error["limit"] == 1000
    assert post_json(requester, TOKENS, json.dumps({"name": "laptop"})).status_code == 201


def test_body_of_exactly_the_limit_is_read(requester: APIClient) -> None:
    body = json.dumps({"name": "laptop"})
    padded = body[:-1] + " " * (DJANGO_DEFAULT_LIMIT - len(body)) + "}"
    assert len(padded) == DJANGO_DEFAULT_LIMIT
    assert post_json(requester, TOKENS, padded).status_code == 201


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1000, 100_000])
def test_deeply_nested_json_is_400_invalid_json(
    api: APIClient, requester: APIClient, acme: Site, depth: int, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        assert_envelope(post_json(api, LOGIN, nested(depth)), 400, "invalid_json")
        assert_envelope(post_json(requester, PERMITS, nested(depth)), 400, "invalid_json")
        wrapped = '{"name": ' + nested(depth) + "}"
        assert_envelope(post_json(requester, TOKENS, wrapped, HTTP_IDEMPOTENCY_KEY="k-2"), 400, "invalid_json")
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert not ApiToken.objects.exists()


def test_nesting_up_to_the_bound_reaches_the_serializer(requester: APIClient) -> None:
    error = assert_envelope(post_json(requester, TOKENS, '{"name": ' + nested(MAX_DEPTH - 1) + "}"), 400, "invalid")
    assert "name" in error["fields"]


def test_unterminated_string_of_escaped_quotes_is_measured_in_linear_time(requester: APIClient) -> None:
    # A string pattern that backtracks takes 15 s or more on this body (quadratic; hours at the size limit).
    body = '["' + '\\"' * 30_000
    started = time.monotonic()
    assert_envelope(post_json(requester, TOKENS, body), 400, "invalid_json")
    assert time.monotonic() - started < 5


def test_brackets_inside_strings_do_not_count() -> None:
    text = json.dumps({"name": "[" * 500, "quote": '"[{\\', "list": [[1]], "end": "\\"})
    assert nesting_depth(text.encode()) == 3
    # An unterminated string counts what follows it: the body is refused either way, never parsed deeply.
    assert nesting_depth(b'["' + b"[" * 100) == 101
    assert nesting_depth(b"") == 0


@pytest.mark.parametrize("raw", ['{"name": ', "{not json", '{"name": NaN}', "\xff\xfe"])
def test_malformed_json_is_400_invalid_json(requester: APIClient, raw: str) -> None:
    assert_envelope(post_json(requester, TOKENS, raw.encode("latin-1")), 400, "invalid_json")
