"""The benchmark's data set: one tenant and project with the seven personas, the seeded permit types, and
`count` permits over every status — each driven through the real services like the demo permits, so their
events, tasks and signatures are genuine — with gas tests and isolations on the live ones."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ptw.accounts.testing import Site, site_build
from ptw.ops.demo.loader import PLAN, demo_permit
from ptw.permits.models import PermitType
from ptw.permits.seed import permit_types_seed
from ptw.permits.services.gas_tests import gas_test_record
from ptw.permits.services.isolations import isolation_assign, isolation_isolate
from ptw.permits.services.transitions import expire_due
from ptw.permits.workflow import LIVE


def dataset_build(count: int) -> Site:
    now = timezone.now()
    with transaction.atomic():
        site = site_build("Bench", "Bench Plant", "bench.example", password="bench-password-1")  # noqa: S106
        permit_types_seed(site.tenant)
    types = {t.code: t for t in PermitType.objects.filter(tenant=site.tenant)}
    issuer, verifier = site.people["issuer"], site.people["verifier"]
    for index in range(count):
        with transaction.atomic():
            permit = demo_permit(site, types, index, PLAN[index % len(PLAN)], now)
            if permit.status not in LIVE:
                continue
            for gas, value, unit in (("O2", "20.9", "%vol"), ("LEL", "0", "%LEL")):
                gas_test_record(
                    actor=verifier,
                    permit_id=permit.id,
                    data={
                        "gas": gas,
                        "value": Decimal(value),
                        "unit": unit,
                        "instrument_id": "GD-0417",
                        "calibrated_on": (now - timedelta(days=30)).date(),
                        "location": "At the work point",
                    },
                )
            isolation = isolation_assign(
                actor=issuer,
                permit_id=permit.id,
                data={"name": f"Breaker MCC-{index}", "energy_type": "electrical", "locks_required": 1},
            )
            isolation_isolate(actor=issuer, permit_id=permit.id, isolation_id=isolation.id, lock_numbers=[f"B-{index}"])
    expire_due(now)
    return site
