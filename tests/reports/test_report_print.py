"""Print that can go out (issue 14): on every page of the PDF no row is cut, the merged task cells
of a task whose rows run on to a new page are printed there with "（续）", a row taller than a page
continues under the repeated header; each 督办单 is one A4 portrait page, however much its unit
owes; no page shows a period's code; every report names the office that compiled it.

The big plan is built here: every task with up to four 具体工作, long returns, one return longer
than a page, and one unit with far more overdue work than a notice page holds."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pypdf
import pytest

from greentasks.domain.periods import Period
from greentasks.reports import KINDS

from .conftest import LATER, Q1

TODAY = date(2023, 7, 10)
Q2 = Period.quarter(2023, 2)
SENTENCE = "按照区委区政府部署，牵头单位会同配合单位细化工作方案，明确时间表和路线图，压实各方责任，定期调度推进情况"
GIANT = (7, 1)  # the 具体工作 whose return is longer than a page
BUSY = "区发展改革委"  # owes far more than one notice page holds
BUSY_ITEMS = 30
CODES = re.compile(r"[0-9]{4}Q[1-4]|[0-9]{4}H[12]")
ISO_DATES = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
HEADERS = ("任务编号", "重点任务", "具体工作", "牵头单位", "配合单位", "完成时限", "完成状态", "预警", "最新进展")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages_text(path) -> list[str]:
    return [flat(p.extract_text() or "") for p in pypdf.PdfReader(str(path)).pages]


def pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def start(task: int, k: int) -> str:
    return f"〔{task}-{k}起〕"


def end(task: int, k: int) -> str:
    return f"〔{task}-{k}止〕"


def giant_progress() -> str:
    return "".join(f"第{i}句：{SENTENCE}。" for i in range(1, 31))


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A plan of 34 tasks, each with one to four 具体工作 whose returns are long (so rows run over
    pages), one return longer than a page, and a unit with 30 overdue items."""
    from sqlalchemy import select

    from greentasks.db import Database
    from greentasks.models import Department
    from greentasks.services.assignments import add_assignment
    from greentasks.services.audit import Actor
    from greentasks.services.bootstrap import initialize
    from greentasks.services.progress import EntryData, record_entries

    db = Database(tmp_path_factory.mktemp("big") / "big.db")
    initialize(db)
    actor = Actor.by_hand()
    with db.writing() as s:
        units = s.scalars(select(Department).where(Department.category != "集合", Department.name != BUSY)
                          .order_by(Department.id)).all()[:14]
        busy = s.scalar(select(Department).where(Department.name == BUSY))
        entries = []
        n = 0
        for task in range(1, 35):
            for k in range(1, 2 + task % 4):
                n += 1
                unit = units[n % len(units)]
                deadline = "2023年6月底前" if n % 3 == 0 else "2025年底前"
                a = add_assignment(s, actor, task, unit.id, "牵头", start(task, k) + SENTENCE[: 20 + n * 7 % 30],
                                   deadline)
                text = giant_progress() if (task, k) == GIANT else (SENTENCE + "。") * (1 + n % 4)
                entries.append((a.id, EntryData("滞后" if n % 5 == 0 else "推进中", progress=f"{text}\n{end(task, k)}",
                                                reported_on=date(2023, 7, 3))))
        for i in range(BUSY_ITEMS):
            a = add_assignment(s, actor, 1 + i % 34, busy.id, "牵头", f"督办事项{i + 1}：{SENTENCE[:24]}", "2023年5月底前")
            entries.append((a.id, EntryData("滞后", progress=f"第{i + 1}项进展。", reported_on=date(2023, 7, 3))))
        record_entries(s, actor, entries, Q2.code)
    yield db
    db.dispose()


def write(db, tmp_path, kind: str, today: date = TODAY, period: Period | None = None, department: str | None = None):
    from greentasks.services.reporting import report_for
    from ui.printing import write_pdf

    report = report_for(db, today, kind, period, department)
    path = tmp_path / f"{kind}.pdf"
    return path, write_pdf(report, path), report


# -- tables over pages ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_full(big, qapp, tmp_path_factory):
    return write(big, tmp_path_factory.mktemp("full"), "full", period=Q2)


def _rows(report):
    """(task number, 具体工作, 最新进展) of every row, in order."""
    table = report.parts[0].tables[0]
    work, progress = table.column_index("具体工作"), table.column_index("最新进展")
    return [(int(r.cells[0].text), r.cells[work].text, r.cells[progress].text) for r in table.rows]


