"""Saved mails (.eml, mbox) in each way real mailers write names: RFC 2047 words, GB2312-labelled
words holding GBK-only characters, RFC 2231 split names, raw 8-bit GBK headers (Foxmail)."""

from __future__ import annotations

import base64
import mailbox
from datetime import datetime

from greentasks.inbox.collect import collect

from ._shapes import JPEG, XLSX, mail, raw_mail, xlsx, zip_bytes

NAME = "南川区水利局2023年第一季度进展.xlsx"


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def one(inbox):
    assert inbox.refused == [], inbox.refused
    [item] = inbox.items
    return item


def with_placeholder_name(**kwargs) -> bytes:
    return raw_mail(mail(attachments=[("PLACEHOLDER.xlsx", xlsx(), XLSX)], **kwargs), {})


def test_an_attachment_from_a_saved_mail_with_the_mail_it_came_in(tmp_path):
    msg = mail(attachments=[(NAME, xlsx("水利"), XLSX), ("现场照片.jpg", JPEG, "image/jpeg")])
    path = write(tmp_path, "进展报送.eml", msg.as_bytes())
    inbox = collect([path])
    item = one(inbox)
    assert item.name == f"进展报送.eml/{NAME}" and item.data == xlsx("水利") and item.source == path
    info = item.mail
    assert (info.sender_name, info.sender_address, info.subject) == ("区水利局", "shuili@nc.gov.cn", "2023年第一季度进展报送")
    assert info.sent == datetime(2023, 4, 6, 9, 30) and info.index is None and info.source == path
    assert item.mtime == datetime.fromisoformat("2023-04-06T09:30:00+08:00").timestamp()
    assert item.hints == (NAME.removesuffix(".xlsx"), "2023年第一季度进展报送")
    assert [p.line() for p in inbox.passed] == ["进展报送.eml/现场照片.jpg：邮件附件，不是表格（.jpg 图片）"]


def test_the_sent_time_is_the_senders_wall_clock(tmp_path):
    data = mail(date="Wed, 05 Apr 2023 23:10:00 -0500", attachments=[(NAME, xlsx(), XLSX)]).as_bytes()
    item = one(collect([write(tmp_path, "a.eml", data)]))
    assert item.mail.sent == datetime(2023, 4, 5, 23, 10)  # as written, not moved to another zone
    assert item.mail.sent.tzinfo is None


def test_a_missing_or_broken_date_is_none(tmp_path):
    for n, date in enumerate([None, "sometime next week"]):
        item = one(collect([write(tmp_path, f"{n}.eml", mail(date=date, attachments=[(NAME, xlsx(), XLSX)]).as_bytes())]))
        assert item.mail.sent is None
        assert item.mtime == (tmp_path / f"{n}.eml").stat().st_mtime


def test_rfc2047_base64_utf8_name_and_subject(tmp_path):
    word = "=?UTF-8?B?" + base64.b64encode(NAME.encode()).decode() + "?="
    subject = "=?utf-8?B?" + base64.b64encode("关于报送进展的函".encode()).decode() + "?="
    data = raw_mail(mail(subject="SUBJ", attachments=[("PLACEHOLDER.xlsx", xlsx(), XLSX)]),
                    {b'filename="PLACEHOLDER.xlsx"': f'filename="{word}"'.encode(), b"Subject: SUBJ": f"Subject: {subject}".encode()})
    item = one(collect([write(tmp_path, "a.eml", data)]))
    assert item.name == f"a.eml/{NAME}" and item.mail.subject == "关于报送进展的函"


def test_a_gb2312_labelled_name_holding_gbk_only_characters(tmp_path):
    name = "水利局进展（填报人：王喆、刘镕）.xlsx"
    raw = name.encode("gbk")
    for ch in "喆镕":
        try:
            ch.encode("gb2312")
            raise AssertionError(f"{ch} is in GB2312")
        except UnicodeEncodeError:
            pass
    q = "".join(f"={b:02X}" if b > 127 or b in b"=?_ \t" else chr(b) for b in raw)
    subject = "=?gb2312?B?" + base64.b64encode("王堃报送".encode("gbk")).decode() + "?="
    sender = "=?GB2312?Q?" + "".join(f"={b:02X}" for b in "张喆".encode("gbk")) + "?= <Zhang@NC.gov.cn>"
    data = raw_mail(mail(subject="SUBJ", sender="FROM <f@x>", attachments=[("PLACEHOLDER.xlsx", xlsx(), XLSX)]),
                    {b'filename="PLACEHOLDER.xlsx"': f'filename="=?gb2312?Q?{q}?="'.encode(),
                     b"Subject: SUBJ": f"Subject: {subject}".encode(), b"From: FROM <f@x>": f"From: {sender}".encode()})
    item = one(collect([write(tmp_path, "gb.eml", data)]))
    assert item.name == f"gb.eml/{name}"
    assert (item.mail.subject, item.mail.sender_name, item.mail.sender_address) == ("王堃报送", "张喆", "zhang@nc.gov.cn")


