"""Scheduled work of the permits app."""

from __future__ import annotations

from celery import shared_task

from ptw.permits.services.chain_checks import chain_check_record
from ptw.permits.services.competency import certificates_expiring_announce
from ptw.permits.services.reminders import reminders_record
from ptw.permits.services.transitions import expire_due


@shared_task(name="ptw.permits.tasks.expire_sweep", ignore_result=True)
def expire_sweep() -> int:
    """Expire every permit whose planned end (plus grace, by closing mode) has passed."""
    return len(expire_due())


@shared_task(name="ptw.permits.tasks.verify_chains", ignore_result=True)
def verify_chains() -> int:
    """Verify every timeline's hash chain and record the outcome; the number of broken timelines."""
    return len(chain_check_record().broken)


@shared_task(name="ptw.permits.tasks.reminder_sweep", ignore_result=True)
def reminder_sweep() -> int:
    """Record the reminders, SLA escalations and expiring certificates due now, once each (notifications send
    them)."""
    return reminders_record() + certificates_expiring_announce()
