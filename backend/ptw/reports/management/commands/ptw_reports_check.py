"""Compare the report rollups with the permits on a live database; exit 1 on any difference.

    manage.py ptw_reports_check [--project ID ...] [--rebuild]

Every project's rollup rows (counts and duration sums per day, type, status and risk level, and the 'not closed
properly' counts per day) are computed again directly from its permits, in the rollups' time zone, and compared
row by row. `--rebuild` recomputes the rollups from the permits instead (after data was loaded around the services,
e.g. by SQL), then checks them.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ptw.accounts.models import Project
from ptw.reports.models import RollupZone
from ptw.reports.rollups import (
    SUMS,
    direct_counts,
    direct_not_closed,
    rollups_rebuild,
    stored_counts,
    stored_not_closed,
)


class Command(BaseCommand):
    help = "Compare the report rollups with the permits; exit 1 on a difference (--rebuild: recompute them first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", type=int, action="append", help="Only this project (repeatable).")
        parser.add_argument("--rebuild", action="store_true", help="Recompute the rollups from the permits first.")

    def handle(self, *args: Any, **options: Any) -> None:
        projects = Project.objects.order_by("pk")
        if options["project"]:
            projects = projects.filter(pk__in=options["project"])
        if options["rebuild"]:
            rollups_rebuild(projects.values_list("pk", flat=True))
        zones = dict(RollupZone.objects.values_list("project_id", "time_zone"))
        differences = 0
        for project in projects:
            zone = zones.get(project.pk, project.time_zone)
            if zone != project.time_zone:
                self.stdout.write(f"project {project.pk}: rollups in {zone}, the project is in {project.time_zone}")
            differences += self._compare(
                project.pk, "counts", stored_counts(project.pk), direct_counts(project.pk, zone)
            )
            differences += self._compare(
                project.pk, "not closed properly", stored_not_closed(project.pk), direct_not_closed(project.pk, zone)
            )
        if differences:
            self.stderr.write(f"{differences} rollup row(s) differ from the permits.")
            sys.exit(1)
        self.stdout.write(f"Report rollups agree with the permits ({projects.count()} project(s)).")

    def _compare(self, project_id: int, what: str, stored: dict[Any, Any], direct: dict[Any, Any]) -> int:
        differences = 0
        for key in sorted(set(stored) | set(direct), key=str):
            if stored.get(key) != direct.get(key):
                differences += 1
                self.stderr.write(
                    f"project {project_id} {what} {key[1:]}: rollup {stored.get(key)} != permits {direct.get(key)}"
                    f" ({', '.join(SUMS) if what == 'counts' else 'permits'})"
                )
        return differences
