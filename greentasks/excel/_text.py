"""Turning the bytes of a text-based file (CSV, HTML, XML) into str.

Offices' files are UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode 文本"), or the
Chinese legacy encodings GB2312/GBK, which are read as their superset GB18030.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "936", "gb18030", "euc-cn", "x-euc-cn", "csgb2312"}
_META_CHARSET = re.compile(rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.-]+)""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f]")


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None


def canonical(encoding: str) -> str | None:
    name = encoding.strip().lower()
    if name in _GB:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_encoding(data: bytes) -> str | None:
    head = data[:16384]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return canonical(m.group(1).decode("ascii", "replace")) if m else None


def decode_markup(data: bytes) -> str:
    """HTML/XML: BOM, else the declared charset (if the bytes agree), else UTF-8, else GB18030."""
    bom = bom_encoding(data)
    if bom:
        return data[bom[1] :].decode(bom[0], "replace")
    declared = declared_encoding(data)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # the declaration lies (common in OA exports): fall back to guessing
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def decode_plain(data: bytes) -> str | None:
    """Plain text: BOM, else strict UTF-8, else strict GB18030; None when it is not text at all."""
    bom = bom_encoding(data)
    if bom:
        text = data[bom[1] :].decode(bom[0], "replace")
    else:
        if b"\x00" in data:
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                return None
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        return None
    return text
