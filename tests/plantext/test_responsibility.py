"""Responsibility read from a task's paragraphs, in the shapes Chinese documents use."""

from __future__ import annotations

import pytest

from greentasks.plantext.responsibility import DraftUnit, from_columns, responsibility_of


def units(*paragraphs: str) -> list[tuple[str, str]]:
    return [(u.name, u.role) for u in responsibility_of(paragraphs).units]


def test_closing_parenthesis_lead_and_others():
    assert units("……加快淘汰落后产能。（区发展改革委牵头，区经济信息委、区财政局按职责分工负责）") == [
        ("区发展改革委", "牵头"), ("区经济信息委", "配合"), ("区财政局", "配合")]


def test_closing_parenthesis_with_a_bracketed_name_and_a_deadline():
    r = responsibility_of(["持续推进生态修复。（区生态环境局牵头，各乡镇（街道）配合，2023年底前完成）"])
    assert [(u.name, u.role) for u in r.units] == [("区生态环境局", "牵头"), ("各乡镇（街道）", "配合")]
    assert r.deadline_text == "2023年底前完成"


def test_bracketed_names_the_directory_knows_are_kept_whole():
    r = responsibility_of(["推进。（区林业局牵头，金佛山（保护区）管理局配合）"], bracket_names=["金佛山（保护区）管理局"])
    assert [u.name for u in r.units] == ["区林业局", "金佛山（保护区）管理局"]


def test_closing_parenthesis_with_labels():
    r = responsibility_of(["推进城市客运车辆电动化。（责任单位：区交通局，完成时限：2023年6月底前）"])
    assert r.units == [DraftUnit("区交通局", "责任")]
    assert r.deadline_text == "2023年6月底前"


def test_closing_parenthesis_then_the_sentence_goes_on():
    assert units("推进A（区发展改革委牵头）；推进B（区财政局牵头）。") == [("区发展改革委", "牵头"), ("区财政局", "牵头")]


def test_a_bare_list_of_units_in_a_closing_parenthesis():
    assert units("推进改造。（区发展改革委、区财政局）") == [("区发展改革委", "责任"), ("区财政局", "责任")]


@pytest.mark.parametrize("text", [
    "纳入国家企业信用信息公示系统（重庆）。",
    "构建完善“两地一心”（国家重要中医药产业基地、全国知名四季康养胜地、渝南黔北区域医疗中心）康养产业格局。",
    "顺应碳捕集利用与封存 (CCUS) 发展趋势。",
    "做好全区贯彻落实工作，确保政策措施落到实处。",
    "按照“谁生产、谁提供、谁负责”的原则，将有关行政处罚等信息纳入系统。",
    "鼓励引导企业积极对接，由企业自主负责。",
])
def test_ordinary_brackets_and_prose_are_not_responsibility(text):
    assert not responsibility_of([text])


def test_separate_lines():
    r = responsibility_of([
        "4．发展绿色物流。推动多式联运发展。",
        "牵头单位：区商务委",
        "配合单位：区交通局、区邮政管理局",
        "责任领导：张明",
        "完成时限：2023年12月31日前",
    ])
    assert [(u.name, u.role) for u in r.units] == [("区商务委", "牵头"), ("区交通局", "配合"), ("区邮政管理局", "配合")]
    assert r.leader == "张明" and r.deadline_text == "2023年12月31日前"


@pytest.mark.parametrize(("lead_label", "support_label", "deadline_label"), [
    ("牵头部门", "配合部门", "时间节点"),
    ("责任部门", "协办单位", "完成时间"),
])
def test_separate_lines_other_labels(lead_label, support_label, deadline_label):
    r = responsibility_of([f"{lead_label}：区财政局", f"{support_label}：区税务局", f"{deadline_label}：2024年底"])
    roles = dict((u.name, u.role) for u in r.units)
    assert roles["区税务局"] == "配合"
    assert roles["区财政局"] == ("牵头" if lead_label.startswith("牵头") else "责任")
    assert r.deadline_text == "2024年底"


def test_labels_on_one_line():
    r = responsibility_of(["责任单位：区发改委（牵头）、区财政局　　完成时限：2023年底前"])
    assert [(u.name, u.role) for u in r.units] == [("区发改委", "牵头"), ("区财政局", "配合")]
    assert r.deadline_text == "2023年底前"


def test_inline_label():
    assert units("5．加强资源循环利用。（牵头单位：区发展改革委；配合单位：区财政局、区税务局）推动大宗固废利用。") == [
        ("区发展改革委", "牵头"), ("区财政局", "配合"), ("区税务局", "配合")]


@pytest.mark.parametrize(("text", "expected"), [
    ("完善城镇污水管网，由区住房城乡建委会同区规划自然资源局、区城管局负责。",
     [("区住房城乡建委", "牵头"), ("区规划自然资源局", "配合"), ("区城管局", "配合")]),
    ("推广化肥减量技术，区农业农村委负责，区水利局配合。", [("区农业农村委", "责任"), ("区水利局", "配合")]),
    ("深入推进生活垃圾分类，由各乡镇（街道）具体实施。", [("各乡镇（街道）", "责任")]),
    ("由区发展改革委牵头，会同区财政局等部门负责。", [("区发展改革委", "牵头"), ("区财政局", "配合")]),
])
def test_prose(text, expected):
    assert units(text) == expected


def test_a_unit_named_twice_keeps_its_strongest_role():
    assert units("推进A。（区财政局配合）", "推进B。（区财政局牵头）") == [("区财政局", "牵头")]


def test_table_columns():
    r = from_columns("区交通局", "区财政局\n国网南川供电公司", "", "王强", "2023年9月底前\n2023年12月底前")
    assert [(u.name, u.role) for u in r.units] == [("区交通局", "牵头"), ("区财政局", "配合"), ("国网南川供电公司", "配合")]
    assert r.leader == "王强" and r.deadline_text == "2023年9月底前；2023年12月底前"
    only_responsible = from_columns("", "", "区发展改革委、区财政局", "", "")
    assert [u.role for u in only_responsible.units] == ["责任", "责任"]


@pytest.mark.parametrize(("text", "deadline"), [
    ("推进能源结构调整。由区发展改革委会同区经济信息委负责，2023年12月底前完成。", "2023年12月底前完成"),
    ("推进能源结构调整。由区发展改革委负责，确保2023年6月30日前全面完成。", "确保2023年6月30日前全面完成"),
    ("推进能源结构调整，2024年底前，由区发展改革委会同区经济信息委负责。", "2024年底前"),
])
def test_prose_with_a_deadline(text, deadline):
    r = responsibility_of([text])
    assert r.units[0].name == "区发展改革委" and r.deadline_text == deadline


def test_a_date_in_prose_without_units_is_no_deadline():
    # 到2025年底 is a target; a date in a sentence naming nobody says nothing about who does what.
    assert responsibility_of(["到2025年底，全区森林覆盖率达到58%。2023年底前完成规划编制。"]).deadline_text is None
    assert responsibility_of(["由区发展改革委负责，到2025年底实现碳达峰。"]).deadline_text is None
