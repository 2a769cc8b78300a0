"""Names as the sender wrote them: zip member names, mail header texts and attachment names.

Chinese mail and Windows zips break the standards in a few well-known ways, each repaired here:

* a zip made by Windows' "发送到 → 压缩文件夹" stores names in the PC's code page (GBK) without
  the UTF-8 flag; macOS and some Linux tools store UTF-8 without the flag. Measured on 181 Chinese
  phrases from the SPEC: 127 of their UTF-8 spellings are also valid GB18030 (as mojibake), only 2
  of their GBK spellings are valid UTF-8, and those decode to non-CJK symbols. So an unflagged
  name is UTF-8 when it is valid UTF-8 that reads as CJK/Latin text, else GB18030, else cp437.
* an encoded word labelled ``gb2312`` often holds GBK-only characters (镕, 喆, 堃 …): GB2312,
  GBK and GB18030 labels are all decoded as GB18030, a superset that agrees with both;
* a multi-byte character split across two adjacent encoded words: the words' bytes are joined
  before decoding;
* raw 8-bit headers with no encoding at all (Foxmail): UTF-8, else the charset the mail declares
  for its text (Foxmail's GBK headers sit beside a ``charset=gb2312`` body; a Portuguese mailer's
  cp1252 ones beside its own label), else GB18030;
* valid UTF-8 carrying U+FFFD (a sender's own failed conversion): the U+FFFD is dropped, where
  GB18030 would read the bytes as the well-known "锟斤拷".

Nothing returned here ever holds U+FFFD or a lone surrogate: :func:`clean` tells whether a text
is fit to show, and callers fall back (``附件1.xlsx``) when none of the readings is.
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
import zipfile
import zlib

_GB = {"gb2312", "gb_2312", "gb_2312-80", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn",
       "x-euc-cn", "gb18030", "csgb2312", "chinese", "hz-gb-2312"}
_BAD = re.compile("[\ufffd\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?]*)\?=")
_FOLD = re.compile(r"\r?\n[ \t]*")
_UNICODE_PATH_EXTRA = 0x7075  # Info-ZIP: the UTF-8 name, with the CRC-32 of the header's name


def clean(text: str | None) -> bool:
    """Whether text is fit to show: no U+FFFD, no lone surrogate (undecoded byte), no control."""
    return text is not None and not _BAD.search(text)


def codec(label: str | None) -> str:
    """The Python codec for a charset label; every GB label reads as GB18030 (a superset)."""
    low = (label or "").strip().strip('"').lower().split("*", 1)[0]  # RFC 2231 "charset*lang"
    if low in _GB:
        return "gb18030"
    return low or "utf-8"


def decode_bytes(raw: bytes, label: str | None = None, hint: str | None = None) -> str | None:
    """raw in the labelled charset, else UTF-8, else the mail's declared charset (``hint``: the
    one its text parts are in), else GB18030; None when nothing reads it cleanly.

    Valid UTF-8 that holds U+FFFD is the sender's own replacement character (dropped): read as
    GB18030 it would show the well-known "锟斤拷".
    """
    tried: list[str] = []
    for name in (codec(label) if label else None, "utf-8", codec(hint) if hint else None, "gb18030"):
        if name is None or name in tried:
            continue
        tried.append(name)
        try:
            text = raw.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if name == "utf-8" and "\ufffd" in text:
            text = text.replace("\ufffd", "")
        if clean(text):
            return text
    return None


def _from_escaped(text: str, hint: str | None) -> str | None:
    """A header string as the email package keeps 8-bit bytes (surrogate escapes), decoded."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return None
    return decode_bytes(raw, None, hint)


def _word_bytes(kind: str, payload: str) -> bytes | None:
    try:
        if kind in "bB":
            payload = payload.strip()
            return base64.b64decode(payload + "=" * (-len(payload) % 4))
        return _q_decode(payload)
    except (binascii.Error, ValueError):
        return None


