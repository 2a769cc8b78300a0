"""催报 and 督办 notices (docs/documents.md#notices) written by `greentasks notices` on the example
office made on 2026-12-01 and on a big one built here: read back with python-docx (page, margins,
fonts in the East Asian slot, who gets one and what it names), the 催报 recorded (修改记录, the
ledger's 未报送 sheet read back with openpyxl), and every notice converted by LibreOffice: exactly
one page each, also the one of the unit with the most items."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from greentasks.cli import main

TODAY = "2026-12-01"
PERIOD = "2026Q3"
LABEL = "2026年第三季度"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CODE = re.compile(r"[0-9]{4}(Q[1-4]|H[12])")
BIG_UNIT = "区统计局"  # unreported in the example office: it gets both a 催报 and a 督办
BIG_ITEMS = 60


# -- the office and the command ------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_template(tmp_path_factory, office_template) -> Path:
    """The example office with 60 more pieces of work for 区统计局, long ones, all overdue on
    2026-12-01, every fourth extended (its 完成时限 printed "原定…，已批准延期至…")."""
    from greentasks.db import Database
    from greentasks.services.actions import add_assignment
    from greentasks.services.directory import DirectoryIndex
    from greentasks.services.extensions import extend

    target = tmp_path_factory.mktemp("big") / "big.db"
    shutil.copyfile(office_template, target)
    db = Database(target)
    with db.reading() as session:
        unit_id = DirectoryIndex(session).resolve(BIG_UNIT).id
    text = ("建立健全绿色低碳循环发展统计监测体系，完善能源消费、碳排放、生态环境等重点领域统计调查制度，"
            "按季度开展数据质量核查并形成分析报告报区政府")
    for n in range(BIG_ITEMS):
        new_id = add_assignment(db, 1 + n % 34, unit_id, "牵头", f"{text[: 24 + (n * 7) % 40]}（第{n + 1}项）",
                                f"2024年{1 + n % 12}月底前").value
        if n % 4 == 0:
            extend(db, new_id, "2025年6月30日", "统计口径调整", on=date(2024, 1, 10))
    db.dispose()
    return target


@pytest.fixture
def big(tmp_path, big_template) -> Path:
    target = tmp_path / "big.db"
    shutil.copyfile(big_template, target)
    return target


def cli(capsys, db: Path, *args, today: str = TODAY) -> tuple[int, str, str]:
    code = main(["--db", str(db), "--today", today, *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def cli_json(capsys, db: Path, *args, today: str = TODAY) -> dict | list:
    code, out, err = cli(capsys, db, *args, "--json", today=today)
    assert code == 0, err
    return json.loads(out)


# -- reading a .docx back ---------------------------------------------------------------------------

def text_of(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def table_rows(doc) -> list[list[str]]:
    return [[c.text for c in row.cells] for t in doc.tables for row in t.rows][1:]


def text_runs(doc):
    for r in doc.element.body.iter(qn("w:r")):
        if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip():
            yield r


def east_asian(run) -> str | None:
    rpr = run.find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def check_page(doc) -> None:
    """A4 portrait, the margins of GB/T 9704, Chinese text in a named East Asian font."""
    section = doc.sections[0]
    assert len(doc.sections) == 1
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(getattr(section, f"{side}_margin").mm) for side in ("top", "bottom", "left", "right")] == [
        37, 35, 28, 26]
    fonts = {east_asian(r) for r in text_runs(doc)}
    assert None not in fonts and fonts <= {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"}


# -- LibreOffice -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def soffice():
    if SOFFICE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but soffice is not installed (apt-get install libreoffice-writer-nogui)")
        pytest.skip("LibreOffice (soffice) is not installed")
    return SOFFICE


def to_pdfs(soffice: str, files: list[Path], outdir: Path) -> list[Path]:
    """All the files in one LibreOffice run (a start costs two seconds)."""
    profile = outdir / "profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
                   check=True, capture_output=True, timeout=600)
    pdfs = [outdir / (f.stem + ".pdf") for f in files]
    assert all(p.is_file() for p in pdfs), [p.name for p in pdfs if not p.is_file()]
    return pdfs


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_text(pdf: Path) -> str:
    """The PDF's text in reading order (a table cell's lines together), without the spaces
    pdftotext puts between Chinese and digits."""
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", out)


# -- 催报 -----------------------------------------------------------------------------------------

def test_a_chase_notice_goes_to_every_unit_that_sent_nothing(office, tmp_path, capsys):
    status = cli_json(capsys, office, "status", "--period", PERIOD)
    assert status["missing_returns"], "the example office has units that did not report"
    result = cli_json(capsys, office, "notices", tmp_path / "催报", "--period", PERIOD)
    assert result["kind"] == "催报" and result["period"] == PERIOD
    assert [n["department"] for n in result["notices"]] == status["missing_returns"]
    assert sorted(p.name for p in (tmp_path / "催报").iterdir()) == sorted(
        f"{PERIOD}_{unit}_催报通知.docx" for unit in status["missing_returns"])
    for notice in result["notices"]:
        doc = Document(notice["file"])
        check_page(doc)
        text = text_of(doc)
        assert doc.paragraphs[0].text == "催报通知"
        assert doc.paragraphs[1].text == f"{notice['department']}："
        # The period in words, the day returns were due (the period's end + 5 days), by when to answer.
        assert f"应于2026年10月5日前报送{LABEL}进展情况" in text
        assert "截至2026年12月1日尚未报送" in text and "于2026年12月8日前" in text
        assert "南川区人民政府办公室" in text and "2026年12月1日" in doc.paragraphs[-1].text
        assert not CODE.search(text), CODE.search(text)


def test_each_unit_is_told_how_many_periods_in_a_row_it_missed(office, tmp_path, capsys):
    """2027Q1 seen on 2027-04-10: the units that sent nothing for 2026Q4 and 2027Q1 either have
    missed two periods in a row, as `changes` counts them."""
    today = "2027-04-10"
    changes = cli_json(capsys, office, "changes", "--period", "2027Q1", today=today)
    streak = {u["department"]: u["periods"] for u in changes["not_reported_streak"]}
    assert streak and set(streak.values()) >= {2}
    result = cli_json(capsys, office, "notices", tmp_path, "--period", "2027Q1", "--no-record", today=today)
    for notice in result["notices"]:
        text = text_of(Document(notice["file"]))
        periods = streak.get(notice["department"], 1)
        assert notice["periods_not_reported"] == periods
        if periods > 1:
            assert f"已连续{periods}期未报送" in text
        else:
            assert "连续" not in text


def test_the_chase_is_recorded_in_the_ledger_and_the_history(office, tmp_path, capsys):
    import openpyxl

    cli_json(capsys, office, "notices", tmp_path / "n1", "--period", PERIOD)
    # A clerk who phoned a unit the next day records it the same way.
    cli_json(capsys, office, "notices", tmp_path / "n2", "--period", PERIOD, "--way", "电话", today="2026-12-02")
    missing = cli_json(capsys, office, "status", "--period", PERIOD)["missing_returns"]
    ledger = tmp_path / "总台账.xlsx"
    code, _, err = cli(capsys, office, "export-ledger", ledger, "--period", PERIOD, today="2026-12-03")
    assert code == 0, err
    ws = openpyxl.load_workbook(ledger)["未报送"]
    header = [c.value for c in ws[2]]
    assert header[-2:] == ["催报时间", "催报方式"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=3, values_only=True) if r[1]}
    assert sorted(rows) == sorted(missing)
    for row in rows.values():
        assert row[-2].date() == date(2026, 12, 2) and row[-1] == "电话"  # the newest of the two
    assert ws.cell(3, 7).number_format == 'yyyy"年"m"月"d"日"'
    # 修改记录 of the unit's work shows both notices.
    unit = missing[0]
    rows = cli_json(capsys, office, "list", "--department", unit)
    history = cli_json(capsys, office, "history", rows[0]["id"])
    sent = [c["new"] for c in history["changes"] if c["field_label"] == "发出通知"]
    assert sent == [f"催报（{LABEL}，政务邮箱，2026年12月1日）", f"催报（{LABEL}，电话，2026年12月2日）"]


def test_no_record_writes_the_files_only(office, tmp_path, capsys):
    from greentasks.db import Database
    from greentasks.models import ChangeLog, Reminder

    result = cli_json(capsys, office, "notices", tmp_path, "--period", PERIOD, "--no-record")
    assert result["notices"] and result["recorded"] == 0
    db = Database(office)
    with db.reading() as session:
        assert session.query(Reminder).count() == 0
        assert session.query(ChangeLog).filter(ChangeLog.entity == "reminders").count() == 0
    db.dispose()
    cli_json(capsys, office, "notices", tmp_path, "--period", PERIOD)
    db = Database(office)
    with db.reading() as session:
        reminders = session.query(Reminder).all()
        assert len(reminders) == len(result["notices"])
        assert {(r.period, r.kind, r.sent_on, r.way) for r in reminders} == {(PERIOD, "催报", date(2026, 12, 1), "政务邮箱")}
        assert session.query(ChangeLog).filter(ChangeLog.entity == "reminders", ChangeLog.field == "+").count() == \
            len(reminders)
    db.dispose()


# -- 督办 -----------------------------------------------------------------------------------------

def push_rows(db_path: Path, seen: date) -> list:
    """Every row as `status --period` and `list --period` read them (the members' shares of a
    collective's work among them), from the same query."""
    from greentasks.db import Database
    from greentasks.domain.periods import require_period
    from greentasks.services.queries import Context, assignment_rows

    db = Database(db_path)
    with db.reading() as session:
        rows = assignment_rows(session, Context.load(session, seen, require_period(PERIOD)))
    db.dispose()
    return rows


def expected_push(rows: list, seen: date) -> dict[str, int]:
    """Units and how many of their rows are overdue or 滞后: the work they lead and their shares
    of a collective's work, never the collective's own row."""
    counts: dict[str, int] = {}
    for r in rows:
        if r.category == "集合" or (r.role != "牵头" and r.parent_id is None):
            continue
        if (r.status != "已完成" and r.due is not None and r.due < seen) or r.status == "滞后":
            counts[r.department] = counts.get(r.department, 0) + 1
    return counts


def test_a_push_notice_goes_to_every_unit_with_work_overdue_or_behind(office, tmp_path, capsys):
    rows = push_rows(office, date(2026, 12, 1))
    expected = expected_push(rows, date(2026, 12, 1))
    assert expected and any(r.parent_id for r in rows if r.department in expected)  # members' shares too
    result = cli_json(capsys, office, "notices", tmp_path, "--period", PERIOD, "--kind", "督办")
    assert {n["department"]: n["items"] for n in result["notices"]} == expected
    assert "各乡镇（街道）" not in expected
    by_unit: dict[str, list] = {}
    for r in rows:
        by_unit.setdefault(r.department, []).append(r)
    for notice in result["notices"]:
        doc = Document(notice["file"])
        check_page(doc)
        assert doc.paragraphs[0].text == "督办通知"
        listed = table_rows(doc)
        assert len(listed) == notice["listed"] == notice["items"]  # the example's units all fit
        deadlines = {r.deadline_text for r in by_unit[notice["department"]]}
        for n, (seq, work, deadline, state) in enumerate(listed, start=1):
            assert seq == str(n) and work.startswith("任务")
            assert deadline in deadlines
            assert re.fullmatch(r"已逾期\d+天(、进度滞后)?|进度滞后", state), state


def test_the_unit_with_the_most_items_lists_what_fits(big, tmp_path, capsys):
    result = cli_json(capsys, big, "notices", tmp_path, "--period", PERIOD, "--kind", "督办", "--no-record")
    most = max(result["notices"], key=lambda n: n["items"])
    assert most["department"] == BIG_UNIT and most["items"] >= BIG_ITEMS
    assert 0 < most["listed"] < most["items"]
    doc = Document(most["file"])
    assert len(table_rows(doc)) == most["listed"]
    text = text_of(doc)
    assert f"以下{most['items']}项工作已逾期或进度滞后" in text
    assert f"另有{most['items'] - most['listed']}项，详见总台账。" in text
    # The most overdue first; an extended deadline is printed with both dates.
    days = [int(re.match(r"已逾期(\d+)天", r[3]).group(1)) for r in table_rows(doc)]
    assert days == sorted(days, reverse=True)
    # Every item carries its deadline as the ledger prints it, an approved extension with both dates.
    from greentasks.db import Database
    from greentasks.domain.periods import require_period
    from greentasks.services.notices import notices_for

    db = Database(big)
    with db.reading() as session:
        notices = dict((n.unit, n) for _, n in notices_for(session, require_period(PERIOD), kind="督办",
                                                             today=date(2026, 12, 1)))
    db.dispose()
    deadlines = {i.deadline_text for i in notices[BIG_UNIT].items}
    assert "原定2024年1月底前，已批准延期至2025年6月底前" in deadlines and "2024年2月底前" in deadlines
    assert len(notices[BIG_UNIT].items) == most["items"]


def test_a_bad_folder_or_period_is_a_message(office, tmp_path, capsys):
    afile = tmp_path / "a.txt"
    afile.write_text("x", encoding="utf-8")
    code, _, err = cli(capsys, office, "notices", afile, "--period", PERIOD)
    assert code == 2 and "是一个文件" in err and "Traceback" not in err
    code, _, err = cli(capsys, office, "notices", tmp_path / "x", "--period", "2019Q1")
    assert code == 2 and "成文日期" in err and not (tmp_path / "x").exists()
    code, _, err = cli(capsys, office, "notices", tmp_path / "y", "--period", PERIOD, "--way", " ")
    assert code == 2 and "发送方式" in err


def test_a_notice_that_is_too_long_is_cut_not_spilled():
    """The writer alone: 60 long items, 3 of a kind that never fit at all."""
    from greentasks.word.notices import NoticeItem, UnitNotice, fit, notice_document

    items = [NoticeItem(n % 34 + 1, "清洁能源", "推进光伏建筑一体化和新能源汽车充电基础设施建设" * 3,
                        "原定2023年6月底前，已批准延期至2023年9月30日", "已逾期125天、进度滞后",
                        shared_with="各乡镇（街道）") for n in range(60)]
    notice = UnitNotice(kind="督办", unit="东城街道", period_label="2023年第二季度", plan_title="某实施意见",
                        doc_no="南川府发〔2022〕34号", dated=date(2023, 7, 10), reply_by=date(2023, 7, 17),
                        seen_on=date(2023, 7, 10), office="南川区人民政府办公室", items=items, shares_only=True)
    filled = fit(notice)
    assert filled.compact and 0 < filled.shown < 60
    doc = notice_document(notice)
    assert len(table_rows(doc)) == filled.shown
    assert all(r[1].endswith("…") for r in table_rows(doc))  # the work's text cut to two lines
    assert f"另有{60 - filled.shown}项，详见总台账。" in text_of(doc)
    assert "你单位承担的以下60项工作" in text_of(doc)
    assert fit(UnitNotice(**{**notice.__dict__, "items": items[:2]})).shown == 2


def test_the_tables_carry_their_widths_and_exact_lines():
    from greentasks.word.notices import WIDTHS_MM, NoticeItem, UnitNotice, notice_document

    notice = UnitNotice(kind="督办", unit="区发展改革委", period_label="2023年第二季度", plan_title="某实施意见",
                        doc_no="南川府发〔2022〕34号", dated=date(2023, 7, 10), reply_by=date(2023, 7, 17),
                        seen_on=date(2023, 7, 10), office="南川区人民政府办公室", contact="张三", phone="023-71422222",
                        items=[NoticeItem(18, "清洁能源", "光伏项目并网", "2023年6月底前", "已逾期10天")])
    doc = notice_document(notice)
    table = doc.tables[0]
    assert [round(c.width.mm) for c in table.columns] == [round(w) for w in WIDTHS_MM]
    assert sum(WIDTHS_MM) == pytest.approx(156)
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                assert p.paragraph_format.line_spacing.pt == 16
                assert p._p.pPr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
                assert all(r.font.size.pt == 12 for r in p.runs)  # 小四
    assert "联系人：张三\u3000\u3000联系电话：023-71422222" in text_of(doc)
    check_page(doc)


# -- LibreOffice: one page each -----------------------------------------------------------------------

@pytest.mark.slow
def test_every_notice_is_one_page_in_libreoffice(soffice, big, tmp_path, capsys):
    files: list[Path] = []
    for kind in ("催报", "督办"):
        result = cli_json(capsys, big, "notices", tmp_path / kind, "--period", PERIOD, "--kind", kind, "--no-record")
        files += [Path(n["file"]) for n in result["notices"]]
        most = max(result["notices"], key=lambda n: n["items"])
        assert most["department"] == BIG_UNIT and most["listed"] < most["items"]
    pdfs = to_pdfs(soffice, files, tmp_path / "pdf")
    assert {p.name: pages(p) for p in pdfs} == {p.name: 1 for p in pdfs}
    big_push = next(p for p in pdfs if BIG_UNIT in p.name and "督办" in p.name)
    text = pdf_text(big_push)
    for words in ("督办通知", f"{BIG_UNIT}：", "详见总台账", "南川区人民政府办公室", "2026年12月1日", "联系电话"):
        assert words in text, words
    assert not CODE.search(text)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(big_push), str(tmp_path / "look")], check=True)
    if os.environ.get("NOTICES_LOOK"):  # a folder to keep the picture in, to look at it
        shutil.copy(tmp_path / "look-1.png", os.environ["NOTICES_LOOK"])
    assert (tmp_path / "look-1.png").stat().st_size > 10_000


