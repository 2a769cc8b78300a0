"""Outlook .msg files, built with the compound-file writer in _cfb.py and checked with olefile."""

from __future__ import annotations

import io
import struct
from datetime import UTC, datetime

import olefile

from greentasks.inbox.collect import collect

from ._shapes import JPEG, attached_message, msg_attachment, msg_bytes, msg_file, props, utf16, xlsx

NAME = "南川区水利局2023年第一季度重点任务进展情况报送表（定稿）.xlsx"  # a long Chinese file name
SENT = datetime(2023, 4, 6, 1, 30, tzinfo=UTC)


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def outlook_mail(**kwargs) -> bytes:
    tree = msg_file(subject="2023年第一季度进展报送", sender_name="区水利局 王喆", sender_address="WangZhe@NC.gov.cn",
                    sent=SENT, **kwargs)
    return msg_bytes(tree)


def test_the_test_writer_makes_a_compound_file_olefile_reads():
    data = outlook_mail(attachments=[msg_attachment(NAME, xlsx("msg"))])
    ole = olefile.OleFileIO(io.BytesIO(data))
    assert ole.openstream("__substg1.0_0037001F").read().decode("utf-16-le") == "2023年第一季度进展报送"
    assert ole.openstream("__attach_version1.0_#00000000/__substg1.0_37010102").read() == xlsx("msg")  # > 4 KB
    assert ole.openstream("__attach_version1.0_#00000000/__substg1.0_3707001F").read() == utf16(NAME)  # mini stream


def test_a_msg_with_subject_sender_date_and_two_attachments(tmp_path):
    data = outlook_mail(attachments=[msg_attachment(NAME, xlsx("msg")), msg_attachment("现场照片.jpg", JPEG),
                                     msg_attachment("image001.png", JPEG, hidden=True)])
    path = write(tmp_path, "进展报送.msg", data)
    inbox = collect([path])
    assert inbox.refused == []
    [item] = inbox.items
    assert item.name == f"进展报送.msg/{NAME}" and item.data == xlsx("msg") and item.source == path
    info = item.mail
    assert (info.sender_name, info.sender_address, info.subject) == ("区水利局 王喆", "wangzhe@nc.gov.cn", "2023年第一季度进展报送")
    # FILETIME is UTC: shown in this computer's local time, as Outlook shows it
    assert info.sent == datetime.fromtimestamp(SENT.timestamp()) and item.mtime == SENT.timestamp()
    assert item.hints == (NAME.removesuffix(".xlsx"), "2023年第一季度进展报送")
    # the hidden one is a picture in the mail's text
    assert [p.line() for p in inbox.passed] == ["进展报送.msg/现场照片.jpg：邮件附件，不是表格（.jpg 图片）"]


def test_the_date_from_the_internet_headers_keeps_the_senders_wall_clock(tmp_path):
    headers = "From: sl@nc.gov.cn\r\nDate: Thu, 06 Apr 2023 09:30:00 +0800\r\n\r\n"
    data = outlook_mail(attachments=[msg_attachment(NAME, xlsx())], extra={"__substg1.0_007D001F": utf16(headers)})
    [item] = collect([write(tmp_path, "h.msg", data)]).items
    assert item.mail.sent == datetime(2023, 4, 6, 9, 30)


def test_8bit_texts_in_the_messages_code_page(tmp_path):
    tree = msg_file(subject="", sender_name="", sender_address="sl@nc.gov.cn", sent=None,
                    attachments=[{"__properties_version1.0": props(8, {}),
                                  "__substg1.0_3707001E": "水利局进展.xlsx".encode("gbk") + b"\0",
                                  "__substg1.0_37010102": xlsx()}])
    del tree["__substg1.0_0037001F"]
    tree["__substg1.0_0037001E"] = "王喆报送".encode("gbk")  # code page 936 (PR_MESSAGE_CODEPAGE)
    [item] = collect([write(tmp_path, "a.msg", msg_bytes(tree))]).items
    assert item.name == "a.msg/水利局进展.xlsx" and item.mail.subject == "王喆报送" and item.mail.sent is None


def test_an_attached_message_is_read_one_level(tmp_path):
    deeper = msg_file(subject="更早", sender_name="x", sender_address="x@y", sent=None, header=24,
                      attachments=[msg_attachment("更早.xlsx", xlsx("old"))])
    inner = msg_file(subject="水利局原件", sender_name="水利局", sender_address="sl@nc.gov.cn", sent=SENT, header=24,
                     attachments=[msg_attachment(NAME, xlsx("inner"))], embedded=[attached_message(deeper)])
    data = outlook_mail(embedded=[attached_message(inner, "水利局原件.msg")])
    inbox = collect([write(tmp_path, "转发.msg", data)])
    [item] = inbox.items
    assert item.name == f"转发.msg/水利局原件.msg/{NAME}" and item.data == xlsx("inner")
    assert (item.mail.subject, item.mail.sender_address) == ("水利局原件", "sl@nc.gov.cn")
    [passed] = inbox.passed
    assert passed.name == "转发.msg/水利局原件.msg/附件2.msg" and passed.reason.startswith("转发的邮件里又附带的邮件")


def test_a_msg_without_attachments_and_a_damaged_one(tmp_path):
    good = write(tmp_path, "空.msg", outlook_mail())
    broken = write(tmp_path, "坏.msg", outlook_mail()[:2000])
    not_ole = write(tmp_path, "假.msg", b"just some words, not a mail at all")
    inbox = collect([good, broken, not_ole])
    assert inbox.items == []
    assert [p.name for p in inbox.passed] == ["空.msg"]
    assert inbox.passed[0].reason.startswith("这封邮件没有附件：邮件“2023年第一季度进展报送”（发件人：区水利局 王喆 <wangzhe@nc.gov.cn>")
    assert [p.file for p in inbox.refused] == ["坏.msg", "假.msg"]
    assert all(p.message.startswith("邮件文件已损坏或格式无法识别") for p in inbox.refused)


def test_an_attachment_by_reference_only_is_named(tmp_path):
    att = {"__properties_version1.0": props(8, {0x37050003: struct.pack("<i", 4)}),
           "__substg1.0_3707001F": utf16("共享盘上的表.xlsx")}
    inbox = collect([write(tmp_path, "r.msg", outlook_mail(attachments=[att]))])
    assert inbox.items == []
    assert inbox.passed[0].name == "r.msg/共享盘上的表.xlsx" and "链接" in inbox.passed[0].reason
