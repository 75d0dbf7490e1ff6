"""A number per project that grows with every committed change a permit list row or filter reads.

Database triggers (migration 0028) add one in the transaction of the change, whatever writes it (a service, a bulk
update, the admin, SQL): a permit or a task of the project, one of its location nodes, the project itself (its time
zone sets the days of the date filters), and in every project of the tenant a permit type or a person's name. A list
page kept under the numbers of the caller's projects (`ptw.core.response_cache`, decision 0031) is therefore served
only while none of them has moved.
"""

from __future__ import annotations

from django.db import models


class ListGeneration(models.Model):
    # The project's id, not a foreign key: a trigger may add to a project deleted in the same transaction.
    project_id = models.BigIntegerField(primary_key=True)
    generation = models.BigIntegerField()

    def __str__(self) -> str:
        return f"project {self.project_id}: {self.generation}"
