"""The start-up guard: in production a process refuses to start in a drifted deployment."""

from __future__ import annotations

import sys

from django.conf import settings

from ptw.ops.checks import guard_checks

EXIT_CODE = 3


def startup_problems() -> list[str]:
    return [f"{check.name}: {check.message}" for check in guard_checks() if check.status == "critical"]


def enforce_startup_guard(process: str) -> None:
    """Exit with a message naming every problem when production checks fail; no-op in development."""
    if not settings.PRODUCTION:
        return
    problems = startup_problems()
    if problems:
        lines = "\n".join(f"  - {problem}" for problem in problems)
        sys.stderr.write(f"PTW refuses to start the {process} (PTW_ENV=production):\n{lines}\n")
        sys.stderr.flush()
        raise SystemExit(EXIT_CODE)
