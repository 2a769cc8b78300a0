"""What the clerk gave (files and folders) → the spreadsheets to import, and what was passed over.

:func:`collect` looks at each path given:

* a folder: every file in it, sorted by name (not its subfolders, which are named as passed);
* a spreadsheet by its extension: taken as it is, read later from disk by the reader's guards;
* a ``.zip`` (judged by its members: an .xlsx/.ods renamed .zip is a spreadsheet): every
  spreadsheet inside, held in memory as ``名称.zip/内层文件.xlsx``; a zip inside it is opened too,
  one level only;
* a mail: ``.eml``, an mbox file (Thunderbird's folders have no extension: recognised by
  content), Outlook's ``.msg``: every attachment that is a spreadsheet or a zip, as
  ``邮件.eml/附件.xlsx`` with the mail it came in (sender, subject, date); a mail attached to it
  (转发为附件) is opened one level;
* anything else: in a folder, zip or mail it is named as passed over, with why; given by itself,
  it is handed to the reader, which decides by content and says what it is.

Nothing is ever extracted or written to disk: members and attachments are read into memory, so
a member named ``../../x.xlsx`` or ``C:\\x.xlsx`` could not reach the disk anyway; it is still
refused by name, as a sign of a hostile archive. The guards below bound memory and work. Nothing
raises: what cannot be opened is an :class:`~greentasks.errors.Problem` in ``Inbox.refused``
whose ``file`` is the name shown. Duplicates are not looked for here (the import finds them by
content), except that the same file on disk given twice is collected once.
"""

from __future__ import annotations

import io
import logging
import mmap
import os
import re
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path, PurePosixPath

import olefile

from ..errors import Problem
from ..excel.reader import MAX_FILE_BYTES, MAX_UNPACKED_BYTES
from . import _mail, _msg, _names
from . import _words as words
from .items import Inbox, MailInfo, Passed, Received

log = logging.getLogger(__name__)

# --- guards ------------------------------------------------------------------------------------------
# A unit's zip holds a handful of returns; 200 files is a whole district's worth. More is a backup
# of someone's disk or a crafted archive, and is refused before anything is inflated.
MAX_MEMBERS = 200
# A member or attachment is a spreadsheet the reader refuses above this size anyway
# (excel.reader.MAX_FILE_BYTES); checked on the zip's directory, before inflating.
MAX_MEMBER_BYTES = MAX_FILE_BYTES
# Everything one file given (one message of an mbox) unpacks to, nested zips included: the
# declared sizes are added up on the directories before inflating (the reader's own limit).
MAX_TOTAL_BYTES = MAX_UNPACKED_BYTES
# One saved mail, or one message of an mbox: 政务邮箱 caps attachments near 50 MB and base64
# adds a third; a larger "mail" is not one a unit sent.
MAX_MAIL_BYTES = 100 * 1024 * 1024
# A zip and a zip inside it; deeper nesting is refused (each level multiplies the work).
MAX_ZIP_DEPTH = 2
# A mail and a mail attached to it (转发为附件); the attached mail's own attached mails are named.
MAX_MAIL_DEPTH = 2
_HEAD = 16384  # bytes read to recognise a file by content

SPREADSHEET_SUFFIXES = frozenset({
    ".xlsx", ".xlsm", ".xlsb", ".xls", ".et", ".ods", ".fods", ".csv", ".tsv", ".htm", ".html", ".xml",
    ".mht", ".mhtml", ".xltx", ".xltm", ".xlt", ".ett",
})
MAIL_SUFFIXES = {".eml": "eml", ".mbox": "mbox", ".mbx": "mbox", ".msg": "msg"}
ARCHIVE_SUFFIXES = {".rar": "RAR", ".7z": "7z", ".tar": "tar", ".gz": "gzip", ".tgz": "gzip", ".bz2": "bzip2",
                    ".xz": "xz", ".cab": "CAB", ".arj": "ARJ", ".lzh": "LZH", ".zst": "zstd", ".zipx": "ZIPX"}
