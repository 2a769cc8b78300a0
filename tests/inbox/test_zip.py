"""Zip archives as units send them: names in GBK from Windows, UTF-8 from macOS, nested, and
the hostile ones (a path climbing out, a password, a lying size, a bomb)."""

from __future__ import annotations

import time
import zipfile
from datetime import datetime

import pytest

from greentasks.inbox import collect as collect_module
from greentasks.inbox.collect import MAX_MEMBERS, collect

from ._shapes import DOCX, JPEG, RawName, patch_member, xlsx, zip_bytes

UNIT = "南川区水利局2023年第一季度进展.xlsx"


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def names(inbox) -> list[str]:
    return [r.name for r in inbox.items]


def test_gbk_names_without_the_utf8_flag_read_as_chinese(tmp_path):
    data = zip_bytes([(UNIT, xlsx("水利")), ("说明/填报说明.docx", DOCX)], encoding="gbk")
    with zipfile.ZipFile(write(tmp_path, "x.zip", data)) as zf:  # written as Windows writes it
        assert all(not i.flag_bits & 0x800 for i in zf.infolist())
        assert zf.infolist()[0].orig_filename == UNIT.encode("gbk").decode("cp437")
    zpath = write(tmp_path, "水利局报送.zip", data)

    inbox = collect([zpath])

    assert names(inbox) == [f"水利局报送.zip/{UNIT}"]
    got = inbox.items[0]
    assert got.data == xlsx("水利") and got.source == zpath and got.mail is None
    assert got.hints == (UNIT.removesuffix(".xlsx"), "水利局报送")
    assert got.mtime == time.mktime(datetime(2023, 4, 6, 9, 30).timetuple())  # the member's own date
    assert [p.line() for p in inbox.passed] == ["水利局报送.zip/说明/填报说明.docx：不是表格、压缩包或邮件（.docx Word文档）"]
    assert inbox.refused == []


def test_gbk_only_characters_and_gb18030_names(tmp_path):
    name = "填报人王喆（镕）.xlsx"  # 喆 and 镕 are GBK, not GB2312
    data = zip_bytes([(name, xlsx()), ("𠀀字.xlsx", xlsx("四字节"))], encoding="gb18030")
    inbox = collect([write(tmp_path, "a.zip", data)])
    assert names(inbox) == ["a.zip/填报人王喆（镕）.xlsx", "a.zip/𠀀字.xlsx"]


def test_the_utf8_flag_is_obeyed(tmp_path):
    data = zip_bytes([(UNIT, xlsx())], encoding=None)
    with zipfile.ZipFile(write(tmp_path, "x.zip", data)) as zf:
        assert zf.infolist()[0].flag_bits & 0x800
    assert names(collect([write(tmp_path, "u.zip", data)])) == [f"u.zip/{UNIT}"]


def test_utf8_names_without_the_flag_from_a_mac(tmp_path):
    # macOS' Archive Utility writes UTF-8 without the flag; read as GB18030 it would be mojibake
    data = zip_bytes([(UNIT, xlsx())], encoding="utf-8")
    assert UNIT.encode("utf-8").decode("gb18030", "replace") != UNIT
    assert names(collect([write(tmp_path, "mac.zip", data)])) == [f"mac.zip/{UNIT}"]


def test_a_name_no_charset_reads_is_shown_as_zipfile_reads_it_never_with_a_replacement_character(tmp_path):
    data = zip_bytes([(b"\xff\xfe\x80.xlsx", xlsx())])
    [item] = collect([write(tmp_path, "odd.zip", data)]).items
    assert "\ufffd" not in item.name and item.name == "odd.zip/" + b"\xff\xfe\x80.xlsx".decode("cp437")


def test_macos_metadata_and_folder_entries_are_not_files(tmp_path):
    data = zip_bytes([("报送/", b""), (f"报送/{UNIT}", xlsx()), (f"__MACOSX/报送/._{UNIT}", b"\0\x05\x16\x07"),
                      ("报送/.DS_Store", b"\0\0\0\1Bud1")])
    inbox = collect([write(tmp_path, "m.zip", data)])
    assert names(inbox) == [f"m.zip/报送/{UNIT}"]
    assert inbox.items[0].hints == (UNIT.removesuffix(".xlsx"), "报送", "m")  # the folder inside names the unit too
    assert [p.line() for p in inbox.passed] == ["m.zip/报送/.DS_Store：苹果电脑自动生成的文件夹信息文件，不是报送"]


@pytest.mark.parametrize("evil", ["../../evil.xlsx", "/abs.xlsx", "C:\\x.xlsx", "\\\\server\\share\\x.xlsx",
                                  "a/../../b.xlsx", "..\\up.xlsx"])
