"""Returns as they arrive (issue 15), end to end through import_returns and the command line: a
folder of saved mails, a zip made on a Chinese Windows PC, the files passed over named with why,
the sender's address for a sheet that names no unit, the mail's date for a missing 填报日期, the
same attachment twice, and undo of a zip member's batch."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import openpyxl
from sqlalchemy import select

from greentasks.cli import main
from greentasks.domain.periods import require_period
from greentasks.models import ImportBatch, ProgressEntry
from greentasks.services import actions
from greentasks.services.directory import DirectoryIndex
from greentasks.services.exports import export_templates
from greentasks.services.returns_import import import_returns
from greentasks.services.undo import undo_batch
from tests.factories import fill_template
from tests.inbox._shapes import zip_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _templates(db, folder: Path, units: tuple[str, ...]) -> dict[str, Path]:
    """The 2023Q2 templates of these units, filled in as the units would."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = export_templates(db, folder, require_period("2023Q2"), today=date(2023, 7, 5))
    found = {}
    for unit in units:
        path = next(p for p in paths if unit in p.name)
        found[unit] = fill_template(path, reported_on=date(2023, 7, 3))
    return found


def _windows_zip(members: dict[str, bytes]) -> bytes:
    """A zip as Windows' "发送到 › 压缩文件夹" makes it on a Chinese PC: names in GBK, no UTF-8 flag."""
    data = zip_bytes([(name.encode("gbk"), content) for name, content in members.items()])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert not any(i.flag_bits & 0x800 for i in zf.infolist())
    return data


def _mail(path: Path, *, sender: str, subject: str, attachments: dict[str, bytes],
          when: datetime = datetime(2023, 7, 4, 10, 30)) -> Path:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "dcb@nc.gov.cn"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg.set_content("报送本期进展情况，请查收。")
    for name, data in attachments.items():
        maintype, subtype = ("application", "zip") if name.endswith(".zip") else XLSX.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    path.write_bytes(bytes(msg))
    return path


