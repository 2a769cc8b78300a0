"""A folder as the clerk keeps one: returns, a zip, saved mails and the files that are no return,
each of which is named with why."""

from __future__ import annotations

import pytest

from greentasks.inbox.collect import collect

from ._shapes import DOCX, XLSX, mail, xlsx, zip_bytes


def write(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.fixture
def folder(tmp_path):
    f = tmp_path / "报送"
    f.mkdir()
    write(f / "区水利局.xlsx", xlsx("水利"))
    write(f / "区林业局.xls", xlsx("林业"))  # a workbook with the wrong extension: the reader decides
    write(f / "乡镇.zip", zip_bytes([("东城街道.xlsx", xlsx("东城"))]))
    write(f / "农业农村委.eml", mail(subject="农业农村委报送", sender="农委 <nw@nc.gov.cn>",
                                     attachments=[("农业农村委.xlsx", xlsx("农委"), XLSX)]).as_bytes())
    write(f / "生态环境局.eml", mail(subject="生态环境局报送", attachments=[("生态环境局.xlsx", xlsx("生态"), XLSX)]).as_bytes())
    write(f / "~$区水利局.xlsx", b"\x05Owner" + b"\0" * 150)
    write(f / ".~区林业局.xls", b"\x05Owner")
    write(f / "Thumbs.db", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    write(f / "desktop.ini", b"[.ShellClassInfo]")
    write(f / "填报说明.docx", DOCX)
    write(f / "notes", b"some words")
    write(f / "旧版.rar", b"Rar!\x1a\x07\x00")
    (f / "往年").mkdir()
    write(f / "往年" / "2022.xlsx", xlsx("2022"))
    return f


def test_a_folder_holding_returns_a_zip_mails_and_other_files(folder):
    inbox = collect([folder])
    assert [r.name for r in inbox.items] == [
        "乡镇.zip/东城街道.xlsx", "农业农村委.eml/农业农村委.xlsx", "区林业局.xls", "区水利局.xlsx",
        "生态环境局.eml/生态环境局.xlsx"]
    loose = {r.name: r for r in inbox.items}
    assert loose["区水利局.xlsx"].data is None and loose["区水利局.xlsx"].source == folder / "区水利局.xlsx"
    assert loose["区水利局.xlsx"].mtime == (folder / "区水利局.xlsx").stat().st_mtime
    assert loose["区水利局.xlsx"].hints == ("区水利局",)
    assert loose["农业农村委.eml/农业农村委.xlsx"].mail.sender_address == "nw@nc.gov.cn"
    assert sorted(p.line() for p in inbox.passed) == sorted([
        ".~区林业局.xls：Excel/WPS 打开文件时生成的临时文件，不是报送",
        "desktop.ini：Windows 自动生成的文件夹设置文件，不是报送",
        "notes：不是表格、压缩包或邮件（没有扩展名，看不出是什么文件）",
        "Thumbs.db：Windows 自动生成的缩略图缓存文件，不是报送",
        "~$区水利局.xlsx：Excel/WPS 打开文件时生成的临时文件，不是报送",
        "填报说明.docx：不是表格、压缩包或邮件（.docx Word文档）",
        "往年：文件夹（未打开其中的文件；如需导入，请单独选择这个文件夹）",
    ])
    assert [(p.file, p.message[:9]) for p in inbox.refused] == [("旧版.rar", "这是RAR压缩包，")]


def test_the_same_file_given_twice_is_collected_once(folder):
    inbox = collect([folder / "区水利局.xlsx", folder, str(folder / "区水利局.xlsx"), folder / "." / "乡镇.zip"])
    assert [r.name for r in inbox.items].count("区水利局.xlsx") == 1
    assert [r.name for r in inbox.items].count("乡镇.zip/东城街道.xlsx") == 1


def test_a_file_given_by_itself_of_no_known_kind_is_left_to_the_reader(tmp_path):
    docx = write(tmp_path / "说明.docx", DOCX)
    odd = write(tmp_path / "报表.dat", xlsx())
    bare = write(tmp_path / "报表", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    inbox = collect([docx, odd, bare])
    assert [(r.name, r.data) for r in inbox.items] == [("说明.docx", None), ("报表.dat", None), ("报表", None)]
    assert inbox.passed == [] and inbox.refused == []


def test_a_lock_file_given_by_itself_is_still_no_return(tmp_path):
    inbox = collect([write(tmp_path / "~$进展.xlsx", b"\x05Owner")])
    assert inbox.items == [] and [p.name for p in inbox.passed] == ["~$进展.xlsx"]


def test_a_missing_path_is_refused_by_name(tmp_path):
    inbox = collect([tmp_path / "没有这个文件.xlsx"])
    assert [(p.file, p.message[:12]) for p in inbox.refused] == [("没有这个文件.xlsx", "找不到这个文件或文件夹。")]


def test_an_unreadable_folder(tmp_path, monkeypatch):
    locked = tmp_path / "锁住"
    locked.mkdir()
    real = type(locked).iterdir

    def iterdir(self):
        if self.name == "锁住":
            raise PermissionError(13, "Access is denied")
        return real(self)

    monkeypatch.setattr(type(locked), "iterdir", iterdir)
    inbox = collect([locked])
    assert [p.file for p in inbox.refused] == ["锁住"]
    assert inbox.refused[0].message.startswith("无法打开这个文件夹")


def test_nothing_escapes_as_an_exception(tmp_path, monkeypatch):
    from greentasks.inbox import collect as collect_module

    def boom(*a, **k):
        raise RuntimeError("a bug")

    monkeypatch.setattr(collect_module._mail, "parse_eml", boom)
    path = write(tmp_path / "a.eml", mail(attachments=[("a.xlsx", xlsx(), XLSX)]).as_bytes())
    zpath = write(tmp_path / "b.zip", zip_bytes([("m.eml", path.read_bytes()), ("ok.xlsx", xlsx())]))
    inbox = collect([path, zpath])
    assert [r.name for r in inbox.items] == ["b.zip/ok.xlsx"]
    assert [p.file for p in inbox.refused] == ["a.eml", "b.zip/m.eml"]
