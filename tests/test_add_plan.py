"""A new document from its text (issue 16): add-plan reads it, previews it, saves it whole with
its assignments, and the new document's templates and returns work beside the built-in plan,
which stays untouched; undo takes the document away again."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pypdf
from sqlalchemy import select

from greentasks.cli import main
from greentasks.domain.periods import require_period
from greentasks.models import Assignment, Department, Plan, Task
from greentasks.services.exports import export_templates
from greentasks.services.plan_documents import DocumentFacts, add_document, read_document
from greentasks.services.returns_import import import_returns
from greentasks.services.undo import undo_batch

DOC_NO = "南川府办发〔2023〕12号"
TEXT = f"""重庆市南川区人民政府办公室
{DOC_NO}
重庆市南川区人民政府办公室关于印发南川区2023年生态环境保护工作要点的通知

各乡镇人民政府、街道办事处，区政府各部门：
现将《南川区2023年生态环境保护工作要点》印发给你们，请认真贯彻执行。

一、深入打好污染防治攻坚战
（一）持续改善空气质量。加强扬尘污染控制，推进重点行业深度治理。（区生态环境局牵头，区住房城乡建委、区城市管理局按职责分工负责，2023年底前完成）
（二）加强水生态环境保护。推进凤嘴江流域综合治理。（牵头单位：区水利局；配合单位：区农业农村委；完成时限：2023年10月底前）
二、推动绿色低碳发展
（三）推进能源结构调整。由区发展改革委会同区经济信息委负责，2023年12月底前完成。

