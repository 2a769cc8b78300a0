"""Extract the built-in plan data from the gazette text.

Reads the gazette issue ``shared/seed/000_ba0f1428db243b2a.txt`` (重庆市南川区人民政府公报 2022年第5期)
and writes

* ``resources/plan.json``      南川府发〔2022〕34号: sections, the 34 key tasks, section 五, the annex's
                                18 indicators;
* ``resources/documents.json`` the document register shown by the gazette (33号 repeals two documents).

Usage::

    python tools/extract_plan.py [--seed PATH] [--out DIR] [--check]

``--check`` writes nothing and exits 1 when the committed JSON differs from what the seed gives.

Every text is taken verbatim from the gazette.  The only changes made to it are:

* the one allowed correction of an OCR slip, see ``CORRECTIONS``;
* paragraphs that the page layout broke in the middle of a sentence are joined again (a long
  paragraph that does not end with a sentence-ending mark continues in the next one; the joins are
  listed in ``EXPECTED_LAYOUT_JOINS`` and checked, so a changed seed is noticed);
* the two-line layout of a document title ("…人民政府 关于…") is joined without the space.

Judgement calls (also noted in the code below):

* Section 四 has no sub-sections （一）（二）… in the gazette: tasks 30–34 follow its heading
  directly.  Rather than invent a sub-section (or an empty one, which would show as a blank node
  in the task tree), section 四 has ``"children": []`` and lists its tasks itself
  (``"tasks": [30, …, 34]``, which the loader in greentasks/services/bootstrap.py reads), and
  the section path of tasks 30–34 has one level: ``["四、全力推动中新绿色发展合作"]``.  Sections
  二 and 三 have ``"tasks": []`` and two-level paths.
* Some sub-section headings are printed with half-width brackets and a space, e.g.
  "(三) 增强绿色农业发展新优势。".  Their ``title`` is kept as printed; only ``code`` is
  normalised to the full-width form "（三）" so that codes are uniform.
* Task 31 is printed as two paragraphs: "…生产绿色生态农产品。" and "通过中新（重庆）战略性互联互通
  示范项目促进特色农产品出口。".  The break is at a sentence end, so it is not joined as a layout
  break; the task text keeps both paragraphs separated by "\\n" (it may well be a page break in
  the printed issue: the text before it fills about two pages after the previous page break).
* Every task title is cleanly separated from its text by the first "。" after "N. ", so no task
  needed a special rule.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEED = ROOT.parent / "shared" / "seed" / "000_ba0f1428db243b2a.txt"
DEFAULT_OUT = ROOT / "resources"

PLAN_NO = "南川府发〔2022〕34号"
REPEAL_NO = "南川府发〔2022〕33号"
ISSUER = "重庆市南川区人民政府"
ANNEX_TITLE = "南川区加快建立绿色发展目标体系"

# The only corrections allowed to the gazette text: (wrong, right, expected number of occurrences).
CORRECTIONS = [
    ("资源优势 and 领先", "资源优势和领先", 1),  # OCR slip in task 2
]

# Paragraphs broken by the page layout in the middle of a sentence: (end of the first part,
# start of the second part).  Found by the rule in ``join_layout_breaks``; listed here so that
# a different seed is noticed instead of silently parsed differently.
EXPECTED_LAYOUT_JOINS = [
    ("绿色产业规模迈上新台阶，", "重点行业、重点产品能源资源利用效率"),  # section 一（二）主要目标
    ("加快推进煤炭清洁高", "效利用。有序推动燃煤机组"),  # task 18, a word split over two pages
]

# Lines that are page furniture, not text, should they sit between two parts of a paragraph.
PAGE_ARTEFACT = re.compile(
    r"^(?:重庆市南川区人民政府公报|[-—–\s]*\d{1,3}[-—–\s]*|第\s*\d+\s*页|"
    r"\d{4}\s*第\s*\d+\s*期|\d{4}年第\d+期)$"
)

SENTENCE_END = ("。", "：", "；", "！", "？", "”", "）")
CN_NUM = "一二三四五六七八九十"

RE_SECTION = re.compile(rf"^([{CN_NUM}]+)、(\S.*)$")
RE_SUBSECTION = re.compile(rf"^[（(]\s*([{CN_NUM}]+)\s*[）)]\s*(.*)$")
RE_TASK = re.compile(r"^(\d{1,2})\.\s*([^。]+)。(.*)$")
RE_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
RE_DOC_NO = re.compile(r"^南川府(?:办)?发〔\d{4}〕\d+号$")


class ExtractError(RuntimeError):
    pass


def normalise_for_search(text: str) -> str:
    """What the tests compare against: line breaks removed, the allowed correction applied."""
    for wrong, right, _count in CORRECTIONS:
        text = text.replace(wrong, right)
    return re.sub(r"[\r\n]+", "", text)


def iso_date(text: str) -> str:
    m = RE_DATE.match(text.strip())
    if not m:
        raise ExtractError(f"not a date: {text!r}")
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}"


def apply_corrections(text: str) -> str:
    for wrong, right, count in CORRECTIONS:
        found = text.count(wrong)
        if found != count:
            raise ExtractError(f"correction {wrong!r}: expected {count} occurrence(s), found {found}")
        text = text.replace(wrong, right)
    return text


def paragraphs(text: str) -> list[str]:
    """Non-empty lines are paragraphs (the gazette text has one paragraph per line)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def join_layout_breaks(paras: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Join a long paragraph that stops mid-sentence with the paragraph that continues it.

    Headings are short and have no final "。", so only paragraphs of 80+ characters count;
    table rows (with tabs) never do.  Page furniture between the two parts is dropped.
    """
    out: list[str] = []
    joins: list[tuple[str, str]] = []
    i = 0
    while i < len(paras):
        para = paras[i]
        while len(para) >= 80 and "\t" not in para and not para.endswith(SENTENCE_END):
            j = i + 1
            while j < len(paras) and PAGE_ARTEFACT.match(paras[j]):
                j += 1
            if j >= len(paras):
                break
            joins.append((para, paras[j]))
            para = para + paras[j]
            i = j
        out.append(para)
        i += 1
    return out, joins


def check_joins(joins: list[tuple[str, str]]) -> None:
    if len(joins) != len(EXPECTED_LAYOUT_JOINS) or not all(
        first.endswith(end) and second.startswith(start)
        for (first, second), (end, start) in zip(joins, EXPECTED_LAYOUT_JOINS, strict=False)
    ):
        found = [(a[-12:], b[:12]) for a, b in joins]
        raise ExtractError(f"unexpected layout joins: {found}")


def document_slice(paras: list[str], doc_no: str) -> list[str]:
    """The paragraphs of one document: from its 文号 to the line before the next 文号 block."""
    try:
        start = paras.index(doc_no)
    except ValueError:
        raise ExtractError(f"{doc_no} not found") from None
    end = len(paras)
    for k in range(start + 1, len(paras)):
        if RE_DOC_NO.match(paras[k]) or paras[k] == "重庆市南川区人民政府文件":
            end = k
            break
    return paras[start:end]


def join_title(line: str) -> str:
    # The title is printed over two lines ("重庆市南川区人民政府" / "关于…"); the text file has a space there.
    return re.sub(r"\s+", "", line)


def parse_plan(paras: list[str]) -> dict:
    doc = document_slice(paras, PLAN_NO)
    title = join_title(doc[1])
    addressees = doc[2]
    if not addressees.endswith("："):
        raise ExtractError(f"addressees line expected, got {addressees!r}")
    preamble = doc[3]

    general: dict | None = None
    safeguards: dict | None = None
    sections: list[dict] = []
    tasks: list[dict] = []
    date = None
    annex_title = None

    current_section: dict | None = None  # a section of tasks (二、三、四)
    current_child: dict | None = None
    current_task: dict | None = None
    text_block: dict | None = None  # section 一 or 五: plain text
    body = doc[4:]
    k = 0
    while k < len(body):
        para = body[k]
        k += 1
        if para.startswith("附件："):
            annex_title = para.removeprefix("附件：")
            rest = body[k:]
            if rest[0] != ISSUER:
                raise ExtractError(f"signature expected after 附件 line, got {rest[0]!r}")
            date = iso_date(rest[1])
            break
        m = RE_SECTION.match(para)
        if m and "。" not in para:
            current_task = current_child = None
            code = m.group(1)
            if code in ("一", "五"):
                text_block = {"title": para, "paras": []}
                current_section = None
                if code == "一":
                    general = text_block
                else:
                    safeguards = text_block
            else:
                text_block = None
                current_section = {"code": code, "title": para, "children": [], "tasks": []}
                sections.append(current_section)
            continue
        if text_block is not None:
            text_block["paras"].append(para)
            continue
        if current_section is None:
            raise ExtractError(f"text outside any section: {para[:30]!r}")
        m = RE_SUBSECTION.match(para)
        if m:
            if current_section["tasks"]:
                raise ExtractError(f"sub-section after tasks of {current_section['title']}")
            current_task = None
            heading, _, intro = para.partition("。")
            current_child = {
                "code": f"（{m.group(1)}）",  # normalised; the title stays as printed
                "title": heading,
                "intro": intro.strip(),
                "tasks": [],
            }
            current_section["children"].append(current_child)
            continue
        m = RE_TASK.match(para)
        if m:
            no = int(m.group(1))
            # Section 四 has no sub-sections: its tasks hang on the section itself and their
            # path has one level (see the module docstring).
            owner = current_child if current_child is not None else current_section
            if current_child is None and current_section["children"]:
                raise ExtractError(f"task {no} between sub-sections")
            current_task = {
                "no": no,
                "title": m.group(2).strip(),
                "section": [current_section["title"]] + ([current_child["title"]] if current_child else []),
                "paras": [m.group(3).strip()],
            }
            tasks.append(current_task)
            owner["tasks"].append(no)
            continue
        if current_task is None:
            raise ExtractError(f"paragraph belongs to no task: {para[:30]!r}")
        # A further paragraph of the same task (task 31).
        current_task["paras"].append(para)

    if general is None or safeguards is None or date is None:
        raise ExtractError("section 一, section 五 or the date was not found")
    if [t["no"] for t in tasks] != list(range(1, 35)):
        raise ExtractError(f"tasks are not numbered 1..34: {[t['no'] for t in tasks]}")

    for task in tasks:
        task["text"] = "\n".join(task.pop("paras"))
        if not task["title"] or not task["text"]:
            raise ExtractError(f"task {task['no']} has no title or no text")

    return {
        "doc_no": PLAN_NO,
        "title": title,
        "issuer": ISSUER,
        "date": date,
        "status": "有效",
        "addressees": addressees,
        "preamble": preamble,
        "general": {"title": general["title"], "text": "\n".join(general["paras"])},
        "sections": sections,
        "tasks": tasks,
        "safeguards": {"title": safeguards["title"], "text": "\n".join(safeguards["paras"])},
        "annex_title": annex_title,
        "indicators": parse_indicators(paras),
    }


def parse_number(text: str) -> int | float | None:
    text = text.strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    return None


def parse_indicators(paras: list[str]) -> list[dict]:
    """The annex table, flattened to tab-separated rows: 类别 | 序号 | 指标（单位） | 2025 年.

    The 类别 cell is merged over several rows in print, so it is empty on all but the first row of
    each category and is carried down.  The unit is printed in brackets at the end of 指标.
    """
    try:
        start = len(paras) - 1 - paras[::-1].index(ANNEX_TITLE)
    except ValueError:
        raise ExtractError("annex title not found") from None
    rows = []
    for para in paras[start + 1 :]:
        if "\t" not in para:
            if rows:
                break
            continue
        rows.append(para.split("\t"))
    # paragraphs() stripped the leading tab of rows whose 类别 cell is empty: re-align on width.
    header = [c.strip() for c in rows[0]]
    if header[:3] != ["类别", "序号", "指标"] or not header[3].replace(" ", "").startswith("2025年"):
        raise ExtractError(f"unexpected annex header: {header}")
    indicators = []
    category = None
    for cells in rows[1:]:
        cells = [c.strip() for c in cells]
        if len(cells) == 3:
            cells = ["", *cells]
        if len(cells) != 4:
            raise ExtractError(f"unexpected annex row: {cells}")
        if cells[0]:
            category = cells[0]
        m = re.fullmatch(r"(.+?)（([^（）]+)）", cells[2])
        name, unit = (m.group(1), m.group(2)) if m else (cells[2], None)
        indicators.append(
            {
                "category": category,
                "no": int(cells[1]),
                "name": name,
                "unit": unit,
                "target_2025": parse_number(cells[3]),
                "target_text": cells[3],
            }
        )
    if [i["no"] for i in indicators] != list(range(1, 19)):
        raise ExtractError(f"indicators are not numbered 1..18: {[i['no'] for i in indicators]}")
    return indicators


def parse_documents(paras: list[str], plan: dict) -> list[dict]:
    doc = document_slice(paras, REPEAL_NO)
    title = join_title(doc[1])
    date = None
    for k, para in enumerate(doc):
        if para == ISSUER and k + 1 < len(doc) and RE_DATE.match(doc[k + 1]):
            date = iso_date(doc[k + 1])
            break
    if date is None:
        raise ExtractError(f"date of {REPEAL_NO} not found")
    decision = next(p for p in doc if p.startswith("经研究"))
    repealed = re.findall(r"《([^》]+)》（(南川府办发〔\d{4}〕\d+号)）", decision)
    if len(repealed) != 2:
        raise ExtractError(f"expected two repealed documents, found {repealed}")
    register = [
        {
            "doc_no": REPEAL_NO,
            "title": title,
            "issuer": ISSUER,
            "date": date,
            "status": "有效",
            "repealed_by": None,
            "repealed_on": None,
        }
    ]
    for old_title, old_no in repealed:
        register.append(
            {
                "doc_no": old_no,
                "title": old_title,
                # "重庆市南川区人民政府办公室关于…": the issuer is the title's part before 关于.
                "issuer": old_title.split("关于", 1)[0],
                "date": None,  # the gazette does not give it
                "status": "废止",
                "repealed_by": REPEAL_NO,
                # "从本决定印发之日起废止": the decision's date
                "repealed_on": date,
            }
        )
    register.append(
        {
            "doc_no": plan["doc_no"],
            "title": plan["title"],
            "issuer": plan["issuer"],
            "date": plan["date"],
            "status": "有效",
            "repealed_by": None,
            "repealed_on": None,
        }
    )
    return register


def extract(seed: Path) -> dict[str, object]:
    text = apply_corrections(seed.read_text(encoding="utf-8"))
    paras, joins = join_layout_breaks(paragraphs(text))
    check_joins(joins)
    plan = parse_plan(paras)
    return {"plan.json": plan, "documents.json": parse_documents(paras, plan)}


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="compare with the files in --out")
    args = parser.parse_args(argv)
    try:
        outputs = extract(args.seed)
    except (ExtractError, OSError) as exc:
        print(f"extract_plan: {exc}", file=sys.stderr)
        return 2
    status = 0
    for name, data in outputs.items():
        path = args.out / name
        new = dumps(data)
        if args.check:
            old = path.read_text(encoding="utf-8") if path.exists() else None
            if old != new:
                print(f"{path}: differs from the seed", file=sys.stderr)
                status = 1
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(new, encoding="utf-8")
            print(f"wrote {path}")
    return status


if __name__ == "__main__":
    sys.exit(main())
