"""A mailbox-full of returns for the benchmark (mail200_s) and its test: saved .eml mails from the
office's units, each with one to three attachments, some of them zips holding one to three
returns, written the ways real mailers and PCs write names.

Every return is a unit's own template of the period (exported by the program), filled in as the
unit would; a unit that sends again sends a corrected return (another text, a later 填报日期),
so every return is a different file and every one is imported, the later superseding the earlier.
The mails take turns in how they name their attachments: as Python's email package writes them
(RFC 2231, split over continuation lines when long), as RFC 2047 UTF-8 words, or as RFC 2047
words of GBK bytes labelled gb2312 (Foxmail, older Outlook); their subjects likewise. Half the
zips have GBK member names without the UTF-8 flag (Windows' 发送到 › 压缩文件夹), half UTF-8. Half
the units have a 邮箱 in the directory, and most of their mails come from it.
"""

from __future__ import annotations

import base64
import random
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from greentasks.domain.periods import require_period
from tests.factories import fill_template
from tests.inbox._shapes import XLSX, raw_mail, zip_bytes

CHINA = timezone(timedelta(hours=8))


@dataclass
class MailBatch:
    """What :func:`make_mails` wrote, for checking that an import took all of it."""

    folder: Path
    mails: int = 0
    attachments: int = 0
    zips: int = 0
    names: list[str] = field(default_factory=list)  # every return as the import names it (邮件.eml/…)
    from_units: int = 0  # mails sent from a unit's 邮箱
    versions: dict[str, int] = field(default_factory=dict)  # returns sent, by unit (the last one stands)

    @property
    def returns(self) -> int:
        return len(self.names)


def make_mails(db, folder: Path, *, mails: int = 200, attachments: int = 300, zips: int = 50,
               period: str = "2023Q2", today: date = date(2023, 7, 10), units: list[str] | None = None,
               seed: int = 17) -> MailBatch:
    """``mails`` saved mails in ``folder`` with ``attachments`` attachments in all, ``zips`` of them
    zips; the returns are of ``db``'s units (or of these ``units``) for ``period`` (half of them get
    a 邮箱 in ``db``)."""
    if not mails <= attachments <= 3 * mails or zips > attachments:
        raise ValueError("each mail has one to three attachments")
    rnd = random.Random(seed)
    work = folder.parent / f"{folder.name}.work"
    templates = _templates(db, work / "templates", period, today, units)
    senders = sorted(templates)
    emails = _give_emails(db, senders[::2])
    per_mail = [1] * mails
    for _ in range(attachments - mails):
        per_mail[rnd.choice([m for m in range(mails) if per_mail[m] < 3])] += 1
    folder.mkdir(parents=True, exist_ok=True)
    batch = MailBatch(folder)
    after = require_period(period).end  # the returns come in the days after the period ends
    versions = batch.versions

    def next_return(unit: str) -> tuple[int, bytes]:
        v = versions[unit] = versions.get(unit, 0) + 1
        path = work / "returns" / f"{unit}_{v}.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(templates[unit], path)
        fill_template(path, progress=f"第{v}次报送的进展", reported_on=after + timedelta(days=1 + v % 9))
        return v, path.read_bytes()

    attachment_no = 0
    for m in range(mails):
        unit = senders[m % len(senders)]
        style = m % 3
        mail_name = f"{m + 1:03d}_{unit}报送.eml"
        parts: list[tuple[str, bytes, str]] = []
        for _ in range(per_mail[m]):
            # the zips spread evenly over the attachments
            is_zip = (attachment_no * zips) // attachments != ((attachment_no + 1) * zips) // attachments
            attachment_no += 1
            if is_zip:
                members = []
                for k in range(1 + batch.zips % 3):
                    v, data = next_return(unit)
                    inner = f"{unit}进展情况表（第{v}版）.xlsx"
                    members.append((f"二季度/{inner}" if k % 2 else inner, data))
                name = f"{unit}报送材料{len(parts) + 1}.zip"
                parts.append((name, zip_bytes(members, encoding="gbk" if batch.zips % 2 == 0 else None),
                              "application/zip"))
                batch.names += [f"{mail_name}/{name}/{member}" for member, _ in members]
                batch.zips += 1
            else:
                v, data = next_return(unit)
                name = templates[unit].name if v == 1 else f"{templates[unit].stem}（修改{v}）.xlsx"
                parts.append((name, data, XLSX))
                batch.names.append(f"{mail_name}/{name}")
            batch.attachments += 1
        address = emails.get(unit) if m % 3 != 2 else None
        batch.from_units += address is not None
        sender = f"{unit} <{address}>" if address else f"经办人 <jbr{m:03d}@163.com>"
        sent = datetime(after.year, after.month, after.day, 8, 0, tzinfo=CHINA) + timedelta(days=1, minutes=37 * m)
        (folder / mail_name).write_bytes(
            _mail(f"{unit}报送{require_period(period).label}进展情况", sender, sent, parts, style))
        batch.mails += 1
    return batch


def _templates(db, folder: Path, period: str, today: date, units: list[str] | None) -> dict[str, Path]:
    """The units' templates of the period, by unit (the file is 期_单位_进展情况表.xlsx)."""
    from greentasks.services.exports import export_templates

    paths = export_templates(db, folder, require_period(period), units, today=today)
    return {p.stem.split("_", 1)[1].rsplit("_", 1)[0]: p for p in paths}


def _give_emails(db, units: list[str]) -> dict[str, str]:
    """These units get a 邮箱 in the directory (as the office records them)."""
    from greentasks.services import actions
    from greentasks.services.directory import DirectoryIndex

    emails = {}
    with db.reading() as s:
        index = DirectoryIndex(s)
        ids = {unit: index.resolve(unit).id for unit in units}
    for n, unit in enumerate(units):
        emails[unit] = f"unit{n:02d}@nc.gov.cn"
        actions.save_unit(db, ids[unit], email=emails[unit])
    return emails


def _words(text: str, charset: str, label: str) -> str:
    """``text`` as RFC 2047 base64 words of at most 30 characters each, space-separated."""
    chunks = [text[i:i + 30] for i in range(0, len(text), 30)]
    return " ".join(f"=?{label}?B?{base64.b64encode(c.encode(charset)).decode()}?=" for c in chunks)


def _mail(subject: str, sender: str, sent: datetime, parts: list[tuple[str, bytes, str]], style: int) -> bytes:
    msg = EmailMessage()
    msg["Subject"] = subject if style == 0 else "SUBJECT-PLACEHOLDER"
    msg["From"] = sender
    msg["To"] = "ducha@nc.gov.cn"
    msg["Date"] = format_datetime(sent)
    msg.set_content("附件是本单位本期进展情况，请查收。")
    replace: dict[bytes, bytes] = {}
    for n, (name, data, ctype) in enumerate(parts):
        maintype, subtype = ctype.split("/", 1)
        if style == 0:  # Python's own: RFC 2231
            msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
            continue
        placeholder = f"ATTACHMENT{n}{Path(name).suffix}"
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=placeholder)
        word = _words(name, "utf-8", "UTF-8") if style == 1 else _words(name, "gbk", "gb2312")
        replace[f'filename="{placeholder}"'.encode()] = f'filename="{word}"'.encode()
    if style:
        word = _words(subject, "utf-8", "utf-8") if style == 1 else _words(subject, "gbk", "gb2312")
        replace[b"Subject: SUBJECT-PLACEHOLDER"] = f"Subject: {word}".encode()
    return raw_mail(msg, replace)