@pytest.mark.slow
def test_pdf_comes_with_the_word_files(soffice, office, tmp_path, capsys):
    result = cli_json(capsys, office, "notices", tmp_path, "--period", PERIOD, "--pdf", "--no-record")
    assert result["pdf_problem"] is None
    for notice in result["notices"]:
        pdf = Path(notice["pdf"])
        assert pdf.is_file() and pdf.with_suffix(".docx").is_file() and pages(pdf) == 1
        assert f"{notice['department']}：" in pdf_text(pdf)


def test_a_unit_merged_into_another_keeps_its_record(office, tmp_path, capsys):
    from greentasks.db import Database
    from greentasks.models import Reminder
    from greentasks.services.audit import Actor
    from greentasks.services.directory import DirectoryIndex, merge_departments

    result = cli_json(capsys, office, "notices", tmp_path, "--period", PERIOD)
    unit = result["notices"][0]["department"]
    db = Database(office)
    with db.writing() as session:
        index = DirectoryIndex(session)
        keep, drop = index.resolve("区发展改革委"), index.resolve(unit)
        merge_departments(session, Actor.by_hand(), keep, drop)
        keep_id = keep.id
    with db.reading() as session:
        assert [r.department_id for r in session.query(Reminder).all()].count(keep_id) == 1
        assert session.query(Reminder).count() == len(result["notices"])
    db.dispose()
