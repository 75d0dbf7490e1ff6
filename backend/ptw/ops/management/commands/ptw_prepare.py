"""`manage.py ptw_prepare`: what `make run` repairs before serving — migrate, rebuild a stale UI,
load the demo data once — in one process."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, build the UI when its sources changed, and load the demo data once."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=1)
        call_command("ptw_build_ui")
        call_command("ptw_demo", once=True)
