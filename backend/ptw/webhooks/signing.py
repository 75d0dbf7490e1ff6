"""Standard Webhooks signing: `webhook-id`, `webhook-timestamp`, `webhook-signature` headers, made with the
`standardwebhooks` library a receiver verifies with. During a rotation both secrets sign."""

from __future__ import annotations

import base64
import secrets
from datetime import datetime

from standardwebhooks import Webhook

SECRET_PREFIX = "whsec_"  # noqa: S105 — the Standard Webhooks prefix, not a secret


def secret_new() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def signed_headers(message_id: str, at: datetime, body: str, keys: list[str]) -> dict[str, str]:
    """The headers for one request: every key in `keys` signs `id.timestamp.body` (space-separated)."""
    signatures = " ".join(Webhook(key).sign(message_id, at, body) for key in keys)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signatures,
        "content-type": "application/json",
        "user-agent": "PTW-Webhooks/1",
    }
