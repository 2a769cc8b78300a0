"""Guards for zip-based files (.xlsx/.xlsm/.xlsb/.ods and plain archives), run before any parser.

1. The central directory is read with :mod:`zipfile` (no member is inflated) and the *declared*
   uncompressed sizes are checked: their sum must not exceed ``MAX_UNPACKED_BYTES``, and no member
   may both unpack to more than 32 MB and compress better than 200:1 (a zip bomb). The absolute
   size decides: a real workbook of long repeated strings compresses 120–140:1 (a 57 MB sheet
   part in 470 KB is legitimate and is read), a bomb's member ~1000:1.
2. For a spreadsheet, every member is then inflated here, by this module's own loop over the raw
   deflate data, with the output capped at the member's declared size — so a member that lies about
   its size is caught instead of being trusted — and every XML part is scanned, streaming, for
   ``<!DOCTYPE`` and ``<!ENTITY`` (in UTF-8 and UTF-16), which no genuine spreadsheet part carries.
   Only then does calamine see the file.

Member names are looked up as Office looks them up: case-insensitively, and with ``\\`` read as
``/`` (some writers store ``xl\\worksheets\\sheet1.xml``, and Excel opens such files).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from . import _messages as msg
from ._extent import NEEDS_TOKENS, TOO_COMPLEX, Biff12Scanner, ExtentScanner

MAX_MEMBERS = 10_000
RATIO_LIMIT = 200
RATIO_MIN_BYTES = 32 * 1024 * 1024
_CHUNK = 1 << 20
_PREFIX_KEEP = 64 * 1024

_PATTERNS = tuple(
    p
    for word in ("<!doctype", "<!entity")
    for p in (word.encode("ascii"), word.encode("utf-16-le"), word.encode("utf-16-be"))
)
_OVERLAP = max(len(p) for p in _PATTERNS)
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
    b"\x01\x00\x00\x00",  # EMF
    b"\xd7\xcd\xc6\x9a",  # WMF
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE: vbaProject.bin, embedded objects
)
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_BIFF12_SHEET = b"\x81\x01"  # BrtBeginSheet: how every .xlsb worksheet (and macro sheet) part starts
_MEDIA_XML = (".svg",)
_SPREADSHEET_EXT = (".xlsx", ".xlsm", ".xls", ".xltx", ".et", ".csv", ".ods", ".xlsb")


def normalise(name: str) -> str:
    """A member name as looked up: ``xl\\Workbook.xml`` → ``xl/workbook.xml``."""
    return name.replace("\\", "/").lstrip("/").lower()


@dataclass
class ZipView:
    """What the guard learned: member names (normalised → real) and the parts kept for metadata.

    ``kept``, ``extents``, ``uncached`` and ``biff12`` are keyed by normalised member name.
    """

    names: dict[str, str]
    infos: list[zipfile.ZipInfo]
    kept: dict[str, bytes] = field(default_factory=dict)
    extents: dict[str, tuple[int, int]] = field(default_factory=dict)  # part -> (rows, cols) of values
    uncached: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)  # formulas, no value
    biff12: dict[str, Biff12Scanner] = field(default_factory=dict)  # .xlsb sheet parts: merges, columns
    unsafe_media: set[str] = field(default_factory=set)  # pictures (SVG) carrying a DOCTYPE
    duplicate: str | None = None  # a member name held twice (as looked up): no package has one

    def info(self, name: str) -> zipfile.ZipInfo | None:
        real = self.names.get(normalise(name))
        if real is None:
            return None
        for i in self.infos:
            if i.filename == real:
                return i
        return None


def open_zip(data: bytes, file_name: str, max_unpacked: int) -> ZipView:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, struct.error) as exc:
        raise msg.refuse(file_name, msg.damaged_zip()) from exc
    if len(infos) > MAX_MEMBERS:
        raise msg.refuse(file_name, msg.zip_too_many_members(len(infos)))
    declared = sum(max(i.file_size, 0) for i in infos)
    if declared > max_unpacked:
        raise msg.refuse(file_name, msg.zip_too_big(declared, max_unpacked))
    for i in infos:
        if i.file_size > RATIO_MIN_BYTES and i.file_size > RATIO_LIMIT * max(i.compress_size, 1):
            raise msg.refuse(file_name, msg.zip_ratio(i.filename, i.file_size / max(i.compress_size, 1)))
    names: dict[str, str] = {}
    duplicate = None
    for i in infos:
        key = normalise(i.filename)
        if key in names and not i.is_dir():
            duplicate = i.filename
        names[key] = i.filename
    return ZipView(names=names, infos=infos, duplicate=duplicate)


def read_member(data: bytes, view: ZipView, name: str, file_name: str) -> bytes | None:
    """One member's whole content (inflated under the same cap), or None when there is none."""
    info = view.info(name)
    if info is None or info.is_dir():
        return None
    if info.flag_bits & 0x1:
        raise msg.refuse(file_name, msg.encrypted())
    return b"".join(_inflate(data, info, file_name))


