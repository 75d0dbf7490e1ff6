"""OpenAPI schema post-processing."""

from __future__ import annotations

from typing import Any

# Integer bounds that DRF copies from the database backend's column range (PostgreSQL's 32-bit
# integer, SQLite's 64-bit one): they describe the storage, not the API, and would make the
# committed schema differ by database.
_STORAGE_BOUNDS = {2147483647, 9223372036854775807}


def drop_storage_integer_bounds(result: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "integer" and node.get("maximum") in _STORAGE_BOUNDS:
                node.pop("maximum", None)
                if node.get("minimum") == 0 or node.get("minimum") in {-m - 1 for m in _STORAGE_BOUNDS}:
                    node.pop("minimum", None)
                if node.get("format") == "int64":
                    node.pop("format")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result
