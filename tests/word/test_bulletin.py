"""The 督查通报 and 专报 (docs/documents.md#bulletin) written by `greentasks bulletin` on the
example office made on 2026-12-01, read back with python-docx (page, margins, fonts in the East
Asian slot, 第N期 and how it is numbered, every number against `status --json` and
`changes --json` of the same period) and converted by LibreOffice (text, page count, pages)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from greentasks.cli import main

TODAY = "2026-12-01"
PERIOD = "2026Q3"
LABEL = "2026年第三季度"
PLAN_TITLE = "重庆市南川区人民政府关于加快推进绿色发展的实施意见"
TITLE = f"关于《{PLAN_TITLE}》重点任务{LABEL}落实情况的通报"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


# -- the office and the command ------------------------------------------------------------------

def cli(capsys, office: Path, *args, today: str = TODAY) -> tuple[int, str, str]:
    code = main(["--db", str(office), "--today", today, *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def cli_json(capsys, office: Path, *args, today: str = TODAY) -> dict:
    code, out, err = cli(capsys, office, *args, "--json", today=today)
    assert code == 0, err
    return json.loads(out)


def pct(share: float) -> str:
    return f"{share * 100:.1f}%"


# -- reading a .docx back ---------------------------------------------------------------------------

def body_paragraphs(doc) -> list[str]:
    """The text of every paragraph of the body, outside tables, in order."""
    return [p.text for p in doc.paragraphs]


def all_text(doc) -> str:
    parts = body_paragraphs(doc)
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def runs_with_text(doc):
    """Every run holding text, in the body (tables included) and in the footers."""
    roots = [doc.element.body]
    for section in doc.sections:
        for footer in (section.footer, section.even_page_footer):
            if not footer.is_linked_to_previous:
                roots.append(footer._element)
    for root in roots:
        for r in root.iter(qn("w:r")):
            text = "".join(t.text or "" for t in r.iter(qn("w:t")))
            if text.strip():
                yield r, text


def east_asian(run) -> str | None:
    fonts = run.find(qn("w:rPr"))
    fonts = fonts.find(qn("w:rFonts")) if fonts is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def paragraph_with(doc, text: str):
    return next(p for p in doc.paragraphs if p.text == text)


# pPr's children in the order of the schema (CT_PPrBase): Word refuses a document out of order.
PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
             "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
             "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"]


def out_of_order(doc) -> list[list[str]]:
    bad = []
    for ppr in doc.element.body.iter(qn("w:pPr")):
        names = [child.tag.split("}")[1] for child in ppr]
        ranks = [PPR_ORDER.index(n) for n in names if n in PPR_ORDER]
        if ranks != sorted(ranks):
            bad.append(names)
    return bad


# -- the numbers --------------------------------------------------------------------------------------

def test_every_number_is_the_one_status_and_changes_give(office, tmp_path, capsys):
    status = cli_json(capsys, office, "status", "--period", PERIOD)
    changes = cli_json(capsys, office, "changes", "--period", PERIOD)
    rows = cli_json(capsys, office, "list", "--period", PERIOD)
    out = tmp_path / "督查通报.docx"
    result = cli_json(capsys, office, "bulletin", out, "--period", PERIOD)
    numbers = result["numbers"]

    for key in ("tasks", "assignments", "by_status", "by_light", "overdue", "due_soon", "pending_closure",
                "missing_returns"):
        assert numbers[key] == status[key], key
    for key in ("newly_completed", "newly_closed", "newly_behind", "newly_overdue", "light_changes",
                "unchanged_text"):
        assert numbers[key] == len(changes[key]), key
    for key in ("completed_share", "time_share", "due_by_period", "due_done"):
        assert numbers[key] == changes[key], key
    assert numbers["not_reported_streak"] == changes["not_reported_streak"]
    assert numbers["light_moves"] == dict(Counter(f"{c['from']}→{c['to']}" for c in changes["light_changes"]))
    assert numbers["closed"] == status["by_status"]["已完成"] - status["pending_closure"]

    doc = Document(str(out))
    text = all_text(doc)
    by = status["by_status"]
    assert f"{status['tasks']}项重点任务细化为{status['assignments']}项具体工作" in text
    assert (f"已完成{by['已完成']}项（占{pct(changes['completed_share'])}），其中已销号{numbers['closed']}项、"
            f"待销号{status['pending_closure']}项；推进中{by['推进中']}项；滞后{by['滞后']}项；未启动{by['未启动']}项；"
            f"长期坚持{by['长期坚持']}项") in text
    assert f"已超过完成时限仍未完成（逾期）{status['overdue']}项，30天内到期{status['due_soon']}项" in text
    assert f"序时进度为{pct(changes['time_share'])}，累计完成率{pct(changes['completed_share'])}" in text
    assert f"末前应完成{changes['due_by_period']}项，已完成{changes['due_done']}项" in text
    assert (f"与2026年第二季度相比，新完成{len(changes['newly_completed'])}项、新销号{len(changes['newly_closed'])}项，"
            f"新滞后{len(changes['newly_behind'])}项、新逾期{len(changes['newly_overdue'])}项；"
            f"预警变化{len(changes['light_changes'])}项") in text
    assert f"报送的进展情况与上期完全相同的{len(changes['unchanged_text'])}项" in text
    units = numbers["units"]
    assert units["owed"] == units["sent"] + len(status["missing_returns"])
    assert f"应报送进展的单位{units['owed']}个，已报送{units['sent']}个" in text
    missing = "、".join(status["missing_returns"])
    assert status["missing_returns"] and f"未报送{len(status['missing_returns'])}个：{missing}。" in text

    # The 附件: one row per overdue line, per 滞后 line and per unit with no return, as status counts them.
    overdue, behind, unreported = doc.tables[:3]
    assert len(overdue.rows) - 1 == status["overdue"]
    assert len(behind.rows) - 1 == by["滞后"]
    assert [r.cells[1].text for r in unreported.rows[1:]] == status["missing_returns"]
    late = [r for r in rows if r["status"] != "已完成" and r["deadline"] and r["deadline"] < status["today"]]
    assert [r.cells[3].text.split("（")[0] for r in overdue.rows[1:]] == [r["department"] for r in late]
    days = {f"已逾期{(_day(status['today']) - _day(r['deadline'])).days}天" for r in late}
    assert {r.cells[5].text for r in overdue.rows[1:]} == days


def _day(text: str):
    from datetime import date

    return date.fromisoformat(text)


def test_long_lists_name_the_first_few_and_send_the_reader_to_the_annex(office, tmp_path, capsys):
    out = tmp_path / "督查通报.docx"
    numbers = cli_json(capsys, office, "bulletin", out, "--period", PERIOD)["numbers"]
    body = "\n".join(body_paragraphs(Document(str(out))))
    behind = numbers["by_status"]["滞后"]
    assert behind > 5
    line = next(p for p in body.splitlines() if p.startswith("（二）部分工作进度滞后。"))
    assert line.endswith(f"等{behind}项，详见附件。")
    assert line.count("任务") == 5 + 0  # five lines named …
    # … and each names its unit; a collective's line names its members that are 滞后.
    assert "（各乡镇（街道），其中西城街道、庆元镇滞后）" in line


def test_units_missing_two_periods_and_units_red_twice_are_named(office, tmp_path, capsys):
    """The fourth quarter's 通报 written on 2027-01-10, before any return for it came in: the units
    that sent none for the third quarter either have missed two in a row, and the work overdue by
    the third quarter's reporting day is red in both."""
    today, period = "2027-01-10", "2026Q4"
    changes = cli_json(capsys, office, "changes", "--period", period, today=today)
    streak = {u["department"] for u in changes["not_reported_streak"]}
    assert streak == {"区大数据发展局", "区统计局", "区金融办"}
    out = tmp_path / "督查通报.docx"
    numbers = cli_json(capsys, office, "bulletin", out, "--period", period, today=today)["numbers"]
    assert numbers["not_reported_streak"] == changes["not_reported_streak"]
    red = {u["department"]: u["red"] for u in numbers["red_two_periods"]}
    # Overdue on the third quarter's reporting day (2026年10月5日) and still not done.
    assert {"区经济信息委", "南川工业园区管委会", "区招商投资局"} <= set(red) and "区商务委" not in red
    doc = Document(str(out))
    body = "\n".join(body_paragraphs(doc))
    assert "区统计局连续2期未报送（2026年第三季度至2026年第四季度）" in body
    line = next(p for p in body.splitlines() if p.startswith("（四）部分单位连续亮红灯。"))
    assert f"区经济信息委（本期{red['区经济信息委']}项）" in line and "在2026年第三季度和本期均有亮红灯的事项" in line
    unreported = doc.tables[2]
    row = next(r for r in unreported.rows if r.cells[1].text == "区统计局")
    assert row.cells[5].text == "连续2期未报送（2026年第三季度至2026年第四季度）"
    assert f"已报送{numbers['units']['sent']}个" in body and numbers["units"]["sent"] == 0