def _q_decode(payload: str) -> bytes:
    data = payload.encode("utf-8", "surrogateescape")
    data = data.replace(b"_", b" ")  # "_" is a space in Q encoding
    return re.sub(rb"=([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), data)


def decode_header(raw: str | None, hint: str | None = None) -> str | None:
    """A raw header value (encoded words, 8-bit bytes as surrogate escapes, folding) as text.

    Adjacent encoded words in the same charset are decoded together (a character split across
    two words is whole again); whitespace between encoded words is dropped (RFC 2047 §6.2).
    None when some part reads cleanly in no charset tried.
    """
    if raw is None:
        return None
    text = _FOLD.sub(" ", raw)
    parts: list[str] = []
    pending: bytearray = bytearray()
    pending_label: str | None = None
    pos = 0

    def flush() -> bool:
        nonlocal pending, pending_label
        if pending:
            got = decode_bytes(bytes(pending), pending_label)
            if got is None:
                return False
            parts.append(got)
        pending, pending_label = bytearray(), None
        return True

    for m in _ENCODED_WORD.finditer(text):
        between = text[pos : m.start()]
        # pending holds bytes only right after an encoded word: the space between two is dropped
        if between and not (pending and between.isspace()):
            if not flush():
                return None
            plain = _from_escaped(between, hint)
            if plain is None:
                return None
            parts.append(plain)
        data = _word_bytes(m.group(2), m.group(3))
        if data is None:
            return None
        label = codec(m.group(1))
        if pending and label != pending_label and not flush():
            return None
        pending_label = label
        pending += data
        pos = m.end()
    if not flush():
        return None
    tail = _from_escaped(text[pos:], hint)
    if tail is None:
        return None
    parts.append(tail)
    result = "".join(parts).strip()
    return result if clean(result) else None


def word_labels(raw: str) -> list[str]:
    """The charsets the encoded words of a raw header are labelled with."""
    return [m.group(1).split("*", 1)[0] for m in _ENCODED_WORD.finditer(raw)] if "=?" in raw else []


def strip_bad(text: str) -> str:
    """The last resort for a subject or a sender's name: drop what cannot be shown."""
    return _BAD.sub("", text).strip()


# --- RFC 2231 / quoted parameters, read from the raw header ------------------------------------------

_PARAM = re.compile(r"""(?ix) ;\s* ([a-z0-9!#$%&'+\-.^_`{|}~]+?) (\*\d+)? (\*)? \s*=\s* ("(?:[^"\\]|\\.)*" | [^;]*)""")


def raw_param(header: str, wanted: str, hint: str | None = None) -> str | None:
    """Parameter ``wanted`` of a raw Content-Type/-Disposition value, decoded by every rule.

    RFC 2231 (``filename*=charset''%XX``, continuations ``filename*0*=``/``filename*1*=`` joined
    by number) decoded as the charset says (GB labels as GB18030, then UTF-8, then GB18030); a
    plain or quoted value with encoded words or raw 8-bit bytes as :func:`decode_header` reads it.
    """
    text = ";" + _FOLD.sub(" ", header.split(";", 1)[1]) if ";" in header else ""
    sections: dict[int, tuple[bool, str]] = {}
    plain: str | None = None
    for m in _PARAM.finditer(text):
        name, number, star, value = m.group(1).lower(), m.group(2), m.group(3), m.group(4).strip()
        if name != wanted:
            continue
        if value.startswith('"') and value.endswith('"') and len(value) >= 2:
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        if number is None and not star:
            plain = value
        else:
            sections[int(number[1:]) if number else 0] = (bool(star), value)
    if sections:
        label: str | None = None
        raw = bytearray()
        for i in sorted(sections):
            encoded, value = sections[i]
            if encoded:
                if i == sorted(sections)[0] and value.count("'") >= 2:
                    label, _lang, value = value.split("'", 2)
                raw += _percent_bytes(value)
            else:
                raw += value.encode("utf-8", "surrogateescape")
        got = decode_bytes(bytes(raw), label or None, hint)
        if got is not None:
            return got.strip()
    if plain is not None:
        return decode_header(plain, hint)
    return None


def _percent_bytes(value: str) -> bytes:
    data = value.encode("utf-8", "surrogateescape")
    return re.sub(rb"%([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), data)


# --- zip member names --------------------------------------------------------------------------------

_CJK_OR_TEXT = re.compile(
    "[\u0020-\u007e\u00a0-\u024f\u2010-\u206f\u2100-\u214f\u2190-\u21ff\u2460-\u24ff\u2500-\u257f"
    "\u25a0-\u25ff\u2600-\u26ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff"
    "\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]*"
)


def member_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name as its maker meant it (see the module docstring), never mojibake."""
    if info.flag_bits & 0x800:
        return info.orig_filename
    raw = info.orig_filename.encode("cp437")  # zipfile decoded the raw bytes as cp437: undo it
    if raw.isascii():
        return info.orig_filename
    unicode_path = _unicode_path(info.extra, raw)
    if unicode_path is not None:
        return unicode_path
    try:
        text = raw.decode("utf-8")
        if _CJK_OR_TEXT.fullmatch(text):
            return text
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
        if clean(text):
            return text
    except UnicodeDecodeError:
        pass
    return info.orig_filename  # cp437, as zipfile reads it: odd, but every character shows


def _unicode_path(extra: bytes, raw_name: bytes) -> str | None:
    """The Info-ZIP Unicode Path field, when its CRC says it belongs to this very header name."""
    i = 0
    while i + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, i)
        body = extra[i + 4 : i + 4 + size]
        if tag == _UNICODE_PATH_EXTRA and len(body) >= 5 and body[0] == 1:
            (crc,) = struct.unpack_from("<I", body, 1)
            if crc == zlib.crc32(raw_name):
                try:
                    text = body[5:].decode("utf-8")
                except UnicodeDecodeError:
                    return None
                return text if clean(text) else None
        i += 4 + size
    return None
