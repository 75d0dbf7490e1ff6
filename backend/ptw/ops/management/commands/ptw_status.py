"""`manage.py ptw_status`: the deployment report an operator would otherwise write by hand.

Exit status: 0 all good, 1 warnings, 2 critical.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

import httpx
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from ptw.ops.checks import Check, status_checks, worst

EXIT = {"ok": 0, "warning": 1, "critical": 2}


def check_endpoints(base_url: str) -> Check:
    """Ask the running web server for its health endpoints."""
    results: dict[str, Any] = {}
    try:
        with httpx.Client(base_url=base_url, timeout=3.0, follow_redirects=False) as client:
            for name, path in (("health", "/api/v1/health/"), ("ready", "/api/v1/health/ready/")):
                started = time.perf_counter()
                response = client.get(path)
                results[name] = {
                    "status_code": response.status_code,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                }
    except httpx.HTTPError as exc:
        return Check(
            "endpoints",
            "warning",
            f"no web server answering at {base_url} ({type(exc).__name__})",
            {"url": base_url, "reachable": False},
        )
    summary = ", ".join(f"{name} {r['status_code']} in {r['ms']} ms" for name, r in results.items())
    details = {"url": base_url, "reachable": True, **results}
    healthy = all(r["status_code"] == 200 for r in results.values())
    return Check("endpoints", "ok" if healthy else "warning", f"{base_url}: {summary}", details)


class Command(BaseCommand):
    help = (
        "Report the deployment's state: database, migrations, UI build, heartbeats, the scheduler lease, settings, "
        "endpoints."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="machine-readable output")
        parser.add_argument(
            "--url",
            default=os.environ.get("PTW_BASE_URL", settings.LOCAL_URL),
            help="base URL of the web server to self-check (default $PTW_BASE_URL or http://127.0.0.1:$PTW_PORT)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        checks = [*status_checks(), check_endpoints(options["url"])]
        overall = worst(checks)
        if options["json"]:
            report = {
                "environment": settings.PTW_ENV,
                "version": settings.PTW_VERSION,
                "overall": overall,
                "checks": [c.as_dict() for c in checks],
            }
            self.stdout.write(json.dumps(report, indent=2, default=str))
        else:
            self._print(checks, overall)
        raise SystemExit(EXIT[overall])

    def _print(self, checks: list[Check], overall: str) -> None:
        self.stdout.write(f"PTW {settings.PTW_VERSION} — {settings.PTW_ENV} deployment status\n")
        for check in checks:
            self.stdout.write(f"  {check.status.upper():<9} {check.name:<20} {check.message}")
            for line in _detail_lines(check):
                self.stdout.write(f"  {'':<9} {'':<20}   {line}")
        self.stdout.write(f"\nOverall: {overall.upper()}")


def _detail_lines(check: Check) -> list[str]:
    details = check.details
    if check.name == "migrations":
        return [f"pending {name}" for name in details.get("pending", [])]
    if check.name == "ui_build" and details.get("built"):
        return [f"pages: {', '.join(details['pages']) or 'none'}"]
    if check.name in ("worker_heartbeat", "scheduler_heartbeat"):
        return [f"beating: {name}" for name in details.get("recent_hostnames", [])]
    if check.name == "scheduler_lease" and details.get("holder"):
        return [f"lease expires {details['expires_at']}"]
    return []