def test_a_character_split_across_two_encoded_words(tmp_path):
    # the email package joins split UTF-8 words itself, but decodes GB2312-labelled ones one by one
    raw = "南川区报表.xlsx".encode("gbk")
    first, second = raw[:3], raw[3:]  # 川 is cut in the middle
    words = " ".join("=?gb2312?B?" + base64.b64encode(part).decode() + "?=" for part in (first, second))
    data = raw_mail(mail(attachments=[("PLACEHOLDER.xlsx", xlsx(), XLSX)]),
                    {b'filename="PLACEHOLDER.xlsx"': f'filename="{words}"'.encode()})
    assert one(collect([write(tmp_path, "s.eml", data)])).name == "s.eml/南川区报表.xlsx"


def test_an_rfc2231_split_name(tmp_path):
    raw = "南川区水利局2023年第一季度进展情况.xlsx".encode()
    pct = "".join(f"%{b:02X}" for b in raw)
    header = f"filename*0*=UTF-8''{pct[:60]};\r\n filename*1*={pct[60:120]};\r\n filename*2*={pct[120:]}"
    data = raw_mail(mail(attachments=[("PLACEHOLDER.xlsx", xlsx(), XLSX)]),
                    {b'filename="PLACEHOLDER.xlsx"': header.encode()})
    assert b"filename*1*=" in data
    assert one(collect([write(tmp_path, "r.eml", data)])).name == "r.eml/南川区水利局2023年第一季度进展情况.xlsx"


def test_an_rfc2231_name_labelled_gb2312_with_gbk_only_characters(tmp_path):
    pct = "".join(f"%{b:02X}" for b in "王喆.xlsx".encode("gbk"))
    data = raw_mail(mail(attachments=[("PLACEHOLDER.xlsx", xlsx(), XLSX)]),
                    {b'filename="PLACEHOLDER.xlsx"': f"filename*=gb2312''{pct}".encode()})
    assert one(collect([write(tmp_path, "r.eml", data)])).name == "r.eml/王喆.xlsx"


def test_raw_8bit_gbk_headers_as_foxmail_writes_them(tmp_path):
    msg = mail(subject="SUBJ", sender="FROM <f@x>", attachments=[("PLACEHOLDER.xlsx", xlsx(), XLSX)])
    data = raw_mail(msg, {b"Subject: SUBJ": b"Subject: " + "2023年第一季度进展（水利局）".encode("gb18030"),
                          b"From: FROM <f@x>": b"From: " + '"区水利局 王喆"'.encode("gb18030") + b" <sl@nc.gov.cn>",
                          b'filename="PLACEHOLDER.xlsx"': b'filename="' + NAME.encode("gb18030") + b'"'})
    item = one(collect([write(tmp_path, "fox.eml", data)]))
    assert item.name == f"fox.eml/{NAME}"
    assert (item.mail.subject, item.mail.sender_name) == ("2023年第一季度进展（水利局）", "区水利局 王喆")


def test_raw_8bit_utf8_headers(tmp_path):
    data = raw_mail(mail(subject="SUBJ", attachments=[("PLACEHOLDER.xlsx", xlsx(), XLSX)]),
                    {b"Subject: SUBJ": "Subject: 进展报送".encode(), b'filename="PLACEHOLDER.xlsx"': f'filename="{NAME}"'.encode()})
    item = one(collect([write(tmp_path, "u8.eml", data)]))
    assert item.name == f"u8.eml/{NAME}" and item.mail.subject == "进展报送"


def test_a_name_no_charset_reads_becomes_a_numbered_name_keeping_its_extension(tmp_path):
    data = raw_mail(mail(attachments=[("照片.jpg", JPEG, "image/jpeg"), ("PLACEHOLDER.xlsx", xlsx(), XLSX)]),
                    {b'filename="PLACEHOLDER.xlsx"': b'filename="\xff\xfe\x80\x80.xlsx"'})
    item = one(collect([write(tmp_path, "bad.eml", data)]))
    assert item.name == "bad.eml/附件2.xlsx"


