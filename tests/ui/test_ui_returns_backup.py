"""报送: after an import the summary names the automatic backup, and says nothing of one when
none was made (a server database is not copied)."""

from __future__ import annotations

from datetime import date

TODAY = date(2023, 4, 10)


def import_two_returns(window, db, folder, idle):
    from greentasks.domain.periods import parse_period
    from greentasks.services.exports import export_templates
    from tests.factories import fill_template

    paths = export_templates(db, folder, parse_period("2023Q1"), ["区发展改革委", "区经济信息委"], today=TODAY)
    files = [fill_template(p, reported_on=date(2023, 4, 8)) for p in paths]
    view = window.view("returns")
    view.preview(files)
    idle()
    view.commit()
    idle()
    assert {f.outcome for f in view.file_model.rows} == {"imported"}
    return view


def test_the_summary_names_the_backup_file(window, db, idle, tmp_path, monkeypatch):
    from greentasks.services import importing

    made = []
    real = importing.auto_backup

    def recording(*args, **kwargs):
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(importing, "auto_backup", recording)
    view = import_two_returns(window, db, tmp_path / "returns", idle)
    assert made and made[0] is not None and made[0].exists()
    assert f"导入前已自动备份数据库：{made[0].name}" in view.summary.text()


def test_no_backup_is_claimed_when_none_was_made(window, db, idle, tmp_path, monkeypatch):
    from greentasks.services import importing

    monkeypatch.setattr(importing, "auto_backup", lambda *a, **k: None)  # as on PostgreSQL
    view = import_two_returns(window, db, tmp_path / "returns", idle)
    assert view.summary.text().startswith("已导入 2 个文件") and "备份" not in view.summary.text()