def _page_of(texts: list[str], needle: str) -> int:
    found = [i for i, t in enumerate(texts) if flat(needle) in t]
    assert len(found) == 1, (needle, found)
    return found[0]


def test_no_row_is_cut_between_pages(big_full):
    path, pages, report = big_full
    texts = pages_text(path)
    assert pages == len(texts) > 10
    for task, work, progress in _rows(report):
        if work.startswith(start(*GIANT)):
            continue
        page = _page_of(texts, work)
        # the whole row on one page: its 具体工作 and its whole 最新进展, first word to last
        assert flat(progress) in texts[page], (task, work)
        assert _page_of(texts, progress.rsplit("\n", 1)[-1]) == page


def test_every_page_that_starts_inside_a_task_repeats_its_cells_with_continued(big_full):
    path, _pages, report = big_full
    texts = pages_text(path)
    rows = _rows(report)
    first_of_task = {}
    for i, (task, _w, _p) in enumerate(rows):
        first_of_task.setdefault(task, i)
    titles = {int(r.cells[0].text): r.cells[1].text for r in report.parts[0].tables[0].rows}
    checked = 0
    for p, text in enumerate(texts):
        on_page = [i for i, (_t, work, _p) in enumerate(rows) if flat(work) in text]
        if not on_page:
            continue
        for header in HEADERS:
            assert header in text, (p, header)
        first = on_page[0]
        task = rows[first][0]
        if first != first_of_task[task]:
            checked += 1
            assert f"{task}（续）" in text and flat(titles[task]) + "（续）" in text, p
        else:
            assert f"{task}（续）" not in text
    assert checked >= 3  # the plan is built so that several tasks run on to a new page


def test_a_row_taller_than_a_page_continues_under_the_header(big_full):
    path, _pages, report = big_full
    texts = pages_text(path)
    task, k = GIANT
    first = _page_of(texts, start(task, k))
    last = _page_of(texts, end(task, k))
    assert last > first
    body = flat(giant_progress())
    # Each page holds the next piece of the return, cut between two lines: nothing lost, nothing twice.
    at = 0
    for page in range(first, last + 1):
        text = texts[page]
        if page > first:
            assert all(h in text for h in HEADERS) and f"{task}（续）" in text, page
            assert "（续）" + body[at:at + 6] in text or body[at:at + 6] in text
        taken = max(i for i in range(at, len(body) + 1) if body[at:i] in text)
        assert taken > at, page
        at = taken
    assert at == len(body)
    # No page holds only a header and a heading: each has a row, or a piece of the long one.
    works = [flat(w) for _t, w, _p in _rows(report)]
    for page, text in enumerate(texts[:-1]):
        assert any(w in text for w in works) or first <= page <= last, page


@pytest.mark.parametrize("kind", ["full", "unit", "overdue"])
def test_the_example_office_prints_no_row_cut(office, qapp, tmp_path, kind):
    from greentasks.reports import build_report
    from greentasks.services.queries import Context
    from ui.printing import write_pdf

    with office.reading() as session:
        report = build_report(session, Context.load(session, LATER, Q1), kind,
                              department="区发展改革委" if kind == "unit" else None)
    path = tmp_path / f"{kind}.pdf"
    write_pdf(report, path)
    texts = pages_text(path)
    for table in report.parts[0].tables:
        for row in table.rows:
            longest = max(row.cells, key=lambda c: len(c.text))
            assert any(flat(longest.plain()) in t for t in texts), longest.text[:20]


# -- the 督办单 ------------------------------------------------------------------------------------

def _notice_pages(path, report) -> list[str]:
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) == len(report.parts)
    for page in reader.pages:  # A4 portrait
        assert abs(float(page.mediabox.width) - 595) <= 1 and abs(float(page.mediabox.height) - 842) <= 1
    return [flat(p.extract_text() or "") for p in reader.pages]


@pytest.mark.parametrize("today,period", [(LATER, Q1), (LATER, None), (date(2023, 10, 10), None)])
def test_every_notice_of_the_example_office_is_one_portrait_page(office, qapp, tmp_path, today, period):
    from greentasks.reports import build_report
    from greentasks.services.queries import Context
    from ui.printing import write_pdf

    with office.reading() as session:
        report = build_report(session, Context.load(session, today, period), "notice")
    path = tmp_path / "notices.pdf"
    assert write_pdf(report, path) == len(report.parts) >= 2
    for part, text in zip(report.parts, _notice_pages(path, report), strict=True):
        assert f"{part.key}：" in text and flat(part.number) in text
        # the end of the letter is on its page: the issuing office, the date, the receipt line
        assert "南川区人民政府办公室" in text and "签收时间" in text
        assert flat(part.signatures[1].items[1].value) in text
        rows = part.tables[0].rows
        shown = [r for r in rows if flat(r.cells[3].text) in text]
        more = re.search(r"另有(\d+)项，详见总台账", text)
        # every item, or the first ones (the most severe) and a line counting the rest
        assert shown == rows[:len(shown)] and len(shown) + (int(more.group(1)) if more else 0) == len(rows)
        assert len(shown) >= min(len(rows), 5)


