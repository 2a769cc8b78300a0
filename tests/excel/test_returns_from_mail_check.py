"""The return check takes returns as they arrive (issue 15 part 2, per return): a zip member or a
mail attachment is named as the clerk sees it, its unit and period may come from the zip's name,
the mail's subject or the sender's address, and the mail's date stands in for a missing 填报日期.

Each return here is a :class:`Received` built directly, as the inbox gives it, and checked with
services.returns_check.check_file (nothing written)."""

from __future__ import annotations

from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from greentasks.domain.periods import require_period
from greentasks.inbox.items import MailInfo, Received
from greentasks.models import ProgressEntry
from greentasks.services import actions
from greentasks.services.directory import DirectoryIndex
from greentasks.services.exports import export_templates
from greentasks.services.outcomes import FileOutcome
from greentasks.services.returns_check import CheckedReturn, check_file, load_plan
from greentasks.services.returns_import import import_returns

NDRC, FINANCE, ECO = "区发展改革委", "区财政局", "区生态环境局"
SENT = datetime(2023, 4, 7, 16, 20)


def _sheet(path: Path, *, unit: str | None = None, period: str | None = None, reported_on: object = None) -> Path:
    """A unit's own sheet on the standard plan's task 18 (区发展改革委 leads two measures there)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["重点任务推进情况表"])
    ws.append([f"填报单位：{unit}" if unit else None, None, f"报送期：{period}" if period else None])
    ws.append(["填报人：张三", None, "填报日期：", reported_on])
    ws.append(["任务编号", "具体工作", "完成状态", "进展情况", "存在问题", "下步计划"])
    ws.append([18, "光伏发电项目", "推进中", "已完成光伏项目备案3个。", "无", "加快建设"])
    wb.save(path)
    return path


def _mail(sender: str = "", subject: str = "进展情况报送", sent: datetime | None = SENT) -> MailInfo:
    return MailInfo(source=Path("报送.eml"), sender_name="张三", sender_address=sender, subject=subject, sent=sent)


def _attachment(path: Path, mail: MailInfo, name: str | None = None) -> Received:
    return Received(source=mail.source, name=name or f"{mail.source.name}/{path.name}", data=path.read_bytes(),
                    mtime=mail.sent.timestamp() if mail.sent else 0.0, mail=mail,
                    hints=(path.stem, mail.subject))


def _mailbox(db, unit: str, address: str) -> None:
    with db.reading() as session:
        dep_id = DirectoryIndex(session).resolve(unit).id
    actions.save_unit(db, dep_id, email=address)


def _check(db, item, **options) -> CheckedReturn | FileOutcome:
    with db.reading() as session:
        plan = load_plan(session)
    return check_file(item, plan, period_option=options.get("period"), department_option=options.get("department"))


def _ok(db, item, **options) -> CheckedReturn:
    result = _check(db, item, **options)
    assert isinstance(result, CheckedReturn), [str(p) for p in result.errors]
    return result


def test_the_sender_s_address_names_the_unit_of_a_sheet_that_does_not(planned, tmp_path):
    _mailbox(planned, NDRC, "fgw@nc.gov.cn")
    path = _sheet(tmp_path / "进展情况表.xlsx", period="2023年第一季度", reported_on="2023年4月6日")
    checked = _ok(planned, _attachment(path, _mail("fgw@nc.gov.cn")))
    assert checked.outcome.department == NDRC and not checked.outcome.warnings
    assert checked.outcome.name == "报送.eml/进展情况表.xlsx"
    # an address nobody has: the unit cannot be told, and the message says where it looked
    refused = _check(planned, _attachment(path, _mail("someone@163.com")))
    assert isinstance(refused, FileOutcome)
    (error,) = refused.errors
    assert "文件名和邮件主题中也没有单位名称，发件人的邮箱也不是通讯录中哪个单位的" in error.message
    assert error.file == "报送.eml/进展情况表.xlsx"


def test_a_sheet_naming_another_unit_than_the_sender_s_is_imported_by_the_sheet_and_said(planned, tmp_path):
    _mailbox(planned, FINANCE, "czj@nc.gov.cn")
    path = _sheet(tmp_path / "进展情况表.xlsx", unit=NDRC, period="2023年第一季度", reported_on="2023年4月6日")
    checked = _ok(planned, _attachment(path, _mail("CZJ@nc.gov.cn")))
    assert checked.outcome.department == NDRC
    (warning,) = checked.outcome.warnings
    assert warning.message == (f"这份报送由“{FINANCE}”的邮箱发来，表中的填报单位却是“{NDRC}”，已按表中的填报单位导入；"
                               "如不对，请核对。")
    assert warning.file == "报送.eml/进展情况表.xlsx"
    # the unit's own address: nothing to say
    _mailbox(planned, NDRC, "fgw@nc.gov.cn")
    assert not _ok(planned, _attachment(path, _mail("fgw@nc.gov.cn"))).outcome.warnings


def test_a_reply_s_subject_quoting_another_unit_does_not_outweigh_the_sender(planned, tmp_path):
    _mailbox(planned, NDRC, "fgw@nc.gov.cn")
    path = _sheet(tmp_path / "进展情况表.xlsx", period="2023年第一季度", reported_on="2023年4月6日")
    reply = _mail("fgw@nc.gov.cn", subject=f"回复：{ECO}转发的报送通知")
    assert _ok(planned, _attachment(path, reply)).outcome.department == NDRC
    # with no known sender the subject is the last hint before the option
    assert _ok(planned, _attachment(path, _mail("x@163.com", subject=f"{NDRC}报送"))).outcome.department == NDRC


def test_a_zip_s_name_names_the_unit_of_its_member(planned, tmp_path):
    path = _sheet(tmp_path / "进展情况表.xlsx", period="2023年第一季度", reported_on="2023年4月6日")
    member = Received(source=tmp_path / "区发展改革委.zip", name="区发展改革委.zip/进展情况表.xlsx",
                      data=path.read_bytes(), hints=("进展情况表", "区发展改革委"))
    checked = _ok(planned, member)
    assert (checked.outcome.department, checked.outcome.name) == (NDRC, "区发展改革委.zip/进展情况表.xlsx")


def test_the_mail_s_date_stands_in_for_a_missing_reporting_date(planned, tmp_path):
    _mailbox(planned, NDRC, "fgw@nc.gov.cn")
    path = _sheet(tmp_path / "进展情况表.xlsx", period="2023年第一季度")
    checked = _ok(planned, _attachment(path, _mail("fgw@nc.gov.cn")))
    assert (checked.reported_on, checked.reported_on_from_mail) == (date(2023, 4, 7), True)
    assert {data.reported_on for _aid, data, _row in checked.entries} == {date(2023, 4, 7)}
    assert not checked.outcome.warnings
    # a 填报日期 in the sheet wins over the mail's
    dated = _sheet(tmp_path / "有日期.xlsx", period="2023年第一季度", reported_on=date(2023, 4, 6))
    checked = _ok(planned, _attachment(dated, _mail("fgw@nc.gov.cn")))
    assert (checked.reported_on, checked.reported_on_from_mail) == (date(2023, 4, 6), False)
    # one that cannot be read: the mail's date, and the warning says so
    odd = _sheet(tmp_path / "看不懂.xlsx", period="2023年第一季度", reported_on="上周五")
    checked = _ok(planned, _attachment(odd, _mail("fgw@nc.gov.cn")))
    assert checked.reported_on == date(2023, 4, 7)
    (warning,) = checked.outcome.warnings
    assert warning.message.startswith("填报日期“上周五”无法识别，按邮件日期（2023年4月7日）计。")
    # a loose file has no mail: no date at all, as before
    checked = _ok(planned, path, department=NDRC)
    assert (checked.reported_on, checked.reported_on_from_mail) == (None, False)


def test_a_template_returned_untouched_by_mail_is_still_unfilled(example_db, tmp_path):
    """The mail's date is not the unit signing: a template sent back as it went out is refused."""
    path = next(p for p in export_templates(example_db, tmp_path, require_period("2023Q2"), today=date(2023, 7, 5))
                if NDRC in p.name)
    result = _check(example_db, _attachment(path, _mail("fgw@nc.gov.cn", sent=datetime(2023, 7, 6, 9, 0))))
    assert isinstance(result, FileOutcome)
    assert result.errors[0].message.startswith("这份进展情况表还没有填写")