# -- the 第N期 --------------------------------------------------------------------------------------

def _issue_line(path: Path) -> str:
    doc = Document(str(path))
    return next(p.text for p in doc.paragraphs if re.fullmatch(r"第\d+期", p.text))


def test_issues_are_numbered_within_the_year_and_remembered(office, tmp_path, capsys):
    from greentasks.db import Database
    from greentasks.services.settings import last_bulletin_issue

    first, again, reprint = tmp_path / "一.docx", tmp_path / "二.docx", tmp_path / "重印.docx"
    code, _out, err = cli(capsys, office, "bulletin", first, "--period", PERIOD)
    assert code == 0 and f"已生成{LABEL}督查通报（2026年第1期）" in err
    assert _issue_line(first) == "第1期"

    code, _out, err = cli(capsys, office, "bulletin", again, "--period", PERIOD)
    assert code == 0 and _issue_line(again) == "第2期"
    assert f"{LABEL}的督查通报此前已编为2026年第1期，这次按下一期编为第2期。" in err
    assert "如是重新生成第1期，请加上 --issue 1。" in err

    code, _out, err = cli(capsys, office, "bulletin", reprint, "--period", PERIOD, "--issue", "1")
    assert code == 0 and _issue_line(reprint) == "第1期" and "此前已编为" not in err

    special = cli_json(capsys, office, "bulletin", tmp_path / "专报.docx", "--period", PERIOD, "--kind", "专报")
    assert special["issue"] == 1  # the 专报 is a series of its own
    other = cli_json(capsys, office, "bulletin", tmp_path / "二季度.docx", "--period", "2026Q2")
    assert other["issue"] == 3 and other["earlier_issue"] is None and not other["renumbered"]
    next_year = cli_json(capsys, office, "bulletin", tmp_path / "明年.docx", "--period", "2026Q4", today="2027-01-10")
    assert (next_year["issue"], next_year["year"]) == (1, 2027)

    db = Database(office)
    try:
        with db.reading() as session:
            assert last_bulletin_issue(session, 2026) == 3  # the reprint of 第1期 took no number
            assert last_bulletin_issue(session, 2026, "专报") == 1
            assert last_bulletin_issue(session, 2027) == 1
        from sqlalchemy import select

        from greentasks.models import ChangeLog

        with db.reading() as session:
            log = session.execute(select(ChangeLog.field, ChangeLog.old, ChangeLog.new, ChangeLog.note)
                                  .where(ChangeLog.entity == "settings", ChangeLog.field.like("bulletin_issue_%"))
                                  .order_by(ChangeLog.id)).all()
    finally:
        db.dispose()
    assert [tuple(r) for r in log] == [
        ("bulletin_issue_2026", "0", "1", f"{LABEL}督查通报"),
        ("bulletin_issue_2026", "1", "2", f"{LABEL}督查通报"),
        ("bulletin_issue_2026_special", "0", "1", f"{LABEL}督查专报"),
        ("bulletin_issue_2026", "2", "3", "2026年第二季度督查通报"),
        ("bulletin_issue_2027", "0", "1", "2026年第四季度督查通报"),
    ]