def test_a_name_with_a_folder_keeps_only_the_file_name(tmp_path):
    data = raw_mail(mail(attachments=[("PLACEHOLDER.xlsx", xlsx(), XLSX)]),
                    {b'filename="PLACEHOLDER.xlsx"': 'filename="C:\\\\报送\\\\水利局.xlsx"'.encode()})
    assert one(collect([write(tmp_path, "p.eml", data)])).name == "p.eml/水利局.xlsx"


def test_a_nameless_part_of_a_spreadsheet_type_is_taken(tmp_path):
    data = raw_mail(mail(attachments=[("PLACEHOLDER.xlsx", xlsx(), XLSX)]),
                    {b'Content-Disposition: attachment; filename="PLACEHOLDER.xlsx"': b"Content-Disposition: inline"})
    assert one(collect([write(tmp_path, "oa.eml", data)])).name == "oa.eml/附件1.xlsx"


def test_a_zip_attached_to_a_mail(tmp_path):
    archive = zip_bytes([(NAME, xlsx("z")), ("说明.docx", b"PK\x03\x04 word")])
    data = mail(attachments=[("全部报表.zip", archive, "application/x-zip-compressed")]).as_bytes()
    inbox = collect([write(tmp_path, "z.eml", data)])
    item = one(inbox)
    assert item.name == f"z.eml/全部报表.zip/{NAME}" and item.data == xlsx("z")
    assert item.mail.sender_address == "shuili@nc.gov.cn"
    assert item.hints == (NAME.removesuffix(".xlsx"), "全部报表", "2023年第一季度进展报送")
    assert [p.name for p in inbox.passed] == ["z.eml/全部报表.zip/说明.docx"]


def test_a_forwarded_mail_is_opened_one_level(tmp_path):
    original = mail(subject="水利局进展", sender="水利局 <sl@nc.gov.cn>", date="Mon, 03 Apr 2023 10:00:00 +0800",
                    attachments=[(NAME, xlsx("f"), XLSX)])
    older = mail(subject="更早的邮件", attachments=[("更早.xlsx", xlsx("old"), XLSX)])
    original.add_attachment(older)  # a mail attached to the forwarded mail: named, not opened
    outer = mail(subject="转发：水利局进展", sender="办公室 <office@nc.gov.cn>", forwarded=[original])
    inbox = collect([write(tmp_path, "转发.eml", outer.as_bytes())])
    item = one(inbox)
    assert item.name == f"转发.eml/水利局进展.eml/{NAME}"
    assert (item.mail.sender_address, item.mail.subject, item.mail.sent) == ("sl@nc.gov.cn", "水利局进展", datetime(2023, 4, 3, 10))
    assert item.hints == (NAME.removesuffix(".xlsx"), "水利局进展", "转发：水利局进展")
    [passed] = inbox.passed
    assert passed.name == "转发.eml/水利局进展.eml/附件2.eml" and passed.reason.startswith("转发的邮件里又附带的邮件，未打开")


def test_an_eml_file_attached_is_opened_as_a_mail(tmp_path):
    inner = mail(subject="原件", attachments=[(NAME, xlsx(), XLSX)]).as_bytes()
    outer = mail(subject="外层", attachments=[("原件.eml", inner, "application/octet-stream")]).as_bytes()
    item = one(collect([write(tmp_path, "o.eml", outer)]))
    assert item.name == f"o.eml/原件.eml/{NAME}" and item.mail.subject == "原件"


def test_a_mail_without_attachments_is_named(tmp_path):
    inbox = collect([write(tmp_path, "空.eml", mail().as_bytes())])
    assert inbox.items == [] and inbox.refused == []
    assert [p.line() for p in inbox.passed] == [
        "空.eml：这封邮件没有附件：邮件“2023年第一季度进展报送”（发件人：区水利局 <shuili@nc.gov.cn>，2023年4月6日）"]


