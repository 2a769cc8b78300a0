"""The 督查通报 and the 专报 (docs/documents.md#bulletin): plain data in (``services.bulletin.
BulletinData``), a Word document out; no database.

:func:`draft` turns the data into the document's paragraphs (the 通报 dialog shows them as its
preview, :func:`write_docx` sets them in the official format of ``page``), :func:`annex_tables`
the 附件's tables. The 通报:

- 版头: the masthead in red 小标宋, 第N期, the issuing office on the left and the date on the
  right, a red rule; the title, the addressees, the opening with the document and its 文号;
- 一、总体情况 (completion, against the 序时进度, 报送情况); 二、进展较好的方面; 三、存在的问题
  (its last part 与上期相比, the 环比); 四、下步要求 (the clerk's paragraphs from 设置);
- 附件 on landscape pages: the overdue and 滞后 work and the units that sent no return;
- 版记 at the foot of a last page: 抄送, the issuing office and the day it is issued, between rules.

The 专报 is the leaders' short version: 总体情况, 主要问题, 建议, addressed to 区政府领导, no 附件.
A long list in the body names its first few items and ends "等N项，详见附件".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.planclock import cn_date
from ..domain.statuses import BEHIND, DONE, IN_PROGRESS, NOT_STARTED, ONGOING

if TYPE_CHECKING:
    from ..services.bulletin import BulletinData, BulletinItem, ChangeGroup

NAMED = 5  # items a body list names before "等N项"
MEMBERS_NAMED = 3  # members of a collective named in one item
ADDRESSEES = {"通报": "各乡镇人民政府、街道办事处，区政府各部门，有关单位：", "专报": "区政府领导："}
ORDINALS = "一二三四五六七八九十"
# Worse first: the order the 环比's light moves are told in.
MOVES = ("绿→黄", "黄→红", "绿→红", "红→黄", "红→绿", "黄→绿")
MOVE_WORDS = {"绿→黄": "由绿转黄", "黄→红": "由黄转红", "绿→红": "由绿转红", "红→黄": "由红转黄",
              "红→绿": "由红转绿", "黄→绿": "由黄转绿"}


@dataclass(frozen=True)
class Block:
    """One paragraph of the document: ``kind`` says how it is set (masthead, issue, office_date,
    rule, title, addressee, h1, text, annex_note); ``lead`` is a run-in heading (（一）……。) set in
    楷体 before the text."""

    kind: str
    text: str = ""
    lead: str = ""

    @property
    def plain(self) -> str:
        return self.lead + self.text


@dataclass(frozen=True)
class AnnexTable:
    heading: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]
    widths_mm: tuple[float, ...]


# -- words ------------------------------------------------------------------------------------------

def pct(share: float) -> str:
    """A share as the 环比 prints it (one decimal)."""
    return f"{share * 100:.1f}%"


def ordinal(n: int) -> str:
    return ORDINALS[n - 1] if 1 <= n <= len(ORDINALS) else str(n)


def short_title(title: str) -> str:
    """《实施意见》 for 《重庆市南川区人民政府关于加快推进绿色发展的实施意见》: what follows the last 的."""
    tail = title.rsplit("的", 1)[-1]
    return tail if "的" in title and 2 <= len(tail) <= 10 else title


def short_measure(text: str, limit: int = 30) -> str:
    """A measure as a body list names it: its first clause when that says enough (推动大镁新材料
    高性能镁基合金一体化项目建设), else its first ``limit`` characters and …."""
    words = " ".join((text or "").split())
    for mark in "，；。,;":
        head = words.split(mark, 1)[0]
        if head != words and 8 <= len(head) <= limit:
            return head
    return words if len(words) <= limit else words[:limit - 1] + "…"


def _quoted(text: str) -> str:
    """A measure inside “…”: its own double quotes become single ones, as Chinese nests them."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def _listed(parts: list[str], total: int, unit: str, *, annex: bool, sep: str = "；") -> str:
    """Every part, or when there are more than NAMED the first NAMED and 等N项（，详见附件）
    (``total``: what the parts stand for, which may be more than the parts: one line may name
    several units of one 具体工作)."""
    if len(parts) <= NAMED:
        return sep.join(parts)
    return sep.join(parts[:NAMED]) + f"等{total}{unit}" + ("，详见附件" if annex else "")