# -- the format ---------------------------------------------------------------------------------------

def test_the_format_of_an_official_document(office, tmp_path, capsys):
    out = tmp_path / "督查通报.docx"
    assert cli(capsys, office, "bulletin", out, "--period", PERIOD)[0] == 0
    doc = Document(str(out))

    portrait, annex, imprint = doc.sections
    for section in (portrait, imprint):
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert [round(getattr(section, f"{s}_margin").mm) for s in ("top", "bottom", "left", "right")] == [37, 35, 28, 26]
    assert (round(annex.page_width.mm), round(annex.page_height.mm)) == (297, 210)
    assert [round(getattr(annex, f"{s}_margin").mm) for s in ("top", "bottom", "left", "right")] == [28, 26, 37, 35]
    grid = portrait._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"  # 22 lines of 28.95 pt

    missing = [text for run, text in runs_with_text(doc) if not east_asian(run)]
    assert missing == []
    normal = doc.styles["Normal"]
    assert normal.font.size.pt == 16 and normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"

    masthead = paragraph_with(doc, "南川区政务督查")
    run = masthead.runs[0]
    assert east_asian(run._r) == "方正小标宋简体" and str(run.font.color.rgb) == "E60012"
    assert run.font.size.pt == 42
    paragraphs = doc.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text.startswith("南川区人民政府办公室\t"))
    assert paragraphs[at].text == "南川区人民政府办公室\t2026年12月1日"
    rule = paragraphs[at + 1]
    assert rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == "E60012"

    title = paragraph_with(doc, TITLE)
    assert east_asian(title.runs[0]._r) == "方正小标宋简体" and title.runs[0].font.size.pt == 22
    # A title of three lines keeps its own line height, off the 22-line grid.
    assert title._p.pPr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
    assert "各乡镇人民政府、街道办事处，区政府各部门，有关单位：" in body_paragraphs(doc)
    for heading in ("一、总体情况", "二、进展较好的方面", "三、存在的问题", "四、下步要求"):
        assert east_asian(paragraph_with(doc, heading).runs[0]._r) == "黑体"
    lead = next(p for p in doc.paragraphs if p.text.startswith("（一）新完成一批工作。"))
    assert east_asian(lead.runs[0]._r) == "楷体_GB2312" and east_asian(lead.runs[1]._r) == "仿宋_GB2312"
    opening = body_paragraphs(doc)[body_paragraphs(doc).index("各乡镇人民政府、街道办事处，区政府各部门，有关单位：") + 1]
    assert "（南川府发〔2022〕34号）" in opening and opening.endswith("现将有关情况通报如下：")
    # The document ends with the 版记's cell and one empty paragraph (a document may not end in a table).
    tail = [child.tag.split("}")[1] for child in doc.element.body][-3:]
    assert tail == ["tbl", "p", "sectPr"] and body_paragraphs(doc)[-1] == ""

    # The 下步要求 are the clerk's paragraphs from 设置 (the defaults here).
    from greentasks.services.settings import DEFAULT_NEXT_STEPS

    steps = body_paragraphs(doc)
    start = steps.index("四、下步要求") + 1
    assert steps[start:start + 4] == DEFAULT_NEXT_STEPS.split("\n")
    assert "附件：2026年第三季度重点任务逾期、滞后事项及未报送单位清单" in steps

    # The 附件's tables: header rows repeated, rows never split, set in the East Asian slot too.
    for table in doc.tables[:3]:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    # 版记: 抄送 and the issuing office between rules, on the last (portrait) page.
    foot = doc.tables[-1].cell(0, 0)
    assert [p.text for p in foot.paragraphs] == ["抄送：区委办公室，区人大常委会办公室，区政协办公室。",
                                                "南川区人民政府办公室\t2026年12月1日印发"]
    assert foot._tc.tcPr.find(qn("w:vAlign")).get(qn("w:val")) == "bottom"
    assert round(doc.tables[-1].rows[0].height.mm) == 205

    # Page numbers "— 1 —", odd pages right and even pages left.
    assert doc.settings.odd_and_even_pages_header_footer
    for footer, jc in ((portrait.footer, "right"), (portrait.even_page_footer, "left")):
        p = footer.paragraphs[0]
        assert p.text.startswith("— ") and p.text.endswith(" —") and "PAGE" in p._p.xml
        assert p._p.pPr.find(qn("w:jc")).get(qn("w:val")) == jc
    assert out_of_order(doc) == []


