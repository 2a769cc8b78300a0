"""What the clerk is told about rows a unit sent back exactly as they were sent out."""

from __future__ import annotations

from datetime import date

import openpyxl

from greentasks.domain.periods import require_period
from greentasks.services.exports import export_templates
from greentasks.services.returns_import import import_returns


def test_rows_returned_unchanged_from_last_period_are_imported_and_named(example_db, tmp_path):
    # The example office has 2023Q1 returns; the 2023Q2 templates come pre-filled with them.
    path = next(p for p in export_templates(example_db, tmp_path, require_period("2023Q2"), today=date(2023, 7, 5))
                if "区发展改革委" in p.name)
    wb = openpyxl.load_workbook(path)
    ws = wb["进展情况"]
    ws["C3"] = "张三"
    ws["H5"] = "本季度新增光伏装机2万千瓦。"  # only the first row is updated
    wb.save(path)
    (outcome,) = import_returns(example_db, [path]).files
    assert outcome.outcome == "imported"
    (warning,) = [w for w in outcome.warnings if "与上期报送的内容完全相同" in w.message]
    assert warning.message.startswith("第6、") and "、5、" not in warning.message
    # Rows never reported before (nothing to copy from last period) are not named.
    count = int(warning.message.split("（共")[1].split("行")[0])
    assert 0 < count < outcome.rows - 1