def _members(names: tuple[str, ...], what: str) -> str:
    shown = "、".join(names[:MEMBERS_NAMED])
    more = f"等{len(names)}个单位" if len(names) > MEMBERS_NAMED else ""
    return f"其中{shown}{more}{what}"


def item_words(item: BulletinItem, *, overdue: bool) -> str:
    """任务3“推动大镁新材料…”（区经济信息委，完成时限：2026年第三季度，已逾期62天）"""
    details = [item.department]
    if item.members:
        details.append(_members(item.members, "未完成" if overdue else "滞后"))
    if overdue:
        details.append(f"完成时限：{item.deadline}" if item.deadline else "")
        details.append(item.note)
    return f"任务{item.task_no}{_quoted(short_measure(item.measure))}（{'，'.join(d for d in details if d)}）"


def item_lines(items: list[BulletinItem], *, overdue: bool) -> list[str]:
    """:func:`item_words` of each item, the units of one 具体工作 (one task, measure, deadline and
    delay, several units) on one line."""
    merged: dict[tuple, list[BulletinItem]] = {}
    for i in items:
        key = (i.id,) if i.members else (i.task_no, i.measure, i.deadline if overdue else "", i.note if overdue else "")
        merged.setdefault(key, []).append(i)
    lines = []
    for same in merged.values():
        first = same[0]
        if len(same) > 1:
            first = replace(first, department="、".join(dict.fromkeys(i.department for i in same)))
        lines.append(item_words(first, overdue=overdue))
    return lines


def group_lines(groups: list[ChangeGroup]) -> list[str]:
    """One line per 具体工作 of a 环比 list: a collective's line with its members, the units of
    one measure together."""
    merged: dict[tuple, list[ChangeGroup]] = {}
    for g in groups:
        key = (g.task_no, g.department, g.measure) if g.members else (g.task_no, g.measure)
        merged.setdefault(key, []).append(g)
    lines = []
    for same in merged.values():
        g = same[0]
        who = "、".join(dict.fromkeys(x.department for x in same))
        if g.members:
            who += f"：{'、'.join(g.members[:MEMBERS_NAMED])}" + (
                f"等{len(g.members)}个单位" if len(g.members) > MEMBERS_NAMED else "")
        lines.append(f"任务{g.task_no}{_quoted(short_measure(g.measure))}（{who}）")
    return lines


def _units_with_counts(items: list[BulletinItem]) -> list[str]:
    counts = Counter(i.department for i in items)
    return [f"{name}{n}项" for name, n in counts.most_common()]


def _statuses(data: BulletinData) -> str:
    by = data.by_status
    done = f"已完成{by.get(DONE, 0)}项（占{pct(data.completed_share)}）"
    if by.get(DONE, 0):
        done += f"，其中已销号{data.closed}项" + (f"、待销号{data.pending_closure}项" if data.pending_closure else "")
    parts = [done] + [f"{status}{by.get(status, 0)}项" for status in (IN_PROGRESS, BEHIND, NOT_STARTED, ONGOING)]
    parts += [f"{status}{n}项" for status, n in by.items() if status not in (DONE, IN_PROGRESS, BEHIND, NOT_STARTED, ONGOING)]
    return "；".join(parts)


