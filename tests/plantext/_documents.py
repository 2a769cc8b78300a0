"""Documents written for the tests, in the shapes Chinese policy documents take.

Each builder writes a real file (.docx with python-docx, .txt in a given encoding) and returns
its path; the texts are plain lists of paragraphs so that the tests can compare verbatim.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

SEED = Path(__file__).resolve().parents[3] / "shared/seed/000_ba0f1428db243b2a.txt"

# An 实施方案 of the office's kind: 版头, 文号 printed with square brackets, a title over two lines,
# 主送, then tasks in every paragraph shape; the foot with a date in Chinese numerals.
HEAD = [
    "重庆市南川区人民政府办公室文件",
    "南川府办发[2023]12号",
    "重庆市南川区人民政府办公室",
    "关于印发南川区绿色低碳发展2023年工作方案的通知",
    "各乡镇人民政府、街道办事处，区政府各部门，有关单位：",
    "为深入贯彻南川府发〔2022〕34号精神，推动全区绿色低碳发展重点任务落地见效，经区政府同意，制定本方案。",
]
BODY = [
    "一、总体要求",
    "（一）指导思想。坚持以习近平新时代中国特色社会主义思想为指导，完整、准确、全面贯彻新发展理念，统筹推进高质量发展和高水平保护。",
    "（二）工作目标。到2023年底，全区单位地区生产总值能耗下降2.5%，绿色低碳循环发展的经济体系初步形成。",
    "二、重点任务",
    "（一）推进产业结构优化升级",
    # shape 1: a closing parenthesis
    "1．推动传统产业绿色化改造。加快淘汰落后产能，推动铝加工、建材等传统产业实施节能降碳改造，培育壮大节能环保产业。（区发展改革委牵头，区经济信息委、区财政局按职责分工负责）",
    # shape 1 with brackets inside a name and a deadline
    "2．加强生态保护修复。持续推进山水林田湖草沙一体化保护和系统治理，完成历史遗留矿山生态修复1000亩。（区生态环境局牵头，各乡镇（街道）配合，2023年底前完成）",
    # shape 1 with labels inside
    "3．完善绿色交通体系。推进城市客运车辆电动化，新增公交车辆充电桩100套。（责任单位：区交通局，完成时限：2023年6月底前）",
    "（二）构建绿色低碳循环发展的流通体系",
    # shape 2: separate lines under the task
    "4．发展绿色物流。推动多式联运发展，加快推进智慧物流园建设，推广绿色仓储和绿色包装。",
    "牵头单位：区商务委",
    "配合单位：区交通局、区邮政管理局",
    "责任领导：张明",
    "完成时限：2023年12月31日前",
    # shape 3: an inline label
    "5．加强资源循环利用。（牵头单位：区发展改革委；配合单位：区财政局、区税务局）推动大宗固废规模化利用，完善废旧物资回收体系。",
    # shape 5: prose
    "6．推进城乡环境基础设施建设。完善城镇污水管网和生活垃圾清运系统，由区住房城乡建委会同区规划自然资源局、区城管局负责。",
    "7．发展生态循环农业。推广配方施肥、有机肥、水肥一体化等化肥减量技术，区农业农村委负责，区水利局配合。",
    "8．开展绿色生活创建。深入推进生活垃圾分类，由各乡镇（街道）具体实施。",
    "三、保障措施",
    "（一）加强组织领导。各责任单位要高度重视，主要负责同志亲自抓，确保各项任务按期完成。",
    "（二）强化督查考核。区政府督查办定期督查任务进展，对工作滞后的单位予以通报。",
]
FOOT = [
    "重庆市南川区人民政府办公室",
    "二〇二三年三月十五日",
    "（此件公开发布）",
    "抄送：区委办公室，区人大办公室，区政协办公室。",
    "重庆市南川区人民政府办公室",
    "2023年3月15日印发",
]
PLAN_LINES = HEAD + BODY + FOOT


def write_docx(path: Path, paragraphs: list[str | list[list[str]] | dict], *, indent: bool = True) -> Path:
    """Paragraphs and tables in order: a str is a paragraph, a list of rows a table; a dict
    {"rows": …, "merge": [(r1, c1, r2, c2), …]} a table with merged cells."""
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(12)
    for item in paragraphs:
        if isinstance(item, str):
            p = document.add_paragraph(item)
            if indent:
                p.paragraph_format.first_line_indent = Pt(24)
            if item in HEAD[:4] and item != HEAD[1]:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        rows = item["rows"] if isinstance(item, dict) else item
        merges = item.get("merge", []) if isinstance(item, dict) else []
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    table.cell(r, c).text = value
        for r1, c1, r2, c2 in merges:
            keep = table.cell(r1, c1).text
            merged = table.cell(r1, c1).merge(table.cell(r2, c2))
            merged.text = keep
    document.save(path)
    return path


def write_txt(path: Path, lines: list[str], encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.write_bytes(newline.join(lines).encode(encoding))
    return path


def auto_numbered(document_path: Path) -> None:
    """Marks every paragraph as a Word list item (w:numPr), as automatic numbering does."""
    document = docx.Document(document_path)
    for p in document.paragraphs:
        ppr = p._p.get_or_add_pPr()
        num = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), "0")
        num_id = OxmlElement("w:numId")
        num_id.set(qn("w:val"), "1")
        num.append(ilvl)
        num.append(num_id)
        ppr.append(num)
    document.save(document_path)


def long_body(tasks: int, sections: int = 5) -> list[str]:
    """A long 实施方案 body: sections 一、… each with （一） sub-sections and numbered tasks whose
    paragraphs are long enough to wrap over several printed lines and pages."""
    lines: list[str] = []
    no = 0
    per_section = max(1, tasks // sections)
    cn = "一二三四五六七八九十"
    for s in range(sections):
        lines.append(f"{cn[s]}、重点领域第{s + 1}部分")
        for sub in range(2):
            lines.append(f"（{cn[sub]}）推进第{s + 1}部分第{sub + 1}方面工作")
            for _ in range(per_section // 2):
                no += 1
                lines.append(
                    f"{no}．推进第{no}项重点工作。围绕绿色低碳循环发展目标，加快推进第{no}项重点工程建设，"
                    "完善配套政策措施，强化要素保障，推动项目早开工、早投产、早见效，确保按期完成年度目标任务，"
                    "形成可复制可推广的经验做法，为全区绿色发展提供有力支撑。"
                    f"（区发展改革委牵头，区财政局、区经济信息委按职责分工负责，{2023 + no % 3}年底前完成）"
                )
    return lines


def add_page_furniture(path: Path, running_head: str) -> None:
    """A running head on every page and a page number "— N —" in the footer, as printed documents have."""
    document = docx.Document(path)
    section = document.sections[0]
    section.header.paragraphs[0].text = running_head
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    footer.add_run(" —")
    document.save(path)