def test_an_mbox_with_three_mails(tmp_path):
    box = mailbox.mbox(tmp_path / "Inbox")
    box.add(mail(subject="第一封", attachments=[("一.xlsx", xlsx("1"), XLSX)]))
    box.add(mail(subject="第二封，没有附件"))
    box.add(mail(subject="第三封", text="From here on\n\nFrom the office", attachments=[("三.xlsx", xlsx("3"), XLSX)]))
    box.close()
    (tmp_path / "Inbox.msf").write_bytes(b"// <!-- <mdb:mork:z v=\"1.4\"/> -->")
    inbox = collect([tmp_path])  # Thunderbird's folder file has no extension: known by content
    assert [(r.name, r.mail.index, r.mail.subject) for r in inbox.items] == [
        ("Inbox/第1封/一.xlsx", 1, "第一封"), ("Inbox/第3封/三.xlsx", 3, "第三封")]
    assert [p.line() for p in inbox.passed] == [
        "Inbox/第2封：这封邮件没有附件：邮件“第二封，没有附件”（发件人：区水利局 <shuili@nc.gov.cn>，2023年4月6日）",
        "Inbox.msf：不是表格、压缩包或邮件（.msf Thunderbird邮件索引文件）"]
    renamed = tmp_path / "saved.mbox"
    renamed.write_bytes((tmp_path / "Inbox").read_bytes())
    assert [r.name for r in collect([renamed]).items] == ["saved.mbox/第1封/一.xlsx", "saved.mbox/第3封/三.xlsx"]


def test_a_mail_deleted_in_thunderbird_is_not_taken(tmp_path):
    kept = mail(subject="留着", attachments=[("a.xlsx", xlsx("a"), XLSX)])
    gone = mail(subject="已删", attachments=[("b.xlsx", xlsx("b"), XLSX)])
    gone["X-Mozilla-Status"] = "0009"
    box = mailbox.mbox(tmp_path / "Inbox")
    box.add(kept)
    box.add(gone)
    box.close()
    inbox = collect([tmp_path / "Inbox"])
    assert [r.name for r in inbox.items] == ["Inbox/第1封/a.xlsx"]
    assert [p.line() for p in inbox.passed] == ["Inbox/第2封：Thunderbird 中已删除的邮件（文件夹尚未压缩），未导入"]


def test_an_extensionless_file_given_that_holds_a_mail(tmp_path):
    path = write(tmp_path, "来信", mail(attachments=[(NAME, xlsx(), XLSX)]).as_bytes())
    assert one(collect([path])).name == f"来信/{NAME}"


def test_inline_pictures_of_the_text_are_not_attachments(tmp_path):
    msg = mail(attachments=[(NAME, xlsx(), XLSX)])
    body = msg.get_body()
    body.add_related(JPEG, maintype="image", subtype="jpeg", cid="<logo@nc>", filename="logo.jpg")
    body.add_related(JPEG, maintype="image", subtype="jpeg", cid="<sign@nc>", filename="签名.png", disposition="inline")
    msg.add_attachment(JPEG, maintype="image", subtype="jpeg", filename="inline.jpg", disposition="inline", cid="<x@nc>")
    inbox = collect([write(tmp_path, "l.eml", msg.as_bytes())])
    one(inbox)
    assert inbox.passed == []


def test_winmail_dat_is_named_with_what_to_do(tmp_path):
    data = mail(attachments=[("winmail.dat", b"\x78\x9f\x3e\x22", "application/ms-tnef")]).as_bytes()
    inbox = collect([write(tmp_path, "t.eml", data)])
    assert inbox.items == []
    assert inbox.passed[0].name == "t.eml/winmail.dat" and "TNEF" in inbox.passed[0].reason


def test_many_mails_cost_little(tmp_path):
    import time

    paths = []
    for i in range(200):
        attachments = [(f"单位{i}进展.xlsx", xlsx(), XLSX)] + ([(f"单位{i}补充.xlsx", xlsx("补"), XLSX)] if i % 2 else [])
        paths.append(write(tmp_path, f"{i:03}.eml", mail(subject=f"第{i}封", attachments=attachments).as_bytes()))
    start = time.perf_counter()
    inbox = collect([tmp_path])
    elapsed = time.perf_counter() - start
    assert len(inbox.items) == 300 and inbox.refused == []
    assert elapsed < 2.0, elapsed  # the whole import of these must stay within 3 s


def test_an_outlook_msg_attached_to_a_mail_is_opened(tmp_path):
    from ._shapes import msg_attachment, msg_bytes, msg_file

    outlook = msg_bytes(msg_file(subject="Outlook原件", sender_name="林业局", sender_address="ly@nc.gov.cn", sent=None,
                                 attachments=[msg_attachment(NAME, xlsx("o"))]))
    data = mail(attachments=[("原件.msg", outlook, "application/vnd.ms-outlook")]).as_bytes()
    item = one(collect([write(tmp_path, "外.eml", data)]))
    assert item.name == f"外.eml/原件.msg/{NAME}" and item.mail.sender_address == "ly@nc.gov.cn"
