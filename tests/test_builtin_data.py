"""The built-in data in resources/: the plan 南川府发〔2022〕34号, the document register, the unit
directory and the example decomposition and returns."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
SEED = Path(__file__).resolve().parents[2] / "shared/seed/000_ba0f1428db243b2a.txt"

STATUSES = {"未启动", "推进中", "滞后", "已完成", "长期坚持"}
CATEGORIES = {"区级部门", "乡镇街道", "企事业单位", "集合"}
# The example's 完成时限: fixed texts, or a form of words for a date relative to the day the
# example office is made (greentasks.services.example_office.deadline_text).
FIXED_DEADLINES = {"长期坚持", "持续推进", "每年12月底前", "每季度末"}
DEADLINE_FORMS = {"日", "月底前", "年底前", "年年底前", "年12月底前", "季度", "半年", "十四五"}

EXPECTED_TITLES = {
    1: "智能网联及新能源汽车",
    2: "清洁能源",
    5: "医药康养产业",
    18: "推动能源体系绿色低碳转型",
    28: "完善绿色标准和提升统计监测能力",
    29: "健全绿色交易市场机制",
    30: "加强文旅康养合作",
    34: "加强绿色平台合作",
}

# 序号 -> (类别, 指标, 单位, 2025 年目标) as printed in the annex 南川区加快建立绿色发展目标体系
EXPECTED_INDICATORS = {
    1: ("绿色生产体系", "战略性新兴产业占规模以上工业总产值比重", "%", 35),
    2: ("绿色生产体系", "高技术产业占规模以上工业总产值比重", "%", 32),
    3: ("绿色生产体系", "数字经济增加值占地区生产总值比重", "%", 35),
    4: ("绿色生产体系", "市级及以上绿色工厂", "家", 10),
    5: ("绿色生产体系", "数字化车间", "家", 15),
    6: ("绿色生产体系", "智能工厂", "家", 2),
    7: ("绿色生产体系", "主要农作物农药利用率", "%", 43),
    8: ("绿色生产体系", "主要农作物化肥利用率", "%", 43),
    9: ("绿色生产体系", "农作物秸秆综合利用率", "%", 95),
    10: ("绿色生产体系", "畜禽粪污资源化利用率", "%", 90),
    11: ("绿色基础设施", "新增新能源装机", "万千瓦", 43),
    12: ("绿色基础设施", "绿色出行比例", "%", 70),
    13: ("绿色基础设施", "高速公路废旧路面材料循环利用率", "%", 100),
    14: ("绿色基础设施", "城镇绿色建筑占新建建筑比例", "%", 70),
    15: ("资源循环利用", "大宗固废年利用量", "万吨", 161.4),
    16: ("资源循环利用", "生活垃圾资源化利用率", "%", 65),
    17: ("绿色发展底色", "森林覆盖率", "%", 58),
    18: ("绿色发展底色", "空气质量优良天数", "天", 330),
}


def load(name: str):
    return json.loads((RESOURCES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan():
    return load("plan.json")


@pytest.fixture(scope="module")
def directory():
    return load("directory.json")


@pytest.fixture(scope="module")
def decomposition():
    return load("example/decomposition.json")


@pytest.fixture(scope="module")
def returns():
    return load("example/returns.json")


# --- plan ------------------------------------------------------------------------------------


def test_plan_header(plan):
    assert plan["doc_no"] == "南川府发〔2022〕34号"
    assert plan["title"] == "重庆市南川区人民政府关于加快推进绿色发展的实施意见"
    assert plan["issuer"] == "重庆市南川区人民政府"
    assert plan["date"] == "2022-10-26"
    assert plan["status"] == "有效"
    assert plan["addressees"] == "各乡镇人民政府、街道办事处，区政府各部门，有关单位："
    assert plan["preamble"].startswith(
        "为贯彻落实《国务院关于加快建立健全绿色低碳循环发展经济体系的指导意见》"
    )
    assert plan["preamble"].endswith("特制定本实施意见。")


def test_general_and_safeguards(plan):
    general = plan["general"]
    assert general["title"] == "一、总体要求"
    paras = general["text"].split("\n")
    assert paras[0] == "（一）指导思想。" and paras[2] == "（二）主要目标。"
    assert len(paras) == 4
    # the paragraph the page layout broke after "迈上新台阶，" is whole again
    assert "绿色产业规模迈上新台阶，重点行业、重点产品能源资源利用效率" in paras[3]
    safeguards = plan["safeguards"]
    assert safeguards["title"] == "五、保障措施"
    paras = safeguards["text"].split("\n")
    assert [p[:3] for p in paras] == ["（一）", "（二）", "（三）", "（四）"]
    assert paras[0].startswith("（一）加强统筹协调。充分发挥区碳达峰碳中和工作领导小组")
    assert paras[3].endswith("碳排放权交易等领域合作。")


def test_sections_tree(plan):
    sections = plan["sections"]
    assert [s["code"] for s in sections] == ["二", "三", "四"]
    assert [s["title"] for s in sections] == [
        "二、加快构建绿色产业体系",
        "三、健全绿色发展支撑体系",
        "四、全力推动中新绿色发展合作",
    ]
    children = {s["code"]: [(c["code"], c["tasks"]) for c in s["children"]] for s in sections}
    own_tasks = {s["code"]: s["tasks"] for s in sections}
    assert children == {
        "二": [("（一）", [1, 2, 3, 4]), ("（二）", [5, 6]), ("（三）", [7, 8, 9, 10])],
        "三": [
            ("（一）", [11, 12, 13, 14]),
            ("（二）", [15, 16]),
            ("（三）", [17, 18, 19, 20, 21]),
            ("（四）", [22, 23]),
            ("（五）", [24, 25, 26, 27, 28, 29]),
        ],
        # section 四 has no sub-sections in the gazette: its tasks hang on the section itself
        "四": [],
    }
    assert own_tasks == {"二": [], "三": [], "四": [30, 31, 32, 33, 34]}
    first = sections[0]["children"][0]
    assert first["title"] == "（一）做强做优绿色制造业"
    assert first["intro"].startswith("按照“双碳”目标要求，借力重庆制造业重镇优势")
    assert first["intro"].endswith("突出发展绿色建造。")
    assert sections[1]["children"][2]["title"] == "（三）构建绿色低碳的现代化基础设施体系"
    for section in sections:
        for child in section["children"]:
            assert set(child) >= {"code", "title", "intro", "tasks"}
            assert "。" not in child["title"]


def test_tasks(plan):
    tasks = plan["tasks"]
    assert [t["no"] for t in tasks] == list(range(1, 35))
    # a task's section path: [section, sub-section], or [section] for a section without sub-sections
    paths = {(s["title"], c["title"]): c["tasks"] for s in plan["sections"] for c in s["children"]}
    paths.update({(s["title"],): s["tasks"] for s in plan["sections"] if not s["children"]})
    listed = [
        no for s in plan["sections"] for no in s["tasks"] + [n for c in s["children"] for n in c["tasks"]]
    ]
    assert sorted(listed) == list(range(1, 35))  # every task listed exactly once
    for task in tasks:
        assert task["title"] and "。" not in task["title"], task["no"]
        assert task["text"] and not task["text"].startswith(("。", str(task["no"]))), task["no"]
        assert isinstance(task["section"], list) and all(task["section"]), task["no"]
        assert len(task["section"]) == (1 if task["no"] >= 30 else 2), task["no"]
        assert task["no"] in paths[tuple(task["section"])], task["no"]
    by_no = {t["no"]: t for t in tasks}
    for no, title in EXPECTED_TITLES.items():
        assert by_no[no]["title"] == title
    assert by_no[18]["section"] == ["三、健全绿色发展支撑体系", "（三）构建绿色低碳的现代化基础设施体系"]
    assert by_no[7]["section"] == ["二、加快构建绿色产业体系", "(三) 增强绿色农业发展新优势"]  # as printed
    assert by_no[30]["section"] == ["四、全力推动中新绿色发展合作"]
    assert by_no[1]["text"].startswith("依托超群工业、铝器时代等 38 家汽摩配套企业基础和优势")
    assert by_no[34]["text"].endswith("探索推进工业互联网融合发展。")


def test_task_text_fixes(plan):
    by_no = {t["no"]: t for t in plan["tasks"]}
    # the one allowed correction
    assert "发挥我区的资源优势和领先的常压页岩气开采技术优势" in by_no[2]["text"]
    assert " and " not in json.dumps(plan, ensure_ascii=False)
    # a word split by a page break is joined
    assert "加快推进煤炭清洁高效利用。有序推动燃煤机组“以气代煤”。" in by_no[18]["text"]
    # task 31 is printed as two paragraphs
    assert by_no[31]["text"].split("\n")[1] == "通过中新（重庆）战略性互联互通示范项目促进特色农产品出口。"
    assert all("\n" not in t["text"] for t in plan["tasks"] if t["no"] != 31)


def test_indicators(plan):
    indicators = plan["indicators"]
    assert [i["no"] for i in indicators] == list(range(1, 19))
    for ind in indicators:
        category, name, unit, target = EXPECTED_INDICATORS[ind["no"]]
        assert (ind["category"], ind["name"], ind["unit"]) == (category, name, unit)
        assert ind["target_2025"] == target and type(ind["target_2025"]) is type(target)
        assert ind["target_text"] == str(target)


# --- document register --------------------------------------------------------------------------


def test_documents_register():
    docs = {d["doc_no"]: d for d in load("documents.json")}
    assert set(docs) == {
        "南川府发〔2022〕33号",
        "南川府办发〔2016〕72号",
        "南川府办发〔2022〕17号",
        "南川府发〔2022〕34号",
    }
    for d in docs.values():
        assert set(d) == {"doc_no", "title", "issuer", "date", "status", "repealed_by", "repealed_on"}
    decision = docs["南川府发〔2022〕33号"]
    assert decision["title"] == "重庆市南川区人民政府关于废止行政规范性文件的决定"
    assert (decision["date"], decision["status"], decision["repealed_by"]) == ("2022-09-27", "有效", None)
    assert docs["南川府办发〔2016〕72号"]["title"] == (
        "重庆市南川区人民政府办公室关于印发南川区流动儿童预防接种管理办法的通知"
    )
    assert docs["南川府办发〔2022〕17号"]["title"] == (
        "重庆市南川区人民政府办公室关于印发南川区中小制造企业抵押增值贷款实施方案的通知"
    )
    for no in ("南川府办发〔2016〕72号", "南川府办发〔2022〕17号"):
        d = docs[no]
        assert (d["status"], d["repealed_by"], d["repealed_on"]) == (
            "废止",
            "南川府发〔2022〕33号",
            "2022-09-27",
        )
        assert d["issuer"] == "重庆市南川区人民政府办公室"
    plan_doc = docs["南川府发〔2022〕34号"]
    assert (plan_doc["status"], plan_doc["date"], plan_doc["repealed_by"]) == ("有效", "2022-10-26", None)
    assert plan_doc["title"] == load("plan.json")["title"]


# --- directory ------------------------------------------------------------------------------------


def test_directory_unique(directory):
    names = [u["name"] for u in directory]
    assert len(names) == len(set(names))
    aliases = [a for u in directory for a in u["aliases"]]
    assert len(aliases) == len(set(aliases)), "an alias names two units"
    assert not set(aliases) & set(names), "an alias is another unit's name"
    for unit in directory:
        assert set(unit) == {"name", "aliases", "category", "contact", "phone"}
        assert unit["category"] in CATEGORIES, unit["name"]
        assert unit["name"].strip() == unit["name"] and unit["name"]
        assert all(a and a.strip() == a for a in unit["aliases"]), unit["name"]


def test_directory_required(directory):
    by_name = {u["name"]: u for u in directory}
    required = {
        "区发展改革委": ["区发改委"],
        "区经济信息委": ["区经信委", "经信委"],
        "区农业农村委": ["区农委"],
        "区文化旅游委": ["区文旅委"],
        "区卫生健康委": ["区卫健委"],
        "区住房城乡建委": ["区住建委"],
    }
    for name, aliases in required.items():
        assert name in by_name and by_name[name]["category"] == "区级部门"
        for alias in aliases:
            assert alias in by_name[name]["aliases"], (name, alias)
    for name in ("各乡镇（街道）", "区级有关部门", "区级各部门"):
        assert by_name[name]["category"] == "集合"
    assert {"各乡镇街道", "各乡镇(街道)"} <= set(by_name["各乡镇（街道）"]["aliases"])
    streets = {u["name"] for u in directory if u["category"] == "乡镇街道" and u["name"].endswith("街道")}
    assert streets == {"东城街道", "南城街道", "西城街道"}
    towns = [u["name"] for u in directory if u["category"] == "乡镇街道" and not u["name"].endswith("街道")]
    assert len(towns) == 31 and {"水江镇", "大观镇", "大有镇", "合溪镇"} <= set(towns)
    for name in (
        "区生态环境局",
        "区规划自然资源局",
        "区城市管理局",
        "区交通局",
        "区水利局",
        "区商务委",
        "区市场监管局",
        "区财政局",
        "区统计局",
        "南川工业园区管委会",
    ):
        assert name in by_name, name


# --- examples ---------------------------------------------------------------------------------------


def test_decomposition(decomposition, directory):
    names = {u["name"] for u in directory}
    tasks_done = {}
    for entry in decomposition:
        assert set(entry) == {"task_no", "measure", "lead", "cooperate", "deadline"}
        assert entry["measure"] and entry["deadline"]
        assert entry["lead"], entry
        for unit in entry["lead"] + entry["cooperate"]:
            assert unit in names, unit
        assert not set(entry["lead"]) & set(entry["cooperate"]), entry
        tasks_done.setdefault(entry["task_no"], []).append(entry["measure"])
    assert sorted(tasks_done) == list(range(1, 35))
    assert sum(1 for measures in tasks_done.values() if len(measures) >= 2) >= 8
    for measures in tasks_done.values():
        assert len(measures) == len(set(measures))
    fixed = {e["deadline"] for e in decomposition if isinstance(e["deadline"], str)}
    forms = {e["deadline"]["form"] for e in decomposition if isinstance(e["deadline"], dict)}
    assert fixed == FIXED_DEADLINES and forms == DEADLINE_FORMS
    for e in decomposition:
        if isinstance(e["deadline"], dict):
            assert set(e["deadline"]) == {"months", "form"} and -12 <= e["deadline"]["months"] <= 36, e
    # some work was due before the office is made, some is due within the month, most later
    months = [e["deadline"]["months"] for e in decomposition if isinstance(e["deadline"], dict)]
    assert sum(m < 0 for m in months) >= 5 and sum(m == 0 for m in months) >= 2
    assert sum(m > 0 for m in months) > len(decomposition) / 2


def test_returns(returns, decomposition, directory):
    category = {u["name"]: u["category"] for u in directory}
    roles = {}  # (task_no, measure, unit) -> 牵头 / 配合
    for e in decomposition:
        for role, units in (("牵头", e["lead"]), ("配合", e["cooperate"])):
            for unit in units:
                roles[(e["task_no"], e["measure"], unit)] = role
    leads = {k for k, role in roles.items() if role == "牵头"}
    lead_units = {unit for _no, _m, unit in leads}
    missing = [m["department"] for m in returns["missing"]]
    assert 2 <= len(missing) <= 3 and set(missing) <= lead_units
    assert all(m["reporter"] and re.fullmatch(r"023-714\d{5}", m["phone"]) for m in returns["missing"])
    seen = set()
    contact = {}  # unit -> (reporter, phone)
    for entry in returns["entries"]:
        key = (entry["task_no"], entry["measure"], entry["department"])
        # a lead or a cooperating unit of that decomposition entry, with its role if stated
        assert key in roles, key
        assert entry.get("role", roles[key]) == roles[key], key
        assert key not in seen, key
        seen.add(key)
        assert entry["department"] in category, key
        assert category[entry["department"]] != "集合", key  # a collective name cannot report
        assert entry["department"] not in missing, key
        assert entry["status"] in STATUSES
        assert entry["progress"] and entry["next_steps"] and entry["reporter"]
        assert isinstance(entry["problems"], str)
        assert re.fullmatch(r"023-714\d{5}", entry["phone"]), entry["phone"]
        # one reporter and one phone per unit, in all its entries
        assert contact.setdefault(entry["department"], (entry["reporter"], entry["phone"])) == (
            entry["reporter"],
            entry["phone"],
        ), entry["department"]
    # two units never share a reporter or a phone
    assert len({r for r, _p in contact.values()}) == len({p for _r, p in contact.values()}) == len(contact)
    # one entry per (lead unit, measure), except the units that did not report
    assert seen & leads == {k for k in leads if k[2] not in missing}
    # most cooperating units report too, so their assignments do not all stay 未启动
    cooperating = {k for k, role in roles.items() if role == "配合" and category[k[2]] != "集合"}
    assert len(seen & cooperating) >= 0.7 * len(cooperating)
    statuses = [e["status"] for e in returns["entries"]]
    assert set(statuses) == STATUSES
    assert statuses.count("推进中") > len(statuses) / 3
    # completions reported before the newest period (closed since) and in it (awaiting 销号)
    done = [e for e in returns["entries"] if e["status"] == "已完成"]
    assert all(e.get("done_ago", 0) in (0, 1, 2) for e in done)
    assert sum(e.get("done_ago", 0) > 0 for e in done) >= 3 and sum(e.get("done_ago", 0) == 0 for e in done) >= 3
    assert all("done_ago" not in e for e in returns["entries"] if e["status"] != "已完成")
    # the earlier periods' texts, by status and role
    for status, by_role in returns["earlier"].items():
        assert status in STATUSES - {"已完成"} and set(by_role) == {"牵头", "配合"}, status
        assert all(t["progress"] and t["next_steps"] for texts in by_role.values() for t in texts)


# --- verbatim against the gazette -------------------------------------------------------------------


def normalise(text: str) -> str:
    """As tools/extract_plan.py: the allowed correction applied, line breaks removed."""
    return re.sub(r"[\r\n]+", "", text.replace("资源优势 and 领先", "资源优势和领先"))


@pytest.fixture(scope="module")
def seed_text():
    if not SEED.exists():
        pytest.skip(f"seed file not available: {SEED}")
    return normalise(SEED.read_text(encoding="utf-8"))


def test_tasks_verbatim(plan, seed_text):
    for task in plan["tasks"]:
        assert f"{task['no']}. {task['title']}。" in seed_text, task["no"]
        text = normalise(task["text"])
        assert text in seed_text, task["no"]
        assert f"{task['title']}。{text}" in seed_text, task["no"]


def test_other_texts_verbatim(plan, seed_text):
    for text in (plan["addressees"], plan["preamble"], plan["general"]["text"], plan["safeguards"]["text"]):
        assert normalise(text) in seed_text
    for section in plan["sections"]:
        assert section["title"] in seed_text
        for child in section["children"]:
            assert normalise(child["title"] + "。" + child["intro"]) in seed_text
    for ind in plan["indicators"]:
        assert f"{ind['no']}\t{ind['name']}（{ind['unit']}）\t{ind['target_text']}" in seed_text
