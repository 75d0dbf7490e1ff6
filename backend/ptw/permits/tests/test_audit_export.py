"""Audit export over HTTP: the ZIP of a completed permit verifies with its own verify.py and with `sha256sum -c`;
tampering with any file or any event of the timeline is caught; the date-range export is bounded; who may export."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from ptw.permits.models import AuditExport, PermitDocument
from ptw.permits.tests.conftest import URL, World

RANGE = f"{URL}audit-export/"


def unpack(response: Any, into: Path) -> Path:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/zip"
    content = b"".join(response.streaming_content)
    zipfile.ZipFile(io.BytesIO(content)).extractall(into)
    return into


def verify(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-I", "verify.py"], cwd=folder, capture_output=True, text=True, timeout=60, check=False
    )


def rewrite(folder: Path, name: str, content: bytes) -> None:
    """Change a file and, like a careful forger, its hash in the manifest and SHA256SUMS."""
    (folder / name).write_bytes(content)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"][name] = hashlib.sha256(content).hexdigest()
    encoded = json.dumps(manifest, indent=2).encode()
    (folder / "manifest.json").write_bytes(encoded)
    sums = {**manifest["files"], "manifest.json": hashlib.sha256(encoded).hexdigest()}
    (folder / "SHA256SUMS").write_text("".join(f"{digest}  {n}\n" for n, digest in sorted(sums.items())))


@pytest.fixture
def completed(permit_in: Any) -> dict[str, Any]:
    return permit_in("completed")


def test_a_completed_permit_exports_and_verifies(world: World, completed: dict[str, Any], tmp_path: Path) -> None:
    response = world.client("admin").get(f"{URL}{completed['id']}/audit-export/")
    folder = unpack(response, tmp_path / "export")
    result = verify(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: ")
    sums = subprocess.run(["sha256sum", "-c", "--strict", "SHA256SUMS"], cwd=folder, capture_output=True, text=True)
    assert sums.returncode == 0, sums.stdout + sums.stderr

    manifest = json.loads((folder / "manifest.json").read_text())
    assert response["X-Manifest-SHA256"] == hashlib.sha256((folder / "manifest.json").read_bytes()).hexdigest()
    [entry] = manifest["permits"]
    base = entry["folder"]
    assert base == f"permits/{completed['permit_number']}"
    assert entry["chain"]["valid"] is True and manifest["chains_valid"] is True
    assert entry["chain"]["events"] == 7  # created, submitted, verified, approved, activated, handed back, completed
    frozen = PermitDocument.objects.get(permit_id=completed["id"])
    pdf = (folder / base / "permit.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == frozen.sha256 == entry["document"]["sha256"]
    assert entry["document"]["frozen"] is True
    for name in ("permit", "timeline", "signatures", "gas-tests", "isolations", "workers", "closeout"):
        assert f"{base}/{name}.json" in manifest["files"]
    signatures = json.loads((folder / base / "signatures.json").read_text())
    assert {s["action"] for s in signatures} == {"submit", "verify", "approve", "activate", "hand_back", "complete"}
    assert all(len(s["content_hash"]) == 64 for s in signatures)
    timeline = json.loads((folder / base / "timeline.json").read_text())
    assert [e["action"] for e in timeline["events"]][-1] == "complete"
    assert timeline["events"][-1]["hash"] == entry["chain"]["head"]

    audit = AuditExport.objects.get()
    assert (audit.by_id, audit.permit_id, audit.permits) == (world["admin"].id, completed["id"], 1)
    assert audit.manifest_sha256 == response["X-Manifest-SHA256"]


@pytest.mark.parametrize(
    "name", ["permit.pdf", "permit.json", "signatures.json", "gas-tests.json", "closeout.json", "workers.json"]
)
def test_tampering_with_any_file_is_detected(
    world: World, completed: dict[str, Any], tmp_path: Path, name: str
) -> None:
    folder = unpack(world.client("issuer").get(f"{URL}{completed['id']}/audit-export/"), tmp_path / "export")
    path = folder / "permits" / completed["permit_number"] / name
    content = bytearray(path.read_bytes())
    content[len(content) // 2] ^= 0x01
    path.write_bytes(bytes(content))
    result = verify(folder)
    assert result.returncode == 1
    assert f"{name}: SHA-256 does not match" in result.stdout
    assert subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=folder, capture_output=True).returncode


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda events: events[2].update(comment="Nothing to see"), "3 (changed)"),
        (lambda events: events[1].update(actor_id=events[1]["actor_id"] + 1), "2 (changed)"),
        (lambda events: events[3].update(at="2020-01-01T00:00:00+00:00"), "4 (changed)"),
        (lambda events: events.pop(2), "4 (numbering)"),
        (lambda events: events.insert(1, events.pop(2)), "3 (numbering)"),
    ],
)
def test_tampering_with_any_event_is_detected_even_with_the_hashes_rewritten(
    world: World, completed: dict[str, Any], tmp_path: Path, change: Any, reason: str
) -> None:
    folder = unpack(world.client("admin").get(f"{URL}{completed['id']}/audit-export/"), tmp_path / "export")
    name = f"permits/{completed['permit_number']}/timeline.json"
    timeline = json.loads((folder / name).read_text())
    change(timeline["events"])
    rewrite(folder, name, json.dumps(timeline).encode())
    assert subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=folder).returncode == 0
    result = verify(folder)
    assert result.returncode == 1, result.stdout
    assert f"{name}: hash chain broken at event {reason}" in result.stdout


def test_an_extra_or_missing_file_is_detected(world: World, completed: dict[str, Any], tmp_path: Path) -> None:
    folder = unpack(world.client("admin").get(f"{URL}{completed['id']}/audit-export/"), tmp_path / "a")
    (folder / "permits" / "note.txt").write_text("added later")
    assert "permits/note.txt: not listed in the manifest" in verify(folder).stdout
    other = shutil.copytree(folder, tmp_path / "b")
    (other / "permits" / "note.txt").unlink()
    (other / "permits" / completed["permit_number"] / "closeout.json").unlink()
    result = verify(other)
    assert result.returncode == 1 and "closeout.json: missing" in result.stdout


def test_a_date_range_exports_the_permits_whose_window_overlaps_it(
    world: World, permit_in: Any, tmp_path: Path
) -> None:
    inside = [permit_in("completed"), permit_in("active"), permit_in("draft")]
    later = timezone.now() + timedelta(days=10)
    world.create(planned_start=later.isoformat(), planned_end=(later + timedelta(hours=4)).isoformat())
    today = timezone.now().date()
    query = {"project": world.acme.project.id, "date_from": str(today), "date_to": str(today)}
    folder = unpack(world.client("issuer").get(RANGE, query), tmp_path / "range")
    result = verify(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((folder / "manifest.json").read_text())
    assert {p["id"] for p in manifest["permits"]} == {p["id"] for p in inside}
    assert manifest["scope"]["kind"] == "date_range" and manifest["scope"]["date_from"] == str(today)
    active = next(p for p in manifest["permits"] if p["status"] == "active")
    assert active["document"]["frozen"] is False
    audit = AuditExport.objects.get()
    assert (audit.permits, audit.date_from, audit.date_to, audit.permit_id) == (3, today, today, None)


def test_a_range_over_the_bound_is_refused(world: World, permit_in: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr("ptw.permits.api.audit_views.AUDIT_EXPORT_MAX_PERMITS", 2)
    for _ in range(3):
        world.create()
    today = str(timezone.now().date())
    query = {"project": world.acme.project.id, "date_from": today, "date_to": today}
    response = world.client("admin").get(RANGE, query)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "too_many_permits"
    assert AuditExport.objects.count() == 0


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"date_from": "2026-01-02", "date_to": "2026-01-01"},
        {"date_from": "yesterday", "date_to": "2026-01-01"},
        {"date_from": "2026-01-01"},
        {"date_from": "2026-01-01", "date_to": "2026-01-01", "format": "tar"},
    ],
)
def test_bad_range_queries_are_400(world: World, query: dict[str, str]) -> None:
    response = world.client("admin").get(RANGE, {"project": world.acme.project.id, **query})
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "invalid"
    assert AuditExport.objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("issuer", 200),
        ("requester", 403),
        ("verifier", 403),
        ("viewer", 403),
        ("outsider", 404),
    ],
)
def test_who_may_export(world: World, completed: dict[str, Any], persona: str, status: int) -> None:
    today = str(timezone.now().date())
    one = world.client(persona).get(f"{URL}{completed['id']}/audit-export/")
    many = world.client(persona).get(RANGE, {"project": world.acme.project.id, "date_from": today, "date_to": today})
    assert (one.status_code, many.status_code) == (status, status)
    if status != 200:
        assert one.json()["error"]["code"] == ("forbidden" if status == 403 else "not_found")
    assert AuditExport.objects.count() == (2 if status == 200 else 0)


def _export_queries(world: World, permit_in: Any, n: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(n):
        permit_in("completed")
    today = str(timezone.now().date())
    with CaptureQueriesContext(connection) as ctx:
        response = world.client("admin").get(
            RANGE, {"project": world.acme.project.id, "date_from": today, "date_to": today}
        )
        assert response.status_code == 200
        b"".join(response.streaming_content)
    return len(ctx.captured_queries)


def test_export_queries_grow_by_a_bounded_number_per_permit(world: World, permit_in: Any) -> None:
    two = _export_queries(world, permit_in, 2)
    four = _export_queries(world, permit_in, 2)  # four permits now in the range
    per_permit, rest = divmod(four - two, 2)
    assert rest == 0, (two, four)
    assert per_permit <= 20, per_permit
