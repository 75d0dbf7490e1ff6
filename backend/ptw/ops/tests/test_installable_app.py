"""The installable app: the service worker and the web app manifest are served from the site root, with
their content types, always revalidated, under a policy that lets the page register the worker and read
the manifest."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import httpx
import pytest
from rest_framework.test import APIClient

from ptw.ops.spa import revalidate_app_files
from ptw.ops.tests.helpers import BACKEND, BIN, free_port, make_ui, migrated_database, run_env
from ptw.ops.tests.test_security_headers import STRICT_POLICY, wait_for

MANIFEST = {"name": "PTW", "start_url": "/", "scope": "/", "display": "standalone", "icons": []}


def test_only_the_worker_and_the_manifest_are_always_revalidated() -> None:
    for url in ("/serviceWorker.js", "/manifest.webmanifest"):
        headers = {"Cache-Control": "max-age=3600, public"}
        revalidate_app_files(headers, f"/dist{url}", url)
        assert headers["Cache-Control"] == "no-cache"
    for url in ("/assets/index-abcdefgh.js", "/pwa-192x192.png", "/serviceWorker.js.map", "/sub/serviceWorker.js"):
        headers = {"Cache-Control": "max-age=3600, public"}
        revalidate_app_files(headers, f"/dist{url}", url)
        assert headers["Cache-Control"] == "max-age=3600, public", url


@pytest.mark.django_db
def test_every_page_may_register_ptws_own_worker_and_read_its_own_manifest(api: APIClient) -> None:
    response = api.get("/api/v1/health/")
    policy = {directive.strip() for directive in response["Content-Security-Policy"].split(";")}
    assert "worker-src 'self'" in policy
    assert "manifest-src 'self'" in policy


def test_the_worker_and_the_manifest_are_served_from_the_site_root(tmp_path: Path) -> None:
    _frontend, dist = make_ui(tmp_path)
    (dist / "serviceWorker.js").write_text("self.addEventListener('fetch', () => {});\n")
    (dist / "manifest.webmanifest").write_text(json.dumps(MANIFEST))
    (dist / "assets").mkdir()
    (dist / "assets" / "index-abcdefgh.js").write_text("export {};\n")
    migrated_database(tmp_path / "cache", tmp_path / "ptw.sqlite3")
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=BACKEND,
        env=run_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(server, f"{base}/api/v1/health/")
        with httpx.Client(base_url=base, timeout=5) as client:
            worker = client.get("/serviceWorker.js")
            manifest = client.get("/manifest.webmanifest")
            asset = client.get("/assets/index-abcdefgh.js")
    finally:
        server.terminate()
        server.wait(timeout=20)

    assert worker.status_code == 200
    assert worker.headers["Content-Type"].startswith("text/javascript")
    assert worker.headers["Cache-Control"] == "no-cache"
    # The worker runs under the policy it is served with: its own fetches stay within connect-src 'self'.
    assert {part.strip() for part in worker.headers["Content-Security-Policy"].split(";")} == STRICT_POLICY
    assert manifest.status_code == 200
    assert manifest.headers["Content-Type"].startswith("application/manifest+json")
    assert manifest.headers["Cache-Control"] == "no-cache"
    assert manifest.json() == MANIFEST
    # Hashed assets keep their long cache: the worker's precache revision names them.
    assert "immutable" in asset.headers["Cache-Control"]