def _free_return(path: Path, *, task_no: int, reported_on: object) -> Path:
    """A unit's own sheet: no 填报单位 anywhere (its mail says who sent it)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["重点任务推进情况表"])
    ws.append(["报送期：2023年第二季度", None, None, "填报日期：", reported_on])
    ws.append(["任务编号", "完成状态", "进展情况", "存在问题", "下步计划"])
    ws.append([task_no, "推进中", "本季度完成了项目招标。", "无", "开工建设"])
    wb.save(path)
    return path


def test_a_folder_of_mails_a_windows_zip_and_loose_returns(example_db, tmp_path, capsys):
    units = ("区发展改革委", "区财政局", "区经济信息委", "区生态环境局")
    made = _templates(example_db, tmp_path / "made", units)
    inbox = tmp_path / "收件"
    inbox.mkdir()
    # two loose returns
    for unit in units[:2]:
        (inbox / made[unit].name).write_bytes(made[unit].read_bytes())
    # a zip from a Windows PC holding a third unit's return and a Word note
    (inbox / "经信委报送.zip").write_bytes(_windows_zip({
        f"二季度/{made[units[2]].name}": made[units[2]].read_bytes(), "二季度/说明.docx": b"PK\x03\x04 not really"}))
    # a saved mail with the fourth unit's return, and one with a photo only
    _mail(inbox / "生态环境局报送.eml", sender="区生态环境局 <sthjj@nc.gov.cn>", subject="二季度进展情况",
          attachments={made[units[3]].name: made[units[3]].read_bytes()})
    _mail(inbox / "照片.eml", sender="x@nc.gov.cn", subject="现场照片", attachments={"现场.jpg": b"\xff\xd8\xff\xe0"})
    (inbox / f"~${made[units[0]].name}").write_bytes(b"lock")
    (inbox / "通知.docx").write_bytes(b"PK\x03\x04")

    report = import_returns(example_db, [inbox])
    by_name = {f.name: f for f in report.files}
    member = f"经信委报送.zip/二季度/{made[units[2]].name}"
    attachment = f"生态环境局报送.eml/{made[units[3]].name}"
    assert {made[units[0]].name, made[units[1]].name, member, attachment} <= set(by_name)
    assert all(by_name[n].outcome == "imported" for n in (member, attachment)), [
        str(p) for f in report.files for p in f.errors]
    assert by_name[attachment].mail.sender_address == "sthjj@nc.gov.cn"
    passed = {p.name: p.reason for p in report.passed}
    assert any(n.startswith("~$") for n in passed)
    assert "通知.docx" in passed
    assert any("说明.docx" in n for n in passed)
    assert any("照片.eml" in n for n in passed)
    with example_db.reading() as s:
        names = set(s.scalars(select(ImportBatch.file_name)))
    assert member in names and attachment in names

    # the command line names every file it passed over; JSON carries the names and the mail
    capsys.readouterr()
    code = main(["--db", str(example_db.sqlite_path or example_db.url), "import-returns", str(inbox), "--dry-run"])
    out, err = capsys.readouterr()
    out += err  # the clerk's lines go to stderr, the JSON alone to stdout
    assert code == 0, err
    assert "未处理的文件" in out and "通知.docx" in out and "~$" in out
    assert "来自邮件“二季度进展情况”" in out
    main(["--db", str(example_db.sqlite_path or example_db.url), "import-returns", str(inbox), "--dry-run", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert {s["name"] for s in data["skipped"]} == set(passed)
    mailed = next(f for f in data["files"] if f["name"] == attachment)
    assert mailed["mail"]["subject"] == "二季度进展情况" and mailed["outcome"] == "duplicate"

    # undoing the zip member's batch takes its reports away
    with example_db.reading() as s:
        batch_id = s.scalar(select(ImportBatch.id).where(ImportBatch.file_name == member))
    with example_db.reading() as s:
        assert s.scalars(select(ProgressEntry.id).where(ProgressEntry.batch_id == batch_id)).all()
    undo_batch(example_db, batch_id)
    with example_db.reading() as s:
        assert not s.scalars(select(ProgressEntry.id).where(ProgressEntry.batch_id == batch_id)).all()
    again = import_returns(example_db, [inbox / "经信委报送.zip"])
    assert [f.outcome for f in again.files] == ["imported"]


def test_the_sender_names_the_unit_and_the_mail_dates_the_return(example_db, tmp_path):
    with example_db.reading() as s:
        dep_id = DirectoryIndex(s).resolve("区发展改革委").id
    actions.save_unit(example_db, dep_id, email="fgw@nc.gov.cn")
    sheet = _free_return(tmp_path / "二季度进展.xlsx", task_no=1, reported_on=None)
    mail = _mail(tmp_path / "报送.eml", sender="办公室 <FGW@nc.gov.cn>", subject="报送",
                 attachments={"二季度进展.xlsx": sheet.read_bytes()}, when=datetime(2023, 7, 4, 10, 30))
    (outcome,) = import_returns(example_db, [mail]).files
    assert outcome.outcome == "imported", [str(p) for p in outcome.errors]
    assert outcome.department == "区发展改革委"
    with example_db.reading() as s:
        entry = s.scalars(select(ProgressEntry).where(ProgressEntry.period == "2023Q2")
                          .order_by(ProgressEntry.id.desc())).first()
        assert entry.reported_on == date(2023, 7, 4)
    # the same attachment in a second mail is the same file
    second = _mail(tmp_path / "转发.eml", sender="fgw@nc.gov.cn", subject="转发：报送",
                   attachments={"二季度进展（再发）.xlsx": sheet.read_bytes()})
    (dup,) = import_returns(example_db, [second]).files
    assert dup.outcome == "duplicate"


def test_rar_and_7z_are_refused_saying_to_unpack_them(example_db, tmp_path):
    rar = tmp_path / "报送.rar"
    rar.write_bytes(b"Rar!\x1a\x07\x01\x00" + b"\x00" * 40)
    seven = tmp_path / "报送.7z"
    seven.write_bytes(b"7z\xbc\xaf\x27\x1c" + b"\x00" * 40)
    report = import_returns(example_db, [rar, seven])
    assert [f.outcome for f in report.files] == ["refused", "refused"]
    assert all("解压" in f.errors[0].message for f in report.files)
    assert report.exit_code == 1
