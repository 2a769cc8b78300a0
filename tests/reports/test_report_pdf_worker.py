"""The 打印 dialog builds the report off the UI thread and writes the PDF on it (drawing text off
it crashed now and then); a failed write leaves the clerk's earlier file whole. Printing stops
between pages."""

from __future__ import annotations

import pypdf
import pytest

from .conftest import LATER, TODAY


def flat(text: str) -> str:
    return "".join(text.split())


def complaints(qtlog) -> list[str]:
    """What Qt warned about, but the offscreen platform's notice that it does not pass a window's
    size hints on (it comes with showing a window, not with drawing)."""
    return [r.message for r in qtlog.records
            if r.type_name != "QtDebugMsg" and "propagateSizeHints" not in r.message]


@pytest.fixture
def no_message_boxes(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def record(box, *args, **kwargs):
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda _p, _t, text, *a: shown.append(text)))
    return shown


@pytest.fixture
def threads_writing(monkeypatch):
    """ui.printing.write_pdf, recording whether each call ran on the UI thread."""
    from PySide6.QtCore import QCoreApplication, QThread

    from ui import printing

    calls: list[bool] = []
    real = printing.write_pdf

    def recording(report, path):
        calls.append(QThread.currentThread() is QCoreApplication.instance().thread())
        return real(report, path)

    monkeypatch.setattr(printing, "write_pdf", recording)
    return calls


def open_dialog(qtbot, office, today, kind, unit=""):
    from ui.dialogs.report_dialog import ReportDialog

    dialog = ReportDialog(None, office, today, "pdf")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=10_000)
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.unit.setEditText(unit)
    return dialog


def built(office, today, kind):
    from greentasks.reports import build_report
    from greentasks.services.queries import Context

    with office.reading() as session:
        return build_report(session, Context.load(session, today), kind)


def test_the_dialog_writes_the_pdf_on_the_ui_thread(qtbot, qtlog, office, tmp_path, threads_writing, no_message_boxes):
    from PySide6.QtWidgets import QDialog

    from ui import workers

    dialog = open_dialog(qtbot, office, TODAY, "full")
    dialog.pdf_path = str(tmp_path / "推进情况表")
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=20_000)
    assert workers.wait_idle()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert threads_writing == [True]  # once, where the window paints
    out = tmp_path / "推进情况表.pdf"
    assert dialog.saved == out and sorted(p.name for p in tmp_path.iterdir()) == [out.name]
    pdf = pypdf.PdfReader(str(out))
    title = dialog.report.parts[0].title
    assert len(pdf.pages) == dialog.pages > 1
    assert flat(title) in flat(pdf.pages[0].extract_text())
    assert pdf.metadata.title == title.replace("\n", "")
    assert not complaints(qtlog)


def test_a_failed_write_leaves_the_earlier_file_as_it_was(qtbot, office, tmp_path, monkeypatch, no_message_boxes):
    from ui import printing, workers

    out = tmp_path / "名单.pdf"
    out.write_bytes(b"the clerk's earlier file")

    def broken(report, path):
        path.write_bytes(b"half a PDF")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(printing, "write_pdf", broken)
    dialog = open_dialog(qtbot, office, LATER, "missing")
    dialog.pdf_path = str(out)
    dialog.ok.click()
    qtbot.waitUntil(lambda: bool(no_message_boxes), timeout=20_000)
    assert workers.wait_idle()
    assert dialog.saved is None and "名单.pdf" in no_message_boxes[0]
    assert out.read_bytes() == b"the clerk's earlier file"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


def test_printing_shows_its_pages_and_stops_between_them_when_cancelled(qtbot, office, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from ui.dialogs.report_dialog import _print_with_progress, _printer

    report = built(office, LATER, "full")

    def to_file(name):
        printer = _printer(report, with_pages=True)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / name))
        return printer

    labels: list[str] = []

    def watch():
        labels.extend(w.labelText() for w in QApplication.topLevelWidgets()
                      if isinstance(w, QProgressDialog) and w.isVisible())

    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(0)
    printer = to_file("all.pdf")
    assert _print_with_progress(report, printer, None) is True
    timer.stop()
    assert printer.pages == len(pypdf.PdfReader(str(tmp_path / "all.pdf")).pages) > 2
    assert "正在打印第 2 页……" in labels

    def cancel():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QProgressDialog) and w.isVisible():
                w.cancel()

    QTimer.singleShot(0, cancel)
    stopped = to_file("stopped.pdf")
    assert _print_with_progress(report, stopped, None) is False
    assert stopped.pages == 2  # stopped as the second page began
