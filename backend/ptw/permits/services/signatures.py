"""Signatures: each signed act stores the SHA-256 of the permit's content; edits void them."""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from datetime import datetime

from ptw.accounts.models import User
from ptw.core.errors import InvalidInput
from ptw.permits.choices import Action
from ptw.permits.models import Permit, PermitSignature
from ptw.permits.signing import permit_content_hash
from ptw.permits.workflow import SIGNED_ACTIONS

MAX_DRAWN_LENGTH = 200_000
_DRAWN_PREFIX = "data:image/png;base64,"
_BASE64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def signature_validate(action: str, actor: User, signature: dict[str, str] | None) -> None:
    """Raise 400 unless a signed act carries a valid typed name or drawn image."""
    if action not in SIGNED_ACTIONS:
        return
    if not signature:
        raise InvalidInput(fields={"signature": [f"Sign to {action}: type your full name."]})
    data = signature.get("data", "")
    if signature.get("method") == "typed":
        if not typed_name_matches(data, actor.name):
            raise InvalidInput(fields={"signature": [f"Type your full name as registered: {actor.name}."]})
    elif not is_png_data_url(data):
        raise InvalidInput(fields={"signature": ["A drawn signature must be a PNG data URL of at most 200 kB."]})


def _name_key(name: str) -> str:
    """A name as compared for a typed signature: any case, runs of spaces as one."""
    return " ".join(name.split()).casefold()


def typed_name_matches(typed: str, name: str) -> bool:
    """Whether a typed signature is the given name (any case, runs of spaces as one)."""
    return _name_key(typed) == _name_key(name)


def is_png_data_url(data: str) -> bool:
    """A data URL of at most MAX_DRAWN_LENGTH characters whose content decodes to a PNG image with a size."""
    if len(data) > MAX_DRAWN_LENGTH or not data.startswith(_DRAWN_PREFIX):
        return False
    encoded = data[len(_DRAWN_PREFIX) :]
    if not _BASE64.match(encoded):
        return False
    try:
        image = base64.b64decode(encoded, validate=True)
    except binascii.Error:
        return False
    return _is_png(image)


def _is_png(image: bytes) -> bool:
    """A whole PNG file: the signature, an IHDR with a size, chunks whose checksums hold, and IEND at the end."""
    if not image.startswith(_PNG_MAGIC):
        return False
    offset, first = len(_PNG_MAGIC), True
    while offset + 12 <= len(image):
        length = int.from_bytes(image[offset : offset + 4], "big")
        kind, body = image[offset + 4 : offset + 8], image[offset + 8 : offset + 8 + length]
        end = offset + 12 + length
        if end > len(image) or zlib.crc32(kind + body) != int.from_bytes(image[end - 4 : end], "big"):
            return False
        if first and (
            kind != b"IHDR" or length < 8 or not int.from_bytes(body[:4], "big") * int.from_bytes(body[4:8], "big")
        ):
            return False
        if kind == b"IEND":
            return end == len(image)
        offset, first = end, False
    return False


def _role(action: str, actor: User, permit: Permit) -> str:
    if action == Action.VERIFY:
        return "verifier"
    if action == Action.APPROVE:
        return "issuer"
    if action in (Action.SUBMIT, Action.RESUBMIT) or actor.id == permit.requester_id:
        return "requester"
    return "issuer"


def signature_record(permit: Permit, action: str, actor: User, signature: dict[str, str], at: datetime) -> None:
    PermitSignature.objects.create(
        permit=permit,
        action=action,
        signer=actor,
        role=_role(action, actor, permit),
        method=signature["method"],
        data=signature["data"].strip() if signature["method"] == "typed" else signature["data"],
        content_hash=permit_content_hash(permit),
        signed_at=at,
    )


def signatures_void(permit: Permit, reason: str, at: datetime) -> int:
    return PermitSignature.objects.filter(permit=permit, voided_at__isnull=True).update(
        voided_at=at, void_reason=reason
    )