def member_display_name(info: zipfile.ZipInfo) -> str:
    """Chinese Windows zips store names in GBK without the UTF-8 flag; zipfile decodes them as cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def spreadsheet_members(view: ZipView) -> list[str]:
    out = []
    for info in view.infos:
        name = member_display_name(info)
        if not info.is_dir() and name.lower().endswith(_SPREADSHEET_EXT) and "__macosx" not in name.lower():
            out.append(name.rsplit("/", 1)[-1])
    return out


def scan_members(
    data: bytes,
    view: ZipView,
    file_name: str,
    keep_full: frozenset[str] = frozenset(),
    measure_sheets: bool = False,
    biff12: bool = False,
) -> None:
    """Inflate every member (capped at its declared size) and refuse DOCTYPE/ENTITY in XML parts.

    ``view.kept`` then holds, per normalised member name, the whole content of the members named in
    ``keep_full`` (normalised names) and the first 64 KB of every other member (enough for a
    sheet's ``<cols>``). With ``measure_sheets``, ``view.extents`` holds how far the values of every
    part reach and ``view.uncached`` the formulas without a cached value (see ``_extent``). With
    ``biff12`` (an .xlsb package) the binary parts are not XML: they are not searched for
    declarations, and each binary sheet part is walked by a :class:`Biff12Scanner` instead.
    """
    for info in view.infos:
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            raise msg.refuse(file_name, msg.encrypted())
        lname = normalise(info.filename)
        keep_all = lname in keep_full
        kept: list[bytes] = []
        kept_len = 0
        tail = b""
        first = True
        scan = True
        extent: ExtentScanner | Biff12Scanner | None = None
        for chunk in _inflate(data, info, file_name):
            if first:
                first = False
                # Every part is scanned whatever its name (a relationship may point a worksheet at
                # any name), except images and OLE blobs (vbaProject.bin), recognised by content.
                scan = not chunk.startswith(_BINARY_MAGIC)
                if biff12 and scan and chunk[:1] >= b"\x80" and not chunk.startswith(_TEXT_BOMS):
                    scan = False  # a BIFF12 record stream (its first record type is ≥ 0x80)
                    if measure_sheets and chunk.startswith(_BIFF12_SHEET):
                        extent = Biff12Scanner()
                elif measure_sheets and scan:
                    extent = ExtentScanner()  # a part without <c>…</c> cells costs one C-level search
            if scan:
                window = tail + chunk if tail else chunk
                # every declaration starts with "<!" (UTF-8) or "<\0!" (UTF-16): look closer only then
                if b"<!" in window or b"<\x00!" in window:
                    low = window.lower()
                    if any(p in low for p in _PATTERNS):
                        if not lname.endswith(_MEDIA_XML):
                            raise msg.refuse(file_name, msg.unsafe_xml())
                        view.unsafe_media.add(lname)  # an SVG picture may carry a DOCTYPE: refused
                        scan = False  # only if the workbook points at it as a part to parse
                tail = window[-_OVERLAP:]
            if keep_all or kept_len < _PREFIX_KEEP:
                kept.append(chunk)
                kept_len += len(chunk)
            if extent is not None:
                extent.feed(chunk)
        view.kept[lname] = b"".join(kept)
        if extent is not None:
            extent.close()
            if extent.mode == NEEDS_TOKENS:  # a cell without r="…": place cells by counting
                extent = ExtentScanner(tokens=True)
                for chunk in _inflate(data, info, file_name):
                    extent.feed(chunk)
                extent.close()
            if extent.mode == TOO_COMPLEX:
                raise msg.refuse(file_name, msg.damaged("工作表内容结构异常"))
            view.extents[lname] = extent.extent
            if extent.uncached:
                view.uncached[lname] = extent.uncached
            if isinstance(extent, Biff12Scanner):
                view.biff12[lname] = extent


def rebuild(
    data: bytes,
    view: ZipView,
    file_name: str,
    rename: Callable[[str], str] | None = None,
    replace: dict[str, bytes] | None = None,
) -> bytes:
    """The package again, in memory and uncompressed: each member under ``rename(its name)``,
    with the content of the members named in ``replace`` (normalised names) swapped.

    Used only for the few packages calamine cannot take as they are (a sheet it cannot open, an
    .xlsb whose parts are not where calamine looks); every member has passed the guards already.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for info in view.infos:
            if info.is_dir():
                continue
            lname = normalise(info.filename)
            content = (replace or {}).get(lname)
            if content is None:
                content = b"".join(_inflate(data, info, file_name))
            z.writestr(rename(info.filename) if rename else info.filename, content)
    return out.getvalue()


def _inflate(data: bytes, info: zipfile.ZipInfo, file_name: str) -> Iterator[bytes]:
    """Yield the member's bytes, never more than its declared size (refuse if the data says more)."""
    offset = info.header_offset
    header = data[offset : offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise msg.refuse(file_name, msg.damaged_zip())
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    start = offset + 30 + name_len + extra_len
    raw = data[start : start + info.compress_size]
    if len(raw) < info.compress_size:
        raise msg.refuse(file_name, msg.damaged_zip())
    declared = info.file_size
    if info.compress_type == zipfile.ZIP_STORED:
        if len(raw) != declared:
            raise msg.refuse(file_name, msg.damaged_zip())
        for i in range(0, len(raw), _CHUNK):
            yield raw[i : i + _CHUNK]
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise msg.refuse(file_name, msg.damaged("文件使用了不支持的压缩方式"))
    d = zlib.decompressobj(-15)
    produced = 0
    pending = raw
    try:
        while True:
            out = d.decompress(pending, _CHUNK)
            pending = d.unconsumed_tail
            if out:
                produced += len(out)
                if produced > declared:
                    raise msg.refuse(file_name, msg.zip_inflates_beyond_declared(info.filename))
                yield out
            if d.eof or (not pending and not out):
                break
        rest = d.flush()
    except zlib.error as exc:
        raise msg.refuse(file_name, msg.damaged_zip()) from exc
    if rest:
        produced += len(rest)
        if produced > declared:
            raise msg.refuse(file_name, msg.zip_inflates_beyond_declared(info.filename))
        yield rest
    if produced != declared:
        raise msg.refuse(file_name, msg.damaged_zip())
