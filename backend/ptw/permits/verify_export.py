#!/usr/bin/env python3
"""Verify a PTW audit export, without PTW: python3 verify.py [folder]  (the unpacked ZIP; default: this file's).

Checks, using the Python standard library only:
1. every file listed in manifest.json and in SHA256SUMS is present and has the SHA-256 written there, the two
   lists agree, and no other file is in the folder;
2. each permit's timeline.json: every event's hash is recomputed exactly as PTW does (SHA-256 over the canonical
   JSON of the event's content and the previous event's hash; see docs/audit-export.md), the events are numbered
   1, 2, 3 … and each links to the hash of the one before (the first to 64 zeros);
3. the chain result written in the manifest is the one recomputed, and its last hash is the timeline's.
Prints one line per problem and "OK: …" when there is none; exits 0 when the export verifies, 1 when not.
PTW's own copy of this script is backend/ptw/permits/verify_export.py.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

GENESIS = "0" * 64
OWN_FILES = {"SHA256SUMS"}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def event_hash(event: dict[str, Any], permit_id: int, project_id: int) -> str:
    """The hash PTW stores for an event (permits/chain.py: event_hash)."""
    content = {
        "permit": permit_id,
        "project": project_id,
        "seq": event["seq"],
        "action": event["action"],
        "from": event["from_status"],
        "to": event["to_status"],
        "actor": event["actor_id"],
        "at": event["at"],
        "comment": event["comment"],
        "changes": event["changes"],
        "request_id": event["request_id"],
        "client_ip": event["client_ip"],
        "prev": event["prev_hash"],
    }
    encoded = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def chain_check(timeline: dict[str, Any]) -> dict[str, Any]:
    """Recompute a timeline's chain: {valid, events, broken_at (seq or None), reason, head}."""
    events = timeline["events"]
    prev = GENESIS
    for position, event in enumerate(events, start=1):
        if event["seq"] != position:
            return {"valid": False, "events": len(events), "broken_at": event["seq"], "reason": "numbering"}
        if event["prev_hash"] != prev:
            return {"valid": False, "events": len(events), "broken_at": event["seq"], "reason": "link"}
        if event_hash(event, timeline["permit_id"], timeline["project_id"]) != event["hash"]:
            return {"valid": False, "events": len(events), "broken_at": event["seq"], "reason": "changed"}
        prev = event["hash"]
    return {"valid": True, "events": len(events), "broken_at": None, "reason": None, "head": prev}


def read_sums(path: Path) -> dict[str, str]:
    sums = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split("  ", 1)
            sums[name] = digest
    return sums


def verify(root: Path) -> list[str]:
    problems: list[str] = []
    try:
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        sums = read_sums(root / "SHA256SUMS")
    except (OSError, ValueError) as error:
        return [f"cannot read manifest.json or SHA256SUMS: {error}"]
    listed: dict[str, str] = manifest["files"]
    if {name: digest for name, digest in sums.items() if name != "manifest.json"} != listed:
        problems.append("SHA256SUMS and manifest.json list different files or hashes")
    for name, digest in sorted({**listed, **sums}.items()):
        path = root / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif file_sha256(path) != digest:
            problems.append(f"{name}: SHA-256 does not match (the file was changed)")
    present = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    for extra in sorted(present - set(listed) - set(sums) - OWN_FILES):
        problems.append(f"{extra}: not listed in the manifest")
    for permit in manifest["permits"]:
        name = f"{permit['folder']}/timeline.json"
        try:
            found = chain_check(json.loads((root / name).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as error:
            problems.append(f"{name}: unreadable ({error!r})")
            continue
        if not found["valid"]:
            problems.append(f"{name}: hash chain broken at event {found['broken_at']} ({found['reason']})")
        expected = permit["chain"]
        if found["valid"] != expected["valid"] or found["events"] != expected["events"]:
            problems.append(f"{name}: the chain is not as the manifest says ({expected} vs recomputed {found})")
        elif found["valid"] and found["head"] != expected["head"]:
            problems.append(f"{name}: the last event's hash is not the one in the manifest")
    return problems


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    problems = verify(root)
    for problem in problems:
        print(f"FAILED: {problem}")
    if problems:
        return 1
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    print(f"OK: {len(manifest['files'])} files and {len(manifest['permits'])} permit timelines verified")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
