"""The printed reports as PDFs, rendered offscreen by ui.printing and read back with pypdf."""

from __future__ import annotations

import re
from datetime import date

import pypdf
import pytest

from greentasks.domain.periods import Period
from greentasks.reports import build_report
from greentasks.reports.model import Cell, Column, Group, Part, Report, Row, Table
from greentasks.services.catalog import task_list
from greentasks.services.queries import Filters, assignment_rows, status_summary
from greentasks.services.scores import unit_scores

from .conftest import LATER, Q1

# Kangxi radicals and CJK radicals supplement: what a wrong font mapping puts in the text layer.
RADICALS = re.compile("[\u2f00-\u2fdf\u2e80-\u2eff]")
A4_LANDSCAPE = (842, 595)


def pages_text(path) -> list[str]:
    return [p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages]


def flat(text: str) -> str:
    """Without the line breaks and spaces a table cell's wrapping puts into extracted text."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def full_pdf(office, qapp, tmp_path_factory):
    from greentasks.services.queries import Context
    from ui.printing import write_pdf

    path = tmp_path_factory.mktemp("pdf") / "full.pdf"
    with office.reading() as session:
        ctx = Context.load(session, date(2023, 4, 10))
        report = build_report(session, ctx, "full")
        summary = status_summary(session, ctx)
        titles = [t["title"] for t in task_list(session)]
    pages = write_pdf(report, path)
    return path, pages, report, summary, titles


def write(office, tmp_path, kind: str, today: date = date(2023, 4, 10), period: Period | None = None,
          department: str | None = None):
    from greentasks.services.queries import Context
    from ui.printing import write_pdf

    with office.reading() as session:
        report = build_report(session, Context.load(session, today, period), kind, department=department)
    path = tmp_path / f"{kind}.pdf"
    pages = write_pdf(report, path)
    return path, pages, report


def test_full_report_pdf_is_a4_landscape_with_title_summary_and_all_tasks(full_pdf):
    path, pages, report, summary, titles = full_pdf
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) == pages > 1
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - A4_LANDSCAPE[0]) <= 1 and abs(float(box.height) - A4_LANDSCAPE[1]) <= 1
    texts = pages_text(path)
    everything = flat("".join(texts))
    assert "《重庆市南川区人民政府关于加快推进绿色发展的实施意见》重点任务推进情况表" in flat(texts[0])
    s = summary.by_status
    line = (f"共{summary.assignments}项分工：已完成{s['已完成']}项、推进中{s['推进中']}项、滞后{s['滞后']}项、"
            f"未启动{s['未启动']}项、长期坚持{s['长期坚持']}项；逾期{summary.overdue}项；"
            f"未报送单位{len(summary.missing_returns)}个")
    assert line in flat(texts[0])
    missing = [t for t in titles if flat(t) not in everything]
    assert len(titles) == 34 and not missing


def test_full_report_pdf_repeats_the_header_and_numbers_pages(full_pdf):
    path, pages, _report, _summary, titles = full_pdf
    texts = pages_text(path)
    # The last page of the table (the notes and signatures may follow on a page of their own).
    last = max(i for i, text in enumerate(texts) if any(flat(t) in flat(text) for t in titles))
    assert last >= len(texts) - 2
    for title in ("任务编号", "重点任务", "具体工作", "牵头单位", "配合单位", "完成时限", "完成状态", "预警", "最新进展"):
        assert title in flat(texts[1]), title
        assert title in flat(texts[last]), title
    for i, text in enumerate(texts, 1):
        assert f"第{i}页共{pages}页" in flat(text)


def test_pdf_text_has_no_kangxi_radicals(full_pdf, qapp, tmp_path):
    from ui.printing import write_pdf

    path, *_ = full_pdf
    text = "".join(pages_text(path))
    assert "绿色" in text
    assert not RADICALS.findall(text)
    # the characters the Noto/Source Han faces map to radicals, in every face the renderer uses
    probe = "色长高金门风龙黄齿走见言身车辛非鼎鼓鼠鼻齐龟立老而耳肉臣自至舌艮虫血行衣西"
    report = Report("full", "探针", [Part(title=f"绿色{probe}", subtitle=probe, summary=probe, paragraphs=[probe],
                                          tables=[Table([Column(probe, 1)], [Group(probe, [Row([Cell(probe, tint="绿",
                                                                                                      bold=True)])])])],
                                          footnotes=[probe], footer=probe)], date(2023, 4, 10), "2023Q1")
    write_pdf(report, tmp_path / "probe.pdf")
    text = "".join(pages_text(tmp_path / "probe.pdf"))
    assert not RADICALS.findall(text)
    assert flat(text).count(probe) >= 6 and "绿色" in text


def test_a_longer_report_has_more_pages(full_pdf, office, qapp, tmp_path):
    _, full_pages, *_ = full_pdf
    _, missing_pages, _ = write(office, tmp_path, "missing")
    assert missing_pages == 1 < full_pages


def test_unit_sheet_pdf_names_only_the_unit_and_its_partners(office, qapp, tmp_path):
    from greentasks.services.queries import Context

    unit = "区住房城乡建委"
    path, pages, report = write(office, tmp_path, "unit", department=unit)
    text = flat("".join(pages_text(path)))
    assert unit in text and f"第1页共{pages}页" in text
    with office.reading() as session:
        ctx = Context.load(session, date(2023, 4, 10))
        rows = assignment_rows(session, ctx)
        own = assignment_rows(session, ctx, Filters(department=unit))
    tasks = {(a.task_no, a.measure) for a in own}
    partners = {r.department for r in rows if (r.task_no, r.measure) in tasks}
    mentioned = "".join(a.latest_progress or "" for a in own)
    others = {r.department for r in rows} - partners
    assert [name for name in others if name in text and name not in mentioned] == []
    assert len(report.parts[0].tables[0].rows) + len(report.parts[0].tables[1].rows) == len(own)


def test_notices_pdf_one_notice_per_unit_with_its_colour(office, qapp, tmp_path):
    path, pages, report = write(office, tmp_path, "notice", today=LATER, period=Q1)
    texts = [flat(t) for t in pages_text(path)]
    # each notice is one page: a letter, with no page number
    assert len(report.parts) >= 2 and pages == len(report.parts) == len(texts)
    assert not any(re.search(r"第\d+页共\d+页", t) for t in texts)
    firsts = texts
    for part, text in zip(report.parts, firsts, strict=True):
        colour = {"红": "红色", "黄": "黄色", "蓝": "蓝色"}[part.tint]
        assert f"督办单（{colour}）" in text
        assert part.number in text and f"{part.key}：" in text
        assert "签收人" in "".join(t for t in texts if part.number in t)
    assert "督办单（红色）" in firsts[0]


def test_scores_pdf_is_ranked(office, qapp, tmp_path):
    from greentasks.services.queries import Context

    path, _, report = write(office, tmp_path, "scores", today=LATER, period=Q1)
    text = flat("".join(pages_text(path)))
    assert "考评排名表" in text and "评分办法" in text
    with office.reading() as session:
        scores = unit_scores(session, Context.load(session, LATER, Q1))
    positions = [text.index(s.department) for s in scores]
    assert positions == sorted(positions)
    assert [s.score for s in scores] == sorted((s.score for s in scores), reverse=True)


def test_printer_and_pdf_writer_lay_out_the_same_pages(full_pdf, qapp, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from ui.printing import render

    path, pages, report, *_ = full_pdf
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    assert render(report, printer, set_layout=True) == pages
    assert [flat(t) for t in pages_text(tmp_path / "printer.pdf")] == [flat(t) for t in pages_text(path)]


def test_empty_lists_still_print_a_page(office, qapp, tmp_path):
    # the example office has a handful of overdue work on the day it is made, none before February
    path, pages, report = write(office, tmp_path, "overdue", today=date(2023, 2, 1))
    assert pages == 1 and "没有逾期的工作" in flat("".join(pages_text(path)))


def test_font_families_put_radical_prone_faces_last():
    from ui import printing

    prone = set(printing._RADICAL_PRONE)
    for families in (printing.TITLE_FAMILIES, printing.HEADING_FAMILIES, printing.TEXT_FAMILIES,
                     printing.TABLE_FAMILIES):
        first_prone = min(families.index(f) for f in prone if f in families)
        assert all(f in prone for f in families[first_prone:])
        for safe in ("WenQuanYi Zen Hei", "WenQuanYi Micro Hei"):
            assert families.index(safe) < first_prone
    assert printing.TITLE_FAMILIES.index("SimHei") < printing.TITLE_FAMILIES.index("WenQuanYi Zen Hei")
    assert printing.TEXT_FAMILIES[0] == "FangSong" and printing.TABLE_FAMILIES[0] == "SimSun"


def test_the_faces_found_here_are_not_radical_prone(qapp):
    from ui import printing

    found = printing.resolved_families()
    assert not set(found.values()) & set(printing._RADICAL_PRONE), found
