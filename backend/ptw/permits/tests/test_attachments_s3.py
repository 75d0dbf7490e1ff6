"""Attachments on S3-compatible object storage: the same upload, download, scope and deletion against a local
S3 server (moto's server mode) started by the test on a free port, or skipped with the reason it could not start."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from django.test import TestCase

from ptw.permits.models import PermitAttachment
from ptw.permits.tests.conftest import URL, World
from ptw.permits.tests.test_attachments import pdf_of, photo

BUCKET = "ptw-attachments"
CREDENTIALS = {"access_key": "testing", "secret_key": "testing"}  # moto takes any


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    pytest.importorskip("moto.server", reason="moto[server] is not installed (a dev dependency)")
    boto3 = pytest.importorskip("boto3", reason="boto3 is not installed (django-storages[s3])")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(endpoint, timeout=1)
                break
            except httpx.HTTPError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.skip(f"the local S3 server (moto) did not start on {endpoint}")
                time.sleep(0.2)
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id=CREDENTIALS["access_key"],
            aws_secret_access_key=CREDENTIALS["secret_key"],
        )
        client.create_bucket(Bucket=BUCKET)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def on_s3(settings: Any, s3_endpoint: str) -> Any:
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "location": "attachments",
                "default_acl": "private",
                "file_overwrite": False,
                **CREDENTIALS,
            },
        },
    }
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
    )


def _keys(client: Any) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_an_attachment_is_stored_in_the_bucket_and_served_only_through_the_api(world: World, on_s3: Any) -> None:
    permit = world.create()
    before = _keys(on_s3)
    response = world.client("requester").post(f"{URL}{permit['id']}/attachments/", {"file": photo(), "kind": "photo"})
    assert response.status_code == 201, response.json()
    body = response.json()
    row = PermitAttachment.objects.get(pk=body["id"])
    added = sorted(set(_keys(on_s3)) - set(before))
    assert added == sorted([f"attachments/{row.file.name}", f"attachments/{row.thumbnail.name}"])
    stored = on_s3.get_object(Bucket=BUCKET, Key=f"attachments/{row.file.name}")["Body"].read()
    assert hashlib.sha256(stored).hexdigest() == body["sha256"]
    served = world.client("issuer").get(body["content_url"])
    assert hashlib.sha256(b"".join(served.streaming_content)).hexdigest() == body["sha256"]
    assert world.client("outsider").get(body["content_url"]).status_code == 404
    # The bucket is private: no anonymous read of the object.
    endpoint = on_s3.meta.endpoint_url
    assert httpx.get(f"{endpoint}/{BUCKET}/attachments/{row.file.name}").status_code == 403


def test_on_s3_the_size_and_type_rules_hold_and_a_draft_attachment_is_deleted(world: World, on_s3: Any) -> None:
    permit = world.create()
    client = world.client("requester")
    url = f"{URL}{permit['id']}/attachments/"
    before = _keys(on_s3)
    assert client.post(url, {"file": pdf_of(10 * 1024 * 1024 + 1), "kind": "other"}).status_code == 413
    exe = photo()
    exe.file.seek(0)
    exe.file.write(b"MZ")
    assert client.post(url, {"file": exe, "kind": "photo"}).status_code == 400
    assert _keys(on_s3) == before
    body = client.post(url, {"file": pdf_of(500), "kind": "drawing"}).json()
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.delete(f"{url}{body['id']}/").status_code == 204
    assert _keys(on_s3) == before
