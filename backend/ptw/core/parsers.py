"""The API's JSON parser: a body nested deeper than MAX_DEPTH is refused before anything recurses into it."""

from __future__ import annotations

import io
import re
from itertools import accumulate
from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# Far beyond any PTW body (a few levels), far below Python's recursion limit (the decoder, the
# serializers and the idempotency fingerprint all recurse into the data).
MAX_DEPTH = 64

# Escapes go first, so a string is then simply quote to quote: both passes are linear whatever the input
# (a single string pattern with escapes backtracks quadratically over an unterminated `"\"\"\"…`).
_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_STRING = re.compile(rb'"[^"]*"')
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
# +1 for an opening bracket, -1 for a closing one, indexed by byte.
_STEP = [1 if b in b"[{" else -1 for b in range(256)]


class JsonTooDeep(ParseError):
    default_detail = f"The request body nests deeper than {MAX_DEPTH} levels."


def nesting_depth(raw: bytes) -> int:
    """How deep the arrays and objects of a JSON text nest, without parsing (and so without recursion)."""
    brackets = _STRING.sub(b"", _ESCAPE.sub(b"", raw)).translate(None, _NOT_BRACKET)
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


class BoundedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        raw = stream.read()
        if nesting_depth(raw) > MAX_DEPTH:
            raise JsonTooDeep()
        return super().parse(io.BytesIO(raw), media_type, parser_context)