def _against_time(data: BulletinData) -> str:
    done, time = round(data.completed_share * 1000), round(data.time_share * 1000)
    if done < time:
        compared = f"低于序时进度{(time - done) / 10:.1f}个百分点"
    elif done > time:
        compared = f"高于序时进度{(done - time) / 10:.1f}个百分点"
    else:
        compared = "与序时进度持平"
    text = (f"按规划期（{cn_date(data.plan_start)}至{cn_date(data.plan_horizon)}）计算，{data.period_label}末"
            f"序时进度为{pct(data.time_share)}，累计完成率{pct(data.completed_share)}，{compared}。")
    if data.due_by_period:
        text += (f"按各项具体工作自身的完成时限，{data.period_label}末前应完成{data.due_by_period}项，"
                 f"已完成{data.due_done}项。")
    return text


def _reporting(data: BulletinData, *, annex: bool) -> str:
    text = (f"报送情况：本期报送截止日为{cn_date(data.report_day)}，应报送进展的单位{data.owed_units}个，"
            f"已报送{data.sent_units}个")
    if data.sent_units:
        text += f"，其中按时报送{data.on_time_units}个" + (f"、逾期报送{data.late_units}个" if data.late_units else "")
    if data.missing:
        names = _listed([m.name for m in data.missing], len(data.missing), "个单位", annex=annex, sep="、")
        text += f"；未报送{len(data.missing)}个：{names}。"
    else:
        text += "，应报单位均已报送。"
    return text


def _moves(data: BulletinData) -> str:
    moves = [f"{MOVE_WORDS.get(m, m)}{data.light_moves[m]}项" for m in MOVES if data.light_moves.get(m)]
    moves += [f"{m}{n}项" for m, n in data.light_moves.items() if m not in MOVES and n]
    return "、".join(moves)


def _comparison(data: BulletinData) -> str:
    c = data.changes_counts
    text = (f"与{data.since_label}相比，新完成{c['newly_completed']}项、新销号{c['newly_closed']}项，"
            f"新滞后{c['newly_behind']}项、新逾期{c['newly_overdue']}项；预警变化{c['light_changes']}项")
    moves = _moves(data)
    text += f"（{moves}）" if moves else ""
    text += (f"；连续{data.min_streak}期及以上未报送的单位{c['not_reported_streak_units']}个；"
             f"报送的进展情况与上期完全相同的{c['unchanged_text']}项。")
    if data.newly_overdue:
        text += "新逾期的有：" + _listed(group_lines(data.newly_overdue), c["newly_overdue"], "项",
                                       annex=False) + "。"
    return text


def _counted_note(data: BulletinData, again: str = "，下同") -> str:
    """Said once where the 环比's counts first appear: they count members' shares one by one."""
    groups = data.newly_completed + data.newly_closed + data.newly_overdue
    return f"（集合分工按各成员单位分项计{again}）" if any(g.members for g in groups) else ""


# -- the paragraphs ---------------------------------------------------------------------------------

def draft(data: BulletinData) -> list[Block]:
    """The document's paragraphs, from the 版头 to the 附件 note (the 附件 tables: :func:`annex_tables`)."""
    masthead = data.masthead if data.kind == "通报" or data.masthead.endswith("专报") else data.masthead + "专报"
    blocks = [Block("masthead", masthead), Block("issue", f"第{data.issue}期"),
              Block("office_date", f"{data.office}\t{cn_date(data.issued_on)}"), Block("rule"),
              Block("title", data.title), Block("addressee", ADDRESSEES[data.kind])]
    blocks += _bulletin(data) if data.kind == "通报" else _special(data)
    return blocks


