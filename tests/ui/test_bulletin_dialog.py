"""The 督查通报 dialog offscreen on the example office (2023-04-10): the draft read off the UI
thread with the next 第N期, the 专报, saving the Word file (and the PDF) through the same use case
as `greentasks bulletin`, opening it, and the number moving on once it is used."""

from __future__ import annotations

import os
import shutil
from datetime import date

import pytest
from docx import Document

TODAY = date(2023, 4, 10)  # the example office's day (tests/ui/conftest.py)


def wait(timeout_ms: int = 30_000) -> None:
    from ui import workers

    assert workers.wait_idle(timeout_ms), "a background operation did not finish"


TITLE = "关于《重庆市南川区人民政府关于加快推进绿色发展的实施意见》重点任务2023年第一季度落实情况的通报"


@pytest.fixture
def dialog(qtbot, window):
    from ui.dialogs.bulletin_dialog import BulletinDialog

    d = BulletinDialog(window, window.backend.db, TODAY, window.backend)
    qtbot.addWidget(d)
    d.show()
    wait()
    assert d.data is not None, d.preview.toPlainText()
    return d


@pytest.fixture
def opened(monkeypatch):
    from PySide6.QtGui import QDesktopServices

    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url.toLocalFile())))
    return urls


def test_the_menu_opens_it(window, monkeypatch):
    from ui.dialogs import bulletin_dialog

    shown = []
    monkeypatch.setattr(bulletin_dialog.BulletinDialog, "exec", lambda self: shown.append(self) or 0)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "打印(&P)")
    assert window.act_bulletin in menu.actions()
    window.act_bulletin.trigger()
    assert len(shown) == 1 and shown[0].db is window.backend.db
    wait()


def test_the_draft_is_the_period_s_numbers_with_the_next_issue(dialog, window):
    from greentasks.services.queries import Context, status_summary

    assert dialog.period.currentData() == "2023Q1" and dialog.period.currentText() == "2023年第一季度"
    assert dialog.kind.currentData() == "通报"
    assert dialog.issue.value() == 1 and "2023年还没有编过期号。" in dialog.issue_hint.text()
    text = dialog.preview.toPlainText()
    lines = text.splitlines()
    assert lines[:2] == ["南川区政务督查", "第1期"] and TITLE in lines
    with window.backend.db.reading() as session:
        from greentasks.domain.periods import Period

        summary = status_summary(session, Context.load(session, TODAY, Period.quarter(2023, 1)))
    assert f"{summary.tasks}项重点任务细化为{summary.assignments}项具体工作" in text
    assert f"已超过完成时限仍未完成（逾期）{summary.overdue}项" in text
    for unit in summary.missing_returns:
        assert unit in text
    assert "附件" in lines and "抄送：区委办公室，区人大常委会办公室，区政协办公室。" in lines

    dialog.issue.setValue(5)  # only redrawn: no query
    assert dialog.preview.toPlainText().splitlines()[1] == "第5期"
    assert dialog.save_word.isEnabled() and dialog.save_both.isEnabled()


def test_the_special_report(dialog):
    dialog.kind.setCurrentIndex(dialog.kind.findData("专报"))
    wait()
    lines = dialog.preview.toPlainText().splitlines()
    assert lines[0] == "南川区政务督查专报" and "区政府领导：" in lines and "三、建议" in lines
    assert "附件" not in lines and dialog.issue.value() == 1


def test_a_period_before_the_plan_says_so_and_cannot_be_saved(dialog):
    dialog.period.setCurrentIndex(dialog.period.findData("2022Q2"))
    wait()
    assert "在文件成文日期（2022年10月26日）之前" in dialog.preview.toPlainText()
    assert not dialog.save_word.isEnabled() and not dialog.save_both.isEnabled()
    dialog.period.setCurrentIndex(dialog.period.findData("2023Q1"))
    wait()
    assert dialog.save_word.isEnabled()


def test_saving_writes_the_word_file_and_the_next_number_is_offered(dialog, window, tmp_path, opened, monkeypatch):
    from greentasks.services.settings import last_bulletin_issue

    out = tmp_path / "督查通报.docx"
    monkeypatch.setattr(dialog, "ask_path", lambda: str(out))
    assert dialog.default_name() == "2023年第一季度督查通报（2023年第1期）.docx"
    dialog.save_word.click()
    wait()
    assert out.exists()
    doc = Document(str(out))
    assert "第1期" in [p.text for p in doc.paragraphs] and TITLE in [p.text for p in doc.paragraphs]
    assert f"已生成2023年第一季度督查通报（2023年第1期）：{out}" in dialog.status.text()
    with window.backend.db.reading() as session:
        assert last_bulletin_issue(session, 2023) == 1
    assert dialog.open_word.isEnabled() and not dialog.open_pdf.isEnabled()
    dialog.open_word.click()
    assert opened == [str(out)]
    # The number is used: the draft offers the next one and says what this period had.
    assert dialog.issue.value() == 2
    assert "2023年第一季度的督查通报此前已编为第1期" in dialog.issue_hint.text()


