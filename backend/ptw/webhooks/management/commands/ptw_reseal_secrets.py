"""Encrypt the stored webhook secrets again under the first key of PTW_SECRETS_KEY, so older keys can be removed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ptw.webhooks.services.endpoints import secrets_reseal


class Command(BaseCommand):
    help = "Re-encrypt every webhook secret under the first PTW_SECRETS_KEY (run after putting a new key first)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = secrets_reseal()
        self.stdout.write(f"{count} endpoint(s) re-encrypted under the first key.")