def test_the_special_report_is_the_short_version_for_the_leaders(office, tmp_path, capsys):
    out = tmp_path / "专报.docx"
    status = cli_json(capsys, office, "status", "--period", PERIOD)
    result = cli_json(capsys, office, "bulletin", out, "--period", PERIOD, "--kind", "专报")
    assert result["kind"] == "专报"
    doc = Document(str(out))
    paragraphs = body_paragraphs(doc)
    assert paragraphs[0] == "南川区政务督查专报" and "第1期" in paragraphs
    assert f"关于《{PLAN_TITLE}》重点任务{LABEL}落实情况的专报" in paragraphs
    assert "区政府领导：" in paragraphs and "各乡镇人民政府、街道办事处，区政府各部门，有关单位：" not in paragraphs
    headings = [p for p in paragraphs if re.match(r"^[一二三四五]、", p)]
    assert headings == ["一、总体情况", "二、主要问题", "三、建议"]
    assert len(doc.sections) == 1 and doc.tables == []  # no 附件
    assert not any("详见附件" in p or p.startswith("附件") or p.startswith("抄送") for p in paragraphs)
    text = "\n".join(paragraphs)
    assert f"逾期未完成的具体工作{status['overdue']}项" in text
    assert f"未报送进展的单位{len(status['missing_returns'])}个：{'、'.join(status['missing_returns'])}" in text
    assert paragraphs[-1] == "南川区人民政府办公室\t2026年12月1日印发"
    assert [t for r, t in runs_with_text(doc) if not east_asian(r)] == []
    assert out_of_order(doc) == []