@pytest.mark.parametrize(("subject", "code", "warned"), [
    ("2023年第一季度进展情况报送", "2023Q1", False),
    ("Re: 2023年第二季度进展情况", "2023Q1", True),  # the sheet's 报送期 wins, the subject is named
])
def test_the_subject_names_the_period_like_a_file_name(planned, tmp_path, subject, code, warned):
    path = _sheet(tmp_path / "进展情况表.xlsx", unit=NDRC, reported_on="2023年4月6日",
                  period="2023年第一季度" if warned else None)
    checked = _ok(planned, _attachment(path, _mail(subject=subject)))
    assert checked.period.code == code
    messages = [w.message for w in checked.outcome.warnings]
    if warned:
        (message,) = messages
        assert message.startswith("报送期不一致：表中的“报送期”是2023年第一季度，邮件主题却是2023年第二季度。")
        assert "已按表中的“报送期”（2023年第一季度）导入" in message
    else:
        assert messages == []


def test_a_template_whose_hidden_period_disagrees_with_the_subject_is_refused(example_db, tmp_path):
    path = next(p for p in export_templates(example_db, tmp_path, require_period("2023Q2"), today=date(2023, 7, 5))
                if NDRC in p.name)
    wb = openpyxl.load_workbook(path)
    wb["进展情况"]["C3"] = "张三"
    wb.save(path)
    mail = _mail(subject="2023年第三季度进展情况")
    item = Received(source=mail.source, name="报送.eml/进展情况表.xlsx", data=path.read_bytes(), mail=mail,
                    hints=("进展情况表", mail.subject))
    result = _check(example_db, item)
    assert isinstance(result, FileOutcome)
    (error,) = result.errors
    assert error.message.startswith("报送期不一致：模板中隐藏的报送期是2023年第二季度，邮件主题却是2023年第三季度。")
    assert error.file == "报送.eml/进展情况表.xlsx"


