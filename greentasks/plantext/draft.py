"""What a document's text gives, before anything is saved: :class:`PlanDraft` (plain data).

The service shows it in the preview, lets the clerk correct it, and only then makes a Plan with
its Sections and Tasks (greentasks/models/plan.py) from it. Paths and codes follow the built-in
plan's: a section's ``path`` is ``二`` or ``二/（一）``, its ``title`` is the heading as printed
(``（一）做强做优绿色制造业``), a task's ``title`` and ``text`` are what comes after its marker, split
at the run-in heading (``1. 智能网联及新能源汽车。依托……`` → title ``智能网联及新能源汽车``, text
``依托……``) — so that title + "。" + text is what the document prints.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from ..domain.deadlines import Deadline, parse_deadline
from .responsibility import LEAD, RESPONSIBLE, SUPPORT, DraftUnit

__all__ = ["DraftSection", "DraftTask", "DraftUnit", "LevelInfo", "PlanDraft"]

_CN_NUMERALS = frozenset("一二三四五六七八九十百零〇")


@dataclass(frozen=True)
class LevelInfo:
    level: int  # 1 = the outermost heading style
    marker: str  # the style as the dialog names it: 一、 / （一） / 1. / （1） / ① / 第一条 / 表格
    count: int  # how many tasks there would be with the tasks at this level
    with_units: int  # how many of them state their units

    @property
    def label(self) -> str:
        """任务在：（一）级（34项）"""
        name = "表格各行" if self.marker == "表格" else f"{self.marker}级"
        return f"{name}（{self.count}项）"

    def to_json(self) -> dict[str, Any]:
        return {"level": self.level, "marker": self.marker, "count": self.count, "with_units": self.with_units,
                "label": self.label}


@dataclass(frozen=True)
class DraftSection:
    path: str  # "二" or "二/（一）", as Section.path
    code: str  # "二", "（一）", "1." (normalised)
    title: str  # the heading as printed, marker included, without its final 。
    intro: str  # the text under the heading before its first sub-heading
    level: int
    tasks: tuple[int, ...] = ()  # the numbers of the tasks directly under it
    framing: bool = False  # 总体要求 / 保障措施 …: the document's frame, not tasks


@dataclass
class DraftTask:
    no: int  # 1..N in document order
    marker: str  # as printed: "1.", "（三）", the 序号 cell
    title: str
    section_path: str  # the path of its DraftSection ("" when it stands under no heading)
    text: str  # after the marker and run-in heading; further paragraphs joined with "\n"
    units: list[DraftUnit] = field(default_factory=list)
    leader: str | None = None
    deadline_text: str | None = None
    full_text: str = ""  # every paragraph of the task verbatim, marker included
    where: str = ""  # where the task starts, for messages ("第12段", "第3页")

    @property
    def section(self) -> str:
        """The section path as a clerk reads it: 三、（二）."""
        return "".join(f"{code}、" if all(ch in _CN_NUMERALS for ch in code) else code
                       for code in self.section_path.split("/") if code)

    @property
    def lead(self) -> list[str]:
        """The 牵头 units; when the document names only 责任单位, the first of them leads."""
        named = [u.name for u in self.units if u.role == LEAD]
        if named:
            return named
        responsible = [u.name for u in self.units if u.role == RESPONSIBLE]
        return responsible[:1]

    @property
    def support(self) -> list[str]:
        lead = set(self.lead)
        return [u.name for u in self.units if u.role in (SUPPORT, RESPONSIBLE) and u.name not in lead]

    @property
    def deadline(self) -> Deadline | None:
        return parse_deadline(self.deadline_text) if self.deadline_text else None

    def to_json(self) -> dict[str, Any]:
        deadline = self.deadline
        return {
            "no": self.no,
            "title": self.title,
            "section": self.section,
            "text": self.text,
            "lead": self.lead,
            "support": self.support,
            "leader": self.leader,
            "deadline": None if deadline is None else {
                "text": deadline.text, "kind": deadline.kind,
                "due": deadline.due.isoformat() if deadline.due else None,
            },
        }


@dataclass
class PlanDraft:
    doc_no: str | None  # None: the document has none (a 分解方案): the clerk gives one
    title: str | None
    issuer: str | None
    issued_on: _dt.date | None
    levels: list[LevelInfo]
    task_level: int | None  # None when no heading was found
    sections: list[DraftSection]
    tasks: list[DraftTask]
    problems: list[str]
    issued_text: str | None = None  # the date as printed
    addressees: str | None = None
    preamble: str = ""
    forwarded_title: str | None = None  # 关于印发《X》的通知 → X
    source: str = ""  # the file name, or 粘贴的文字

    def to_json(self) -> dict[str, Any]:
        return {
            "document": {
                "doc_no": self.doc_no,
                "title": self.title,
                "issuer": self.issuer,
                "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            },
            "task_level": self.task_level,
            "levels": [level.to_json() for level in self.levels],
            "tasks": [task.to_json() for task in self.tasks],
        }
