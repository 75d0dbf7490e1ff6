"""What a signature vouches for: the SHA-256 of the permit's content, as signed and as it is now."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from ptw.permits.models import Permit
from ptw.permits.models.permit import PERMIT_CONTENT_FIELDS

# Every field of the permit a person fills in or chooses.
SIGNED_FIELDS = ("permit_number", "project_id", "permit_type_id", *PERMIT_CONTENT_FIELDS, "named_verifier_id")


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def permit_content_hash(permit: Permit) -> str:
    content = {name: _canonical(getattr(permit, name)) for name in SIGNED_FIELDS}
    encoded = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()
