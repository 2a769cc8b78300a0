"""Outlook .msg files (MS-OXMSG: a compound file of MAPI properties) read with olefile.

The popular .msg library is GPL, which the Windows installer cannot ship; only these properties
are needed, each a stream ``__substg1.0_IIIITTTT`` (property id, type ``001F`` UTF-16LE text,
``001E`` 8-bit text in the message's code page, ``0102`` binary) or a fixed-size value in the
``__properties_version1.0`` stream (a header — 32 bytes for the message, 24 for an attached
message, 8 for an attachment — then 16-byte entries: tag uint32, flags uint32, value 8 bytes):

=========  ================================  =============================================
0x0037     PR_SUBJECT                         the subject
0x0C1A     PR_SENDER_NAME                     the sender's name (0x0042 sent-representing)
0x5D01     PR_SENDER_SMTP_ADDRESS             the sender's address; else 0x0C1F (when it
                                              holds an "@", not an Exchange X.500 path),
                                              0x5D02, 0x0065 (sent-representing)
0x007D     PR_TRANSPORT_MESSAGE_HEADERS       the Internet headers: Date (the sender's wall
                                              clock, as for .eml) and From when missing above
0x0039     PR_CLIENT_SUBMIT_TIME              FILETIME (UTC) when there are no headers;
0x0E06     PR_MESSAGE_DELIVERY_TIME           shown in this computer's local time
0x3FFD     PR_MESSAGE_CODEPAGE                code page of 001E texts (0x3FDE PR_INTERNET_CPID)
0x3707     PR_ATTACH_LONG_FILENAME            the attachment's name; else 0x3704 (8.3 name),
                                              0x3001 (display name)
0x3701     PR_ATTACH_DATA_BIN / _OBJ          0102: the content; 000D: a storage holding an
                                              attached message (or an OLE object)
0x3705     PR_ATTACH_METHOD                   2/4: attached by reference only (no content)
0x7FFE     PR_ATTACHMENT_HIDDEN               a picture in the mail's text, not an attachment
=========  ================================  =============================================

Attachments are the storages ``__attach_version1.0_#XXXXXXXX``; an attached message is read one
level (its own attached messages are named, not opened).
"""

from __future__ import annotations

import codecs
import email.parser
import email.utils
import io
import re
import struct
from datetime import UTC, datetime, timedelta
from email.policy import compat32

import olefile

from . import _names
from . import _words as words
from ._mail import Attachment, Letter, basename, head, parse_date

_TOP_HEADER, _EMBEDDED_HEADER, _ATTACH_HEADER = 32, 24, 8
_FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)
_PROPS = "__properties_version1.0"
_ATTACH = re.compile(r"__attach_version1\.0_#[0-9A-Fa-f]{8}")
_MAX_ATTACHMENTS = 500  # Outlook itself lists far fewer; a header claiming more is broken


def is_msg(ole: olefile.OleFileIO) -> bool:
    return ole.exists(_PROPS) and any(p[0].startswith("__substg1.0_") for p in ole.listdir())


def parse_msg(data: bytes, *, open_attached: bool, limit: int) -> Letter:
    """The mail in a .msg file; attachments larger than ``limit`` are left unread (size given)."""
    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        entries = ole.listdir(streams=True, storages=True)
        return _Reader(ole, entries, limit).letter([], _TOP_HEADER, open_attached, None)
    finally:
        ole.close()