def test_a_member_climbing_out_or_absolute_is_refused_by_name(tmp_path, evil):
    data = zip_bytes([(evil.encode("ascii"), xlsx("evil")), ("ok.xlsx", xlsx())])
    inbox = collect([write(tmp_path, "t.zip", data)])
    assert names(inbox) == ["t.zip/ok.xlsx"]
    [problem] = inbox.refused
    assert problem.file == "t.zip"
    assert problem.message.startswith(f"压缩包里的“{evil}”路径不安全，已跳过")
    assert list(tmp_path.iterdir()) == [tmp_path / "t.zip"]  # nothing written anywhere
    assert not (tmp_path.parent / "evil.xlsx").exists()


def test_an_encrypted_member_is_refused_by_name_and_the_others_taken(tmp_path):
    data = patch_member(zip_bytes([("加密.xlsx", xlsx("secret")), ("公开.xlsx", xlsx())]), 0, set_flags=0x1)
    with zipfile.ZipFile(write(tmp_path, "x.zip", data)) as zf:
        assert zf.infolist()[0].flag_bits & 0x1
    inbox = collect([write(tmp_path, "e.zip", data)])
    assert names(inbox) == ["e.zip/公开.xlsx"]
    [problem] = inbox.refused
    assert problem.file == "e.zip"
    assert problem.message == ("压缩包里的“加密.xlsx”设置了密码，程序无法打开。"
                               "请报送单位发送不加密的压缩包，或解压后直接发送表格。")


def test_a_zip_inside_a_zip_is_opened_one_level(tmp_path):
    inner = zip_bytes([("乡镇/东城街道.xlsx", xlsx("东城"))])
    data = zip_bytes([("各乡镇.zip", inner), ("区水利局.xlsx", xlsx())])
    inbox = collect([write(tmp_path, "全部.zip", data)])
    assert names(inbox) == ["全部.zip/区水利局.xlsx", "全部.zip/各乡镇.zip/乡镇/东城街道.xlsx"]  # sorted by name
    assert inbox.items[1].hints == ("东城街道", "乡镇", "各乡镇", "全部")
    assert inbox.items[1].data == xlsx("东城")
    assert inbox.refused == [] and inbox.passed == []


def test_a_zip_in_a_zip_in_a_zip_is_refused(tmp_path):
    deep = zip_bytes([("最里层.xlsx", xlsx())])
    middle = zip_bytes([("第三层.zip", deep), ("第二层.xlsx", xlsx("2"))])
    data = zip_bytes([("第二层.zip", middle)])
    inbox = collect([write(tmp_path, "外层.zip", data)])
    assert names(inbox) == ["外层.zip/第二层.zip/第二层.xlsx"]
    [problem] = inbox.refused
    assert problem.file == "外层.zip/第二层.zip/第三层.zip"
    assert problem.message.startswith("压缩包里套了多层压缩包")


def test_a_member_whose_size_lies_is_refused_and_never_inflated_beyond_it(tmp_path):
    big = xlsx() + b"\0" * 50_000  # real size 50 KB+, declared 1 KB
    data = patch_member(zip_bytes([("说谎.xlsx", big), ("好.xlsx", xlsx())]), 0, declared_size=1000)
    reads = []
    real_open = zipfile.ZipFile.open

    def spy(self, info, *a, **k):
        fh = real_open(self, info, *a, **k)
        real_read = fh.read
        fh.read = lambda n=-1: reads.append((info.filename, n)) or real_read(n)
        return fh

    zipfile.ZipFile.open = spy
    try:
        inbox = collect([write(tmp_path, "l.zip", data)])
    finally:
        zipfile.ZipFile.open = real_open
    assert names(inbox) == ["l.zip/好.xlsx"]
    assert ("说谎.xlsx", 1001) in [(n.encode("cp437").decode("gbk"), s) for n, s in reads]  # capped read
    [problem] = inbox.refused
    assert problem.file == "l.zip" and "“说谎.xlsx”解压后与压缩包里的记录" in problem.message


def test_a_member_declared_over_20_mb_is_refused_before_inflating(tmp_path, monkeypatch):
    data = patch_member(zip_bytes([("大.xlsx", xlsx()), ("小.xlsx", xlsx())]), 0, declared_size=25 * 1024 * 1024)
    inbox = collect([write(tmp_path, "b.zip", data)])
    assert names(inbox) == ["b.zip/小.xlsx"]
    [problem] = inbox.refused
    assert problem.file == "b.zip" and problem.message.startswith("压缩包里的“大.xlsx”太大（25.0 MB），超过了 20 MB")