_ARCHIVE_MAGIC = ((b"Rar!\x1a\x07", "RAR"), (b"7z\xbc\xaf\x27\x1c", "7z"), (b"\x1f\x8b", "gzip"),
                  (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"), (b"MSCF", "CAB"))
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TAKEN = ("sheet", "zip", "eml", "mbox", "msg")
# mails by the hundred: a message that cannot hold an attachment needs only its header parsed
_MAYBE_ATTACHMENT = re.compile(rb"(?i)name|attachment|message/|application/|ms-tnef")


def collect(paths: Iterable[str | Path]) -> Inbox:
    """The spreadsheets in the files and folders given, and every file passed over or refused."""
    collector = _Collector()
    for given in paths:
        collector.given(Path(given))
    return collector.inbox


@dataclass(frozen=True)
class _Where:
    """Where a file found inside something came from, and how deep it sits."""

    source: Path
    mtime: float
    mail: MailInfo | None = None
    zips: int = 0  # zip archives around it
    mails: int = 0  # mails around it
    hints: tuple[str, ...] = ()  # the containers' hints, innermost first


class _Collector:
    def __init__(self) -> None:
        self.inbox = Inbox()
        self.seen: set[str] = set()
        self.left = MAX_TOTAL_BYTES  # what the current file given may still unpack to

    # --- the paths given ---------------------------------------------------------------------------

    def given(self, path: Path) -> None:
        name = path.name or str(path)
        try:
            if path.is_dir():
                self.folder(path)
            elif path.exists():
                self.loose(path, explicit=True)
            else:
                self.refuse(name, words.missing())
        except Exception:  # never a traceback on the clerk's screen: logged, named, skipped
            log.exception("collecting %s", path)
            self.refuse(name, words.unexpected())

    def folder(self, path: Path) -> None:
        if not self.first_time(path):
            return
        try:
            children = sorted(path.iterdir(), key=lambda c: (c.name.casefold(), c.name))
        except OSError:
            self.refuse(path.name or str(path), words.unreadable_folder())
            return
        for child in children:
            try:
                if child.is_dir():
                    self.passed(child.name, words.FOLDER_SUB)
                else:
                    self.loose(child, explicit=False)
            except Exception:
                log.exception("collecting %s", child)
                self.refuse(child.name, words.unexpected())

    def loose(self, path: Path, *, explicit: bool) -> None:
        if not self.first_time(path):
            return
        self.left = MAX_TOTAL_BYTES
        name = path.name
        reason = _not_a_return(name)
        if reason:
            self.passed(name, reason)
            return
        try:
            mtime = path.stat().st_mtime
        except OSError:
            self.refuse(name, words.unreadable())
            return
        where = _Where(source=path, mtime=mtime)
        kind = _kind_by_name(name)
        if kind == "other" and not explicit:
            self.passed(name, words.not_taken(name))
            return
        if kind == "other" and words.known_kind(name):
            # given by itself: the reader says what it is ("这是一个Word文档…")
            self.inbox.items.append(Received(source=path, name=name, mtime=mtime, hints=_hints(path.stem)))
            return
        if kind == "msg":
            head = _read_head(path, 4096)
            if not head.startswith(_OLE_MAGIC) and _mail.looks_like_mail(head):
                kind = "eml"  # a saved mail named .msg
        elif kind in ("other", "none", "zip"):
            sniffed = _sniff(_read_head(path), lambda: olefile.OleFileIO(str(path)))
            if kind == "zip":
                # named .zip but not one: another archive, a mail, a workbook; else damaged
                kind = sniffed or ("other" if explicit else "bad zip")
            else:
                kind = sniffed or ("other" if explicit else "none")
        if kind == "none":
            self.passed(name, words.not_taken(name))
        elif kind in ("sheet", "other"):
            self.inbox.items.append(Received(source=path, name=name, mtime=mtime, hints=_hints(path.stem)))
        elif kind == "bad zip":
            self.refuse(name, words.zip_damaged(name))
        elif kind.startswith("archive:"):
            self.refuse(name, words.other_archive(kind.split(":", 1)[1]))
        elif kind == "zip":
            try:
                zf = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, KeyError):
                self.refuse(name, words.zip_damaged(name))
                return
            with zf:
                self.archive(zf, name, where, None, explicit=explicit)
        elif kind == "mbox":
            self.mbox_file(path, name, where)
        else:
            data = self.read_mail_file(path, name)
            if data is not None:
                self.mail(name, data, kind, where, None)

    def read_mail_file(self, path: Path, name: str) -> bytes | None:
        try:
            size = path.stat().st_size
            if size > MAX_MAIL_BYTES:
                self.refuse(name, words.mail_too_big(size, MAX_MAIL_BYTES))
                return None
            with path.open("rb") as fh:
                return fh.read(MAX_MAIL_BYTES + 1)
        except OSError:
            self.refuse(name, words.unreadable())
            return None

    def mbox_file(self, path: Path, name: str, where: _Where) -> None:
        try:
            with path.open("rb") as fh:
                if os.fstat(fh.fileno()).st_size == 0:
                    self.passed(name, words.EMPTY_MAILBOX)
                    return
                # mapped, not read: a Thunderbird folder may be gigabytes; messages are sliced out
                with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as buf:
                    self.mbox(name, buf, where, own_budget=True)
        except OSError:
            self.refuse(name, words.unreadable())

    # --- mail ----------------------------------------------------------------------------------------

    def mbox(self, shown: str, buf, where: _Where, *, own_budget: bool) -> None:
        """Every message of an mbox; with ``own_budget`` (a file given) each message may unpack
        MAX_TOTAL_BYTES, else (an mbox inside a zip or mail) they share what is left."""
        n = 0
        for start, end in _mail.mbox_messages(buf):
            n += 1
            one = f"{shown}/第{n}封"
            if end - start > MAX_MAIL_BYTES:
                self.refuse(one, words.mail_too_big(end - start, MAX_MAIL_BYTES))
                continue
            data = bytes(buf[start:end])
            if _mail.deleted_in_thunderbird(data):
                self.passed(one, words.THUNDERBIRD_DELETED)
                continue
            if own_budget:
                self.left = MAX_TOTAL_BYTES
            try:
                self.mail(one, data, "eml", where, n)
            except Exception:
                log.exception("collecting %s", one)
                self.refuse(one, words.unexpected())
        if n == 0:  # no "From " line: one message saved under an mbox name
            if len(buf) > MAX_MAIL_BYTES:
                self.refuse(shown, words.mail_too_big(len(buf), MAX_MAIL_BYTES))
            else:
                self.mail(shown, bytes(buf), "eml", where, None)

    def mail(self, shown: str, data: bytes, kind: str, where: _Where, index: int | None) -> None:
        open_attached = where.mails + 1 < MAX_MAIL_DEPTH
        try:
            if kind == "msg":
                letter = _msg.parse_msg(data, open_attached=open_attached, limit=MAX_MAIL_BYTES)
            elif _MAYBE_ATTACHMENT.search(data):
                letter = _mail.parse_eml(data, open_attached=open_attached)
            else:
                letter = _mail.parse_head(data)
        except Exception:  # the email package and olefile raise many kinds on broken input
            log.warning("cannot parse the mail %s", shown, exc_info=True)
            self.refuse(shown, words.mail_damaged())
            return
        self.letter(shown, letter, where, index)

    def letter(self, shown: str, letter: _mail.Letter, where: _Where, index: int | None) -> None:
        info = MailInfo(source=where.source, sender_name=letter.sender_name, sender_address=letter.sender_address,
                        subject=letter.subject, sent=letter.sent, index=index)
        if not letter.attachments:
            self.passed(shown, words.mail_without_attachment(info.words()))
            return
        inner = replace(where, mail=info, mails=where.mails + 1, hints=_hints(letter.subject, *where.hints),
                        mtime=letter.stamp if letter.stamp is not None else where.mtime)
        for att in letter.attachments:
            one = f"{shown}/{att.name}"
            try:
                self.attachment(one, att, inner, index)
            except Exception:
                log.exception("collecting %s", one)
                self.refuse(one, words.unexpected())

    def attachment(self, shown: str, att: _mail.Attachment, where: _Where, index: int | None) -> None:
        if att.reason:
            self.passed(shown, att.reason)
            return
        if att.letter is not None:
            self.letter(shown, att.letter, where, index)
            return
        data = att.data
        kind = _kind_by_name(att.name, att.content_type)
        if kind in ("none", "other") and data is not None:
            kind = _sniff(data[:_HEAD], lambda: olefile.OleFileIO(io.BytesIO(data))) or kind
        if kind not in _TAKEN and not kind.startswith("archive:"):
            self.passed(shown, words.attachment_not_taken(att.name))
            return
        limit = MAX_TOTAL_BYTES if kind in ("zip", "mbox") else MAX_MEMBER_BYTES
        if data is None or att.size > limit:
            self.refuse(shown, words.attachment_too_big(att.size, limit))
            return
        self.content(shown, att.name, data, where, kind)

    # --- content found inside a zip or a mail --------------------------------------------------------

    def content(self, shown: str, file_name: str, data: bytes, where: _Where, kind: str) -> None:
        if kind == "sheet":
            if len(data) > MAX_MEMBER_BYTES:
                self.refuse(shown, words.attachment_too_big(len(data), MAX_MEMBER_BYTES))
                return
            self.inbox.items.append(Received(source=where.source, name=shown, data=data, mtime=where.mtime,
                                             mail=where.mail, hints=_hints(_stem(file_name), *where.hints)))
        elif kind == "zip":
            if not data.startswith(b"PK"):
                fmt = _archive_magic(data)
                self.refuse(shown, words.other_archive(fmt) if fmt else words.zip_damaged(file_name))
                return
            try:
                zf = zipfile.ZipFile(io.BytesIO(data))
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, KeyError):
                self.refuse(shown, words.zip_damaged(file_name))
                return
            with zf:
                self.archive(zf, shown, where, data, explicit=False)
        elif kind in ("eml", "msg", "mbox"):
            if where.mails >= MAX_MAIL_DEPTH:
                self.passed(shown, words.INLINE_MAIL_TOO_DEEP)
            elif kind == "mbox":
                self.mbox(shown, data, where, own_budget=False)
            else:
                self.mail(shown, data, kind, where, where.mail.index if where.mail else None)
        elif kind.startswith("archive:"):
            self.refuse(shown, words.other_archive(kind.split(":", 1)[1]))

    # --- zip -------------------------------------------------------------------------------------------

    def archive(self, zf: zipfile.ZipFile, shown: str, where: _Where, data: bytes | None, *, explicit: bool) -> None:
        """A zip: a spreadsheet package named .zip, or an archive whose members are looked at."""
        zip_name = shown.rsplit("/", 1)[-1]
        infos = zf.infolist()
        package = _package(zf, infos)
        if package == "sheet" or (package and explicit):
            # the reader reads it (a loose file from disk, with its guards) and says what it is
            self.inbox.items.append(Received(source=where.source, name=shown, data=data, mtime=where.mtime,
                                             mail=where.mail, hints=_hints(_stem(zip_name), *where.hints)))
            return
        if package:
            self.passed(shown, words.not_spreadsheet_package(package, PurePosixPath(zip_name).suffix))
            return
        if where.zips >= MAX_ZIP_DEPTH:
            self.refuse(shown, words.zip_too_deep())
            return
        members = [(n, i) for i in infos if (n := _member(i)) is not None]
        if not members:
            self.refuse(shown, words.zip_empty(zip_name))
            return
        if len(members) > MAX_MEMBERS:
            self.refuse(shown, words.zip_too_many(zip_name, len(members), MAX_MEMBERS))
            return
        declared = sum(max(i.file_size, 0) for _, i in members)
        if declared > self.left:
            self.refuse(shown, words.zip_too_big(zip_name, declared, MAX_TOTAL_BYTES))
            return
        self.left -= declared
        inner = replace(where, zips=where.zips + 1)
        zip_stem = _stem(zip_name)
        passed: list[Passed] = []
        others: list[str] = []
        taken = 0
        for name, info in sorted(members, key=lambda m: m[0].replace("\\", "/").casefold()):
            path = name.replace("\\", "/")
            if _unsafe(path):
                self.refuse(shown, words.unsafe_path(name))
                taken += 1
                continue
            parts = [p for p in path.split("/") if p not in ("", ".")]
            if not parts:
                continue  # "./": no file
            path, file_name = "/".join(parts), parts[-1]
            one = f"{shown}/{path}"
            reason = _not_a_return(file_name)
            kind = "other" if reason else _kind_by_name(file_name)
            if kind == "other":
                passed.append(Passed(one, reason or words.not_taken(file_name)))
                others.append(file_name)
                continue
            taken += 1
            if kind.startswith("archive:"):
                self.refuse(one, words.other_archive(kind.split(":", 1)[1]))
                continue
            if info.flag_bits & 0x1:
                self.refuse(shown, words.encrypted_member(path))
                continue
            if info.file_size > MAX_MEMBER_BYTES:
                self.refuse(shown, words.member_too_big(path, info.file_size, MAX_MEMBER_BYTES))
                continue
            try:
                member = self.inflate(zf, info, shown, path)
                if member is None:
                    continue
                if kind == "none":
                    kind = _sniff(member[:_HEAD], lambda b=member: olefile.OleFileIO(io.BytesIO(b))) or "none"
                    if kind == "none":
                        taken -= 1
                        passed.append(Passed(one, words.not_taken(file_name)))
                        others.append(file_name)
                        continue
                stamp = _zip_time(info)
                member_where = replace(inner, mtime=stamp if stamp is not None else where.mtime,
                                       hints=_hints(*reversed(parts[:-1]), zip_stem, *where.hints))
                self.content(one, file_name, member, member_where, kind)
            except Exception:
                log.exception("collecting %s", one)
                self.refuse(one, words.unexpected())
        if not taken:
            self.refuse(shown, words.zip_without_sheets(zip_name, others))
            return
        self.inbox.passed.extend(passed)

    def inflate(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str, path: str) -> bytes | None:
        """The member's bytes, never more than its declared size (a lying size is refused)."""
        try:
            with zf.open(info) as fh:
                data = fh.read(info.file_size + 1)
        except zipfile.BadZipFile as exc:  # a CRC mismatch: the content is not what the directory says
            self.refuse(shown, words.member_lies(path) if "CRC" in str(exc) else words.member_damaged(path))
            return None
        except (RuntimeError, NotImplementedError, OSError, EOFError, ValueError, zlib.error, zipfile.LargeZipFile):
            # RuntimeError: encrypted although this header has no flag; NotImplementedError: a
            # compression method zipfile lacks (Deflate64, …); zlib.error: a broken deflate stream
            self.refuse(shown, words.member_damaged(path))
            return None
        if len(data) > info.file_size:
            self.refuse(shown, words.member_lies(path))
            return None
        return data

    # --- recording -------------------------------------------------------------------------------------

    def first_time(self, path: Path) -> bool:
        try:
            key = os.path.normcase(str(path.resolve()))
        except (OSError, RuntimeError):
            key = os.path.normcase(os.path.abspath(path))
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def passed(self, name: str, reason: str) -> None:
        self.inbox.passed.append(Passed(name, reason))

    def refuse(self, name: str, message: str) -> None:
        self.inbox.refused.append(Problem(message, file=name))