def test_without_libreoffice_the_word_file_is_saved_and_the_clerk_told(dialog, tmp_path, monkeypatch):
    from greentasks.word import topdf

    monkeypatch.setattr(topdf, "find_office", lambda: None)
    out = tmp_path / "通报.docx"
    dialog.save(pdf=True, path=str(out))
    wait()
    assert out.exists() and not out.with_suffix(".pdf").exists()
    assert topdf.NO_CONVERTER in dialog.status.text()
    assert dialog.open_word.isEnabled() and not dialog.open_pdf.isEnabled()


@pytest.mark.slow
def test_saving_the_pdf_too(dialog, tmp_path, opened):
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but soffice is not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "通报"  # the dialog adds .docx
    dialog.save(pdf=True, path=str(out))
    wait(120_000)
    pdf = tmp_path / "通报.pdf"
    assert (tmp_path / "通报.docx").exists() and pdf.exists()
    assert f"已生成 PDF：{pdf}" in dialog.status.text()
    dialog.open_pdf.click()
    assert opened == [str(pdf)]


# -- 设置 › 公文 ------------------------------------------------------------------------------------

def test_settings_opens_the_document_settings_and_they_go_into_the_next_bulletin(qtbot, window, tmp_path,
                                                                                 monkeypatch, messages):
    from greentasks.services.document_settings import load_document_settings
    from greentasks.services.settings import DEFAULT_NEXT_STEPS
    from ui.dialogs import document_settings_dialog, settings_dialog

    edited = []

    def edit(dialog):  # what a clerk does in 公文设置…
        wait()
        assert dialog.masthead.text() == "南川区政务督查" and dialog.office_name.text() == "南川区人民政府办公室"
        assert dialog.next_steps.toPlainText() == DEFAULT_NEXT_STEPS
        dialog.masthead.setText("南川督查")
        dialog.contact.setText("李科员")
        dialog.phone.setText("023-71422222")
        dialog.copy_to.setText("区委办公室。")
        dialog.next_steps.setPlainText("一是抓紧整改。\n\n二是按时报送。\n")
        dialog.save()
        wait()
        edited.append(dialog.changed)
        return dialog.result()

    def settings(dialog):
        assert dialog.documents_button.isEnabled()
        dialog.documents_button.click()
        return 0  # 设置 itself cancelled: the 公文 were saved by their own dialog

    monkeypatch.setattr(document_settings_dialog.DocumentSettingsDialog, "exec", edit)
    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", settings)
    window.open_settings()
    assert edited == [["报头", "联系人", "联系电话", "抄送", "下步要求"]]
    values = load_document_settings(window.backend.db)
    assert (values.masthead, values.contact, values.copy_to, values.next_steps) == \
        ("南川督查", "李科员", "区委办公室。", "一是抓紧整改。\n二是按时报送。")

    from ui.dialogs.bulletin_dialog import BulletinDialog

    d = BulletinDialog(window, window.backend.db, TODAY, window.backend)
    qtbot.addWidget(d)
    wait()
    out = tmp_path / "通报.docx"
    d.save(pdf=False, path=str(out))
    wait()
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert paragraphs[0] == "南川督查"
    steps = paragraphs.index("四、下步要求")
    assert paragraphs[steps + 1:steps + 3] == ["一是抓紧整改。", "二是按时报送。"]
    foot = Document(str(out)).tables[-1].cell(0, 0)
    assert foot.paragraphs[0].text == "抄送：区委办公室。"


def test_a_masthead_too_long_is_refused_in_words_and_nothing_saved(qtbot, window, messages):
    from greentasks.services.document_settings import load_document_settings
    from ui.dialogs.document_settings_dialog import DocumentSettingsDialog

    dialog = DocumentSettingsDialog(window, window.backend.db, window.backend)
    qtbot.addWidget(dialog)
    wait()
    dialog.masthead.setText("南川区人民政府办公室政务督查信息专刊特别版本")
    dialog.save()
    wait()
    assert dialog.result() == 0 and dialog.save_button.isEnabled()
    assert any("报头最多20个字，现在是22个字" in text for _title, text in messages)
    assert load_document_settings(window.backend.db).masthead == "南川区政务督查"
