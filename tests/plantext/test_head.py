"""The head and foot of a document: 文号, title, issuing body, 成文日期, 主送 line, 附件 and 抄送."""

from __future__ import annotations

from datetime import date

import pytest

from greentasks.plantext import document_text, parse_document, text_document
from greentasks.plantext.head import normalise_doc_no, parse_chinese_date

from ._documents import write_docx

BODY = ["一、重点任务", "1. 推进绿色制造。加快传统产业改造。（区经济信息委牵头）"]


def draft(lines: list[str]):
    return parse_document(text_document("\n".join(lines)))


@pytest.mark.parametrize(("printed", "normal"), [
    ("南川府发〔2022〕34号", "南川府发〔2022〕34号"),
    ("南川府办发[2023]12号", "南川府办发〔2023〕12号"),
    ("南川府办发［2023］12号", "南川府办发〔2023〕12号"),
    ("区委办（2023）12号", "区委办〔2023〕12号"),
    ("渝府办发(2023)5号", "渝府办发〔2023〕5号"),
    ("南川府办函 〔 2023 〕 07 号", "南川府办函〔2023〕7号"),
])
def test_doc_no_variants_are_normalised(printed, normal):
    assert normalise_doc_no(printed) == normal
    assert draft(["重庆市南川区人民政府办公室文件", printed, "关于印发绿色发展工作方案的通知", *BODY]).doc_no == normal


def test_a_sentence_citing_a_doc_no_is_not_the_doc_no():
    d = draft(["南川区绿色发展重点任务分解方案", "为推动南川府发〔2022〕34号落地见效，现将重点任务分解如下。", *BODY])
    assert d.doc_no is None
    assert d.title == "南川区绿色发展重点任务分解方案"
    assert any("文号" in p for p in d.problems)


@pytest.mark.parametrize(("printed", "day"), [
    ("2022年10月26日", date(2022, 10, 26)),
    ("2022 年 10 月 26 日", date(2022, 10, 26)),
    ("二〇二二年十一月三十日", date(2022, 11, 30)),
    ("二○二三年十二月三十一日", date(2023, 12, 31)),
    ("二〇二三年一月五日", date(2023, 1, 5)),
])
def test_dates(printed, day):
    assert parse_chinese_date(printed) == day


def test_impossible_dates_are_not_dates():
    assert parse_chinese_date("2023年2月30日") is None
    assert parse_chinese_date("2023年底前") is None


def test_title_over_three_lines_and_the_addressees_line():
    d = draft([
        "中共重庆市南川区委办公室",
        "重庆市南川区人民政府办公室",
        "关于印发《南川区深入推进绿色低碳",
        "循环发展三年行动方案》的通知",
        "各乡镇党委、人民政府，各街道党工委、办事处，区级各部门：",
        "现将《南川区深入推进绿色低碳循环发展三年行动方案》印发给你们，请认真贯彻执行。",
        "中共重庆市南川区委办公室",
        "重庆市南川区人民政府办公室",
        "2023年5月8日",
        "南川区深入推进绿色低碳循环发展三年行动方案",
        *BODY,
    ])
    assert d.title == "中共重庆市南川区委办公室重庆市南川区人民政府办公室关于印发《南川区深入推进绿色低碳循环发展三年行动方案》的通知"
    assert d.forwarded_title == "南川区深入推进绿色低碳循环发展三年行动方案"
    assert d.addressees == "各乡镇党委、人民政府，各街道党工委、办事处，区级各部门："
    assert d.issued_on == date(2023, 5, 8)
    assert d.issuer == "重庆市南川区人民政府办公室"  # the signature right above the date
    # The forwarded document's tasks are read after the signature; the notice's own text is not a task.
    assert [t.title for t in d.tasks] == ["推进绿色制造"]
    assert "现将" in d.preamble


def test_issuer_from_the_banner_when_there_is_no_signature():
    d = draft(["重庆市南川区人民政府办公室文件", "南川府办发〔2023〕5号", "关于做好绿色发展工作的通知", "各有关单位：", *BODY])
    assert d.issuer == "重庆市南川区人民政府办公室"
    assert d.issued_on is None and any("成文日期" in p for p in d.problems)


def test_issuer_from_the_title_when_there_is_nothing_else():
    d = draft(["重庆市南川区人民政府办公室关于做好绿色发展工作的通知", *BODY])
    assert d.issuer == "重庆市南川区人民政府办公室"
    assert d.title == "重庆市南川区人民政府办公室关于做好绿色发展工作的通知"


def test_foot_lines_are_not_text():
    d = draft([
        "南川府发〔2023〕3号", "重庆市南川区人民政府", "关于推进绿色发展的意见", "各乡镇人民政府、街道办事处：",
        *BODY,
        "附件：1. 重点任务清单", "2. 指标体系",
        "重庆市南川区人民政府",
        "2023年1月9日",
        "（此件公开发布）",
        "抄送：区委办公室，区人大办公室。",
        "重庆市南川区人民政府办公室",
        "2023年1月10日印发",
    ])
    assert [t.title for t in d.tasks] == ["推进绿色制造"]
    assert d.tasks[0].text == "加快传统产业改造。（区经济信息委牵头）"  # nothing of the foot in it
    assert d.issued_on == date(2023, 1, 9) and d.issued_text == "2023年1月9日"
    assert d.issuer == "重庆市南川区人民政府"
    assert [level.marker for level in d.levels] == ["一、", "1."]  # "1. 重点任务清单" is no heading