# -- what a clerk may get wrong --------------------------------------------------------------------------

def test_bad_input_gets_a_message_and_writes_nothing(office, tmp_path, capsys):
    code, _out, err = cli(capsys, office, "bulletin", tmp_path / "通报.doc", "--period", PERIOD)
    assert code == 2 and "文件名应以 .docx 结尾。请改为：" in err
    code, _out, err = cli(capsys, office, "bulletin", tmp_path / "通报.docx", "--period", PERIOD, "--issue", "0")
    assert code == 2 and "期号应为1到9999之间的整数" in err
    code, _out, err = cli(capsys, office, "bulletin", tmp_path / "通报.docx", "--period", "2022Q2")
    assert code == 2 and "在文件成文日期（2022年10月26日）之前" in err
    with pytest.raises(SystemExit) as refused:  # argparse's choices, in Chinese
        cli(capsys, office, "bulletin", tmp_path / "通报.docx", "--kind", "简报")
    assert refused.value.code == 2 and "无效的选项：“简报”（可选：通报、专报）" in capsys.readouterr().err
    code, _out, err = cli(capsys, office, "bulletin", tmp_path / "无此文件夹" / "通报.docx")
    assert code == 2 and "不存在" in err
    assert not [p for p in tmp_path.rglob("*") if p.suffix in (".docx", ".doc", ".pdf")]
    # Nothing was numbered by the refused runs.
    assert cli_json(capsys, office, "bulletin", tmp_path / "通报.docx", "--period", PERIOD)["issue"] == 1


