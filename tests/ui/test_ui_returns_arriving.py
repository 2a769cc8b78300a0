"""报送 takes returns as they arrive (issue 15): a zip from a Windows PC and a saved mail dropped
with a folder are previewed member by member with readable names, what is not a return is
listed with why, and the import writes exactly the previewed files."""

from __future__ import annotations

import shutil

from tests.inbox._shapes import zip_bytes
from tests.test_returns_arriving import _mail
from tests.ui.test_ui_returns import TODAY


def returns_files(db, folder):
    from datetime import date

    from greentasks.domain.periods import parse_period
    from greentasks.services.exports import export_templates
    from tests.factories import fill_template

    units = ["区发展改革委", "区经济信息委", "区财政局"]
    paths = export_templates(db, folder, parse_period("2023Q1"), units, today=TODAY)
    return [fill_template(p, progress="四月新报", reported_on=date(2023, 4, 8)) for p in paths]


def test_a_zip_and_a_mail_are_previewed_and_imported_like_loose_files(window, db, idle, tmp_path):
    files = returns_files(db, tmp_path / "made")
    inbox = tmp_path / "收件"
    inbox.mkdir()
    zipped, mailed, loose = files[0], files[1], files[2]
    (inbox / "各单位报送.zip").write_bytes(zip_bytes([(f"进展/{zipped.name}", zipped.read_bytes()),
                                                   ("进展/说明.docx", b"PK\x03\x04")]))
    _mail(inbox / "报送.eml", sender="联络员 <llb@nc.gov.cn>", subject="报送进展",
          attachments={mailed.name: mailed.read_bytes()})
    shutil.copy(loose, inbox)
    (inbox / "~$锁定.xlsx").write_bytes(b"lock")

    view = window.view("returns")
    view.preview([inbox])
    idle()
    rows = {f.name: f for f in view.file_model.rows}
    member, attachment = f"各单位报送.zip/进展/{zipped.name}", f"报送.eml/{mailed.name}"
    assert rows[member].outcome == "dry-run" and rows[attachment].outcome == "dry-run"
    assert rows[loose.name].outcome == "dry-run"
    assert rows["~$锁定.xlsx"].outcome == "skipped"
    assert rows["各单位报送.zip/进展/说明.docx"].outcome == "skipped"
    assert "另有 2 个文件不是进展情况表" in view.summary.text()
    # the table shows the names as the clerk reads them, and the mail in the tooltip
    model = view.file_model
    names = [model.data(model.index(r, model.column_index("file"))) for r in range(model.rowCount())]
    assert member in names and "\ufffd" not in "".join(names)
    from PySide6.QtCore import Qt

    at = names.index(attachment)
    tip = model.data(model.index(at, model.column_index("file")), Qt.ItemDataRole.ToolTipRole)
    assert "邮件“报送进展”" in tip

    view.commit()
    idle()
    done = {f.name: f.outcome for f in view.file_model.rows}
    assert done[member] == done[attachment] == done[loose.name] == "imported"
    names = {b.file_name for b in window.backend.snapshot.batches}
    assert member in names and attachment in names