def test_a_unit_owing_more_than_a_page_gets_one_page_that_says_how_many_more(big, qapp, tmp_path):
    path, pages, report = write(big, tmp_path, "notice", department="发改委")
    (part,) = report.parts
    assert pages == 1 and len(part.tables[0].rows) == BUSY_ITEMS + sum(
        1 for r in part.tables[0].rows if not r.cells[3].text.startswith("督办事项"))
    (text,) = _notice_pages(path, report)
    match = re.search(r"另有(\d+)项，详见总台账", text)
    assert match, text[-200:]
    shown = [r for r in part.tables[0].rows if flat(r.cells[3].text) in text]
    total = len(part.tables[0].rows)
    assert 5 <= len(shown) < total and int(match.group(1)) == total - len(shown)
    assert shown == part.tables[0].rows[:len(shown)]  # the most severe first, the rest counted
    assert f"以下{total}项工作" in text and "签收时间" in text and "南川区人民政府办公室" in text


def test_every_notice_of_the_big_office_is_one_page(big, qapp, tmp_path):
    path, pages, report = write(big, tmp_path, "notice")
    assert pages == len(report.parts) > 5
    texts = _notice_pages(path, report)
    for part, text in zip(report.parts, texts, strict=True):
        assert f"{part.key}：" in text and "签收时间" in text


def test_a_notice_page_as_it_looks(big, qapp, tmp_path):
    """The busy unit's notice rendered as a picture: portrait, filled to the foot, nothing beyond."""
    path, _pages, _report = write(big, tmp_path, "notice", department=BUSY)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "notice")], check=True)
    from PySide6.QtGui import QImage

    (png,) = sorted(tmp_path.glob("notice*.png"))
    image = QImage(str(png))
    assert image.height() > image.width()  # portrait
    ink = [y for y in range(image.height()) if any(image.pixelColor(x, y).lightness() < 128
                                                   for x in range(0, image.width(), 2))]
    assert ink and ink[-1] > image.height() * 0.85  # the footer at the foot of the page


# -- words, not codes; the compiling office ------------------------------------------------------------

@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("period", [Q1, Period.half(2023, 1)])
def test_no_report_prints_a_period_code(office, qapp, tmp_path, kind, period):
    from greentasks.services.reporting import report_for
    from ui.printing import write_pdf

    report = report_for(office, LATER, kind, period, "区发展改革委" if kind == "unit" else None)
    if report.is_empty:
        pytest.skip("nothing to print")
    path = tmp_path / f"{kind}.pdf"
    write_pdf(report, path)
    text = pdftotext(path)
    assert period.label in text.replace(" ", "")
    assert not CODES.findall(text), CODES.findall(text)[:5]
    assert not ISO_DATES.findall(text), ISO_DATES.findall(text)[:5]  # dates in words too: 2023年7月10日
    if kind != "notice":
        assert "编制单位：南川区人民政府办公室" in flat(text)


def test_the_notice_number_is_in_words(office, qapp):
    from greentasks.services.reporting import report_for

    report = report_for(office, LATER, "notice", Q1)
    numbers = [p.number for p in report.parts]
    assert numbers[:2] == ["编号：2023年第一季度第1号", "编号：2023年第一季度第2号"]


def test_the_reports_name_the_office_of_the_settings(big, qapp, tmp_path):
    from greentasks.services.settings import OFFICE_NAME, set_setting

    with big.writing() as s:
        set_setting(s, OFFICE_NAME, "南川区人民政府督查室")
    try:
        for kind in ("full", "missing", "scores", "notice"):
            path, _pages, report = write(big, tmp_path, kind, period=Q2)
            text = flat(pdftotext(path))
            assert "南川区人民政府督查室" in text, kind
            assert "南川区人民政府办公室" not in text, kind
    finally:
        with big.writing() as s:
            set_setting(s, OFFICE_NAME, "")
