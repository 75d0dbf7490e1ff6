"""The isolation library's CSV import contract (decision 0025): the columns as data, a file read into rows, and
each row judged on its own and against the others and the library. Pure: the caller supplies what the library
holds; nothing here reads or writes the database."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from ptw.core.errors import InvalidInput, PayloadTooLarge
from ptw.permits.models.isolations import EnergyType, PointType

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000


@dataclass(frozen=True)
class Column:
    """One column of the file: whether every row must fill it, how long its text may be, the values it takes."""

    required: bool = False
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    whole_number: tuple[int, int] | None = None
    default: Any = ""
    help: str = ""


# The columns, in the template's order. `equipment` names an active equipment node of the project by its code.
COLUMNS: dict[str, Column] = {
    "code": Column(required=True, max_length=60, help="Unique on the project, e.g. MV-101"),
    "name": Column(required=True, max_length=200, help="What the point is, e.g. Suction valve P-101A"),
    "energy_type": Column(required=True, choices=tuple(EnergyType.values), help="One of the energy types"),
    "point_type": Column(choices=tuple(PointType.values), default=PointType.VALVE, help="valve when blank"),
    "asset_tag": Column(max_length=60),
    "method": Column(max_length=500, help="How to isolate"),
    "verification_method": Column(max_length=500, help="How to prove it isolated"),
    "locks_required": Column(whole_number=(1, 20), default=1, help="1 when blank"),
    "equipment": Column(max_length=40, default=None, help="An equipment location's code, or blank"),
}
TEMPLATE_EXAMPLE = {
    "code": "MV-101",
    "name": "Suction valve P-101A",
    "energy_type": "process",
    "point_type": "valve",
    "asset_tag": "P-101A-SV",
    "method": "Close and chain the valve",
    "verification_method": "Check zero pressure at PI-101",
    "locks_required": "1",
    "equipment": "",
}


@dataclass
class ImportRow:
    """One data row: its line in the file (the header is row 1), its code, its values when valid, its errors."""

    row: int
    code: str
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def refuse(self, column: str, message: str) -> None:
        self.errors.setdefault(column, []).append(message)


def template_csv() -> str:
    """The header row and one example row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(TEMPLATE_EXAMPLE)
    return out.getvalue()


def _text(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise PayloadTooLarge(f"The file is over {MAX_BYTES // (1024 * 1024)} MB.", fields={"file": ["Too large."]})
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(fields={"file": ["The file is not UTF-8 text; save it as CSV UTF-8."]}) from None
    if "\x00" in text:
        raise InvalidInput(fields={"file": ["The file is not a text CSV file."]})
    if not text.strip():
        raise InvalidInput(fields={"file": ["The file is empty."]})
    return text


def _header(names: list[str]) -> list[str]:
    header = [name.strip().lower() for name in names]
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        shown = ", ".join(repr(name) for name in unknown[:5])
        raise InvalidInput(fields={"file": [f"Unknown column(s) {shown}; the columns are: {', '.join(COLUMNS)}."]})
    doubled = sorted({name for name in header if header.count(name) > 1})
    if doubled:
        raise InvalidInput(fields={"file": [f"Column(s) named twice: {', '.join(doubled)}."]})
    missing = [name for name, column in COLUMNS.items() if column.required and name not in header]
    if missing:
        raise InvalidInput(fields={"file": [f"The header row lacks the column(s): {', '.join(missing)}."]})
    return header


def csv_rows(raw: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The file's header and its data rows (with their line numbers), or 400/413 naming `file` for a file that is
    not a CSV of the library's columns within the limits. Blank lines are skipped."""
    text = _text(raw)
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        raise InvalidInput(fields={"file": [f"The file is not valid CSV ({error}); save it as CSV UTF-8."]}) from None
    numbered = [(number, cells) for number, cells in enumerate(lines, start=1) if any(c.strip() for c in cells)]
    if not numbered:
        raise InvalidInput(fields={"file": ["The file is empty."]})
    header = _header(numbered[0][1])
    data = numbered[1:]
    if not data:
        raise InvalidInput(fields={"file": ["The file has a header row but no points."]})
    if len(data) > MAX_ROWS:
        raise InvalidInput(fields={"file": [f"The file has {len(data)} rows; at most {MAX_ROWS} at a time."]})
    return header, data


def _value(row: ImportRow, name: str, column: Column, raw: str) -> Any:
    """The cell's value as stored, or None after recording why it is refused. Text is kept as written (a leading
    `=` is plain text here; exports neutralise it)."""
    text = raw.strip()
    if not text:
        if column.required:
            row.refuse(name, "Required.")
            return None
        return column.default
    if column.max_length is not None and len(text) > column.max_length:
        row.refuse(name, f"At most {column.max_length} characters.")
    elif column.choices and text.lower() not in column.choices:
        row.refuse(name, f"'{text[:40]}' is not one of: {', '.join(column.choices)}.")
    elif column.choices:
        return text.lower()
    elif column.whole_number is not None:
        low, high = column.whole_number
        if not (text.isascii() and text.isdigit() and len(text) <= 3) or not low <= int(text) <= high:
            row.refuse(name, f"A whole number from {low} to {high}.")
        else:
            return int(text)
    else:
        return text
    return None


def rows_judge(
    header: list[str],
    data: list[tuple[int, list[str]]],
    *,
    taken_codes: Collection[str],
    equipment: Mapping[str, int],
) -> list[ImportRow]:
    """Each row's values or errors: cells against their column, codes against the rest of the file and the library
    (`taken_codes`, folded to lower case), equipment codes against the project's active equipment."""
    taken = {code.casefold() for code in taken_codes}
    first_row: dict[str, int] = {}
    rows = []
    for number, cells in data:
        given = dict(zip(header, cells, strict=False))
        row = ImportRow(row=number, code=given.get("code", "").strip()[:60])
        if len(cells) > len(header):
            row.refuse("file", f"{len(cells)} cells; the header has {len(header)} columns.")
        for name, column in COLUMNS.items():
            row.values[name] = _value(row, name, column, given.get(name, ""))
        code = row.values.get("code") or ""
        if code:
            key = code.casefold()
            if key in taken:
                row.refuse("code", "An isolation point with this code is already in the library.")
            elif key in first_row:
                row.refuse("code", f"The same code is on row {first_row[key]}.")
            else:
                first_row[key] = number
        if row.values.get("equipment"):
            equipment_id = equipment.get(row.values["equipment"])
            if equipment_id is None:
                row.refuse("equipment", "No active equipment location with this code on the project.")
            row.values["equipment"] = equipment_id
        rows.append(row)
    return rows
