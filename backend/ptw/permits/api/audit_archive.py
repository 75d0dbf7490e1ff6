"""The audit export's ZIP: per permit its PDF, timeline with hash chain, signatures, gas tests, isolations, crew and
sign-ons, closeout; a manifest with every file's SHA-256 and each chain's verification; SHA256SUMS and verify.py.

Written into a spooled temporary file (kept in memory up to `SPOOL_IN_MEMORY`, then on disk) one permit at a time,
so memory stays bounded by the largest permit, not by the export. The format is in docs/audit-export.md.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from ptw.accounts.models import User
from ptw.permits.api.closeout_serializers import CloseoutOut
from ptw.permits.api.isolation_serializers import PermitIsolationOut
from ptw.permits.api.serializers import GasTestOut, PermitOut, SignatureOut
from ptw.permits.api.worker_serializers import SignOnOut, ToolboxTalkOut, WorkerOut
from ptw.permits.chain import chain_verify
from ptw.permits.models import Permit, PermitEvent
from ptw.permits.records import closeout_of, signatures_of, toolbox_talk_of
from ptw.permits.selectors import gas_tests_of, isolations_of, sign_ons_of, workers_of
from ptw.permits.services.documents import permit_document

FORMAT = "ptw-audit-export/1"
SPOOL_IN_MEMORY = 16 * 1024 * 1024
VERIFY_SCRIPT = Path(__file__).resolve().parent.parent / "verify_export.py"


def _json(value: Any) -> bytes:
    return (json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def folder_of(permit: Permit) -> str:
    return f"permits/{permit.permit_number.replace('/', '_')}"


def timeline_of(permit: Permit) -> dict[str, Any]:
    """The permit's events with every field its hash covers, spelled as hashed (`at` as stored), and the actor's
    name beside the id (the name is not hashed)."""
    events = PermitEvent.objects.filter(permit_id=permit.id).select_related("actor").order_by("seq")
    return {
        "permit_id": permit.id,
        "project_id": permit.project_id,
        "permit_number": permit.permit_number,
        "hash": "SHA-256 over canonical JSON of each event's content and the previous event's hash "
        "(docs/audit-export.md)",
        "events": [
            {
                "id": e.id,
                "seq": e.seq,
                "action": e.action,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "actor_id": e.actor_id,
                "actor_name": e.actor.name if e.actor else None,
                "at": e.at.isoformat(),
                "comment": e.comment,
                "changes": e.changes,
                "request_id": e.request_id,
                "client_ip": e.client_ip,
                "prev_hash": e.prev_hash,
                "hash": e.hash,
            }
            for e in events
        ],
    }


@dataclass
class AuditArchive:
    """The ZIP being written: its file, and each member's SHA-256 as written."""

    file: IO[bytes]
    zip: zipfile.ZipFile
    files: dict[str, str] = field(default_factory=dict)
    permits: list[dict[str, Any]] = field(default_factory=list)

    def add(self, name: str, content: bytes) -> None:
        self.zip.writestr(name, content)
        self.files[name] = hashlib.sha256(content).hexdigest()

    def add_permit(self, permit: Permit) -> None:
        folder = folder_of(permit)
        pdf, pdf_sha256, frozen_at = permit_document(permit)
        timeline = timeline_of(permit)
        chain = chain_verify(permit.id)
        self.add(f"{folder}/permit.pdf", pdf)
        self.add(f"{folder}/permit.json", _json(PermitOut(permit).data))
        self.add(f"{folder}/timeline.json", _json(timeline))
        self.add(f"{folder}/signatures.json", _json(SignatureOut(signatures_of(permit), many=True).data))
        self.add(f"{folder}/gas-tests.json", _json(GasTestOut(gas_tests_of(permit), many=True).data))
        self.add(f"{folder}/isolations.json", _json(PermitIsolationOut(isolations_of(permit), many=True).data))
        crew = {
            "toolbox_talk": ToolboxTalkOut(toolbox_talk_of(permit)).data,
            "workers": WorkerOut(workers_of(permit), many=True).data,
            "sign_ons": SignOnOut(sign_ons_of(permit), many=True).data,
        }
        self.add(f"{folder}/workers.json", _json(crew))
        self.add(f"{folder}/closeout.json", _json(CloseoutOut(closeout_of(permit)).data))
        events = timeline["events"]
        self.permits.append(
            {
                "id": permit.id,
                "permit_number": permit.permit_number,
                "status": permit.status,
                "folder": folder,
                "document": {"sha256": pdf_sha256, "frozen_at": frozen_at, "frozen": frozen_at is not None},
                "chain": {
                    "valid": chain.valid,
                    "events": chain.events,
                    "broken_at": chain.broken_at,
                    "reason": chain.reason,
                    "head": events[-1]["hash"] if events else "0" * 64,
                },
            }
        )

    def finish(self, meta: dict[str, Any]) -> str:
        """Write verify.py, manifest.json and SHA256SUMS; rewind the file; the manifest's SHA-256."""
        self.add("verify.py", VERIFY_SCRIPT.read_bytes())
        manifest = _json(
            {
                "format": FORMAT,
                **meta,
                "chains_valid": all(p["chain"]["valid"] for p in self.permits),
                "permits": self.permits,
                "files": dict(sorted(self.files.items())),
            }
        )
        self.zip.writestr("manifest.json", manifest)
        manifest_sha256 = hashlib.sha256(manifest).hexdigest()
        sums = {**self.files, "manifest.json": manifest_sha256}
        self.zip.writestr("SHA256SUMS", "".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items())))
        self.zip.close()
        self.file.seek(0)
        return manifest_sha256


def audit_archive(actor: User, permits: Iterable[Permit], scope: dict[str, Any]) -> tuple[IO[bytes], str, int]:
    """The ZIP of these permits (rewound, ready to stream), its manifest's SHA-256 and how many permits it holds."""
    spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 (streamed, then closed)
    archive = AuditArchive(spool, zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED))
    for permit in permits:
        archive.add_permit(permit)
    meta = {
        "generated_at": timezone.now(),
        "generated_by": {"id": actor.id, "name": actor.name},
        "scope": scope,
    }
    return spool, archive.finish(meta), len(archive.permits)
