"""What a file really is, by its content (never by its name), and the refusals that need no parser.

:func:`sniff` returns one of ``"zip"``, ``"ole"``, ``"xml2003"``, ``"html"``, ``"mht"``, ``"text"``
or raises :class:`~greentasks.errors.FileRefused` for what is plainly not a spreadsheet (PDF,
image, RAR/7z/gzip archive, RTF, a non-spreadsheet XML file, unrecognisable binary data), and for
what is a spreadsheet no reader here takes: a flat OpenDocument file (``.fods``, the whole
document in one XML file) and an Excel 2.x–4.0 workbook (a bare BIFF2–4 record stream, from
before Excel wrapped its files in an OLE container). What is inside a zip or an OLE file is
decided afterwards (see ``_zipguard`` and ``_ole``).
"""

from __future__ import annotations

import re
import struct

from . import _messages as msg
from ._text import bom_encoding

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_ARCHIVES = (
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
)
_SS_NAMESPACE = b"urn:schemas-microsoft-com:office:spreadsheet"
_ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_ODF_ROOT = re.compile(r"<(?:[\w-]+:)?document(?=[\s>])[^>]*>", re.S)
_ODF_MIMETYPE = re.compile(r"""\bmimetype\s*=\s*["']([^"']*)["']""")
# BOF record type of a bare BIFF stream -> the Excel version that wrote it; a BOF body holds
# the version and the substream type (0x10 worksheet, 0x20 chart, 0x40 macro sheet, 0x100 workbook)
_OLD_BOF = {0x0009: "Excel 2.x", 0x0209: "Excel 3.0", 0x0409: "Excel 4.0"}
_OLD_BOF_KINDS = {0x0010, 0x0020, 0x0040, 0x0100}
_HTML_HINT = re.compile(r"<\s*(?:html|table|body|head|meta|tr|td|th)\b|<!doctype\s+html", re.I)


def sniff(data: bytes, file_name: str) -> str:
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.startswith(b"%PDF") or data[:1024].lstrip().startswith(b"%PDF"):
        raise msg.refuse(file_name, msg.pdf())
    for magic, fmt in _IMAGES:
        if data.startswith(magic):
            raise msg.refuse(file_name, msg.image(fmt))
    if data.startswith(b"BM") and len(data) > 14 and int.from_bytes(data[2:6], "little") == len(data):
        raise msg.refuse(file_name, msg.image("BMP"))
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise msg.refuse(file_name, msg.image("WEBP"))
    for magic, fmt in _ARCHIVES:
        if data.startswith(magic):
            raise msg.refuse(file_name, msg.archive(fmt))
    if data.startswith(b"{\\rtf"):
        raise msg.refuse(file_name, msg.rtf())
    version = old_biff(data)
    if version:
        raise msg.refuse(file_name, msg.old_excel(version))

    head = _head_text(data)
    stripped = head.lstrip()
    low = stripped[:4096].lower()
    if low.startswith("mime-version:") or (low.startswith("content-") and "multipart/" in low):
        return "mht"
    if low.startswith("<?xml") or low.startswith("<workbook") or low.startswith("<ss:workbook"):
        if _ODF_OFFICE in head:
            _flat_opendocument(head, file_name)
        if _SS_NAMESPACE.decode() in head.lower() or 'progid="excel.sheet"' in low:
            return "xml2003"
        if _HTML_HINT.search(head):
            return "html"
        if "urn:schemas-microsoft-com:office:word" in head.lower() or "<w:worddocument" in low:
            raise msg.refuse(file_name, msg.word_other("Word文档（XML格式）"))
        raise msg.refuse(file_name, msg.xml_other())
    if stripped.startswith("<") and _HTML_HINT.search(head):
        return "html"
    return "text"


def _head_text(data: bytes) -> str:
    """The first 64 KB as text, good enough to recognise markup in any of the usual encodings."""
    chunk = data[:65536]
    bom = bom_encoding(chunk)
    if bom:
        return chunk[bom[1] :].decode(bom[0], "replace")
    if chunk[:2] in (b"<\x00", b"\x00<"):  # UTF-16 XML without a BOM
        return chunk.decode("utf-16-le" if chunk[0] == 0x3C else "utf-16-be", "replace")
    return chunk.decode("latin-1")


def old_biff(data: bytes) -> str | None:
    """The Excel version of a bare BIFF2–4 stream (its first record a BOF), else None."""
    if len(data) < 8:
        return None
    rtype, length, _version, kind = struct.unpack_from("<HHHH", data, 0)
    if rtype not in _OLD_BOF or length not in (4, 6, 8) or kind not in _OLD_BOF_KINDS:
        return None
    return _OLD_BOF[rtype]


def _flat_opendocument(head: str, file_name: str) -> None:
    """Refuse an OpenDocument file written as one XML document (.fods, .fodt …)."""
    root = _ODF_ROOT.search(head)
    if root is None:
        return
    mimetype = _ODF_MIMETYPE.search(root.group())
    kind = mimetype.group(1) if mimetype else ""
    if kind and kind != "application/vnd.oasis.opendocument.spreadsheet":
        raise msg.refuse(file_name, msg.opendocument_other())
    raise msg.refuse(file_name, msg.opendocument_flat())