# --- judging a file --------------------------------------------------------------------------------------


def _not_a_return(name: str) -> str | None:
    """Why a file is plainly no return (a lock file of Excel/WPS, a system file), else None."""
    if name.startswith(("~$", ".~")):
        return words.LOCK
    return words.system_file(name)


def _kind_by_name(name: str, content_type: str = "") -> str:
    """'sheet', 'zip', 'eml', 'mbox', 'msg', 'archive:RAR', 'other' (a known other suffix or an
    unknown one) or 'none' (no suffix: judged by content)."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        return "sheet"
    if suffix == ".zip":
        return "zip"
    if suffix in MAIL_SUFFIXES:
        return MAIL_SUFFIXES[suffix]
    if suffix in ARCHIVE_SUFFIXES:
        return f"archive:{ARCHIVE_SUFFIXES[suffix]}"
    ctype = content_type.lower()
    if ctype in _mail.SHEET_TYPES and suffix in ("", ".dat", ".bin", ".tmp"):
        return "sheet"
    if ctype in _mail.ZIP_TYPES and suffix in ("", ".dat", ".bin", ".tmp"):
        return "zip"
    if ctype in _mail.MAIL_TYPES and not suffix:
        return MAIL_SUFFIXES[_mail.MAIL_TYPES[ctype]]
    if not suffix or not re.fullmatch(r"\.[a-z0-9]{1,6}", suffix):
        return "none"  # "报表" or "南川区.水利局": the part after the dot is no extension
    return "other"


def _sniff(head: bytes, open_ole: Callable[[], olefile.OleFileIO]) -> str | None:
    """What a file is by its first bytes: 'zip', 'eml', 'mbox', 'msg', 'sheet' (an OLE workbook),
    'archive:FMT', or None."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    fmt = _archive_magic(head)
    if fmt:
        return f"archive:{fmt}"
    if head.startswith(_OLE_MAGIC):
        try:
            ole = open_ole()
        except Exception:
            return None
        try:
            if _msg.is_msg(ole):
                return "msg"
            if any(ole.exists(s) for s in ("Workbook", "Book", "EncryptedPackage")):
                return "sheet"
            return None
        finally:
            ole.close()
    if _mail.looks_like_mbox(head):
        return "mbox"
    if _mail.looks_like_mail(head):
        return "eml"
    return None


