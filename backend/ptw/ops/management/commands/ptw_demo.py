"""`manage.py ptw_demo`: load the demo tenants, people and permits (password `demo-password`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ptw.accounts.testing import PERSONAS
from ptw.ops.demo.loader import PASSWORD, SITES, demo_load, demo_present


class Command(BaseCommand):
    help = "Load demo data: tenants Acme and Globex, seven people each, about 30 permits per project."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="do nothing when the demo data is already there")

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_present():
            if options["once"]:
                self.stdout.write("Demo data already loaded.")
                return
            raise CommandError("Demo data is already loaded (use --once to skip quietly).")
        try:
            sites = demo_load()
        except ImportError as exc:
            raise CommandError(f"Demo data needs the development dependencies ({exc.name}).") from exc
        self.stdout.write(f"Demo data loaded: {sum(s.project.permits.count() for s in sites)} permits.")
        self.stdout.write(f"Log in at {settings.PTW_PUBLIC_URL} with password {PASSWORD!r} as:")
        for _tenant, _project, domain, _tz in SITES:
            self.stdout.write("  " + ", ".join(f"{key}@{domain}" for key, *_ in PERSONAS))
