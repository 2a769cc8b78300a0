"""Builders of the shapes returns arrive in: zips as Windows/macOS write them, mails in each
encoding real mailers use, mbox files and Outlook .msg files. Nothing binary is committed."""

from __future__ import annotations

import io
import struct
import zipfile
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from functools import cache

import openpyxl

from ._cfb import write_cfb

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@cache
def xlsx(text: str = "本期进展") -> bytes:
    """A small real workbook (openpyxl), different for each text (the import dedupes by content)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["单位", "进展"])
    ws.append(["区水利局", text])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


DOCX = b"PK\x03\x04 not really a Word document"
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 200


# --- zips ----------------------------------------------------------------------------------------------


class RawName(zipfile.ZipInfo):
    """A member whose name is written as exactly these bytes, without the UTF-8 flag (Windows'
    "发送到 → 压缩(zipped)文件夹" writes the PC's code page, GBK). zipfile itself would write any
    non-ASCII name as UTF-8 with the flag set."""

    def __init__(self, raw: bytes, date_time=(2023, 4, 6, 9, 30, 0)):
        super().__init__(raw.decode("cp437"), date_time)
        self.raw = raw
        self.compress_type = zipfile.ZIP_DEFLATED

    def _encodeFilenameFlags(self):  # noqa: N802 (zipfile's own name)
        return self.raw, self.flag_bits & ~0x800


def zip_bytes(members: list[tuple[str | bytes, bytes]], *, encoding: str | None = "gbk") -> bytes:
    """A zip of (name, content); str names written in ``encoding`` without the UTF-8 flag (None:
    as zipfile writes them, UTF-8 with the flag), bytes names written as they are."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members:
            if isinstance(name, bytes):
                zf.writestr(RawName(name), data)
            elif encoding is None or name.isascii():
                zf.writestr(zipfile.ZipInfo(name, (2023, 4, 6, 9, 30, 0)), data, compress_type=zipfile.ZIP_DEFLATED)
            else:
                zf.writestr(RawName(name.encode(encoding)), data)
    return buf.getvalue()


def central_entries(data: bytes) -> list[int]:
    """Offsets of the central directory's entries, in order."""
    eocd = data.rfind(b"PK\x05\x06")
    count, _size, start = struct.unpack_from("<HII", data, eocd + 10)
    out, at = [], start
    for _ in range(count):
        assert data[at : at + 4] == b"PK\x01\x02"
        out.append(at)
        n, e, c = struct.unpack_from("<HHH", data, at + 28)
        at += 46 + n + e + c
    return out


def patch_member(data: bytes, index: int, *, set_flags: int = 0, declared_size: int | None = None) -> bytes:
    """The zip with member ``index``'s general-purpose flags (local and central header) or its
    declared uncompressed size (central directory, which zipfile trusts) changed in place."""
    out = bytearray(data)
    central = central_entries(data)[index]
    (local,) = struct.unpack_from("<I", data, central + 42)
    assert data[local : local + 4] == b"PK\x03\x04"
    if set_flags:
        for flag_at in (local + 6, central + 8):
            (flags,) = struct.unpack_from("<H", out, flag_at)
            struct.pack_into("<H", out, flag_at, flags | set_flags)
    if declared_size is not None:
        struct.pack_into("<I", out, central + 24, declared_size)
        struct.pack_into("<I", out, local + 22, declared_size)
    return bytes(out)


# --- mail ---------------------------------------------------------------------------------------------


def mail(*, subject: str = "2023年第一季度进展报送", sender: str = "区水利局 <shuili@nc.gov.cn>",
         date: str | None = "Thu, 06 Apr 2023 09:30:00 +0800", attachments: list[tuple[str, bytes, str]] = (),
         text: str = "请查收。", forwarded: list[EmailMessage] = ()) -> EmailMessage:
    """A mail as EmailMessage writes it (attachment names as RFC 2231 when not ASCII)."""
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = "ducha@nc.gov.cn"
    if date:
        msg["Date"] = date
    msg.set_content(text)
    for name, data, ctype in attachments:
        maintype, subtype = ctype.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    for inner in forwarded:
        msg.add_attachment(inner)
    return msg


def raw_mail(msg: EmailMessage, replace: dict[bytes, bytes]) -> bytes:
    """The mail's bytes (CRLF) with placeholder header texts replaced by hand-written raw ones:
    how other mailers write what the standard library never would (encoded words in a quoted
    file name, GB2312-labelled words, raw 8-bit GBK headers)."""
    data = msg.as_bytes(policy=SMTP)
    for old, new in replace.items():
        assert old in data, old
        data = data.replace(old, new)
    return data


# --- Outlook .msg -------------------------------------------------------------------------------------


def utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def props(header: int, values: dict[int, bytes]) -> bytes:
    """A __properties_version1.0 stream: ``header`` reserved bytes, then 16-byte entries."""
    out = b"\0" * header
    for tag, value in values.items():
        out += struct.pack("<II", tag, 0x6) + value.ljust(8, b"\0")
    return out


def filetime(when: datetime) -> bytes:
    ticks = int((when - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10_000_000)
    return struct.pack("<Q", ticks)


def msg_attachment(name: str, data: bytes, *, hidden: bool = False) -> dict:
    values = {0x37050003: struct.pack("<i", 1)}
    if hidden:
        values[0x7FFE000B] = b"\x01"
    return {"__properties_version1.0": props(8, values), "__substg1.0_3707001F": utf16(name),
            "__substg1.0_37010102": data}


def msg_file(*, subject: str, sender_name: str, sender_address: str, sent: datetime | None,
             attachments: list[dict] = (), embedded: list[dict] = (), header: int = 32,
             extra: dict | None = None) -> dict:
    """The tree of an Outlook .msg (top level, or with ``header=24`` an attached message)."""
    values = {0x3FFD0003: struct.pack("<i", 936)}
    if sent is not None:
        values[0x00390040] = filetime(sent)
    tree: dict = {"__properties_version1.0": props(header, values), "__substg1.0_0037001F": utf16(subject),
                  "__substg1.0_0C1A001F": utf16(sender_name), "__substg1.0_5D01001F": utf16(sender_address)}
    for n, att in enumerate([*attachments, *embedded]):
        tree[f"__attach_version1.0_#{n:08X}"] = att
    tree.update(extra or {})
    return tree


def attached_message(inner: dict, name: str | None = None) -> dict:
    att = {"__properties_version1.0": props(8, {0x37050003: struct.pack("<i", 5)}), "__substg1.0_3701000D": inner}
    if name:
        att["__substg1.0_3707001F"] = utf16(name)
    return att


def msg_bytes(tree: dict) -> bytes:
    return write_cfb(tree)
