"""The ledger and a return template open in another office suite: LibreOffice converts them to
CSV and the Chinese content is all there. Needs `soffice` (Debian: libreoffice-calc-nogui); under
CI=true a missing soffice is a failure, not a skip."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess

import pytest

from ._books import M_SOLAR, free_return, write_xlsx
from ._util import run

pytestmark = pytest.mark.slow

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def soffice():
    if SOFFICE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but soffice is not installed (apt-get install libreoffice-calc-nogui)")
        pytest.skip("LibreOffice (soffice) is not installed")
    return SOFFICE


def _convert(soffice: str, target: str, files, outdir, profile) -> None:
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(outdir), *map(str, files)],
        check=True, capture_output=True, timeout=120)


def _to_csv(soffice: str, files, outdir, profile) -> dict[str, list[list[str]]]:
    # 44 comma, 34 quote, 76 UTF-8, 1 first line: the first sheet as UTF-8 CSV
    _convert(soffice, "csv:Text - txt - csv (StarCalc):44,34,76,1", files, outdir, profile)
    result = {}
    for f in files:
        out = outdir / (f.stem + ".csv")
        assert out.exists(), f"LibreOffice did not convert {f.name}"
        with out.open(encoding="utf-8", newline="") as fh:
            result[f.name] = list(csv.reader(fh))
    return result


def test_ledger_and_template_open_in_libreoffice(soffice, planned, tmp_path, capsys):
    from greentasks.services.returns_import import import_returns

    grid, merges = free_return([[1, 18, "光伏", "推进中", "光伏项目并网2个，装机1.2万千瓦。", "并网排队", "加快并网", None]])
    assert import_returns(planned, [write_xlsx(tmp_path / "发改委.xlsx", grid, merges=merges)]).files[0].outcome == \
        "imported"
    ledger = tmp_path / "总台账.xlsx"
    assert run(capsys, "--db", planned.sqlite_path, "--today", "2023-04-10", "export-ledger", ledger)[0] == 0
    # The next period's template, pre-filled with this return (docs/periods.md#as-of).
    code, out, _ = run(capsys, "--db", planned.sqlite_path, "--today", "2023-04-10", "export-templates",
                       tmp_path / "templates", "--period", "2023Q2", "--department", "区发展改革委")
    assert code == 0
    template = tmp_path / "templates" / "2023Q2_区发展改革委_进展情况表.xlsx"
    converted = _to_csv(soffice, [ledger, template], tmp_path / "csv", tmp_path / "profile")

    rows = [r for r in converted[ledger.name] if any(c.strip() for c in r)]
    assert rows[0][0].endswith("重点任务推进情况总台账")
    assert rows[2][:5] == ["序号", "章节", "任务编号", "重点任务", "具体工作"]
    assert len(rows) == 3 + 7  # title, summary, header, one row per 具体工作
    solar = next(r for r in rows if r[4] == M_SOLAR)
    assert solar[5] == "区发展改革委" and solar[6] == "区经济信息委" and solar[9] == "推进中"
    assert solar[12] == "光伏项目并网2个，装机1.2万千瓦。"

    rows = converted[template.name]
    assert rows[0][0].endswith("重点任务进展情况表")
    assert rows[1][0] == "报送期：2023年第二季度"
    assert rows[3][:11] == ["序号", "任务编号", "重点任务", "具体工作", "责任类型", "完成时限", "完成状态", "进展情况",
                            "存在问题", "下步计划", "备注"]
    data = [r for r in rows[4:] if r and r[0].isdigit()]
    assert len(data) == 4
    assert {r[3] for r in data} >= {M_SOLAR}
    solar = next(r for r in data if r[3] == M_SOLAR)
    assert solar[6] == "推进中" and solar[7] == "光伏项目并网2个，装机1.2万千瓦。"
    assert any(r and r[0].startswith("填表说明") for r in rows)


def test_a_filled_template_saved_as_xls_or_ods_still_matches_by_hidden_ids(soffice, planned, tmp_path, capsys):
    """Units with WPS or an old Excel send the template back as .xls: the hidden id column and the
    hidden _meta sheet must survive the conversion."""
    from greentasks.services.returns_import import import_returns

    from ._util import entries
    from .test_templates import FILL, fill_template

    code, _, _ = run(capsys, "--db", planned.sqlite_path, "--today", "2023-04-10", "export-templates", tmp_path / "t",
                     "--period", "2023Q1", "--department", "区发展改革委")
    assert code == 0
    template = tmp_path / "t" / "2023Q1_区发展改革委_进展情况表.xlsx"
    (tmp_path / "filled").mkdir()
    filled = fill_template(template, tmp_path / "filled" / template.name)
    _convert(soffice, "xls", [filled], tmp_path / "xls", tmp_path / "profile")
    _convert(soffice, "ods", [filled], tmp_path / "ods", tmp_path / "profile")
    xls = tmp_path / "xls" / (filled.stem + ".xls")
    ods = tmp_path / "ods" / (filled.stem + ".ods")
    (f,) = import_returns(planned, [xls]).files
    assert f.outcome == "imported", [str(p) for p in f.errors]
    assert (f.department, f.period, f.rows) == ("区发展改革委", "2023Q1", 4)
    got = sorted(e["status"] for e in entries(planned))
    assert got == sorted(v[1] for v in FILL.values())
    (f,) = import_returns(planned, [ods]).files
    assert f.outcome == "imported", [str(p) for p in f.errors]
    assert [e["superseded"] for e in entries(planned)].count(False) == 4
