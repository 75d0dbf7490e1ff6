"""CSV and Excel of a permit list or of the summary. Text that a spreadsheet would run as a formula (starting with
=, +, -, @, tab or carriage return) is prefixed with an apostrophe, so an export can never execute content."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook

from ptw.permits.choices import RISK_NOT_ASSESSED
from ptw.permits.models import Permit

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PERMIT_COLUMNS = (
    "Permit number",
    "Title",
    "Type",
    "Status",
    "Risk level",
    "Risk score",
    "Priority",
    "Location",
    "Work order",
    "Planned start",
    "Planned end",
    "Requester",
    "Verifier",
    "Issuer",
    "Created",
    "Time zone",
)


def neutralise(value: Any) -> Any:
    """A cell value safe to open: formula-like text gets a leading apostrophe; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _local(moment: datetime | None, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment else ""


def permit_rows(permits: Iterable[Permit]) -> Iterator[tuple[Any, ...]]:
    """One row per permit, times in its project's time zone."""
    for permit in permits:
        zone = permit.project.tz
        yield (
            permit.permit_number,
            permit.title,
            permit.permit_type.name,
            permit.status,
            permit.risk_level or RISK_NOT_ASSESSED,
            permit.risk_score,
            permit.priority,
            permit.location,
            permit.work_order,
            _local(permit.planned_start, zone),
            _local(permit.planned_end, zone),
            permit.requester.name,
            permit.verifier.name if permit.verifier else "",
            permit.issuer.name if permit.issuer else "",
            _local(permit.created_at, zone),
            str(zone),
        )


def summary_rows(summary: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """The summary as (section, item, value, definition) rows."""
    yield ("Period", "From", str(summary["date_from"]), "Days in each project's time zone, inclusive.")
    yield ("Period", "To", str(summary["date_to"]), "")
    yield ("Permits", "Total", summary["total"], "Permits created in the period.")
    for row in summary["by_status"]:
        yield ("By status", row["status"], row["count"], "")
    for row in summary["by_type"]:
        yield ("By type", row["name"], row["count"], "")
    for row in summary["by_risk"]:
        yield ("By risk", row["risk_level"] or RISK_NOT_ASSESSED, row["count"], "")
    for row in summary["exceptions"]:
        yield ("Exceptions", row["label"], row["count"], row["definition"])
    for row in summary["durations"]:
        hours = None if row["average_hours"] is None else round(row["average_hours"], 2)
        yield ("Durations (hours)", row["label"], hours, row["definition"])
    rate = summary["on_time_close_rate"]
    value = None if rate["value"] is None else round(rate["value"], 4)
    yield ("Closing", "On-time close rate", value, rate["definition"])


def csv_stream(header: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> Iterator[str]:
    """CSV text line by line (with a BOM so spreadsheets read UTF-8), for a streamed response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff"
    for row in _with_header(header, rows):
        writer.writerow([neutralise(value) for value in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)


def _with_header(header: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    yield header
    yield from rows


def xlsx_bytes(title: str, header: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> bytes:
    """An Excel workbook of one sheet, written row by row (write-only mode keeps memory flat)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(list(header))
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


SUMMARY_COLUMNS = ("Section", "Item", "Value", "Definition")