def _archive_magic(head: bytes) -> str | None:
    for magic, fmt in _ARCHIVE_MAGIC:
        if head.startswith(magic):
            return fmt
    if head[257:262] == b"ustar":
        return "tar"
    return None


def _read_head(path: Path, size: int = _HEAD) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


def _package(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> str | None:
    """'sheet' for a spreadsheet package (.xlsx/.xlsm/.xlsb/.ods, whatever its name), the kind of
    another Office/OpenDocument package ("Word文档"), or None for a plain archive."""
    names = {i.filename.replace("\\", "/").lower(): i for i in infos}
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "sheet"
    if "[content_types].xml" in names:
        tops = {n.split("/", 1)[0] for n in names}
        if "xl" in tops:
            return "sheet"
        if "word" in tops:
            return "Word文档"
        if "ppt" in tops:
            return "PowerPoint演示文稿"
        return "Office文档"
    mimetype = names.get("mimetype")
    if mimetype is not None and "content.xml" in names and mimetype.file_size <= 200:
        try:
            kind = zf.read(mimetype)
        except Exception:
            return None
        if b"opendocument.spreadsheet" in kind:
            return "sheet"
        if b"opendocument.text" in kind:
            return "OpenDocument文本文档"
        if b"opendocument.presentation" in kind:
            return "OpenDocument演示文稿"
        if b"opendocument" in kind:
            return "OpenDocument文档"
    return None


def _member(info: zipfile.ZipInfo) -> str | None:
    """A member's name as its maker meant it, or None for what is no file (a folder entry, the
    "__MACOSX/" copies of Finder's metadata)."""
    name = _names.member_name(info)
    path = name.replace("\\", "/")
    if path.endswith("/") or info.is_dir():
        return None
    parts = [p for p in path.split("/") if p]
    if not parts or parts[0].casefold() == "__macosx":
        return None
    return name


def _unsafe(path: str) -> bool:
    """An absolute path (/x, C:\\x, \\\\server\\x) or one climbing out with ".."."""
    return path.startswith("/") or bool(re.match(r"[A-Za-z]:", path)) or ".." in path.split("/")


def _zip_time(info: zipfile.ZipInfo) -> float | None:
    """The member's date (local time, as zip stores it) as a POSIX time, None when unset or bad."""
    try:
        when = datetime(*info.date_time)
        return None if when.year <= 1980 and when.month == 1 and when.day == 1 else time.mktime(when.timetuple())
    except (ValueError, OverflowError, OSError, TypeError):
        return None


def _stem(file_name: str) -> str:
    return PurePosixPath(file_name).stem if "." in file_name else file_name


def _hints(*texts: str) -> tuple[str, ...]:
    out: list[str] = []
    for text in texts:
        text = " ".join((text or "").split())
        if text and text not in out:
            out.append(text)
    return tuple(out)
