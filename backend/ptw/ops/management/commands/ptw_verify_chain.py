"""`manage.py ptw_verify_chain`: verify the hash chain of every permit timeline (of one project, or all).

Exit status: 0 every timeline intact, 1 at least one broken, 2 bad arguments.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ptw.accounts.models import Project
from ptw.permits.services.chain_checks import chain_summary


class Command(BaseCommand):
    help = "Verify the hash-chained timeline of every permit; name each broken one and where it breaks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", type=int, help="only this project's permits (its id)")
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args: Any, **options: Any) -> None:
        project_id = options["project"]
        if project_id is not None and not Project.objects.filter(pk=project_id).exists():
            raise CommandError(f"no project with id {project_id}", returncode=2)
        summary = chain_summary(project_id)
        if options["json"]:
            report = {
                "project": project_id,
                "intact": summary.intact,
                "permits": summary.permits,
                "events": summary.events,
                "broken": summary.broken,
            }
            self.stdout.write(json.dumps(report, indent=2))
        else:
            for b in summary.broken:
                number = b["number"] or f"permit {b['permit_id']} (deleted)"
                self.stdout.write(
                    f"BROKEN {number}  project {b['project_id']} {b['project']}  at event #{b['seq']}: {b['reason']}"
                )
            self.stdout.write(
                f"{summary.permits} permits, {summary.events} events checked, {len(summary.broken)} broken"
            )
        raise SystemExit(0 if summary.intact else 1)