def _bulletin(data: BulletinData) -> list[Block]:
    doc = f"《{data.plan_title}》（{data.plan_no}）"
    short = f"《{short_title(data.plan_title)}》"
    out = [Block("text", f"为推动{doc}各项重点任务落地见效，{data.office}对各责任单位{data.period_label}"
                         f"重点任务推进情况进行了梳理汇总。现将有关情况通报如下：")]
    out.append(Block("h1", "一、总体情况"))
    out.append(Block("text", f"{short}确定的{data.tasks}项重点任务细化为{data.assignments}项具体工作。"
                             f"{data.as_of_words}，{_statuses(data)}。已超过完成时限仍未完成（逾期）{data.overdue}项，"
                             f"{data.warn_days}天内到期{data.due_soon}项。"))
    out.append(Block("text", _against_time(data)))
    out.append(Block("text", _reporting(data, annex=True)))

    out.append(Block("h1", "二、进展较好的方面"))
    c = data.changes_counts
    good = []
    if c["newly_completed"]:
        good.append(("新完成一批工作。", f"与{data.since_label}相比，本期新完成具体工作{c['newly_completed']}项"
                     f"{_counted_note(data)}，主要有：" + _listed(group_lines(data.newly_completed),
                                                             c["newly_completed"], "项", annex=False) + "。"))
    if c["newly_closed"]:
        good.append(("核实销号一批事项。", f"本期经核实销号{c['newly_closed']}项，主要有：" + _listed(
            group_lines(data.newly_closed), c["newly_closed"], "项", annex=False) + "。"))
    if data.ahead:
        names = [f"{u.name}（牵头{u.of}项、已完成{u.count}项）" for u in data.ahead]
        good.append(("部分单位进度快于序时。", _listed(names, len(data.ahead), "个单位", annex=False, sep="、")
                     + f"牵头的具体工作完成率达到序时进度（{pct(data.time_share)}），且无逾期、滞后事项。"))
    if data.sent_units and not data.missing and not data.late_units:
        good.append(("按时报送进展。", "应报单位均在报送截止日前报送了本期进展。"))
    if good:
        out += [Block("text", text, lead=f"（{ordinal(n)}）{lead}") for n, (lead, text) in enumerate(good, start=1)]
    else:
        out.append(Block("text", f"与{data.since_label}相比，本期没有新完成或新销号的具体工作。"))

    out.append(Block("h1", "三、存在的问题"))
    problems = _problems(data, annex=True)
    problems.append(("与上期相比。", _comparison(data)))
    out += [Block("text", text, lead=f"（{ordinal(n)}）{lead}") for n, (lead, text) in enumerate(problems, start=1)]

    out.append(Block("h1", "四、下步要求"))
    out += [Block("text", line) for line in data.next_steps] or [Block("text", "请各单位对照本通报抓好落实。")]
    out.append(Block("annex_note", f"附件：{annex_title(data)}"))
    return out


def _problems(data: BulletinData, *, annex: bool) -> list[tuple[str, str]]:
    out = []
    if data.overdue_items:
        n = len(data.overdue_items)
        out.append(("部分工作逾期未完成。", f"{data.as_of_words}，已超过完成时限仍未完成的具体工作{n}项："
                    + _listed(item_lines(data.overdue_items, overdue=True), n, "项", annex=annex) + "。"))
    if data.behind_items:
        n = len(data.behind_items)
        out.append(("部分工作进度滞后。", f"报送为滞后的具体工作{n}项："
                    + _listed(item_lines(data.behind_items, overdue=False), n, "项", annex=annex) + "。"))
    if data.missing or data.late_units:
        text = ""
        if data.missing:
            text = f"本期应报送进展而未报送的单位{len(data.missing)}个：" + _listed(
                [m.name for m in data.missing], len(data.missing), "个单位", annex=annex, sep="、") + "。"
        if data.streaks:
            text += "其中，" + "；".join(f"{u.name}{u.words}" for u in data.streaks) + "。"
        if data.late_units:
            text += f"另有{data.late_units}个单位在报送截止日（{cn_date(data.report_day)}）后才报送。"
        out.append(("部分单位未按时报送进展。", text))
    if data.red_streak:
        names = [f"{u.name}（本期{u.count}项）" for u in data.red_streak]
        out.append(("部分单位连续亮红灯。", _listed(names, len(data.red_streak), "个单位", annex=False, sep="、")
                    + f"在{data.since_label}和本期均有亮红灯的事项。"))
    if not out:
        out.append(("", "本期未发现逾期、滞后和未报送的情况。"))
    return out


