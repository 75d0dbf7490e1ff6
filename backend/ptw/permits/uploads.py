"""Judging an uploaded file by its content: a PDF is kept as sent; an image is re-encoded (orientation applied,
metadata stripped unless its location is kept) with a thumbnail; anything else is refused. Pure functions."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from ptw.core.errors import InvalidInput

PDF_MAGIC = b"%PDF-"
# Pillow format → (content type, file extension). HEIC is taken only where Pillow can read it (a plugin).
IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
    "HEIF": ("image/jpeg", ".jpg"),
}
MAX_PIXELS = 60_000_000
THUMBNAIL_SIZE = (320, 320)
EXIF_GPS_IFD = 0x8825
# Executable headers: Windows (MZ), Linux (ELF), macOS (Mach-O), scripts (#!).
_PROGRAMS = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xcf", b"\xca\xfe\xba\xbe", b"#!")
NOT_ACCEPTED = "Only images (JPEG, PNG, WEBP) and PDF documents are accepted; the type is judged by the content."


@dataclass(frozen=True)
class Judged:
    content_type: str
    extension: str
    data: bytes
    thumbnail: bytes | None


def _refuse(raw: bytes) -> InvalidInput:
    if raw.startswith(_PROGRAMS):
        message = "This file is a program (executable), whatever its name says: it is refused. " + NOT_ACCEPTED
    else:
        message = "This file is not a readable image or PDF. " + NOT_ACCEPTED
    return InvalidInput(message, code="file_type_refused", fields={"file": [message]})


def _reencoded(image: Image.Image, fmt: str, keep_location: bool) -> bytes:
    exif = image.getexif()
    upright = ImageOps.exif_transpose(image) or image
    out = io.BytesIO()
    options: dict[str, object] = {}
    if keep_location:
        kept = upright.getexif()
        gps = exif.get_ifd(EXIF_GPS_IFD)
        if gps:
            kept[EXIF_GPS_IFD] = gps
        options["exif"] = kept.tobytes()
    content_type, _ext = IMAGE_FORMATS[fmt]
    if content_type == "image/jpeg":
        upright = upright.convert("RGB") if upright.mode not in ("RGB", "L") else upright
        upright.save(out, format="JPEG", quality=90, optimize=True, **options)
    elif content_type == "image/png":
        upright.save(out, format="PNG", optimize=True, **options)
    else:
        upright.save(out, format="WEBP", quality=90, **options)
    return out.getvalue()


def _thumbnail(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        small = image.convert("RGB")
        small.thumbnail(THUMBNAIL_SIZE)
        out = io.BytesIO()
        small.save(out, format="JPEG", quality=80)
        return out.getvalue()


def judge(raw: bytes, *, keep_location: bool) -> Judged:
    """What the bytes are, as stored: a PDF as sent, or the image re-encoded with its thumbnail; else 400."""
    if raw.startswith(PDF_MAGIC):
        return Judged("application/pdf", ".pdf", raw, None)
    try:
        with Image.open(io.BytesIO(raw)) as image:
            fmt = image.format or ""
            if fmt not in IMAGE_FORMATS:
                raise _refuse(raw)
            if image.width * image.height > MAX_PIXELS:
                raise InvalidInput(fields={"file": ["The image has too many pixels (at most 60 megapixels)."]})
            image.load()
            data = _reencoded(image, fmt, keep_location)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _refuse(raw) from None
    content_type, extension = IMAGE_FORMATS[fmt]
    return Judged(content_type, extension, data, _thumbnail(data))