重庆市南川区人民政府办公室
2023年3月15日
"""


def _builtin(db) -> list[tuple]:
    with db.reading() as s:
        builtin = s.scalar(select(Plan).where(Plan.is_builtin))
        return [(t.no, t.title, t.text, len(s.scalars(select(Assignment.id).where(Assignment.task_id == t.id)).all()))
                for t in s.scalars(select(Task).where(Task.plan_id == builtin.id).order_by(Task.no))]


def test_add_plan_previews_then_saves_and_the_new_document_is_tracked(example_db, tmp_path, capsys):
    source = tmp_path / "工作要点.txt"
    source.write_text(TEXT, encoding="gb18030")
    before = _builtin(example_db)
    db_arg = ["--db", str(example_db.sqlite_path or example_db.url)]

    assert main([*db_arg, "add-plan", str(source), "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["document"] == {"doc_no": DOC_NO, "title": data["document"]["title"], "issuer": "重庆市南川区人民政府办公室",
                                "issued_on": "2023-03-15"}
    assert "生态环境保护工作要点" in data["document"]["title"]
    tasks = data["tasks"]
    assert [t["no"] for t in tasks] == [1, 2, 3]
    assert tasks[0]["lead"] == ["区生态环境局"] and tasks[0]["support"] == ["区住房城乡建委", "区城市管理局"]
    assert tasks[0]["deadline"]["text"].startswith("2023年底前")
    assert tasks[1]["lead"] == ["区水利局"] and tasks[1]["support"] == ["区农业农村委"]
    assert tasks[2]["lead"] == ["区发展改革委"] and tasks[2]["support"] == ["区经济信息委"]
    with example_db.reading() as s:
        assert s.scalar(select(Plan).where(Plan.doc_no == DOC_NO)) is None  # a dry run writes nothing

    assert main([*db_arg, "add-plan", str(source)]) == 0
    err = capsys.readouterr().err
    assert "已登记重点任务 3 项、分工 7 条" in err
    with example_db.reading() as s:
        plan = s.scalar(select(Plan).where(Plan.doc_no == DOC_NO))
        assert plan.issued_on == date(2023, 3, 15) and not plan.is_builtin
        assert [t.no for t in plan.tasks] == [1, 2, 3]
        assert plan.tasks[0].text.startswith("加强扬尘污染控制")
    assert _builtin(example_db) == before

    # the same document again is refused, naming the one registered
    assert main([*db_arg, "add-plan", str(source)]) == 1
    assert "已经登记" in capsys.readouterr().err

    # its templates and returns: task 1 of this document is not task 1 of the built-in plan
    paths = export_templates(example_db, tmp_path / "模板", require_period("2023Q2"), today=date(2023, 7, 1),
                             plan=DOC_NO)
    water = next(p for p in paths if "区水利局" in p.name)
    wb = openpyxl.load_workbook(water)
    ws = wb["进展情况"]
    rows = [r for r in ws.iter_rows(min_row=5) if r[11].value is not None]
    assert len(rows) == 1
    ws["C3"], ws["J3"] = "李四", date(2023, 7, 3)
    rows[0][6].value, rows[0][7].value = "推进中", "完成凤嘴江治理方案编制。"
    wb.save(water)
    (outcome,) = import_returns(example_db, [water], plan=DOC_NO).files
    assert outcome.outcome == "imported", [str(p) for p in outcome.errors]
    (refused,) = import_returns(example_db, [water]).files  # given to the built-in plan: another document's
    assert refused.outcome in ("refused", "duplicate")
    assert _builtin(example_db) == before


def test_a_document_without_a_number_needs_one_and_undo_takes_it_away(example_db, tmp_path):
    text = TEXT.replace(DOC_NO + "\n", "")
    draft = read_document(text=text)
    assert draft.doc_no is None
    refused = add_document(example_db, draft)
    assert refused.outcome == "refused" and "文号" in refused.errors[0].message
    done = add_document(example_db, draft, facts=DocumentFacts(doc_no="南川区2023年生态环境保护工作要点分解方案"))
    assert done.outcome == "imported" and done.assignments == 7
    with example_db.reading() as s:
        assert s.scalar(select(Plan.id).where(Plan.id == done.plan_id)) is not None
    undo_batch(example_db, done.batch_id)
    with example_db.reading() as s:
        assert s.scalar(select(Plan.id).where(Plan.id == done.plan_id)) is None
        assert not s.scalars(select(Task.id).where(Task.plan_id == done.plan_id)).all()


def test_unknown_units_are_named_with_the_closest_and_can_be_created(example_db, tmp_path):
    text = TEXT.replace("区城市管理局", "区绿化管理所")
    draft = read_document(text=text)
    refused = add_document(example_db, draft)
    assert refused.outcome == "refused"
    assert "区绿化管理所" in refused.unknown_units
    done = add_document(example_db, draft, create_departments=True)
    assert done.outcome == "imported" and done.created_units == ["区绿化管理所"]


def test_a_name_mapped_to_a_unit_the_task_already_names_gives_one_assignment(example_db):
    # 区绿化管理所 is mapped to 区生态环境局, which leads task 1 already: one assignment, not a clash.
    draft = read_document(text=TEXT.replace("区城市管理局", "区绿化管理所"))
    with example_db.reading() as s:
        ecology = s.scalar(select(Department.id).where(Department.name == "区生态环境局"))
    choices = {"区绿化管理所": ecology}
    preview = add_document(example_db, draft, unit_choices=choices, dry_run=True)
    assert preview.outcome == "dry-run" and preview.assignments == 6 and not preview.errors
    done = add_document(example_db, draft, unit_choices=choices)
    assert done.outcome == "imported" and done.assignments == 6, [str(p) for p in done.errors]
    with example_db.reading() as s:
        task = s.scalar(select(Task).where(Task.plan_id == done.plan_id, Task.no == 1))
        roles = [(a.department.name, a.role) for a in s.scalars(select(Assignment).where(Assignment.task_id == task.id))]
    assert sorted(roles) == [("区住房城乡建委", "配合"), ("区生态环境局", "牵头")]


def test_a_scanned_pdf_is_refused_with_a_message(example_db, tmp_path, capsys):
    # A well-formed PDF whose page holds no text layer, as a scanner makes it (an image only).
    pdf = tmp_path / "扫描件.pdf"
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with pdf.open("wb") as fh:
        writer.write(fh)
    code = main(["--db", str(example_db.sqlite_path or example_db.url), "add-plan", str(pdf)])
    err = capsys.readouterr().err
    assert code != 0 and "文字" in err and "Traceback" not in err