def test_a_bomb_declaring_over_200_mb_is_refused_on_the_directory_alone(tmp_path, monkeypatch):
    members = [(f"{i}.xlsx", xlsx()) for i in range(12)]
    data = zip_bytes(members)
    for i in range(12):
        data = patch_member(data, i, declared_size=18 * 1024 * 1024)
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("inflated a member"))
    inbox = collect([write(tmp_path, "bomb.zip", data)])
    assert inbox.items == []
    [problem] = inbox.refused
    assert problem.file == "bomb.zip" and "解压后过大（共 216.0 MB，超过 200 MB 的上限）" in problem.message


def test_nested_zips_share_the_budget_of_the_file_given(tmp_path, monkeypatch):
    monkeypatch.setattr(collect_module, "MAX_TOTAL_BYTES", 60_000)
    inner = zip_bytes([("a.xlsx", xlsx("a") + b"\0" * 30_000)])
    data = zip_bytes([("1.zip", inner), ("2.zip", inner)])  # each fits, both together do not
    inbox = collect([write(tmp_path, "n.zip", data)])
    assert names(inbox) == ["n.zip/1.zip/a.xlsx"]
    assert [p.file for p in inbox.refused] == ["n.zip/2.zip"]


def test_too_many_members(tmp_path):
    data = zip_bytes([(f"{i}.csv", b"a,b\n") for i in range(MAX_MEMBERS + 1)])
    inbox = collect([write(tmp_path, "many.zip", data)])
    assert inbox.items == []
    assert inbox.refused[0].message.startswith(f"压缩包“many.zip”里有 {MAX_MEMBERS + 1} 个文件，超过了一次最多 200 个")


def test_a_zip_without_any_spreadsheet_is_refused_naming_what_it_holds(tmp_path):
    data = zip_bytes([("说明.docx", DOCX), ("照片.jpg", JPEG)])
    inbox = collect([write(tmp_path, "x.zip", data)])
    assert inbox.items == [] and inbox.passed == []
    [problem] = inbox.refused
    assert problem.file == "x.zip"
    assert problem.message.startswith("压缩包“x.zip”里没有表格文件（有：照片.jpg、说明.docx）")


def test_an_empty_or_damaged_zip(tmp_path):
    empty = zip_bytes([])
    damaged = zip_bytes([("a.xlsx", xlsx())])[:-30]
    inbox = collect([write(tmp_path, "空.zip", empty), write(tmp_path, "坏.zip", damaged)])
    assert [p.file for p in inbox.refused] == ["空.zip", "坏.zip"]
    assert inbox.refused[0].message.startswith("压缩包“空.zip”是空的")
    assert inbox.refused[1].message.startswith("压缩包“坏.zip”已损坏，无法打开")


def test_a_damaged_member_is_refused_by_name(tmp_path):
    data = bytearray(zip_bytes([("坏.xlsx", xlsx()), ("好.xlsx", xlsx("好"))]))
    at = data.index(b"PK\x03\x04") + 30 + len("坏.xlsx".encode("gbk")) + 10
    data[at : at + 40] = b"\xff" * 40  # the deflate stream itself
    inbox = collect([write(tmp_path, "d.zip", bytes(data))])
    assert names(inbox) == ["d.zip/好.xlsx"]
    [problem] = inbox.refused
    assert problem.file == "d.zip" and "“坏.xlsx”" in problem.message


def test_a_spreadsheet_named_zip_is_a_spreadsheet(tmp_path):
    path = write(tmp_path, "进展.zip", xlsx())  # an .xlsx is a zip: judged by its members
    [item] = collect([path]).items
    assert item.name == "进展.zip" and item.data is None and item.source == path
    inner = zip_bytes([("改了名的表格.zip", xlsx("x"))])
    [item] = collect([write(tmp_path, "外.zip", inner)]).items
    assert item.name == "外.zip/改了名的表格.zip" and item.data == xlsx("x")