# --- the head as GB/T 9704 lays it out: 发文机关标志, 发文字号, title, 主送 ------------------------------------

PREAMBLE = "现将《南川区2023年生态环境保护工作要点》印发给你们，请结合实际认真贯彻执行，确保各项任务按期完成。"
NOTICE = "重庆市南川区人民政府办公室关于印发南川区2023年生态环境保护工作要点的通知"
TO = "各乡镇人民政府、街道办事处，区政府各部门："


@pytest.mark.parametrize("lines", [
    # 发文机关标志 without 文件, then the 文号, then the title naming its issuer
    ["重庆市南川区人民政府办公室", "南川府办发〔2023〕12号", NOTICE, TO],
    # the same with 文件, and the title over two lines
    ["重庆市南川区人民政府办公室文件", "南川府办发〔2023〕12号", "重庆市南川区人民政府办公室关于印发南川区2023年",
     "生态环境保护工作要点的通知", TO],
    # the 文号 under the title, in brackets or not
    ["重庆市南川区人民政府办公室", "关于印发南川区2023年生态环境保护工作要点的通知", "南川府办发〔2023〕12号", TO],
    [NOTICE, "（南川府办发〔2023〕12号）", TO],
    [NOTICE, "(南川府办发[2023]12号)", TO],
    # 份号, 密级, 紧急程度 above the masthead, 签发人 beside the 文号 (上行文), on either side
    ["000012", "机密★1年", "特急", "重庆市南川区人民政府办公室文件", "南川府办发〔2023〕12号　　　　签发人：张　明", NOTICE, TO],
    ["重庆市南川区人民政府办公室文件", "签发人：张明　李强　　南川府办发〔2023〕12号", NOTICE, TO],
    ["重庆市南川区人民政府办公室文件", "南川府办发〔2023〕12号", "签发人：张明", NOTICE, TO],
])
def test_masthead_doc_no_and_title_are_told_apart(lines):
    d = draft([*lines, PREAMBLE, *BODY])
    assert d.doc_no == "南川府办发〔2023〕12号"
    assert d.title == NOTICE
    assert d.issuer == "重庆市南川区人民政府办公室"
    assert d.addressees == TO
    assert d.preamble == PREAMBLE
    assert [t.title for t in d.tasks] == ["推进绿色制造"]
    assert not any("文号" in p or "标题" in p for p in d.problems)


def test_masthead_over_a_title_without_a_doc_no():
    d = draft(["重庆市南川区人民政府办公室", NOTICE, TO, PREAMBLE, *BODY])
    assert d.doc_no is None and d.title == NOTICE  # the masthead is not glued to the title
    d = draft(["重庆市南川区人民政府办公室", "南川区2023年生态环境保护工作要点", PREAMBLE, *BODY])
    assert (d.doc_no, d.title, d.issuer) == (None, "南川区2023年生态环境保护工作要点", "重庆市南川区人民政府办公室")


def test_joint_masthead_over_lines():
    d = draft(["中共重庆市南川区委办公室", "重庆市南川区人民政府办公室", "文件", "南川委办发〔2023〕5号",
               "中共重庆市南川区委办公室", "重庆市南川区人民政府办公室", "关于印发《南川区绿色发展方案》的通知", PREAMBLE, *BODY])
    assert d.doc_no == "南川委办发〔2023〕5号"
    assert d.title == "中共重庆市南川区委办公室重庆市南川区人民政府办公室关于印发《南川区绿色发展方案》的通知"
    assert d.issuer == "中共重庆市南川区委办公室、重庆市南川区人民政府办公室"


TABLE = [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
         ["1", "推进绿色制造。加快传统产业改造。", "区经济信息委", "区财政局", "2023年底前"]]


@pytest.mark.parametrize("top", [
    ["南川府办发〔2023〕12号"],  # alone on the top line, set to the right
    ["附件\t\t\t南川府办发〔2023〕12号"],  # 附件 on the left, the 文号 on the right of one line
    [[["附件", "南川府办发〔2023〕12号"]]],  # a layout table of one row
    ["附件1", "南川府办发〔2023〕12号"],
])
def test_doc_no_at_the_top_right_of_a_breakdown_table(tmp_path, top):
    path = write_docx(tmp_path / "分解方案.docx", [*top, "南川区绿色发展重点任务分解方案", TABLE], indent=False)
    d = parse_document(document_text(path))
    assert (d.doc_no, d.title) == ("南川府办发〔2023〕12号", "南川区绿色发展重点任务分解方案")
    assert [(t.title, t.lead, t.support) for t in d.tasks] == [("推进绿色制造", ["区经济信息委"], ["区财政局"])]


def test_doc_no_at_the_top_of_a_pasted_table():
    d = draft(["附件\t南川府办发〔2023〕12号", "南川区绿色发展重点任务分解方案", *("\t".join(r) for r in TABLE)])
    assert (d.doc_no, d.title) == ("南川府办发〔2023〕12号", "南川区绿色发展重点任务分解方案")
    assert len(d.tasks) == 1


@pytest.mark.parametrize("line", [
    "根据南川府发〔2022〕34号",
    "南川府发〔2022〕34号文件精神",
    "（详见南川府发〔2022〕34号）",
])
def test_a_line_that_only_cites_a_doc_no_is_no_doc_no(line):
    assert draft(["南川区绿色发展重点任务分解方案", line, *BODY]).doc_no is None