def _special(data: BulletinData) -> list[Block]:
    doc = f"《{data.plan_title}》（{data.plan_no}）"
    out = [Block("text", f"现将{doc}重点任务{data.period_label}落实情况报告如下：")]
    out.append(Block("h1", "一、总体情况"))
    out.append(Block("text", f"{data.tasks}项重点任务细化为{data.assignments}项具体工作。{data.as_of_words}，"
                             f"{_statuses(data)}；逾期{data.overdue}项。{_against_time(data)}"))
    out.append(Block("text", _reporting(data, annex=False)))
    c = data.changes_counts
    out.append(Block("text", f"与{data.since_label}相比，新完成{c['newly_completed']}项、新销号{c['newly_closed']}项，"
                             f"新滞后{c['newly_behind']}项、新逾期{c['newly_overdue']}项{_counted_note(data, '')}。"))

    out.append(Block("h1", "二、主要问题"))
    problems = []
    if data.overdue_items:
        units = _units_with_counts(data.overdue_items)
        problems.append(("逾期未完成。", f"逾期未完成的具体工作{len(data.overdue_items)}项，涉及"
                         + _listed(units, len(units), "个单位", annex=False, sep="、") + "。"))
    if data.behind_items:
        units = _units_with_counts(data.behind_items)
        problems.append(("进度滞后。", f"进度滞后的具体工作{len(data.behind_items)}项，涉及"
                         + _listed(units, len(units), "个单位", annex=False, sep="、") + "。"))
    if data.missing:
        text = f"未报送进展的单位{len(data.missing)}个：" + _listed(
            [m.name for m in data.missing], len(data.missing), "个单位", annex=False, sep="、") + "。"
        if data.streaks:
            text += "其中" + "；".join(f"{u.name}{u.words}" for u in data.streaks) + "。"
        problems.append(("未按时报送。", text))
    if data.red_streak:
        problems.append(("连续亮红灯。", _listed([u.name for u in data.red_streak], len(data.red_streak), "个单位",
                                              annex=False, sep="、") + f"在{data.since_label}和本期均有亮红灯的事项。"))
    if problems:
        out += [Block("text", text, lead=f"（{ordinal(n)}）{lead}") for n, (lead, text) in enumerate(problems, start=1)]
    else:
        out.append(Block("text", "本期未发现逾期、滞后和未报送的情况。"))

    out.append(Block("h1", "三、建议"))
    advice = []
    if data.overdue_items or data.behind_items:
        units = list(dict.fromkeys(i.department for i in data.overdue_items + data.behind_items))
        advice.append("请分管区领导督促" + _listed(units, len(units), "个单位", annex=False, sep="、")
                      + f"加快推进逾期、滞后事项，明确整改时限，{data.office}跟踪督办。")
    if data.missing:
        text = "对未报送进展的" + _listed([m.name for m in data.missing], len(data.missing), "个单位", annex=False,
                                     sep="、") + "予以提醒"
        if data.streaks:
            text += "，对连续未报送的" + "、".join(u.name for u in data.streaks) + "予以通报"
        advice.append(text + "。")
    if data.ahead:
        advice.append("对推进有力的" + _listed([u.name for u in data.ahead], len(data.ahead), "个单位", annex=False,
                                          sep="、") + "予以通报表扬。")
    advice.append("继续按期调度重点任务推进情况，确保各项任务按时保质完成。")
    out += [Block("text", f"{ordinal(n)}是{text}") for n, text in enumerate(advice, start=1)]
    return out


# -- the 附件 ----------------------------------------------------------------------------------------

def annex_title(data: BulletinData) -> str:
    return f"{data.period_label}重点任务逾期、滞后事项及未报送单位清单"


def _who(item: BulletinItem, what: str) -> str:
    if not item.members:
        return item.department
    return f"{item.department}（{what}：{'、'.join(item.members)}）"


