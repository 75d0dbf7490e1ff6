"""The committed OpenAPI schema (and so the UI's generated types) matches the code."""

from __future__ import annotations

from io import StringIO

from django.conf import settings
from django.core.management import call_command


def test_committed_schema_matches_the_code() -> None:
    generated = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=generated)
    committed = (settings.BACKEND_DIR / "openapi.yaml").read_text(encoding="utf-8")
    assert generated.getvalue() == committed, "the API changed: run `make schema` and commit openapi.yaml"