def test_end_to_end_a_mail_from_another_unit_s_box_with_a_half_hinted_template(example_db, tmp_path):
    """Through import_returns: a saved mail from 区财政局's box carrying 区发展改革委's template,
    one row still holding its hints. Every message names the attachment as the clerk sees it."""
    _mailbox(example_db, FINANCE, "czj@nc.gov.cn")
    path = next(p for p in export_templates(example_db, tmp_path, require_period("2023Q2"), today=date(2023, 7, 5))
                if NDRC in p.name)
    wb = openpyxl.load_workbook(path)
    ws = wb["进展情况"]
    ws["C3"] = "张三"  # no 填报日期: the mail's date stands in
    rows = [r for r in range(5, ws.max_row + 1) if ws.cell(r, 12).value is not None]
    for r in rows:
        ws.cell(r, 8).value = f"第{r}行：本季度的进展。"
    for c in (8, 9, 10):
        ws.cell(rows[0], c).value = "（本期进展）"
    wb.save(path)
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "财政局 张三 <czj@nc.gov.cn>", "dcb@nc.gov.cn", "代发改委报送二季度进展"
    msg["Date"] = format_datetime(datetime(2023, 7, 6, 9, 30))
    msg.set_content("请查收。")
    msg.add_attachment(path.read_bytes(), maintype="application",
                       subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename=path.name)
    eml = tmp_path / "代报.eml"
    eml.write_bytes(bytes(msg))

    (outcome,) = import_returns(example_db, [eml]).files
    shown = f"代报.eml/{path.name}"
    assert (outcome.outcome, outcome.name, outcome.department) == ("imported", shown, NDRC), [
        str(e) for e in outcome.errors]
    assert outcome.rows == len(rows) - 1
    assert {w.file for w in outcome.warnings} == {shown}
    messages = [w.message for w in outcome.warnings]
    assert f"这份报送由“{FINANCE}”的邮箱发来，表中的填报单位却是“{NDRC}”，已按表中的填报单位导入；如不对，请核对。" in messages
    assert any(w.row == rows[0] and "这一行未记为本期报送" in w.message for w in outcome.warnings)
    with example_db.reading() as session:
        days = set(session.scalars(select(ProgressEntry.reported_on).where(ProgressEntry.period == "2023Q2")))
    assert days == {date(2023, 7, 6)}
