"""`manage.py ptw_build_ui`: build the UI, by default only when its sources changed."""

from __future__ import annotations

import subprocess
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ptw.ops.uibuild import read_manifest, source_hash


class Command(BaseCommand):
    help = "Build the UI (npm run build) when the build is missing or its source hash differs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="build even when the build is current")

    def handle(self, *args: Any, **options: Any) -> None:
        current = source_hash(settings.FRONTEND_DIR)
        if current is None:
            raise CommandError(f"no UI sources found in {settings.FRONTEND_DIR}")
        build = read_manifest(settings.UI_DIST_DIR)
        if build and build.source_hash == current and not options["force"]:
            self.stdout.write(f"UI build is current (built {build.built_at:%Y-%m-%d %H:%M:%S} UTC)")
            return
        reason = "forced" if options["force"] and build else ("sources changed" if build else "no build yet")
        self.stdout.write(f"Building the UI ({reason})…")
        result = subprocess.run(["npm", "run", "build"], cwd=settings.FRONTEND_DIR, check=False)
        if result.returncode != 0:
            raise CommandError("the UI build failed (see the output above)")
        build = read_manifest(settings.UI_DIST_DIR)
        if build is None or build.source_hash != current:
            raise CommandError("the UI build did not write a manifest matching the current sources")
        self.stdout.write(f"UI built, {len(build.pages)} pages")