def annex_tables(data: BulletinData) -> list[AnnexTable]:
    """The 附件's tables (the 通报 only): overdue work, 滞后 work, the units that sent no return."""
    if data.kind != "通报":
        return []
    overdue = AnnexTable(
        f"一、逾期未完成的具体工作（{len(data.overdue_items)}项）",
        ("序号", "任务", "具体工作", "责任单位", "完成时限", "逾期情况"),
        [(str(n), f"任务{i.task_no}", i.measure, _who(i, "未完成"), i.deadline, i.note)
         for n, i in enumerate(data.overdue_items, start=1)],
        (15, 20, 78, 50, 34, 28))
    behind = AnnexTable(
        f"二、进度滞后的具体工作（{len(data.behind_items)}项）",
        ("序号", "任务", "具体工作", "责任单位", "完成时限", "存在问题"),
        [(str(n), f"任务{i.task_no}", i.measure, _who(i, "滞后"), i.deadline, i.problems)
         for n, i in enumerate(data.behind_items, start=1)],
        (15, 20, 66, 45, 29, 50))
    missing = AnnexTable(
        f"三、未报送{data.period_label}进展的单位（{len(data.missing)}个）",
        ("序号", "单位", "应报具体工作", "联系人", "联系电话", "连续未报送情况"),
        [(str(n), m.name, f"{m.owed}项", m.contact, m.phone, m.words)
         for n, m in enumerate(data.missing, start=1)],
        (15, 60, 30, 30, 35, 55))
    return [overdue, behind, missing]


def preview_text(data: BulletinData) -> str:
    """The draft as plain text, for the dialog's preview (the 附件 tables summarised by their headings)."""
    lines = []
    for b in draft(data):
        if b.kind == "rule":
            lines.append("—" * 20)
        elif b.kind == "office_date":
            lines.append(b.text.replace("\t", "　　"))
        elif b.kind in ("text", "annex_note"):
            lines.append("　　" + b.plain)
        else:
            lines.append(b.plain)
    tables = annex_tables(data)
    if tables:
        lines += ["", "附件", annex_title(data)] + [t.heading for t in tables]
    lines += ["", *imprint_lines(data)]
    return "\n".join(lines)


def imprint_lines(data: BulletinData) -> list[str]:
    """The 版记's lines: 抄送 (the 通报 only), then the office and the day issued."""
    lines = [f"抄送：{data.copy_to}"] if data.kind == "通报" and data.copy_to else []
    return lines + [f"{data.office}　　{cn_date(data.issued_on)}印发"]


# -- the .docx ---------------------------------------------------------------------------------------