@pytest.mark.parametrize(("name", "data", "fmt"), [
    ("报送.rar", b"Rar!\x1a\x07\x01\x00" + b"\0" * 40, "RAR"),
    ("报送.7z", b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\0" * 40, "7z"),
    ("报送.zip", b"Rar!\x1a\x07\x00" + b"\0" * 40, "RAR"),  # a RAR named .zip: by its content
    ("报送", b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\0" * 40, "7z"),  # no extension: by its content
    ("报送.tar.gz", b"\x1f\x8b\x08\x00" + b"\0" * 40, "gzip"),
])
def test_rar_and_7z_are_refused_with_what_to_do(tmp_path, name, data, fmt):
    inbox = collect([write(tmp_path, name, data)])
    assert inbox.items == [] and inbox.passed == []
    [problem] = inbox.refused
    assert problem.file == name
    assert problem.message == f"这是{fmt}压缩包，程序只能打开 .zip 压缩包。请先解压（或另存为 .zip）后再导入解压出的表格。"


def test_a_rar_inside_a_zip_is_refused_by_name(tmp_path):
    data = zip_bytes([("乡镇.rar", b"Rar!\x1a\x07\x00"), ("区.xlsx", xlsx())])
    inbox = collect([write(tmp_path, "z.zip", data)])
    assert names(inbox) == ["z.zip/区.xlsx"]
    assert [p.file for p in inbox.refused] == ["z.zip/乡镇.rar"]


def test_members_come_sorted_and_lock_files_inside_are_named(tmp_path):
    data = zip_bytes([("b.xlsx", xlsx("b")), ("~$a.xlsx", b"\x05owner"), ("a.xlsx", xlsx("a"))])
    inbox = collect([write(tmp_path, "s.zip", data)])
    assert names(inbox) == ["s.zip/a.xlsx", "s.zip/b.xlsx"]
    assert [p.line() for p in inbox.passed] == ["s.zip/~$a.xlsx：Excel/WPS 打开文件时生成的临时文件，不是报送"]


def test_a_member_without_extension_is_judged_by_content(tmp_path):
    data = zip_bytes([("区水利局", xlsx()), ("readme", b"plain words")])
    inbox = collect([write(tmp_path, "n.zip", data)])
    assert names(inbox) == ["n.zip/区水利局"]
    assert [p.name for p in inbox.passed] == ["n.zip/readme"]


def test_the_raw_name_helper_writes_bytes_as_they_are(tmp_path):
    path = tmp_path / "raw.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(RawName("表.xlsx".encode("gbk")), b"x")
    raw = path.read_bytes()
    assert "表.xlsx".encode("gbk") in raw and "表.xlsx".encode() not in raw


def test_a_mail_saved_into_a_zip_is_opened(tmp_path):
    from ._shapes import XLSX, mail

    saved = mail(subject="水利局报送", attachments=[(UNIT, xlsx("m"), XLSX)]).as_bytes()
    inbox = collect([write(tmp_path, "邮件.zip", zip_bytes([("水利局.eml", saved)]))])
    [item] = inbox.items
    assert item.name == f"邮件.zip/水利局.eml/{UNIT}" and item.mail.subject == "水利局报送"
    assert item.hints == (UNIT.removesuffix(".xlsx"), "水利局报送", "邮件")


def test_the_info_zip_unicode_path_field_names_the_member(tmp_path):
    import struct
    import zlib

    raw = "????.xlsx".encode("ascii") + b"\x99"  # what an old tool wrote in the header
    field = b"\x01" + struct.pack("<I", zlib.crc32(raw)) + UNIT.encode()
    info = RawName(raw)
    info.extra = struct.pack("<HH", 0x7075, len(field)) + field
    path = tmp_path / "u.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(info, xlsx())
    assert names(collect([path])) == [f"u.zip/{UNIT}"]
    stale = b"\x01" + struct.pack("<I", zlib.crc32(b"other")) + "别的.xlsx".encode()  # CRC of another name: ignored
    info = RawName(raw)
    info.extra = struct.pack("<HH", 0x7075, len(stale)) + stale
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(info, xlsx())
    assert names(collect([path])) == ["u.zip/" + raw.decode("cp437")]


def test_an_mbox_inside_a_zip_shares_the_zips_budget(tmp_path, monkeypatch):
    import mailbox

    from ._shapes import mail

    monkeypatch.setattr(collect_module, "MAX_TOTAL_BYTES", 60_000)
    box = mailbox.mbox(tmp_path / "box")
    for i in (1, 2):
        inner = zip_bytes([(f"{i}.xlsx", xlsx(str(i)) + b"\0" * 25_000)])
        box.add(mail(subject=f"第{i}封", attachments=[(f"{i}.zip", inner, "application/zip")]))
    box.close()
    data = zip_bytes([("收件箱.mbox", (tmp_path / "box").read_bytes())])
    inbox = collect([write(tmp_path, "备份.zip", data)])
    assert names(inbox) == ["备份.zip/收件箱.mbox/第1封/1.zip/1.xlsx"]
    assert [p.file for p in inbox.refused] == ["备份.zip/收件箱.mbox/第2封/2.zip"]
