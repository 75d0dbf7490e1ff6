"""Security headers on every kind of response, and HTTPS in production: redirect, HSTS, `check --deploy` clean.

The production tests run manage.py and gunicorn with production settings, as an operator would.
"""

from __future__ import annotations

import json
import re
import secrets
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

import httpx
import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from ptw.ops.tests.helpers import BACKEND, BIN, free_port, make_ui, manage, migrated_database, run_env

STRICT_POLICY = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}


def assert_security_headers(headers: Mapping[str, str]) -> None:
    assert {directive.strip() for directive in headers["Content-Security-Policy"].split(";")} == STRICT_POLICY
    permissions = headers["Permissions-Policy"]
    assert "camera=(self)" in permissions and "geolocation=(self)" in permissions
    assert "microphone=()" in permissions and "payment=()" in permissions and "usb=()" in permissions
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_ui_page_carries_the_strict_policy(api: APIClient, tmp_path: Path) -> None:
    _frontend, dist = make_ui(tmp_path)
    with override_settings(UI_DIST_DIR=dist):
        response = api.get("/permits/42")
    assert response.status_code == 200
    assert response.content.startswith(b"<!doctype html>")
    assert_security_headers(response.headers)


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "status"), [("/api/v1/health/", 200), ("/api/v1/ptw/permits/", 401)])
def test_api_responses_carry_the_strict_policy(api: APIClient, path: str, status: int) -> None:
    response = api.get(path)
    assert response.status_code == status
    assert_security_headers(response.headers)


@pytest.mark.django_db
def test_api_docs_load_their_start_up_script_as_a_file(api: APIClient) -> None:
    page = api.get("/api/docs/")
    assert page.status_code == 200
    assert_security_headers(page.headers)
    html = page.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.DOTALL)
    assert len(scripts) == 3
    assert all('src="' in attributes and not body.strip() for attributes, body in scripts), scripts
    start_up = re.findall(r'<script src="([^"]*script=[^"]*)"', html)
    assert len(start_up) == 1
    script = api.get(start_up[0].replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content


@pytest.mark.django_db
def test_production_without_a_tls_choice_is_not_ready(api: APIClient, tmp_path: Path) -> None:
    frontend, dist = make_ui(tmp_path)
    with override_settings(
        FRONTEND_DIR=frontend, UI_DIST_DIR=dist, PRODUCTION=True, BEHIND_TLS_PROXY=False, PTW_ALLOW_PLAIN_HTTP=False
    ):
        response = api.get("/api/v1/health/ready/")
    assert response.status_code == 503
    https = next(check for check in response.json()["checks"] if check["name"] == "https")
    assert https["status"] == "critical"
    assert "BEHIND_TLS_PROXY" in https["message"] and "PTW_ALLOW_PLAIN_HTTP" in https["message"]


def production_env(root: Path, **overrides: str) -> dict[str, str]:
    """Production as an operator configures it: a long random key, Secure cookies, a TLS proxy."""
    env = run_env(
        root,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,ptw.example.com",
        SECURE_COOKIES="true",
        PTW_ALLOW_PLAIN_HTTP="false",
        BEHIND_TLS_PROXY="true",
    )
    return env | overrides


def test_check_deploy_is_clean_in_production_behind_a_tls_proxy(tmp_path: Path) -> None:
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_plain_http_is_an_explicit_choice_that_status_reports(tmp_path: Path) -> None:
    undecided = production_env(tmp_path, BEHIND_TLS_PROXY="false")
    del undecided["SECURE_COOKIES"]
    result = manage(undecided, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr

    plain = undecided | {"PTW_ALLOW_PLAIN_HTTP": "true"}
    result = manage(plain, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr

    status = manage(plain, "ptw_status", "--json", "--url", "http://127.0.0.1:9")
    checks = {check["name"]: check for check in json.loads(status.stdout)["checks"]}
    assert checks["https"]["status"] == "ok"
    assert checks["settings"]["status"] == "warning"
    risks = checks["settings"]["details"]["risks"]
    assert "served over plain HTTP: no redirect to HTTPS" in risks
    assert "no HSTS (Strict-Transport-Security)" in risks
    assert "cookies are not marked Secure" in risks


def test_production_behind_a_tls_proxy_redirects_to_https_and_sends_hsts(tmp_path: Path) -> None:
    make_ui(tmp_path)
    migrated_database(tmp_path / "cache", tmp_path / "ptw.sqlite3")
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=BACKEND,
        env=production_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        health = wait_for(server, f"{base}/api/v1/health/")
        with httpx.Client(base_url=base, timeout=5, follow_redirects=False) as client:
            plain = client.get("/api/v1/ptw/permits/?page=2")
            secure = client.get("/permits", headers={"X-Forwarded-Proto": "https"})
            ready = client.get("/api/v1/health/ready/")
    finally:
        server.terminate()
        server.wait(timeout=20)

    assert plain.status_code == 301
    assert plain.headers["Location"] == f"https://127.0.0.1:{port}/api/v1/ptw/permits/?page=2"
    assert secure.status_code == 200
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert_security_headers(secure.headers)
    # Load balancers probe health over plain HTTP inside the network.
    assert health.status_code == 200
    assert ready.status_code == 200, ready.text
    assert "Location" not in ready.headers
    assert "Strict-Transport-Security" not in health.headers


def wait_for(server: subprocess.Popen[str], url: str, seconds: float = 60) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while True:
        if server.poll() is not None:
            output = server.stdout.read() if server.stdout else ""
            pytest.fail(f"gunicorn exited with {server.returncode}:\n{output}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
