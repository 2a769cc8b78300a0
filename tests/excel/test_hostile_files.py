"""Hostile and broken files (docs/excel.md#refusals): each is refused with a Chinese message naming the file,
exit code 1, and the database content exactly as it was."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from greentasks.excel.reader import MAX_FILE_BYTES

from ._books import (
    declared_bomb,
    docx_renamed,
    encrypted_xlsx,
    free_return,
    plan_table,
    real_bomb,
    with_entity,
    write_cfb,
    write_xls,
    write_xlsx,
)
from ._util import dump, run_json

# kind -> (file name, words the message must hold)
KINDS = {
    "empty": ("空文件.xlsx", ["文件是空的", "0 字节"]),
    "text": ("纯文本.xlsx", ["纯文本文件", "不是Excel表格"]),
    "docx": ("其实是Word.xlsx", ["Word文档", "不是Excel表格"]),
    "doc": ("旧版Word.xls", ["Word文档", ".doc"]),
    "truncated-xlsx": ("传了一半.xlsx", ["文件已损坏", "重新保存"]),
    "truncated-xls": ("传了一半.xls", ["损坏", "重新保存"]),
    "too-large": ("太大.xlsx", ["文件太大", "20 MB"]),
    "declared-bomb": ("压缩炸弹.xlsx", ["解压后过大", "200 MB", "压缩炸弹"]),
    "ratio-bomb": ("高压缩比.xlsx", ["压缩比异常", "压缩炸弹"]),
    "entity": ("实体声明.xlsx", ["不安全的XML实体声明", "ENTITY"]),
    "password": ("有密码.xlsx", ["打开密码", "无法读取"]),
    "pdf": ("扫描件.xlsx", ["PDF文件", "不是Excel表格"]),
    "archive": ("打包.xlsx", ["压缩包", "解压"]),
    "blank-workbook": ("空白表.xlsx", ["文件是空的", "没有填写任何内容"]),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    grid, merges = free_return([[1, 18, "光伏", "推进中", "进展", None, None, None]], unit="区发展改革委",
                               period="2023Q1")
    good = write_xlsx(folder / "good.xlsx", grid, merges=merges)
    good_xls = write_xls(folder / "good.xls", grid, merges=merges)
    files: dict[str, Path] = {}

    def put(kind: str, data: bytes | None = None) -> Path:
        path = folder / KINDS[kind][0]
        if data is not None:
            path.write_bytes(data)
        files[kind] = path
        return path

    put("empty", b"")
    put("text", "这不是表格，只是一段说明文字。\n请各单位于4月10日前报送。\n".encode())
    docx_renamed(put("docx"))
    write_cfb(put("doc"), {"WordDocument": b"\xec\xa5\xc1\x00" + b"\0" * 1020, "1Table": b"\0" * 4096})
    put("truncated-xlsx", good.read_bytes()[: good.stat().st_size // 2])
    put("truncated-xls", good_xls.read_bytes()[: good_xls.stat().st_size // 2])
    with put("too-large").open("wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.truncate(MAX_FILE_BYTES + 1)
    declared_bomb(good, put("declared-bomb"))
    real_bomb(put("ratio-bomb"), megabytes=40)
    with_entity(good, put("entity"))
    encrypted_xlsx(put("password"))
    put("pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    with zipfile.ZipFile(put("archive"), "w") as z:
        z.write(good, "各单位报送/区发展改革委.xlsx")
        z.write(good, "各单位报送/区农委.xlsx")
    write_xlsx(put("blank-workbook"), [[None, "   "], [None, None]])
    return files


@pytest.mark.parametrize("command", ["import-returns", "import-plan"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_hostile_file_is_refused_and_nothing_changes(planned, hostile, capsys, command, kind):
    path = hostile[kind]
    name, words = KINDS[kind]
    before = dump(planned)
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "--today", "2023-04-10", command, path, "--json")
    assert code == 1, err
    (f,) = data["files"]
    assert f["outcome"] == "refused" and f["rows"] == 0
    (e,) = f["errors"]
    for word in words:
        assert word in e["message"], (word, e["message"])
    assert name in err and "未导入" in err
    assert "Traceback" not in err
    assert dump(planned) == before


def test_hostile_files_in_a_batch_do_not_stop_the_good_one(planned, hostile, tmp_path, capsys):
    grid, merges = free_return([[1, 18, "光伏", "推进中", "进展", None, None, None]], unit="区发展改革委", period="2023Q1")
    good = write_xlsx(tmp_path / "区发展改革委_2023Q1.xlsx", grid, merges=merges)
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "import-returns", *hostile.values(), good, "--json")
    assert code == 1
    outcomes = [f["outcome"] for f in data["files"]]
    assert outcomes == ["refused"] * len(hostile) + ["imported"]


@pytest.mark.parametrize("kind", ["docx", "truncated-xlsx", "entity", "password"])
@pytest.mark.parametrize("command", ["import-departments", "import-indicators"])
def test_other_imports_refuse_hostile_files_too(planned, hostile, capsys, command, kind):
    before = dump(planned)
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, command, hostile[kind], "--json")
    assert code == 1
    assert data["files"][0]["outcome"] == "refused"
    assert KINDS[kind][0] in err and KINDS[kind][1][0] in err
    assert dump(planned) == before


def test_a_spreadsheet_that_is_no_decomposition_table(office, tmp_path, capsys):
    path = write_xlsx(tmp_path / "通讯录.xlsx", [["单位名称", "联系人"], ["区发展改革委", "王五"]])
    before = dump(office)
    code, data, err = run_json(capsys, "--db", office.sqlite_path, "import-plan", path, "--json")
    assert code == 1 and "没有找到分工表的表头" in data["files"][0]["errors"][0]["message"]
    grid, merges = plan_table()
    code, data, err = run_json(capsys, "--db", office.sqlite_path, "import-returns", write_xlsx(
        tmp_path / "分工表.xlsx", grid, merges=merges), "--json")
    assert code == 1 and "没有找到进展情况表的表头" in data["files"][0]["errors"][0]["message"]
    assert dump(office) == before
