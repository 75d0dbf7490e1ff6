"""CSV and Excel of a permit list or of the summary. Text that a spreadsheet would run as a formula (starting with
=, +, -, @, tab or carriage return) is prefixed with an apostrophe, so an export can never execute content."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
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


# Each formula start is one character: a cell is looked at by its first.
_FORMULA_FIRST = frozenset(FORMULA_START)


def neutralised(row: Iterable[Any]) -> list[Any]:
    """A row's cells safe to open: formula-like text gets a leading apostrophe; other values pass unchanged. One
    comprehension for the row (an export writes millions of cells)."""
    return ["'" + value if isinstance(value, str) and value[:1] in _FORMULA_FIRST else value for value in row]


def _local(moment: datetime | None, zone: ZoneInfo) -> str:
    """`YYYY-MM-DD HH:MM` in the zone, written from the parts (strftime took a fifth of a 100k export)."""
    if not moment:
        return ""
    at = moment.astimezone(zone)
    return f"{at.year:04d}-{at.month:02d}-{at.day:02d} {at.hour:02d}:{at.minute:02d}"


# What a permit row reads, in the order of PERMIT_COLUMNS (the time zone last): plain values, no model objects.
PERMIT_VALUES = (
    "permit_number",
    "title",
    "permit_type__name",
    "status",
    "risk_level",
    "risk_score",
    "priority",
    "location",
    "work_order",
    "planned_start",
    "planned_end",
    "requester__name",
    "verifier__name",
    "issuer__name",
    "created_at",
    "project__time_zone",
)
EXPORT_CHUNK = 2000


def permit_rows(permits: QuerySet[Permit]) -> Iterator[tuple[Any, ...]]:
    """One row per permit, times in its project's time zone: read as plain values in chunks (memory flat)."""
    zones: dict[str, ZoneInfo] = {}
    for values in permits.values_list(*PERMIT_VALUES).iterator(chunk_size=EXPORT_CHUNK):
        *cells, zone_name = values
        zone = zones.get(zone_name) or zones.setdefault(zone_name, ZoneInfo(zone_name))
        (number, title, type_name, status, level, score, priority, location, order) = cells[:9]
        start, end, requester, verifier, issuer, created = cells[9:]
        yield (
            number,
            title,
            type_name,
            status,
            level or RISK_NOT_ASSESSED,
            score,
            priority,
            location,
            order,
            _local(start, zone),
            _local(end, zone),
            requester,
            verifier or "",
            issuer or "",
            _local(created, zone),
            zone_name,
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


def csv_stream(header: tuple[str, ...], rows: Iterable[tuple[Any, ...]], batch: int = 500) -> Iterator[str]:
    """CSV text in batches of rows (with a BOM so spreadsheets read UTF-8), for a streamed response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff"
    pending: list[list[Any]] = []
    for row in _with_header(header, rows):
        pending.append(neutralised(row))
        if len(pending) >= batch:
            yield _written(writer, buffer, pending)
    if pending:
        yield _written(writer, buffer, pending)


def _written(writer: Any, buffer: io.StringIO, pending: list[list[Any]]) -> str:
    writer.writerows(pending)
    pending.clear()
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate(0)
    return text


def _with_header(header: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    yield header
    yield from rows


def xlsx_bytes(title: str, header: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> bytes:
    """An Excel workbook of one sheet, written row by row (write-only mode keeps memory flat)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(list(header))
    for row in rows:
        sheet.append(neutralised(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


SUMMARY_COLUMNS = ("Section", "Item", "Value", "Definition")
