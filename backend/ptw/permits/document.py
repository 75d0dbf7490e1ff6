"""The printed permit: an A4 PDF laid out as a permit (fpdf2), with a QR code (segno) to its page.

It renders a plain dictionary (see `records.permit_document_data`), so what is printed is decided in one
place and this module only lays it out.
"""

from __future__ import annotations

import base64
import io
import unicodedata
from pathlib import Path
from typing import Any

import segno
from django.conf import settings
from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT = "DejaVu"
_PNG_DATA_URL = "data:image/png;base64,"
# Typographic characters the built-in Helvetica lacks, spelled in Latin-1 (by code point, for clarity).
_LATIN1 = str.maketrans(
    {
        "\u2264": "<=",
        "\u2265": ">=",
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u00b7": "-",
    }
)


def qr_png(url: str, scale: int = 6) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


def qr_svg(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=4, border=2, xmldecl=False)
    return out.getvalue()


class PermitPdf(FPDF):
    def __init__(self, number: str) -> None:
        super().__init__(format="A4")
        self.number = number
        fonts = Path(settings.PTW_PDF_FONT_DIR)
        regular, bold = fonts / "DejaVuSans.ttf", fonts / "DejaVuSans-Bold.ttf"
        self.unicode = regular.is_file() and bold.is_file()
        if self.unicode:
            self.add_font(FONT, "", str(regular))
            self.add_font(FONT, "B", str(bold))
        self.family = FONT if self.unicode else "Helvetica"
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(14, 14, 14)

    def text_of(self, value: Any) -> str:
        text = "" if value is None else str(value)
        if self.unicode:
            return text
        text = unicodedata.normalize("NFKC", text.translate(_LATIN1))
        return text.encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 7)
        self.cell(0, 5, self.text_of(f"{self.number} · page {self.page_no()}/{{nb}}"), align="R")

    def heading(self, title: str) -> None:
        self.ln(2)
        self.set_font(self.family, "B", 10)
        self.set_fill_color(230, 236, 245)
        self.cell(0, 6, self.text_of(title), fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.family, "", 8.5)

    def pairs(self, rows: list[tuple[str, Any]]) -> None:
        for label, value in rows:
            self.set_font(self.family, "B", 8.5)
            self.cell(42, 5, self.text_of(label))
            self.set_font(self.family, "", 8.5)
            self.multi_cell(0, 5, self.text_of(value) or "-", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def grid(self, header: list[str], rows: list[list[Any]], widths: tuple[int, ...]) -> None:
        if not rows:
            self.cell(0, 5, self.text_of("None recorded."), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            return
        self.set_font(self.family, "", 7.5)
        with self.table(col_widths=widths, text_align="LEFT", line_height=4.2, first_row_as_headings=True) as table:
            for row in [header, *rows]:
                cells = table.row()
                for value in row:
                    cells.cell(self.text_of(value))
        self.set_font(self.family, "", 8.5)

    def crew(self, rows: list[list[Any]]) -> None:
        """Workers with their sign-on: the last column is the typed name, or the drawn image drawn small."""
        if not rows:
            self.cell(0, 5, self.text_of("None recorded."), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            return
        self.set_font(self.family, "", 7.5)
        header = ["Name", "Company", "Trade", "Signed on", "Signature"]
        with self.table(col_widths=(36, 36, 26, 48, 36), text_align="LEFT", line_height=4.2) as table:
            cells = table.row()
            for title in header:
                cells.cell(self.text_of(title))
            for *text, signature in rows:
                cells = table.row()
                for value in text:
                    cells.cell(self.text_of(value))
                if signature.startswith(_PNG_DATA_URL):
                    image = base64.b64decode(signature[len(_PNG_DATA_URL) :])
                    cells.cell(img=io.BytesIO(image), img_fill_width=True)
                else:
                    cells.cell(self.text_of(signature))
        self.set_font(self.family, "", 8.5)


def render_permit_pdf(data: dict[str, Any]) -> bytes:
    pdf = PermitPdf(data["number"])
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.image(io.BytesIO(qr_png(data["link"], scale=4)), x=pdf.w - 14 - 30, y=12, w=30)
    pdf.set_font(pdf.family, "B", 16)
    pdf.cell(0, 8, pdf.text_of(f"PERMIT TO WORK  {data['number']}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.family, "B", 11)
    pdf.multi_cell(150, 6, pdf.text_of(f"{data['type']} · {data['title']}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.family, "", 8.5)
    pdf.cell(0, 5, pdf.text_of(f"Status: {data['status']}   Risk: {data['risk']}   Printed {data['printed_at']}"))
    pdf.ln(9)
    pdf.heading("Work")
    pdf.pairs(data["work"])
    if data["fields"]:
        pdf.heading(f"{data['type']} details")
        pdf.pairs(data["fields"])
    pdf.heading("Hazards and precautions")
    pdf.pairs(data["precautions"])
    pdf.heading("Safety checklist")
    pdf.grid(["Item", "Answer"], data["checklist"], (150, 32))
    pdf.heading("Gas tests")
    pdf.grid(
        ["Time", "Gas", "Reading", "Limit", "Result", "Instrument", "Tested by"],
        data["gas_tests"],
        (28, 14, 22, 34, 14, 30, 40),
    )
    pdf.heading("Isolations (lockout/tagout)")
    pdf.grid(
        ["Point", "Energy", "Locks", "State", "Applied by", "Verified by", "Removed by"],
        data["isolations"],
        (40, 20, 22, 20, 26, 26, 28),
    )
    pdf.heading("Workers and toolbox talk")
    pdf.pairs(data["toolbox_talk"])
    pdf.crew(data["workers"])
    pdf.heading("Extensions")
    pdf.grid(["Asked", "From", "To", "Reason", "Decision"], data["extensions"], (28, 28, 28, 60, 38))
    pdf.heading("Attachments")
    pdf.grid(["Kind", "File", "Size", "SHA-256", "Uploaded by", "Time"], data["attachments"], (30, 52, 16, 24, 30, 30))
    if data["simops"]:
        pdf.heading("Simultaneous operations: conflicts acknowledged")
        pdf.grid(["Time", "With", "Conflict", "Acknowledged by", "Comment"], data["simops"], (26, 26, 58, 30, 42))
    pdf.heading("Signatures")
    pdf.grid(["Act", "Signed as", "Name", "Time", "Method", "State"], data["signatures"], (22, 40, 40, 30, 18, 32))
    pdf.heading("Closeout")
    pdf.grid(["Item", "Done", "Comment"], data["closeout"], (90, 16, 76))
    pdf.pairs(data["closeout_notes"])
    return bytes(pdf.output())
