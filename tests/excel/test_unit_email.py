"""The units' 邮箱 (issue 15): read and written with the 单位通讯录, edited in 单位, and the way a
mailed return that names no unit is known by its sender."""

from __future__ import annotations

import openpyxl
import pytest

from greentasks.domain.mailaddr import normalize_addresses, split_addresses
from greentasks.errors import GreentasksError
from greentasks.services import actions
from greentasks.services.directory import DirectoryIndex
from greentasks.services.directory_io import export_directory_file, import_directory_file

from ._books import write_xlsx
from ._util import dump

HEADER = ["单位名称", "简称/别名", "类别", "联系人", "联系电话", "电子邮箱"]


@pytest.mark.parametrize("text,good,bad", [
    ("fgw@nc.gov.cn", ["fgw@nc.gov.cn"], []),
    ("FGW@NC.gov.cn；fgw2@163.com", ["fgw@nc.gov.cn", "fgw2@163.com"], []),
    ("张三 <zhang@nc.gov.cn>, li@nc.gov.cn、li@nc.gov.cn", ["zhang@nc.gov.cn", "li@nc.gov.cn"], []),
    ("fgw＠nc．gov．cn", ["fgw@nc.gov.cn"], []),
    ("fgw@nc", [], ["fgw@nc"]),
    ("", [], []),
])
def test_addresses_are_split_as_clerks_write_them(text, good, bad):
    assert split_addresses(text) == (good, bad)
    assert normalize_addresses(text) == "；".join(good)


def test_the_directory_file_carries_the_addresses_and_the_index_finds_a_sender(office, tmp_path):
    path = write_xlsx(tmp_path / "通讯录.xlsx", [
        HEADER,
        ["区发展改革委", None, "区级部门", "王五", "023-71420001", "fgw@nc.gov.cn; FGW_bg@163.com"],
        ["区财政局", None, "区级部门", None, None, None],
    ])
    outcome = import_directory_file(office, path)
    assert outcome.outcome == "imported", outcome.errors
    with office.reading() as s:
        index = DirectoryIndex(s)
        assert index.by_email("fgw_bg@163.com").name == "区发展改革委"
        assert index.by_email("FGW@nc.gov.cn ").name == "区发展改革委"
        assert index.by_email("czj@nc.gov.cn") is None
        assert index.by_email("") is None
    out = export_directory_file(office, tmp_path / "导出.xlsx")
    ws = openpyxl.load_workbook(out)["单位"]
    header = [c.value for c in ws[1]]
    assert header[5] == "邮箱"
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "区发展改革委")
    assert row[5] == "fgw@nc.gov.cn；fgw_bg@163.com"
    # the exported file imported again changes nothing
    before = dump(office)
    assert import_directory_file(office, out).outcome == "imported"
    assert dump(office) == before


def test_a_bad_address_refuses_the_file_naming_its_cell(office, tmp_path):
    path = write_xlsx(tmp_path / "通讯录.xlsx", [
        HEADER,
        ["区发展改革委", None, None, None, None, "fgw@nc.gov.cn"],
        ["区财政局", None, None, None, None, "czj@nc"],
    ])
    before = dump(office)
    outcome = import_directory_file(office, path)
    assert outcome.outcome == "refused"
    (problem,) = outcome.errors
    assert (problem.row, problem.column) == (3, "F")
    assert "czj@nc" in problem.message and "格式不对" in problem.message
    assert dump(office) == before


def test_the_address_is_edited_by_hand_and_checked(office):
    with office.reading() as s:
        dep_id = DirectoryIndex(s).resolve("区财政局").id
    actions.save_unit(office, dep_id, email="CZJ@nc.gov.cn 、czj2@nc.gov.cn")
    with office.reading() as s:
        assert DirectoryIndex(s).by_email("czj2@nc.gov.cn").id == dep_id
    with pytest.raises(GreentasksError, match="格式不对"):
        actions.save_unit(office, dep_id, email="czj.nc.gov.cn@")
    new_id = actions.add_unit(office, "区绿色发展促进中心", "企事业单位", email="lcz@nc.gov.cn").value
    with office.reading() as s:
        assert DirectoryIndex(s).by_email("lcz@nc.gov.cn").id == new_id