def test_a_file_open_in_word_leaves_the_number_unused(office, tmp_path, capsys, monkeypatch):
    import greentasks.services.bulletin as bulletin

    def locked(_src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(bulletin.os, "replace", locked)
    code, _out, err = cli(capsys, office, "bulletin", tmp_path / "通报.docx", "--period", PERIOD)
    assert code == 2 and "文件可能正被 Word 或 WPS 打开" in err and "Traceback" not in err
    assert not (tmp_path / "通报.docx").exists()
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".docx"]  # no staging file left behind
    monkeypatch.undo()
    assert cli_json(capsys, office, "bulletin", tmp_path / "通报.docx", "--period", PERIOD)["issue"] == 1


def test_without_libreoffice_the_word_file_is_kept_and_the_clerk_told_how(office, tmp_path, capsys, monkeypatch):
    from greentasks.word import topdf

    monkeypatch.setattr(topdf, "find_office", lambda: None)
    out = tmp_path / "督查通报.docx"
    code, stdout, err = cli(capsys, office, "bulletin", out, "--period", PERIOD, "--pdf", "--json")
    assert code == 1
    assert f"错误：{topdf.NO_CONVERTER}" in err
    assert out.exists() and not out.with_suffix(".pdf").exists()
    assert json.loads(stdout)["pdf"] is None


# -- LibreOffice ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def soffice():
    if SOFFICE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but soffice is not installed (apt-get install libreoffice-writer-nogui)")
        pytest.skip("LibreOffice (soffice) is not installed")
    return SOFFICE


def pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    pages = ["-f", str(first), "-l", str(last)] if first else []
    text = subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)  # pdftotext puts spaces between Chinese and digits, and breaks lines


@pytest.mark.slow
def test_libreoffice_prints_the_bulletin(soffice, office, tmp_path, capsys):
    out = tmp_path / "督查通报.docx"
    result = cli_json(capsys, office, "bulletin", out, "--period", PERIOD, "--pdf")
    pdf = Path(result["pdf"])
    assert pdf == out.with_suffix(".pdf") and pdf.exists()
    pages = pdf_pages(pdf)
    portrait, landscape = (595.3, 841.9), (841.9, 595.3)
    kinds = ["portrait" if abs(w - portrait[0]) < 1 and abs(h - portrait[1]) < 1 else
             "landscape" if abs(w - landscape[0]) < 1 and abs(h - landscape[1]) < 1 else f"{w}x{h}"
             for w, h in pages]
    # The body in portrait, then the 附件 in landscape, then the 版记's page in portrait.
    first_annex = kinds.index("landscape")
    assert set(kinds[:first_annex]) == {"portrait"} and kinds[-1] == "portrait"
    assert set(kinds[first_annex:-1]) == {"landscape"} and 3 <= first_annex <= 8
    text = pdf_text(pdf)
    numbers = result["numbers"]
    for words in ("南川区政务督查", "第1期", TITLE, "一、总体情况", "二、进展较好的方面", "三、存在的问题",
                  "四、下步要求", f"{numbers['tasks']}项重点任务细化为{numbers['assignments']}项具体工作",
                  *numbers["missing_returns"], "附件", "逾期未完成的具体工作"):
        assert words in text, words
    assert not re.search(r"\d{4}Q[1-4]|\d{4}H[12]", text)  # periods in words, never codes
    assert f"—{len(pages)}—" in pdf_text(pdf, len(pages), len(pages))
    last = pdf_text(pdf, len(pages), len(pages))
    assert "抄送：区委办公室，区人大常委会办公室，区政协办公室。" in last and "2026年12月1日印发" in last
    annex = pdf_text(pdf, first_annex + 1, first_annex + 1)
    assert annex.startswith("附件") and all(h in annex for h in ("序号", "具体工作", "责任单位", "完成时限", "逾期情况"))
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(png)], check=True)
    picture = next(tmp_path.glob("page*.png"))
    assert picture.stat().st_size > 10_000  # a page with a red masthead and text, not a blank one