def write_docx(data: BulletinData, out: str | Path) -> Path:
    """The document in the official format (word.page), saved as ``out``."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Pt

    from . import page

    doc = page.new_document()
    for b in draft(data):
        if b.kind == "masthead":
            # As large as 初号 while it fits the line (a longer masthead a clerk typed is set smaller).
            size = Pt(min(42, int(page.BODY_WIDTH.pt / max(len(b.text), 1) * 0.95)))
            p = page.paragraph(doc, b.text, font=page.TITLE_FONT, size=size, align=WD_ALIGN_PARAGRAPH.CENTER,
                               indent_chars=0, color=page.RED)
            p.paragraph_format.space_before = Pt(12)
            page.off_grid(p)
        elif b.kind == "issue":
            page.paragraph(doc, b.text, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0)
        elif b.kind == "office_date":
            p = page.paragraph(doc, "", align=WD_ALIGN_PARAGRAPH.LEFT, indent_chars=0)
            p.paragraph_format.tab_stops.add_tab_stop(page.BODY_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
            page.add_run(p, b.text)
        elif b.kind == "rule":
            page.red_rule(doc)
            page.paragraph(doc, "")
        elif b.kind == "title":
            page.title(doc, b.text)
        elif b.kind == "addressee":
            page.paragraph(doc, b.text, indent_chars=0, align=WD_ALIGN_PARAGRAPH.LEFT)
        elif b.kind == "h1":
            page.heading(doc, b.text, 1)
        elif b.kind == "annex_note":
            page.paragraph(doc, "")
            page.paragraph(doc, b.text)
        else:
            p = page.paragraph(doc, "")
            if b.lead:
                page.add_run(p, b.lead, font=page.HEADING2_FONT)
            if b.text:
                page.add_run(p, b.text)
    tables = annex_tables(data)
    if tables:
        page.landscape_section(doc)
        page.paragraph(doc, "附件", font=page.HEADING1_FONT, indent_chars=0, align=WD_ALIGN_PARAGRAPH.LEFT)
        page.title(doc, annex_title(data))
        for t in tables:
            page.heading(doc, t.heading, 1)
            if t.rows:
                page.table(doc, t.header, t.rows, t.widths_mm)
            else:
                page.paragraph(doc, "无。")
            page.paragraph(doc, "")
        page.portrait_section(doc)
        _imprint(_foot_of_page(doc), data, in_cell=True)  # the 版记 at the foot of a last page of its own
    else:
        _imprint(doc, data)
    target = Path(out)
    doc.save(str(target))
    return target


def _imprint(target, data: BulletinData, *, in_cell: bool = False) -> None:
    """版记 (into the document, or into the cell of :func:`_foot_of_page`): 4号 仿宋 between a
    thick first and last rule, a thin one between its lines, each line indented one character;
    the office on the left, "…印发" on the right."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT

    from . import page

    size = page.SIZE_4
    empty = target.paragraphs[0] if in_cell else None  # a new cell holds one empty paragraph
    if not in_cell:
        page.paragraph(target, "")  # some room between the body and the 版记
    paragraphs = []
    for line in imprint_lines(data):
        p = page.paragraph(target, "", size=size, indent_chars=0, align=WD_ALIGN_PARAGRAPH.LEFT,
                           keep_with_next=True)
        fmt = p.paragraph_format
        fmt.left_indent = fmt.right_indent = size
        if line.startswith("抄送："):
            # A second line of 抄送 starts under the first unit's name, not under 抄送.
            fmt.left_indent = size * 4
            fmt.first_line_indent = -size * 3
            page.add_run(p, line, size=size)
        else:
            fmt.tab_stops.add_tab_stop(page.BODY_WIDTH - size * 2, WD_TAB_ALIGNMENT.RIGHT)
            office, day = line.split("　　", 1)
            page.add_run(p, f"{office}\t{day}", size=size)
        paragraphs.append(p)
    page.border(paragraphs[0], "top", size_eighths=8)
    for p in paragraphs[:-1]:
        page.border(p, "bottom", size_eighths=4)
    page.border(paragraphs[-1], "bottom", size_eighths=8)
    paragraphs[-1].paragraph_format.keep_with_next = False
    if empty is not None:
        empty._p.getparent().remove(empty._p)


def _foot_of_page(doc):
    """A cell as tall as most of the page, its text set at its foot: the 版记 is printed at the
    bottom of the last page (GB/T 9704), which a section's vertical alignment would say to Word
    but not to LibreOffice; a fixed-height row with its text at the bottom says it to all of them."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    from . import page

    table = doc.add_table(rows=1, cols=1)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), "0")
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
    row = table.rows[0]
    # The body is 225 mm high; the paragraph Word keeps after a table takes one more line.
    row.height, row.height_rule = Mm(205), WD_ROW_HEIGHT_RULE.EXACTLY
    cell = table.cell(0, 0)
    cell.width = page.BODY_WIDTH
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    # A document ends with a paragraph, not a table (Word adds one otherwise, LibreOffice drops the table).
    end = doc.add_paragraph()
    end.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    end.paragraph_format.line_spacing = Pt(1)
    page.off_grid(end)
    return cell
