"""parse_document on whole documents: the gazette's 34号, and documents written here in every shape."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest

from greentasks.plantext import document_text, parse_document, text_document
from greentasks.resources import resource_path
from greentasks.word.topdf import find_office, to_pdf

from ._documents import BODY, FOOT, HEAD, PLAN_LINES, SEED, long_body, write_docx, write_txt

# --- the gazette ------------------------------------------------------------------------------------------

# The one OCR slip the built-in plan corrects (tools/extract_plan.py, CORRECTIONS).
OCR_SLIP = ("资源优势 and 领先", "资源优势和领先")


@pytest.fixture(scope="module")
def gazette_34() -> str:
    """The 34号 document as the gazette prints it: from its 版头 to the end of the issue."""
    if not SEED.exists():
        pytest.skip(f"seed file not available: {SEED}")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    at = lines.index("南川府发〔2022〕34号")
    start = max(k for k in range(at) if lines[k] == "重庆市南川区人民政府文件")
    return "\n".join(lines[start:]).replace(*OCR_SLIP)


@pytest.fixture(scope="module")
def builtin_plan() -> dict:
    return json.loads(resource_path("plan.json").read_text(encoding="utf-8"))


def test_gazette_34_head(gazette_34, builtin_plan):
    d = parse_document(text_document(gazette_34))
    assert d.doc_no == "南川府发〔2022〕34号" == builtin_plan["doc_no"]
    assert d.title == "重庆市南川区人民政府关于加快推进绿色发展的实施意见" == builtin_plan["title"]
    assert d.issuer == "重庆市南川区人民政府" == builtin_plan["issuer"]
    # The gazette prints 2022年10月26日 (not November): the 印发 date at the very end is not it.
    assert d.issued_on == date(2022, 10, 26) and builtin_plan["date"] == "2022-10-26"
    assert d.addressees == builtin_plan["addressees"]
    assert d.preamble == builtin_plan["preamble"]
    assert d.problems == []


def test_gazette_34_tasks_are_the_builtin_tasks_verbatim(gazette_34, builtin_plan):
    d = parse_document(text_document(gazette_34))
    assert [info.label for info in d.levels] == ["一、级（3项）", "（一）级（8项）", "1.级（34项）"]
    assert d.task_level == 3
    got = [(t.no, t.title, t.text) for t in d.tasks]
    want = [(t["no"], t["title"], t["text"]) for t in builtin_plan["tasks"]]
    assert got == want
    # The section path of each task, as the built-in plan's sections hold them.
    codes = {}
    for top in builtin_plan["sections"]:
        for no in top["tasks"]:
            codes[no] = top["code"]
        for child in top["children"]:
            for no in child["tasks"]:
                codes[no] = f"{top['code']}/{child['code']}"
    assert {t.no: t.section_path for t in d.tasks} == codes
    assert d.tasks[14].section == "三、（二）" and d.tasks[29].section == "四、"
    assert all(not t.units and t.leader is None and t.deadline_text is None for t in d.tasks)
    assert d.tasks[30].full_text.startswith("31. 加强绿色农业合作。") and "\n通过中新" in d.tasks[30].full_text


def test_gazette_34_sections_match_the_builtin_plan(gazette_34, builtin_plan):
    d = parse_document(text_document(gazette_34))
    by_path = {s.path: s for s in d.sections}
    for top in builtin_plan["sections"]:
        section = by_path[top["code"]]
        assert section.title == top["title"] and section.tasks == tuple(top["tasks"])
        for child in top["children"]:
            sub = by_path[f"{top['code']}/{child['code']}"]
            assert (sub.code, sub.title, sub.intro, sub.tasks) == (child["code"], child["title"], child["intro"],
                                                                    tuple(child["tasks"]))
    # 一、总体要求 and 五、保障措施 are the frame of the document, not tasks.
    assert by_path["一"].framing and by_path["五"].framing and not by_path["二"].framing


# --- a document in every shape -------------------------------------------------------------------------------


@pytest.fixture
def plan_docx(tmp_path) -> Path:
    return write_docx(tmp_path / "方案.docx", PLAN_LINES)


def test_plan_in_every_paragraph_shape(plan_docx):
    d = parse_document(document_text(plan_docx))
    assert (d.doc_no, d.issuer, d.issued_on) == ("南川府办发〔2023〕12号", "重庆市南川区人民政府办公室", date(2023, 3, 15))
    assert d.title == "重庆市南川区人民政府办公室关于印发南川区绿色低碳发展2023年工作方案的通知"
    assert d.task_level == 3
    assert [info.label for info in d.levels] == ["一、级（1项）", "（一）级（2项）", "1.级（8项）"]
    assert [t.no for t in d.tasks] == list(range(1, 9))
    assert [t.marker for t in d.tasks] == [f"{n}．" for n in range(1, 9)]
    got = {t.no: (t.lead, t.support, t.leader, t.deadline_text) for t in d.tasks}
    assert got == {
        1: (["区发展改革委"], ["区经济信息委", "区财政局"], None, None),
        2: (["区生态环境局"], ["各乡镇（街道）"], None, "2023年底前完成"),
        3: (["区交通局"], [], None, "2023年6月底前"),
        4: (["区商务委"], ["区交通局", "区邮政管理局"], "张明", "2023年12月31日前"),
        5: (["区发展改革委"], ["区财政局", "区税务局"], None, None),
        6: (["区住房城乡建委"], ["区规划自然资源局", "区城管局"], None, None),
        7: (["区农业农村委"], ["区水利局"], None, None),
        8: (["各乡镇（街道）"], [], None, None),
    }
    assert d.tasks[2].units[0].role == "责任"  # as written; DraftTask.lead lets the first 责任单位 lead
    assert d.tasks[1].deadline.due == date(2023, 12, 31)
    assert d.tasks[0].section == "二、（一）" and d.tasks[3].section_path == "二/（二）"
    # The text stays verbatim: the responsibility is read beside it, not cut out of it.
    assert d.tasks[0].title == "推动传统产业绿色化改造"
    assert d.tasks[0].text == BODY[5].split("。", 1)[1]
    assert d.tasks[0].full_text == BODY[5]
    assert d.tasks[3].text.split("\n") == [BODY[9].split("。", 1)[1], *BODY[10:14]]
    assert d.problems == []

    coarse = parse_document(document_text(plan_docx), task_level=2)
    assert [(t.title, t.lead) for t in coarse.tasks] == [
        ("推进产业结构优化升级", ["区发展改革委", "区生态环境局"]), ("构建绿色低碳循环发展的流通体系", ["区商务委", "区发展改革委", "区住房城乡建委"])]
    assert coarse.tasks[0].text.split("\n") == BODY[5:8]
    assert any("一、总体要求" in p and "三、保障措施" in p and "4个条目" in p for p in coarse.problems)


def test_to_json_has_exactly_the_agreed_keys(plan_docx):
    data = parse_document(document_text(plan_docx)).to_json()
    assert set(data) == {"document", "task_level", "levels", "tasks"}
    assert data["document"] == {"doc_no": "南川府办发〔2023〕12号",
                                "title": "重庆市南川区人民政府办公室关于印发南川区绿色低碳发展2023年工作方案的通知",
                                "issuer": "重庆市南川区人民政府办公室", "issued_on": "2023-03-15"}
    assert data["levels"][2] == {"level": 3, "marker": "1.", "count": 8, "with_units": 8, "label": "1.级（8项）"}
    task = data["tasks"][1]
    assert set(task) == {"no", "title", "section", "text", "lead", "support", "leader", "deadline"}
    assert task["deadline"] == {"text": "2023年底前完成", "kind": "date", "due": "2023-12-31"}
    assert task["section"] == "二、（一）" and task["lead"] == ["区生态环境局"] and task["support"] == ["各乡镇（街道）"]
    json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_txt_parses_as_the_docx(tmp_path, plan_docx, encoding):
    from_docx = parse_document(document_text(plan_docx)).to_json()
    from_txt = parse_document(document_text(write_txt(tmp_path / "方案.txt", PLAN_LINES, encoding=encoding))).to_json()
    assert from_txt == from_docx


@pytest.mark.skipif(find_office() is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_parses_as_the_docx(tmp_path, plan_docx):
    pdf = to_pdf(plan_docx, tmp_path / "方案.pdf")
    assert parse_document(document_text(pdf)).to_json() == parse_document(document_text(plan_docx)).to_json()


# --- a responsibility table ----------------------------------------------------------------------------------

TABLE_HEADER = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "责任领导", "完成时限"]
TABLE_ROWS = [
    TABLE_HEADER,
    ["一、推动产业绿色转型", None, None, None, None, None, None],
    ["1", "推动传统产业绿色化改造", "实施铝加工企业节能降碳改造", "区经济信息委", "区财政局", "张明", "2023年底前"],
    ["", "", "开展绿色工厂创建", "", "区税务局", "", "2023年6月底前"],
    ["2", "发展清洁能源", "推进凉风垭风电项目建成投用", "区发展改革委", "各乡镇（街道）", "李华", "长期坚持"],
    ["二、完善绿色基础设施", None, None, None, None, None, None],
    ["3", "推广新能源公交", "新增纯电动公交车50辆", "区交通局", "区财政局", "王强", "2023年9月底前"],
    ["4", "建设充电设施", "建设公交车辆充电桩100套", "", "国网南川供电公司", "王强", "2023年12月底前"],
]
# Headings across the row; task 1's 序号, 任务, 牵头单位 and 责任领导 merged over its two rows; one
# 牵头单位 cell serving tasks 3 and 4.
TABLE_MERGES = [(1, 0, 1, 6), (5, 0, 5, 6), (2, 0, 3, 0), (2, 1, 3, 1), (2, 3, 3, 3), (2, 5, 3, 5), (6, 3, 7, 3)]


def test_responsibility_table_with_merged_cells(tmp_path):
    path = write_docx(tmp_path / "分解方案.docx", [
        "南川区绿色发展重点任务分解方案",
        "为推动南川府发〔2022〕34号落地见效，现将重点任务分解如下。",
        {"rows": TABLE_ROWS, "merge": TABLE_MERGES},
    ])
    d = parse_document(document_text(path))
    assert d.doc_no is None and d.title == "南川区绿色发展重点任务分解方案"
    assert [info.label for info in d.levels] == ["一、级（2项）", "表格各行（4项）"]
    assert d.task_level == 2
    assert [(t.no, t.marker, t.title, t.section) for t in d.tasks] == [
        (1, "1", "推动传统产业绿色化改造", "一、"), (2, "2", "发展清洁能源", "一、"),
        (3, "3", "推广新能源公交", "二、"), (4, "4", "建设充电设施", "二、")]
    first = d.tasks[0]
    assert first.text == "实施铝加工企业节能降碳改造\n开展绿色工厂创建"
    assert (first.lead, first.support, first.leader) == (["区经济信息委"], ["区财政局", "区税务局"], "张明")
    assert first.deadline_text == "2023年底前；2023年6月底前"
    assert d.tasks[1].support == ["各乡镇（街道）"] and d.tasks[1].deadline.kind == "ongoing"
    assert d.tasks[3].lead == ["区交通局"]  # the merged cell serves both rows
    assert [s.title for s in d.sections] == ["一、推动产业绿色转型", "二、完善绿色基础设施"]


def test_table_with_responsible_column_only_and_column_numbers(tmp_path):
    rows = [["序号", "工作任务", "责任单位", "完成时间"], ["1", "2", "3", "4"],
            ["1", "开展绿色出行宣传月活动。", "区交通局、区生态环境局", "2023年9月"],
            ["2", "建设海绵城市示范区。", "区住房城乡建委", "2024年底"]]
    d = parse_document(document_text(write_docx(tmp_path / "t.docx", ["重点任务清单", rows])))
    assert [(t.title, t.lead, t.support, t.deadline_text) for t in d.tasks] == [
        ("开展绿色出行宣传月活动", ["区交通局"], ["区生态环境局"], "2023年9月"),
        ("建设海绵城市示范区", ["区住房城乡建委"], [], "2024年底")]


def test_other_tables_stay_in_the_text(tmp_path):
    path = write_docx(tmp_path / "x.docx", ["一、重点任务", "1. 提高森林覆盖率。到2025年达到以下目标：",
                                            [["指标", "2025年"], ["森林覆盖率（%）", "58"]],
                                            "2. 改善空气质量。持续开展蓝天行动。"])
    d = parse_document(document_text(path))
    assert [t.title for t in d.tasks] == ["提高森林覆盖率", "改善空气质量"]
    assert d.tasks[0].text == "到2025年达到以下目标：\n指标\t2025年\n森林覆盖率（%）\t58"


# --- other documents -----------------------------------------------------------------------------------------


def test_document_without_responsibility_gets_its_tasks_only(tmp_path):
    lines = ["南川区2023年绿色发展工作要点", "一、推进产业绿色转型",
             "1．推动传统产业改造。加快推进铝加工、建材等传统产业实施节能降碳改造，提升能源利用效率。",
             "2．培育节能环保产业。支持节能环保装备制造企业做大做强，打造一批骨干企业。",
             "二、完善绿色基础设施",
             "3．推广新能源公交。持续推进城市公交车辆电动化，优化公交线路。"]
    d = parse_document(document_text(write_txt(tmp_path / "要点.txt", lines)))
    assert d.task_level == 2 and [t.title for t in d.tasks] == ["推动传统产业改造", "培育节能环保产业", "推广新能源公交"]
    assert all(not t.units and not t.lead and t.deadline is None for t in d.tasks)
    assert not any("责任单位" in p for p in d.problems)
    assert d.doc_no is None and any("文号" in p for p in d.problems)


def test_two_levels_could_hold_the_tasks():
    lines = [
        "南川区绿色交通三年行动方案",
        "一、重点任务",
        "（一）推进运输结构调整。加快发展多式联运，提高铁路货运比例。（区交通局牵头，区发展改革委配合）",
        "1. 建设物流枢纽。加快推进水江物流集散中心建设，完善集疏运体系。",
        "2. 发展多式联运。开通铁水联运班列，降低物流成本。",
        "（二）推广新能源车辆。推动城市公交、出租车辆电动化。（区交通局牵头，区经济信息委配合）",
        "1. 更新公交车辆。新增纯电动公交车50辆，淘汰老旧车辆。",
        "2. 建设充电设施。建设公交充电桩100套，方便车辆充电。",
        "（三）完善慢行系统。建设城市绿道和步行街区，倡导绿色出行。（区住房城乡建委牵头）",
    ]
    doc = text_document("\n".join(lines))
    d = parse_document(doc)
    assert [info.label for info in d.levels] == ["一、级（1项）", "（一）级（3项）", "1.级（5项）"]
    assert d.task_level == 2  # the level that states the units
    assert [t.title for t in d.tasks] == ["推进运输结构调整", "推广新能源车辆", "完善慢行系统"]
    assert d.tasks[0].text.split("\n")[1] == "1. 建设物流枢纽。加快推进水江物流集散中心建设，完善集疏运体系。"  # sub-items inside
    assert d.tasks[1].lead == ["区交通局"] and d.tasks[1].support == ["区经济信息委"]

    finer = parse_document(doc, task_level=3)
    assert finer.task_level == 3
    # （三） has no 1. items under it but states its units: it stays a task.
    assert [(t.no, t.title, t.section) for t in finer.tasks] == [
        (1, "建设物流枢纽", "一、（一）"), (2, "发展多式联运", "一、（一）"), (3, "更新公交车辆", "一、（二）"),
        (4, "建设充电设施", "一、（二）"), (5, "完善慢行系统", "一、")]
    assert finer.tasks[0].units == []  # the 1. items do not state their own
    assert any("第5项" in p for p in finer.problems)
    assert [s.path for s in finer.sections] == ["一", "一/（一）", "一/（二）"]

    with pytest.raises(ValueError, match="层级 7 不存在"):
        parse_document(doc, task_level=7)


def test_levels_follow_the_order_the_styles_appear_in():
    lines = ["南川区绿色建筑实施细则", "第一章　总则", "第一条　为推进绿色建筑发展，制定本细则。",
             "第二章　重点任务", "第二条　推广装配式建筑。新建公共建筑全面采用装配式建造。（区住房城乡建委负责）",
             "（一）政府投资项目率先采用。", "（二）鼓励社会投资项目采用。",
             "第三条　推进既有建筑节能改造。实施一批公共建筑节能改造项目。（区机关事务中心负责）",
             "① 学校。② 医院。"]
    d = parse_document(text_document("\n".join(lines)))
    assert [info.marker for info in d.levels] == ["第一章", "第一条", "（一）", "①"]
    assert d.task_level == 2
    assert [(t.marker, t.title) for t in d.tasks] == [("第二条", "推广装配式建筑"), ("第三条", "推进既有建筑节能改造")]
    assert d.tasks[0].text.endswith("（区住房城乡建委负责）\n（一）政府投资项目率先采用。\n（二）鼓励社会投资项目采用。")
    assert d.tasks[1].section == "第二章"


def test_task_title_is_the_first_sentence_when_there_is_no_run_in_heading():
    lines = ["一、重点任务",
             "1、加快推进页岩气勘探开发，力争2023年新建页岩气井10口，页岩气产量达到10亿立方米以上，带动页岩气产业链发展。（区能源局牵头）",
             "2、推进风电项目。推动凉风垭风电项目建成投用。"]
    d = parse_document(text_document("\n".join(lines)))
    first = d.tasks[0]
    assert first.title == "加快推进页岩气勘探开发，力争2023年新建页岩气井10口"
    assert first.text == lines[1][2:]  # the whole paragraph after its marker
    assert d.tasks[1].title == "推进风电项目"


def test_numbering_that_restarts_in_each_section_is_numbered_through():
    lines = ["一、产业", "1. 推进A。内容甲。", "2. 推进B。内容乙。", "二、交通", "1. 推进C。内容丙。"]
    d = parse_document(text_document("\n".join(lines)))
    assert [(t.no, t.marker) for t in d.tasks] == [(1, "1."), (2, "2."), (3, "1.")]
    assert any("分别从1开始" in p for p in d.problems)
    gap = parse_document(text_document("\n".join(["一、产业", "1. 推进A。内容。", "3. 推进C。内容。"])))
    assert any("“1”之后是“3”" in p for p in gap.problems)


def test_a_document_with_no_numbered_items():
    d = parse_document(text_document("关于做好节能宣传周工作的通知\n各单位：\n请各单位认真组织开展节能宣传周活动。"))
    assert d.tasks == [] and d.levels == [] and d.task_level is None
    assert any("没有找到带编号的条目" in p for p in d.problems)


def test_fifty_pages_parse_well_under_a_second(tmp_path):
    lines = HEAD + long_body(300, sections=10) + FOOT  # about 60 printed pages of text
    assert sum(len(x) for x in lines) > 50 * 700
    doc = document_text(write_docx(tmp_path / "long.docx", lines))
    started = time.perf_counter()
    d = parse_document(doc)
    elapsed = time.perf_counter() - started
    assert len(d.tasks) == 300 and all(t.lead == ["区发展改革委"] for t in d.tasks)
    assert elapsed < 0.5, elapsed


def test_label_lines_after_the_sub_items_belong_to_the_task():
    lines = ["一、重点任务",
             "1. 推进绿色制造。加快传统产业改造。", "（1）实施节能改造。", "（2）创建绿色工厂。",
             "牵头单位：区经济信息委", "配合单位：区财政局",
             "2. 推进绿色交通。推广新能源车辆。", "（1）更新公交车辆。", "（2）建设充电设施。",
             "牵头单位：区交通局"]
    d = parse_document(text_document("\n".join(lines)))
    assert d.task_level == 2
    assert [(t.title, t.lead, t.support) for t in d.tasks] == [
        ("推进绿色制造", ["区经济信息委"], ["区财政局"]), ("推进绿色交通", ["区交通局"], [])]
    assert d.tasks[0].text.split("\n") == ["加快传统产业改造。", *lines[2:6]]  # still in document order
    assert d.tasks[1].full_text.split("\n") == lines[6:]


def test_label_lines_under_the_last_item_are_its_own_when_the_others_state_theirs():
    # （一） states its units in a closing parenthesis: the label lines under （二） are （二）'s, not 一、's.
    lines = ["一、深入打好污染防治攻坚战",
             "（一）持续改善空气质量。加强扬尘污染控制。（区生态环境局牵头，区住房城乡建委按职责分工负责）",
             "（二）加强水生态环境保护。推进凤嘴江流域综合治理。",
             "牵头单位：区水利局", "配合单位：各乡镇（街道）", "完成时限：2023年10月底前",
             "二、推动绿色低碳发展",
             "（三）推进能源结构调整。由区发展改革委会同区经济信息委负责，2023年12月底前完成。"]
    d = parse_document(text_document("\n".join(lines)))
    assert d.task_level == 2
    assert [(t.lead, t.support, t.deadline_text) for t in d.tasks] == [
        (["区生态环境局"], ["区住房城乡建委"], None),
        (["区水利局"], ["各乡镇（街道）"], "2023年10月底前"),
        (["区发展改革委"], ["区经济信息委"], "2023年12月底前完成")]
    assert d.problems[-1:] != ["第2项没有写明责任单位，请在预览中补充或导入分工表。"]


def test_tasks_that_state_units_win_even_when_some_do_not():
    lines = ["一、产业", *[f"{n}. 推进第{n}项。内容第{n}项。" + ("（区发展改革委牵头）" if n % 2 else "") for n in range(1, 6)],
             "二、交通", *[f"{n}. 推进第{n}项。内容第{n}项。" for n in range(6, 11)]]
    d = parse_document(text_document("\n".join(lines)))
    assert d.task_level == 2 and len(d.tasks) == 10
    assert [info.with_units for info in d.levels] == [1, 3]
    assert any("没有写明责任单位" in p for p in d.problems)


def test_notice_with_its_task_table_as_an_annex(tmp_path):
    path = write_docx(tmp_path / "通知.docx", [
        "重庆市南川区人民政府办公室",
        "关于印发南川区2023年绿色发展重点任务分工表的通知",
        "各乡镇人民政府、街道办事处，区政府各部门：",
        "现将《南川区2023年绿色发展重点任务分工表》印发给你们，请认真抓好落实。",
        "附件：南川区2023年绿色发展重点任务分工表",
        "重庆市南川区人民政府办公室",
        "2023年2月1日",
        "附件",
        "南川区2023年绿色发展重点任务分工表",
        {"rows": TABLE_ROWS, "merge": TABLE_MERGES},
    ])
    d = parse_document(document_text(path))
    assert d.issued_on == date(2023, 2, 1) and d.doc_no is None
    assert [t.title for t in d.tasks] == ["推动传统产业绿色化改造", "发展清洁能源", "推广新能源公交", "建设充电设施"]
    assert "现将" in d.preamble and all("现将" not in t.text for t in d.tasks)


def test_pasted_text_with_the_printed_line_breaks():
    # Copied from a PDF viewer: every printed line (28 characters in a 公文) ends in a line break.
    pasted = "\n".join([
        "一、重点任务",
        "（一）推进产业结构优化。加快淘汰落后产能，推动传",
        "统产业绿色化改造，培育壮大节能环保产业、清洁生产",
        "产业、清洁能源产业。（区发展改革委牵头，区经济信",
        "息委、区财政局按职责分工负责）",
        "（二）加强生态保护修复。持续推进山水林田湖草沙一",
        "体化保护和系统治理。（区生态环境局牵头）",
        "重庆市南川区人民政府办公室",
        "2023年3月15日",
    ])
    d = parse_document(text_document(pasted))
    assert [t.text for t in d.tasks] == [
        "加快淘汰落后产能，推动传统产业绿色化改造，培育壮大节能环保产业、清洁生产产业、清洁能源产业。"
        "（区发展改革委牵头，区经济信息委、区财政局按职责分工负责）",
        "持续推进山水林田湖草沙一体化保护和系统治理。（区生态环境局牵头）"]
    assert d.tasks[0].support == ["区经济信息委", "区财政局"]
    assert d.issuer == "重庆市南川区人民政府办公室" and d.issued_on == date(2023, 3, 15)


def test_table_with_a_two_row_header(tmp_path):
    rows = [["序号", "重点任务", "责任单位", "", "完成时限"],
            ["", "", "牵头单位", "配合单位", ""],
            ["1", "推进绿色建筑。新建建筑全面执行绿色建筑标准。", "区住房城乡建委", "区规划自然资源局", "2023年底前"]]
    merges = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, 4, 1, 4)]
    d = parse_document(document_text(write_docx(tmp_path / "h.docx", ["任务分工", {"rows": rows, "merge": merges}])))
    assert [(t.title, t.text, t.lead, t.support, t.deadline_text) for t in d.tasks] == [
        ("推进绿色建筑", "新建建筑全面执行绿色建筑标准。", ["区住房城乡建委"], ["区规划自然资源局"], "2023年底前")]
