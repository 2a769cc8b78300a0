"""责任领导 beyond the 分工表 (issue 16, part 4): read from a document's table (责任领导 / 分管领导 /
联系领导 columns), its label lines and closing parentheses, and stored as the 分工表 import stores
the same cell; named in the 督办通知 (Word, read back with python-docx and converted by
LibreOffice) and the 督办单 report under the task, and nowhere for a task that names none; carried
by ``tasks --json``. The built-in plan, which names no leaders, prints and lists none."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import select

from greentasks.cli import main
from greentasks.domain.leaders import leader_names, normalize_leader
from greentasks.domain.periods import require_period
from greentasks.models import Plan, Task
from greentasks.services.plan_documents import DocumentFacts, add_document, read_document
from greentasks.services.plan_import import import_plan
from tests.excel._books import M_AIR, M_SOLAR
from tests.plantext._documents import write_docx
from tests.test_leaders import write_table
from tests.word.test_notices import pages, pdf_text, soffice, table_rows, text_of, to_pdfs  # noqa: F401

DOC_NO = "南川府办发〔2023〕21号"
# The leader cells as offices write them, and what Task.leader holds for each.
CELLS = ["张三，李四", "张三 副区长", "王  五\n赵六", "", "无"]
STORED = ["张三、李四", "张三（副区长）", "王五、赵六", "", ""]


def db_args(db) -> list[str]:
    return ["--db", str(db.sqlite_path or db.url)]


def cli_json(capsys, *args) -> object:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def leader_table_docx(path: Path, header: str = "责任领导") -> Path:
    """A 分解方案 whose tasks are the rows of a table with a leader column named ``header``."""
    rows = [["序号", "重点任务", "具体措施", "牵头单位", "配合单位", header, "完成时限"]]
    works = [("推动传统产业绿色化改造", "实施铝加工企业节能降碳改造", "区经济信息委"),
             ("发展清洁能源", "推进凉风垭风电项目建成投用", "区发展改革委"),
             ("推广新能源公交", "新增纯电动公交车50辆", "区交通局"),
             ("建设充电设施", "建设公交车辆充电桩100套", "区交通局"),
             ("开展绿色出行宣传", "开展绿色出行宣传月活动", "区交通局")]
    for n, ((title, work, lead), cell) in enumerate(zip(works, CELLS, strict=True), start=1):
        rows.append([str(n), title, work, lead, "区财政局", cell, "2023年12月底前"])
    return write_docx(path, ["南川区绿色发展重点任务分解方案",
                             "为推动南川府发〔2022〕34号落地见效，现将重点任务分解如下。", rows])


def plan_leaders(db, doc_no: str | None) -> dict[int, str]:
    with db.reading() as session:
        plan = session.scalar(select(Plan).where(Plan.doc_no == doc_no) if doc_no else select(Plan)
                              .where(Plan.is_builtin))
        return {t.no: t.leader for t in session.scalars(select(Task).where(Task.plan_id == plan.id))}


# -- read from a document ----------------------------------------------------------------------------

@pytest.mark.parametrize("header", ["责任领导", "分管领导", "联系领导"])
def test_a_documents_leader_column_is_stored_as_the_plan_table_import_stores_it(db, tmp_path, capsys, header):
    path = leader_table_docx(tmp_path / "分解方案.docx", header)
    preview = cli_json(capsys, *db_args(db), "add-plan", path, "--no", DOC_NO, "--dry-run", "--json")
    assert [t["leader"] for t in preview["tasks"]] == [s or None for s in STORED]
    assert main([*db_args(db), "add-plan", str(path), "--no", DOC_NO]) == 0
    capsys.readouterr()
    stored = plan_leaders(db, DOC_NO)
    assert [stored[n] for n in range(1, 6)] == STORED

    # The same cells in a 分工表 of the built-in plan: the same texts on its tasks.
    table = write_table(tmp_path / "分工表.xlsx", [
        [no, None, f"第{no}项工作", "区发展改革委", None, cell, "2023年12月底前"]
        for no, cell in zip((18, 25, 12, 3, 4), CELLS, strict=True)])
    outcome = import_plan(db, table)
    assert outcome.outcome == "imported", [str(p) for p in outcome.errors]
    builtin = plan_leaders(db, None)
    assert [builtin[no] for no in (18, 25, 12, 3, 4)] == STORED
    assert all(stored == normalize_leader(stored) for stored in STORED)  # stored once, as it reads back

    # tasks --json carries them, for the document and (none) for the built-in plan's other tasks.
    listed = cli_json(capsys, *db_args(db), "tasks", "--plan", DOC_NO, "--json")
    assert [t["leader"] for t in listed] == STORED
    builtin_listed = {t["no"]: t["leader"] for t in cli_json(capsys, *db_args(db), "tasks", "--json")}
    assert builtin_listed[18] == "张三、李四" and builtin_listed[1] == "" and len(builtin_listed) == 34


def test_label_lines_and_a_closing_parenthesis_give_the_leader_normalised(tmp_path):
    path = write_docx(tmp_path / "工作方案.docx", [
        "南川区2023年绿色发展工作方案",
        "一、重点任务",
        "1．发展绿色物流。推动多式联运发展，加快推进智慧物流园建设。",
        "牵头单位：区商务委",
        "责任领导：张三，李四",
        "2．推进光伏建设。新增装机容量5万千瓦。（区发展改革委牵头，区财政局配合；责任领导：王五 副区长，2023年底前完成）",
        "3．加强资源循环利用。（牵头单位：区发展改革委；分管领导：赵六/钱七）完善废旧物资回收体系。",
        "4．开展绿色生活创建。深入推进生活垃圾分类。（区城市管理局牵头，2023年9月底前完成）",
    ])
    draft = read_document(path)
    got = {t.no: (t.lead, t.support, t.leader, t.deadline_text) for t in draft.tasks}
    assert got == {
        1: (["区商务委"], [], "张三、李四", None),
        2: (["区发展改革委"], ["区财政局"], "王五（副区长）", "2023年底前完成"),  # the deadline is no name
        3: (["区发展改革委"], [], "赵六、钱七", None),
        4: (["区城市管理局"], [], None, "2023年9月底前完成"),
    }


def test_the_saved_task_holds_the_normalised_text_whatever_the_draft_says(db, tmp_path):
    draft = read_document(leader_table_docx(tmp_path / "分解方案.docx"))
    draft.tasks[3].leader = "孙八 ， 周九"  # as a caller might hand it over
    outcome = add_document(db, draft, facts=DocumentFacts(doc_no=DOC_NO))
    assert outcome.outcome == "imported", [str(p) for p in outcome.errors]
    assert plan_leaders(db, DOC_NO)[4] == "孙八、周九"


def test_a_title_after_the_name_goes_with_the_name():
    assert leader_names("张三 副区长") == ["张三（副区长）"]
    assert leader_names("张三 副区长 李四 区委常委") == ["张三（副区长）", "李四（区委常委）"]
    assert leader_names("副区长 张三") == ["副区长张三"]  # before the name, as it was
    assert leader_names("无") == [] and leader_names("—") == [] and leader_names("张三、无") == ["张三"]


# -- the 督办 ------------------------------------------------------------------------------------------

SEEN = date(2024, 1, 15)
PERIOD = "2023Q4"
M_DIESEL = "开展柴油货车污染治理专项行动"


@pytest.fixture
def pushed(db, tmp_path):
    """The built-in plan with: task 18 (责任领导 张三 副区长) led by 区发展改革委, due June 2023; task
    12 (no leader) led by 区生态环境局 and, for one piece of work, by 区发展改革委. All overdue on
    2024-01-15."""
    table = write_table(tmp_path / "分工表.xlsx", [
        [18, "推动能源体系绿色低碳转型", M_SOLAR, "区发展改革委", "区经济信息委", "张三 副区长", "2023年6月底前"],
        [12, "深入打好污染防治攻坚战", M_AIR, "区生态环境局", "区发展改革委", None, "2023年12月底前"],
        [None, None, M_DIESEL, "区发展改革委", None, None, "2023年9月底前"],
    ], merges=("A4:A5", "B4:B5"))
    outcome = import_plan(db, table)
    assert outcome.outcome == "imported", [str(p) for p in outcome.errors]
    assert plan_leaders(db, None)[18] == "张三（副区长）"
    return db


def write(db, folder: Path, kind: str) -> dict[str, Path]:
    from greentasks.services.notices import write_notices

    result = write_notices(db, folder, require_period(PERIOD), kind=kind, today=SEEN, record=False)
    return {n.unit: n.path for n in result.notices}


def test_the_push_notice_names_the_leader_under_the_work_of_a_task_that_has_one(pushed, tmp_path):
    files = write(pushed, tmp_path / "督办", "督办")
    assert set(files) == {"区发展改革委", "区生态环境局"}
    rows = table_rows(Document(files["区发展改革委"]))
    # Most overdue first: the solar work (task 18, with its leader), then the diesel work (task 12, none).
    assert [r[1] for r in rows] == [f"任务18：{M_SOLAR}\n责任领导：张三（副区长）", f"任务12：{M_DIESEL}"]
    assert [r[2] for r in rows] == ["2023年6月底前", "2023年9月底前"]
    plain = Document(files["区生态环境局"])
    assert [r[1] for r in table_rows(plain)] == [f"任务12：{M_AIR}"]
    assert "责任领导" not in text_of(plain)  # no empty label for a task without one
    # The 催报 is about returns: it names no leader, also for task 18's work.
    for path in write(pushed, tmp_path / "催报", "催报").values():
        assert "责任领导" not in text_of(Document(path))


def test_the_builtin_plan_without_leaders_prints_no_leader_line(example_db, tmp_path):
    from greentasks.services.notices import write_notices

    result = write_notices(example_db, tmp_path, require_period("2026Q3"), kind="督办", today=date(2026, 12, 1),
                           record=False)
    assert result.notices
    for notice in result.notices:
        assert "责任领导" not in text_of(Document(notice.path))


def big_notice(leader: str):
    from greentasks.word.notices import NoticeItem, UnitNotice

    items = [NoticeItem(n % 34 + 1, "清洁能源", "推进光伏建筑一体化和新能源汽车充电基础设施建设" * 2,
                        "2023年6月底前", "已逾期125天", leader=leader) for n in range(40)]
    return UnitNotice(kind="督办", unit="区发展改革委", period_label="2023年第二季度", plan_title="某实施意见",
                      doc_no="南川府发〔2022〕34号", dated=date(2023, 10, 31), reply_by=date(2023, 11, 7),
                      seen_on=date(2023, 10, 31), office="南川区人民政府办公室", items=items)


def test_the_leader_line_is_counted_when_the_page_is_filled():
    from greentasks.word.notices import fit, lines_needed, notice_document, row_height

    with_leader, without = big_notice("张三（副区长）、李四"), big_notice("")
    item = with_leader.items[0]
    assert row_height(item.cells(1)) > row_height(without.items[0].cells(1))
    assert lines_needed("甲\n乙", 200, 12) == 2 and lines_needed("甲", 200, 12) == 1
    shown = fit(with_leader)
    assert 0 < shown.shown < fit(without).shown
    rows = table_rows(notice_document(with_leader))
    assert len(rows) == shown.shown
    # Cut to two lines when the page is full, the work's text is; the leader line never is.
    assert all(r[1].endswith("\n责任领导：张三（副区长）、李四") for r in rows)


@pytest.mark.slow
def test_the_notices_with_leaders_are_one_page_in_libreoffice(soffice, pushed, tmp_path):  # noqa: F811
    from greentasks.word.notices import fit, notice_document

    files = write(pushed, tmp_path / "督办", "督办")
    big = tmp_path / "big.docx"
    notice_document(big_notice("张三（副区长）、李四")).save(str(big))
    pdfs = to_pdfs(soffice, [files["区发展改革委"], files["区生态环境局"], big], tmp_path / "pdf")
    assert [pages(p) for p in pdfs] == [1, 1, 1]
    text = pdf_text(pdfs[0])
    assert "责任领导：张三（副区长）" in text and M_DIESEL in text
    assert "责任领导" not in pdf_text(pdfs[1])
    listed = fit(big_notice("张三（副区长）、李四")).shown  # each listed item with its leader line, whole
    assert pdf_text(pdfs[2]).count("责任领导：张三（副区长）、李四") == listed
    assert f"另有{40 - listed}项，详见总台账" in pdf_text(pdfs[2])
    assert not re.search(r"[0-9]{4}Q[1-4]", text)


# -- the 督办单 report -------------------------------------------------------------------------------------

def notice_report(db):
    from greentasks.reports import build_report
    from greentasks.services.queries import Context

    with db.reading() as session:
        return build_report(session, Context.load(session, SEEN, require_period(PERIOD)), "notice",
                            office="区政府办公室")


def test_the_notice_report_names_the_leader_under_the_task(pushed):
    report = notice_report(pushed)
    parts = {p.key: p for p in report.parts}
    table = parts["区发展改革委"].tables[0]
    column = table.column_index("重点任务")
    cells = {r.cells[column].text.split(".")[0]: r.cells[column].note for r in table.rows}
    assert cells == {"18": "责任领导：张三（副区长）", "12": ""}
    assert "18. 推动能源体系绿色低碳转型" in {r.cells[column].text for r in table.rows}
    assert [c.title for c in table.columns] == ["序号", "等级", "重点任务", "具体工作", "完成时限", "督办事由", "工作要求"]
    assert "责任领导" not in "\n".join(c.plain() for r in parts["区生态环境局"].tables[0].rows for c in r.cells)


def test_the_notice_report_pdf_carries_the_leader_on_one_page_each(pushed, qapp, tmp_path):
    import pypdf

    from ui.printing import write_pdf

    report = notice_report(pushed)
    path = tmp_path / "督办单.pdf"
    assert write_pdf(report, path) == len(report.parts) == len(pypdf.PdfReader(str(path)).pages)
    texts = [re.sub(r"\s+", "", p.extract_text() or "") for p in pypdf.PdfReader(str(path)).pages]
    led = [t for t in texts if "区发展改革委：" in t]
    assert len(led) == 1 and "责任领导：张三（副区长）" in led[0]
    assert all("责任领导" not in t for t in texts if "区发展改革委：" not in t)
