"""What :func:`greentasks.inbox.collect.collect` gives: the spreadsheets to import and what it passed over."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..errors import Problem


@dataclass(frozen=True)
class MailInfo:
    """The mail an attachment came in (sender, subject, date), as the clerk's report names it."""

    source: Path  # the .eml / .msg / mbox file on disk
    sender_name: str = ""
    sender_address: str = ""  # lower-case, "" when the mail names none
    subject: str = ""
    sent: datetime | None = None  # the mail's Date (local time as written), None when absent or unreadable
    index: int | None = None  # 1-based position of the message in an mbox file

    def words(self) -> str:
        """邮件“2023年第一季度进展报送”（发件人：张三 <zhang@nc.gov.cn>，2023年4月6日）"""
        who = " ".join(x for x in (self.sender_name, f"<{self.sender_address}>" if self.sender_address else "") if x)
        parts = [f"发件人：{who}"] if who else []
        if self.sent is not None:
            parts.append(f"{self.sent.year}年{self.sent.month}月{self.sent.day}日")
        subject = f"“{self.subject}”" if self.subject else "（无主题）"
        return f"邮件{subject}" + (f"（{'，'.join(parts)}）" if parts else "")

    def to_json(self) -> dict:
        return {"file": str(self.source), "index": self.index, "sender": self.sender_name,
                "address": self.sender_address, "subject": self.subject,
                "date": self.sent.isoformat() if self.sent else None}


@dataclass(frozen=True)
class Received:
    """One spreadsheet to import, wherever it came from.

    ``name`` is what every message shows: the file's name for a loose file,
    ``名称.zip/内层文件.xlsx`` for a zip member, ``邮件.eml/附件.xlsx`` for an attachment
    (``邮件.eml/附件.zip/内层文件.xlsx`` for a zip attached to a mail). ``data`` is the content,
    held in memory; None for a loose file, which is read from ``source`` with the reader's guards.
    """

    source: Path  # the file on disk it came from
    name: str
    data: bytes | None = None
    mtime: float = 0.0  # the file's time, or the mail's date, for ordering a batch
    mail: MailInfo | None = None
    # Texts that may name the unit or the period besides the sheet itself, most specific first:
    # the member's / attachment's own file stem, the archive's stem, the mail's subject.
    hints: tuple[str, ...] = ()

    @property
    def file_name(self) -> str:
        """The last part of ``name`` (the member's or attachment's own file name)."""
        return self.name.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Passed:
    """A file, member or attachment the program does not take, and why (named in the summary)."""

    name: str  # as in Received.name
    reason: str  # Chinese: "不是表格文件（.docx Word文档）", "Excel 的临时文件（~$ 开头）", …

    def line(self) -> str:
        return f"{self.name}：{self.reason}"


@dataclass
class Inbox:
    """What the clerk's files and folders held."""

    items: list[Received] = field(default_factory=list)
    passed: list[Passed] = field(default_factory=list)  # not taken, and why (never silently)
    refused: list[Problem] = field(default_factory=list)  # containers that could not be opened (file= the name)