class _Reader:
    def __init__(self, ole: olefile.OleFileIO, entries: list[list[str]], limit: int):
        self.ole = ole
        self.entries = entries
        self.limit = limit

    def letter(self, prefix: list[str], header: int, open_attached: bool, codepage: str | None) -> Letter:
        props = self.props(prefix, header)
        codepage = _codepage(props) or codepage
        text = self.texts(prefix, codepage)
        headers = _internet_headers(text(0x007D))
        subject = text(0x0037) or ""
        name = text(0x0C1A) or text(0x0042) or ""
        address = next((a for a in (text(0x5D01), text(0x0C1F), text(0x5D02), text(0x0065)) if a and "@" in a), "")
        if headers is not None and not (name and address):
            from_headers = head(headers)
            name = name or from_headers.sender_name
            address = address or from_headers.sender_address
            subject = subject or from_headers.subject
        raw_date = next((v for k, v in headers.raw_items() if k.lower() == "date"), None) if headers is not None else None
        sent, stamp = parse_date(raw_date)
        if sent is None:
            sent, stamp = _filetime(props.get(0x00390040) or props.get(0x0E060040))
        if address and not name:
            address_name, _ = email.utils.parseaddr(address)
            name = address_name
        letter = Letter(sender_name=_names.strip_bad(name), sender_address=address.strip().lower(),
                        subject=" ".join(_names.strip_bad(subject).split()), sent=sent, stamp=stamp)
        storages = sorted({e[len(prefix)] for e in self.entries
                           if len(e) > len(prefix) and e[: len(prefix)] == prefix and _ATTACH.fullmatch(e[len(prefix)])})
        for n, storage in enumerate(storages[:_MAX_ATTACHMENTS], start=1):
            found = self.attachment([*prefix, storage], n, open_attached, codepage)
            if found is not None:
                letter.attachments.append(found)
        return letter

    def attachment(self, path: list[str], n: int, open_attached: bool, codepage: str | None) -> Attachment | None:
        props = self.props(path, _ATTACH_HEADER)
        if props.get(0x7FFE000B, b"\0")[:1] != b"\0":
            return None  # hidden: a picture in the mail's text
        text = self.texts(path, codepage)
        method = _long(props.get(0x37050003))
        name = basename(text(0x3707) or text(0x3704) or text(0x3001) or "")
        mime = (text(0x370E) or "").lower()
        embedded = [*path, "__substg1.0_3701000D"]
        if self.ole.exists(embedded):
            if not self.ole.exists([*embedded, _PROPS]):
                return Attachment(name or f"附件{n}", reason=words.EMBEDDED_OBJECT)
            if not open_attached:
                return Attachment(name or f"附件{n}.msg", reason=words.INLINE_MAIL_TOO_DEEP)
            letter = self.letter(embedded, _EMBEDDED_HEADER, False, codepage)
            stem = basename(letter.subject.replace("/", "／")) if letter.subject else None
            return Attachment(name or (f"{stem[:60]}.msg" if stem else f"附件{n}.msg"), letter=letter)
        stream = [*path, "__substg1.0_37010102"]
        if not self.ole.exists(stream):
            if method in (2, 3, 4):
                return Attachment(name or f"附件{n}", reason=words.ATTACHED_BY_REFERENCE)
            return None
        size = self.ole.get_size(stream)
        name = name or f"附件{n}"
        if size > self.limit:
            return Attachment(name, content_type=mime, size=size)
        data = self.ole.openstream(stream).read(self.limit + 1)
        return Attachment(name, data=data, content_type=mime, size=len(data))

    def props(self, prefix: list[str], header: int) -> dict[int, bytes]:
        path = [*prefix, _PROPS]
        if not self.ole.exists(path):
            return {}
        raw = self.ole.openstream(path).read(1 << 20)
        found = {}
        for i in range(header, len(raw) - 15, 16):
            (tag,) = struct.unpack_from("<I", raw, i)
            found.setdefault(tag, raw[i + 8 : i + 16])
        return found

    def texts(self, prefix: list[str], codepage: str | None):
        def text(prop: int) -> str | None:
            for kind in ("001F", "001E"):
                path = [*prefix, f"__substg1.0_{prop:04X}{kind}"]
                if not self.ole.exists(path):
                    continue
                raw = self.ole.openstream(path).read(1 << 20)
                if kind == "001F":
                    value = raw.decode("utf-16-le", "replace")
                else:
                    value = _names.decode_bytes(raw.rstrip(b"\0"), codepage) or ""
                value = value.split("\0", 1)[0]
                if _names.clean(value):
                    return value
                return _names.strip_bad(value) or None
            return None

        return text


def _long(value: bytes | None) -> int | None:
    return struct.unpack("<i", value[:4])[0] if value and len(value) >= 4 else None


def _codepage(props: dict[int, bytes]) -> str | None:
    for tag in (0x3FFD0003, 0x3FDE0003):
        number = _long(props.get(tag))
        if not number:
            continue
        if number in (936, 20936, 54936, 52936, 50227):
            return "gb18030"
        if number == 65001:
            return "utf-8"
        try:
            return codecs.lookup(f"cp{number}").name
        except LookupError:
            continue
    return None


def _filetime(value: bytes | None) -> tuple[datetime | None, float | None]:
    """A FILETIME (100 ns since 1601, UTC) in this computer's local time (naive), or (None, None)."""
    if not value or len(value) < 8:
        return None, None
    (ticks,) = struct.unpack("<Q", value[:8])
    try:
        when = _FILETIME_EPOCH + timedelta(microseconds=ticks // 10)
        if not 1980 <= when.year <= 2200:
            return None, None
        return when.astimezone().replace(tzinfo=None), when.timestamp()
    except (OverflowError, OSError, ValueError):
        return None, None


def _internet_headers(text: str | None):
    if not text:
        return None
    try:
        return email.parser.HeaderParser(policy=compat32).parsestr(text)
    except Exception:  # headers of a mail that passed through a broken gateway: do without
        return None
