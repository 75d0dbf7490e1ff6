"""The hash chain of a permit's timeline: each event's hash, and the verification of one chain or many (streaming)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter
from typing import Literal

from ptw.permits.models import PermitEvent

GENESIS = "0" * 64


def event_hash(event: PermitEvent) -> str:
    """SHA-256 over the event's content and the previous event's hash (canonical JSON)."""
    content = {
        "permit": event.permit_id,
        "project": event.project_id,
        "seq": event.seq,
        "action": event.action,
        "from": event.from_status,
        "to": event.to_status,
        "actor": event.actor_id,
        "at": event.at.isoformat(),
        "comment": event.comment,
        "changes": event.changes,
        "request_id": event.request_id,
        "client_ip": event.client_ip,
        "prev": event.prev_hash,
    }
    encoded = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


# Why a chain breaks at an event: its stored content no longer matches its hash ("changed"); an event
# before it is gone — a gap in the numbering, or a link to a hash found nowhere in the chain ("missing");
# it links to an event that the numbering puts elsewhere ("reordered").
BreakReason = Literal["changed", "missing", "reordered"]
BREAK_REASONS: tuple[BreakReason, ...] = ("changed", "missing", "reordered")
STREAM_CHUNK = 2000


@dataclass(frozen=True)
class ChainReport:
    permit_id: int
    events: int
    broken_at: int | None = None
    event_id: int | None = None
    reason: BreakReason | None = None

    @property
    def valid(self) -> bool:
        return self.broken_at is None


@dataclass(frozen=True)
class _Link:
    seq: int
    event_id: int
    prev_hash: str
    stored: str
    computed: str


def _first_break(links: list[_Link]) -> tuple[_Link, BreakReason] | None:
    """Walk the links in `seq` order; the first whose number, link or content is wrong, and why."""
    stored = {link.stored for link in links}
    prev = GENESIS
    for position, link in enumerate(links, start=1):
        if link.seq != position:
            return link, "missing" if link.seq > position else "changed"
        if link.prev_hash != prev:
            return link, "reordered" if link.prev_hash in stored and link.prev_hash != link.stored else "missing"
        if link.computed != link.stored:
            return link, "changed"
        prev = link.stored
    return None


def _report(permit_id: int, events: Iterable[PermitEvent]) -> ChainReport:
    links = [_Link(e.seq, e.id, e.prev_hash, e.hash, event_hash(e)) for e in events]
    found = _first_break(links)
    if found is None:
        return ChainReport(permit_id, len(links))
    link, reason = found
    return ChainReport(permit_id, len(links), link.seq, link.event_id, reason)


def chains_verify(permit_ids: Iterable[int]) -> Iterator[ChainReport]:
    """One report per permit with events, from a single query streaming their events in (permit, seq) order."""
    rows = (
        PermitEvent.objects.filter(permit_id__in=list(permit_ids))
        .order_by("permit_id", "seq")
        .iterator(chunk_size=STREAM_CHUNK)
    )
    for permit_id, events in groupby(rows, key=attrgetter("permit_id")):
        yield _report(permit_id, events)


def chain_verify(permit_id: int) -> ChainReport:
    """Recompute every hash of one permit's timeline in order; the first event whose content or link was altered."""
    return next(chains_verify([permit_id]), ChainReport(permit_id, 0))