@pytest.mark.slow
def test_libreoffice_prints_the_special_report(soffice, office, tmp_path, capsys):
    out = tmp_path / "专报.docx"
    result = cli_json(capsys, office, "bulletin", out, "--period", PERIOD, "--kind", "专报", "--pdf")
    pdf = Path(result["pdf"])
    pages = pdf_pages(pdf)
    assert 1 <= len(pages) <= 4 and all(w < h for w, h in pages)
    text = pdf_text(pdf)
    for words in ("南川区政务督查专报", "区政府领导：", "一、总体情况", "二、主要问题", "三、建议", "2026年12月1日印发"):
        assert words in text, words
    assert "附件" not in text and "抄送" not in text


# -- 设置 › 公文 ----------------------------------------------------------------------------------------

def test_document_settings_are_saved_logged_and_printed(office, tmp_path, capsys):
    from sqlalchemy import select

    from greentasks.db import Database
    from greentasks.errors import UsageError
    from greentasks.models import ChangeLog
    from greentasks.services.document_settings import load_document_settings, save_document_settings

    db = Database(office)
    try:
        done = save_document_settings(db, office_name=" 南川区政府督查室 ", masthead="南川督查",
                                      copy_to="区委办公室。", next_steps="一是抓落实。\r\n\r\n二是报进展。")
        assert done.value == ["发文单位", "报头", "抄送", "下步要求"]
        assert not done.changes.any()  # no view shows them: nothing to refresh
        assert save_document_settings(db, masthead="南川督查").value == []  # unchanged: nothing logged
        with pytest.raises(UsageError, match="报头只能写一行"):
            save_document_settings(db, masthead="南川\n督查")
        with pytest.raises(UsageError, match="发文单位最多40个字"):
            save_document_settings(db, office_name="办" * 41, masthead="别的")
        values = load_document_settings(db)
        assert (values.office_name, values.masthead, values.next_steps) == ("南川区政府督查室", "南川督查",
                                                                          "一是抓落实。\n二是报进展。")
        with db.reading() as session:
            log = session.execute(select(ChangeLog.field, ChangeLog.new).where(ChangeLog.entity == "settings")
                                  .where(ChangeLog.field.in_(["office_name", "bulletin_masthead"]))).all()
        assert sorted(tuple(r) for r in log) == [("bulletin_masthead", "南川督查"), ("office_name", "南川区政府督查室")]
    finally:
        db.dispose()

    out = tmp_path / "督查通报.docx"
    assert cli(capsys, office, "bulletin", out, "--period", PERIOD)[0] == 0
    doc = Document(str(out))
    paragraphs = body_paragraphs(doc)
    assert paragraphs[0] == "南川督查" and "南川区政府督查室\t2026年12月1日" in paragraphs
    at = paragraphs.index("四、下步要求")
    assert paragraphs[at + 1:at + 3] == ["一是抓落实。", "二是报进展。"]
    assert [p.text for p in doc.tables[-1].cell(0, 0).paragraphs] == ["抄送：区委办公室。", "南川区政府督查室\t2026年12月1日印发"]
    special = tmp_path / "专报.docx"
    assert cli(capsys, office, "bulletin", special, "--period", PERIOD, "--kind", "专报")[0] == 0
    assert body_paragraphs(Document(str(special)))[0] == "南川督查专报"

    db = Database(office)
    try:  # emptied, they come back to the defaults
        save_document_settings(db, office_name="", masthead="", next_steps="")
        values = load_document_settings(db)
        assert (values.office_name, values.masthead) == ("南川区人民政府办公室", "南川区政务督查")
        assert values.next_steps.startswith("一是压实工作责任。")
    finally:
        db.dispose()
