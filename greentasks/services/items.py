"""领导批示 and 会议议定事项 tracked like a plan (docs/documents.md#items).

An item is a Plan of kind 领导批示 (one task: the 批示) or 会议议定事项 (one task per decision),
with assignments made from the units named, so what a document has — templates and returns
under its 文号, lights, 销号 — works for it unchanged. Items are entered one at a time
(:func:`add_instruction`, :func:`add_decisions`: the dialog and ``add-item``) or read from a
sheet (:func:`import_items`, ``import-items``); either way all or nothing, as one batch
(BATCH_DOCUMENT) that 导入记录 can undo.

A 参阅性 批示 is for reading: it gets no assignments, so it owes no return and shows no light.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Database
from ..domain.deadlines import Deadline, describe, parse_deadline
from ..domain.leaders import normalize_leader
from ..domain.text import clean, fold
from ..domain.unitnames import LEAD, SUPPORT, UnitMention, split_units
from ..errors import Problem
from ..models import Department, Plan, Task
from ..models.audit import BATCH_DOCUMENT
from ..models.plan import INSTRUCTION_CLASSES, KIND_DECISION, KIND_INSTRUCTION, PLAN_ACTIVE
from . import audit
from .assignments import create_assignment
from .audit import Actor
from .collectives import sync_shares
from .directory import ALIAS, CREATE, CREATED, DirectoryIndex, UnknownUnitChoice, apply_unit_choice
from .importing import (
    BatchRecord,
    as_received,
    backup_before,
    imported_digests,
    mark_duplicate,
    receive,
    write_file,
)
from .outcomes import CANCELLED, DRY_RUN, IMPORTED, REFUSED, FileOutcome, PlanWritten

CLASS_FOR_ACTION, CLASS_FOR_GUIDANCE, CLASS_FOR_READING = INSTRUCTION_CLASSES  # 批办性, 指导性, 参阅性

# What a clerk writes for the kind of an item (the sheet's 类型, add-item --kind).
KIND_WORDS = {
    "领导批示": KIND_INSTRUCTION, "批示": KIND_INSTRUCTION, "批示件": KIND_INSTRUCTION, "领导批示件": KIND_INSTRUCTION,
    "会议议定事项": KIND_DECISION, "会议": KIND_DECISION, "议定事项": KIND_DECISION, "会议议定": KIND_DECISION,
    "会议决定事项": KIND_DECISION, "会议纪要": KIND_DECISION,
}
# The 文号 an item gets when it has none of its own: 领导批示〔2023〕第1号, counted by year.
_NUMBER_PREFIX = {KIND_INSTRUCTION: "领导批示", KIND_DECISION: "会议议定事项"}
TITLE_CHARS = 30  # a task's title made from its text: its first clause, about this long
_WHO = {KIND_INSTRUCTION: "批示领导", KIND_DECISION: "会议"}
_LABEL = {IMPORTED: "已登记", DRY_RUN: "预览（未写入）", REFUSED: "未登记", CANCELLED: "已取消"}


def kind_of(text: object) -> str | None:
    """领导批示 or 会议议定事项 for what a clerk wrote (批示, 会议 …); None when it is neither."""
    return KIND_WORDS.get(fold(clean(text)))


def class_of(text: object) -> str | None:
    """批办性/指导性/参阅性 for what a clerk wrote (批办, 批办件 …); "" when empty; None when unknown."""
    key = fold(clean(text))
    if not key:
        return ""
    key = key.removesuffix("件")
    return next((c for c in INSTRUCTION_CLASSES if key in (c, c.removesuffix("性"))), None)


def short_title(text: str) -> str:
    """A task's title from its text: the first clause (up to 。 or ；), at most about 30 characters."""
    first = re.split(r"[。；;！？!?\n]", clean(text), maxsplit=1)[0].strip()
    if len(first) <= TITLE_CHARS:
        return first
    cut = max(first.rfind("，", 0, TITLE_CHARS), first.rfind(",", 0, TITLE_CHARS))
    return first[:cut] if cut >= 10 else first[:TITLE_CHARS]


def instruction_title(leader: str, subject: str) -> str:
    """张区长关于凤嘴江水质治理的批示 (a subject written 关于…的批示 is not doubled)."""
    subject = re.sub(r"的?批示$", "", re.sub(r"^关于", "", clean(subject)))
    return f"{clean(leader)}关于{subject}的批示"


def decisions_title(meeting: str) -> str:
    """区政府第12次常务会议 → 区政府第12次常务会议议定事项."""
    meeting = clean(meeting)
    if meeting.endswith("议定事项"):
        return meeting
    return f"{meeting.removesuffix('纪要')}议定事项"


def generated_no(kind: str, year: int, n: int) -> str:
    return f"{_NUMBER_PREFIX[kind]}〔{year}〕第{n}号"


class _Numbers:
    """The next free generated 文号 of each kind and year: after the highest registered, and after
    any given in the same batch."""

    def __init__(self, session: Session, reserved: Iterable[str] = ()):
        self.session = session
        self.reserved = [r for r in reserved if r]
        self.last: dict[tuple[str, int], int] = {}

    def next(self, kind: str, year: int) -> str:
        key = (kind, year)
        if key not in self.last:
            prefix = f"{_NUMBER_PREFIX[kind]}〔{year}〕第"
            known = self.session.scalars(select(Plan.doc_no).where(Plan.doc_no.like(prefix + "%"))).all()
            pattern = re.compile(re.escape(prefix) + r"(\d+)号$")
            self.last[key] = max((int(m.group(1)) for no in (*known, *self.reserved)
                                  if (m := pattern.match(no.strip()))), default=0)
        self.last[key] += 1
        return generated_no(kind, year, self.last[key])


@dataclass
class Decision:
    """One decision of a meeting (or the one 批示): its text, units, deadline and 责任领导."""

    text: str
    lead: Sequence[str] | str = ()
    support: Sequence[str] | str = ()
    deadline: str | date | datetime | None = None
    leader: str = ""  # 责任领导
    subject: str | None = None  # a short title; None: the first clause of the text


@dataclass
class _Place:
    """Where an item's values were read (a sheet's row), for located messages; typed in: nowhere."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)

    def problem(self, message: str, key: str | None = None, *, warning: bool = False) -> Problem:
        return Problem(message, file=self.file, sheet=self.sheet, row=self.row,
                       column=self.columns.get(key) if key else None, severity="warning" if warning else "error")


@dataclass
class _Spec:
    """An item as given, before it is checked."""

    kind: str
    source: str  # the 批示领导, or the meeting
    on: date | str | None  # a str: a day that could not be read
    decisions: list[Decision]
    item_class: str = ""
    doc_no: str | None = None
    places: list[_Place] = field(default_factory=list)  # one per decision

    def place(self, i: int = 0) -> _Place:
        return self.places[i] if i < len(self.places) else _Place()


@dataclass
class ItemTask:
    """One task of an item as it is (or would be) saved."""

    no: int
    title: str
    text: str
    units: list[UnitMention]  # lead ones first, each name once
    leader: str
    deadline: Deadline
    deadline_value: object = None  # as given (a date cell stays a date)

    @property
    def lead(self) -> list[str]:
        return [u.name for u in self.units if u.role == LEAD]

    @property
    def support(self) -> list[str]:
        return [u.name for u in self.units if u.role == SUPPORT]

    def to_json(self) -> dict[str, Any]:
        d = self.deadline
        return {"no": self.no, "title": self.title, "text": self.text, "lead": self.lead, "support": self.support,
                "leader": self.leader or None,
                "deadline": None if d.is_blank else {"text": d.text, "kind": d.kind,
                                                     "due": d.due.isoformat() if d.due else None}}

    def line(self) -> str:
        parts = [f"牵头：{'、'.join(self.lead)}" if self.lead else "",
                 f"配合：{'、'.join(self.support)}" if self.support else "",
                 f"时限：{self.deadline.text}" if not self.deadline.is_blank else "",
                 f"责任领导：{self.leader}" if self.leader else ""]
        units = "；".join(p for p in parts if p)
        return f"{self.no}. {self.title}" + (f"（{units}）" if units else "")


@dataclass
class ItemOutcome(PlanWritten):
    """What adding an item did (or, in a dry run, would do). In a sheet's import the errors and
    warnings are the file's; an item keeps its own facts."""

    kind: str
    doc_no: str | None
    title: str
    issuer: str
    issued_on: date | None
    item_class: str = ""
    tasks: list[ItemTask] = field(default_factory=list)
    numbered: bool = False  # the 文号 is the program's (领导批示〔2023〕第1号), not one the clerk gave

    @property
    def name(self) -> str:
        return self.title or self.kind

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "doc_no": self.doc_no, "numbered": self.numbered, "title": self.title,
                "issuer": self.issuer, "issued_on": self.issued_on.isoformat() if self.issued_on else None,
                "item_class": self.item_class or None, "tasks": [t.to_json() for t in self.tasks],
                "outcome": self.outcome, "plan_id": self.plan_id, "batch_id": self.batch_id,
                "assignments": self.assignments, "created_units": self.created_units,
                "unknown_units": [{"name": n, "suggestions": s} for n, s in self.unknown_units.items()],
                "errors": [p.to_json() for p in self.errors], "warnings": [p.to_json() for p in self.warnings]}

    def summary_lines(self) -> list[str]:
        """The item as a clerk reads it: its 文号 and title, who and when, and each task."""
        when = f"{self.issued_on.year}年{self.issued_on.month}月{self.issued_on.day}日" if self.issued_on else "（无日期）"
        no = (self.doc_no or "（无文号）") + ("（程序编号）" if self.numbered and self.doc_no else "")
        out = [f"{self.kind} {no}《{self.title or '（无标题）'}》",
               f"  {_WHO.get(self.kind, '来源')}：{self.issuer or '（未填写）'}；日期：{when}"
               + (f"；类别：{self.item_class}" if self.item_class else "")]
        out += [f"  {t.line()}" for t in self.tasks]
        if self.item_class == CLASS_FOR_READING:
            out.append("  参阅性批示只供阅知：不分解给单位，不需要报送。")
        return out

    def lines(self) -> list[str]:
        out = [f"【{_LABEL.get(self.outcome, self.outcome)}】" + (self.summary_lines()[0])]
        out += self.summary_lines()[1:]
        if self.outcome in (IMPORTED, DRY_RUN):
            verb = "已" if self.outcome == IMPORTED else "将"
            what = "批示" if self.kind == KIND_INSTRUCTION else "议定事项"
            out.append(f"  {verb}登记{what} {len(self.tasks)} 项、分工 {self.assignments} 条"
                       + (f"，新建单位 {len(self.created_units)} 个" if self.created_units else "") + "。")
        out += [f"  错误：{p}" for p in self.errors]
        out += [f"  提示：{p}" for p in self.warnings]
        return out


@dataclass
class ItemsFile(FileOutcome):
    """A sheet of items imported (FileOutcome's errors are located in the file), with the items it holds."""

    items: list[ItemOutcome] = field(default_factory=list)

    def to_json(self) -> dict:
        data = super().to_json()
        data["items"] = [i.to_json() for i in self.items]
        data["created_units"] = self.created_units
        data["unknown_units"] = [{"name": n, "suggestions": s} for n, s in self.unknown_units.items()]
        return data

    def lines(self) -> list[str]:
        out = super().lines()
        body: list[str] = []
        if self.outcome in (IMPORTED, DRY_RUN):
            for item in self.items:
                body += [f"  {line}" for line in item.summary_lines()]
            verb = "已" if self.outcome == IMPORTED else "将"
            instructions = sum(1 for i in self.items if i.kind == KIND_INSTRUCTION)
            meetings = [i for i in self.items if i.kind == KIND_DECISION]
            body.append(f"  {verb}登记领导批示 {instructions} 件、会议 {len(meetings)} 次"
                        f"（议定事项 {sum(len(m.tasks) for m in meetings)} 项），分工 {sum(i.assignments for i in self.items)} 条"
                        + (f"，新建单位 {len(self.created_units)} 个" if self.created_units else "") + "。")
        return out[:1] + body + out[1:]


# -- entering one item ---------------------------------------------------------------------------

def add_instruction(db: Database, *, leader: str, on: date | str | None, text: str,
                    units_lead: Sequence[str] | str = (), units_support: Sequence[str] | str = (),
                    deadline: str | date | datetime | None = None, item_class: str = CLASS_FOR_ACTION,
                    subject: str | None = None, doc_no: str | None = None, responsible: str | None = None,
                    create_departments: bool = False, unit_choices: dict[str, UnknownUnitChoice] | None = None,
                    dry_run: bool = False, cancelled: Callable[[], bool] | None = None) -> ItemOutcome:
    """A 领导批示: who gave it (``leader`` → the plan's issuer), when, its text (the one task), the
    units by role, the deadline, its class (批办性/指导性/参阅性) and optionally the 批办单 number
    (``doc_no``; else 领导批示〔year〕第N号). ``responsible`` is the task's 责任领导 (None: the leader
    who gave the 批示). Refused, saying why, on anything missing or unknown (an unknown unit names
    the closest ones, unless ``unit_choices`` or ``create_departments`` says what it is)."""
    decision = Decision(text=text, lead=units_lead, support=units_support, deadline=deadline,
                        leader=leader if responsible is None else responsible, subject=subject)
    spec = _Spec(KIND_INSTRUCTION, leader, on, [decision], item_class=item_class, doc_no=doc_no, places=[_Place()])
    return _add_one(db, spec, create_departments, unit_choices, dry_run, cancelled)


def add_decisions(db: Database, *, meeting: str, on: date | str | None, decisions: Sequence[Decision],
                  doc_no: str | None = None, create_departments: bool = False,
                  unit_choices: dict[str, UnknownUnitChoice] | None = None, dry_run: bool = False,
                  cancelled: Callable[[], bool] | None = None) -> ItemOutcome:
    """A meeting's 议定事项: the meeting (区政府第12次常务会议 → the issuer; the title 区政府第12次常务
    会议议定事项), its day, and its decisions, each a task (1..N) with its units, deadline and 责任
    领导; ``doc_no`` the minutes' number (会议纪要〔2023〕12号; else 会议议定事项〔year〕第N号)."""
    spec = _Spec(KIND_DECISION, meeting, on, list(decisions), doc_no=doc_no,
                 places=[_Place() for _ in decisions] or [_Place()])
    return _add_one(db, spec, create_departments, unit_choices, dry_run, cancelled)


def _add_one(db: Database, spec: _Spec, create_departments: bool,
             unit_choices: dict[str, UnknownUnitChoice] | None, dry_run: bool,
             cancelled: Callable[[], bool] | None) -> ItemOutcome:
    unit_choices = dict(unit_choices or {})
    with db.reading() as session:
        item = ItemOutcome(kind=spec.kind, doc_no=None, title="", issuer=clean(spec.source), issued_on=None)
        _check_all(session, [spec], [item], item, unit_choices, create_departments)
    if item.errors:
        return item
    if cancelled and cancelled():
        item.outcome = CANCELLED
        return item
    if not dry_run:
        backup_before(db, spec.kind)
    record = BatchRecord(BATCH_DOCUMENT, Path(item.name), _digest([spec]), rows=len(item.tasks),
                         summary=_summary([item]), name=item.name)

    def apply(session: Session, actor: Actor, batch_id: int) -> bool:
        _write(session, actor, [item], item, unit_choices, file=None)
        _name_batch(session, batch_id, [item])
        return True

    write_file(db, item, record, apply, dry_run=dry_run)
    if item.outcome != IMPORTED:
        item.plan_id = None
    return item


def _name_batch(session: Session, batch_id: int, items: list[ItemOutcome]) -> None:
    """导入记录 names the batch by its items' 文号 and titles, final only once _write gave the numbers out."""
    from ..models import ImportBatch

    batch = session.get(ImportBatch, batch_id)
    if batch is not None:
        batch.summary = _summary(items)


# -- a sheet of items ----------------------------------------------------------------------------

def import_items(db: Database, path: str | Path, *, create_departments: bool = False, dry_run: bool = False,
                 unit_choices: dict[str, UnknownUnitChoice] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ItemsFile:
    """A sheet of 领导批示 and 会议议定事项 (docs/documents.md#items-sheet), all or nothing: every row is
    checked, errors located (file, sheet, row, column), and only a file without errors is written,
    as one batch. Rows of one meeting (the same meeting and day) become one item with several
    decisions."""
    from ..excel.items_sheet import read_items_sheet

    received = as_received(path)
    outcome = ItemsFile(path=received.source, name=received.name, mail=received.mail)
    incoming = receive(received, outcome)
    if incoming is None:
        return outcome
    unit_choices = dict(unit_choices or {})
    with db.reading() as session:
        index = DirectoryIndex(session)
        sheet, problems = read_items_sheet(incoming.book, index.bracket_names())
        outcome.errors += problems
        if sheet is None:
            return outcome
        outcome.rows = len(sheet.rows)
        if incoming.digest in imported_digests(session, BATCH_DOCUMENT):
            mark_duplicate(outcome, BATCH_DOCUMENT)  # said once, not as each row's 已经登记
            return outcome
        outcome.warnings += sheet.warnings
        specs = _specs(sheet, outcome)
        outcome.items = [ItemOutcome(kind=s.kind, doc_no=None, title="", issuer=clean(s.source), issued_on=None)
                         for s in specs]
        _check_all(session, specs, outcome.items, outcome, unit_choices, create_departments)
        if not sheet.rows and not outcome.errors:
            outcome.errors.append(Problem("事项表中没有任何事项。请在表头下逐行填写后再导入。", file=outcome.name,
                                          sheet=sheet.sheet))
        if outcome.errors:
            outcome.outcome = REFUSED
            return outcome
    if cancelled and cancelled():
        outcome.outcome = CANCELLED
        return outcome
    if not dry_run:
        backup_before(db, "领导批示和会议议定事项")
    record = BatchRecord(BATCH_DOCUMENT, outcome.path, incoming.digest, rows=outcome.rows,
                         summary=_summary(outcome.items), name=outcome.name)

    def apply(session: Session, actor: Actor, batch_id: int) -> bool:
        _write(session, actor, outcome.items, outcome, unit_choices, file=outcome.name)
        _name_batch(session, batch_id, outcome.items)
        return True

    write_file(db, outcome, record, apply, dry_run=dry_run)
    for item in outcome.items:
        item.outcome = outcome.outcome
        item.batch_id = outcome.batch_id
        if outcome.outcome != IMPORTED:
            item.plan_id = None
    return outcome


def _specs(sheet, outcome: ItemsFile) -> list[_Spec]:
    """The sheet's rows as items: each 批示 row one item, the rows of one meeting (same meeting and
    day) one item with a decision per row. Problems of a row that cannot be placed go to ``outcome``."""
    specs: list[_Spec] = []
    meetings: dict[tuple[str, object], _Spec] = {}
    for row in sheet.rows:
        place = _Place(outcome.name, sheet.sheet, row.row, row.columns)
        kind = kind_of(row.kind)
        if kind is None:
            outcome.errors.append(place.problem(
                f"类型“{row.kind}”无法识别。请填写“领导批示”或“会议议定事项”（也可简写为“批示”“会议”）。" if row.kind else
                "没有填写类型。请填写“领导批示”或“会议议定事项”。", "kind"))
            continue
        if not row.source:
            outcome.errors.append(place.problem(
                "没有填写批示领导，请填写如“张区长”。" if kind == KIND_INSTRUCTION else
                "没有填写会议名称，请填写如“区政府第12次常务会议”。", "source"))
            continue
        # A cell's own roles win over its column's (区财政局（牵头） written under 配合单位).
        named = [*row.lead, *row.support]
        decision = Decision(text=row.text, lead=[m.name for m in named if m.role == LEAD],
                            support=[m.name for m in named if m.role != LEAD], deadline=row.deadline,
                            leader=row.leader or (row.source if kind == KIND_INSTRUCTION else ""),
                            subject=row.subject or None)
        if kind == KIND_INSTRUCTION:
            specs.append(_Spec(kind, row.source, row.on, [decision], item_class=row.item_class,
                               doc_no=row.doc_no or None, places=[place]))
            continue
        if row.item_class:
            outcome.warnings.append(place.problem(
                f"会议议定事项不分批示类别，“{row.item_class}”未使用。", "item_class", warning=True))
        key = (fold(row.source), row.on)
        spec = meetings.get(key)
        if spec is None:
            spec = meetings[key] = _Spec(kind, row.source, row.on, [], doc_no=row.doc_no or None)
            specs.append(spec)
        elif row.doc_no and spec.doc_no and fold(row.doc_no) != fold(spec.doc_no):
            outcome.errors.append(place.problem(
                f"同一次会议（{row.source}）的各行文号不一致：第{spec.places[0].row}行是“{spec.doc_no}”，"
                f"这一行是“{row.doc_no}”。请统一后重新导入。", "doc_no"))
        elif row.doc_no and not spec.doc_no:
            spec.doc_no = row.doc_no
        spec.decisions.append(decision)
        spec.places.append(place)
    return specs


# -- checking and writing ------------------------------------------------------------------------

def _day_words(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _check_all(session: Session, specs: list[_Spec], items: list[ItemOutcome], report: Any,
               unit_choices: dict[str, UnknownUnitChoice], create_departments: bool) -> None:
    """Every reason to refuse, located (no writes); ``items`` get their facts as they would be
    saved (a generated 文号 as it stands now). ``report`` collects the problems (an item, or the
    sheet's file outcome)."""
    index = DirectoryIndex(session)
    given = [clean(s.doc_no) for s in specs if clean(s.doc_no)]
    numbers = _Numbers(session, reserved=given)
    taken: dict[str, _Place] = {}
    seen: dict[tuple, _Place] = {}
    for spec, item in zip(specs, items, strict=True):
        _check(session, spec, item, index, numbers, taken, seen, report, unit_choices, create_departments)


def _check(session: Session, spec: _Spec, item: ItemOutcome, index: DirectoryIndex, numbers: _Numbers,
           taken: dict[str, _Place], seen: dict[tuple, _Place], report: Any,
           unit_choices: dict[str, UnknownUnitChoice], create_departments: bool) -> None:
    head = spec.place()
    kind = spec.kind
    instruction = kind == KIND_INSTRUCTION

    def error(place: _Place, message: str, key: str | None = None) -> None:
        report.errors.append(place.problem(message, key))

    def warn(place: _Place, message: str, key: str | None = None) -> None:
        report.warnings.append(place.problem(message, key, warning=True))

    source = clean(spec.source)
    item.issuer = source
    if not source:
        error(head, "请填写批示领导，如“张区长”。" if instruction else "请填写会议名称，如“区政府第12次常务会议”。", "source")
    elif len(source) > 120:
        error(head, f"{_WHO[kind]}“{source[:30]}…”太长（最多120个字），请核对。", "source")
    on = spec.on
    if isinstance(on, str):
        from ..excel.items_sheet import read_day

        on = read_day(on)  # 2023-05-06, 2023年5月6日 …; what it cannot read stays text, refused below
    if isinstance(on, datetime):
        on = on.date()
    if on is None:
        error(head, ("请填写批示日期" if instruction else "请填写会议日期") + "，如 2023-05-06 或 2023年5月6日。", "on")
    elif not isinstance(on, date):
        error(head, f"日期“{on}”无法识别。请写成 2023-05-06 或 2023年5月6日 这样的形式。", "on")
        on = None
    item.issued_on = on
    if instruction:
        item_class = class_of(spec.item_class)
        if item_class is None:
            error(head, f"批示类别“{clean(spec.item_class)}”无法识别。请填写：{'、'.join(INSTRUCTION_CLASSES)}。",
                  "item_class")
            item_class = CLASS_FOR_ACTION
        item.item_class = item_class or CLASS_FOR_ACTION
    doc_no = clean(spec.doc_no)
    known = None
    if doc_no:
        item.doc_no = doc_no
        known = session.scalar(select(Plan).where(Plan.doc_no == doc_no))
        if len(doc_no) > 64:
            error(head, f"文号“{doc_no[:40]}…”太长，请核对。", "doc_no")
        elif known is not None:
            error(head, f"文号“{doc_no}”已经登记（《{known.title}》）。一个文号只能登记一次：请核对文号，"
                        "或不填文号，由程序按年度编号。", "doc_no")
        elif doc_no in taken:
            error(head, f"文号“{doc_no}”在本表中用了两次（第{taken[doc_no].row}行也是这个文号）。"
                        "请核对后重新导入。", "doc_no")
        taken.setdefault(doc_no, head)
    elif on is not None:
        item.doc_no = numbers.next(kind, on.year)
        item.numbered = True
    if not spec.decisions:
        error(head, "请至少填写一项议定事项。", "text")
    for i, decision in enumerate(spec.decisions):
        item.tasks.append(_check_task(i + 1, decision, spec.place(i), item, index, report, unit_choices,
                                      create_departments, error, warn))
    if instruction:
        first = item.tasks[0] if item.tasks else None
        item.title = instruction_title(source, clean(spec.decisions[0].subject) or (first.title if first else ""))
    else:
        item.title = decisions_title(source)
    # The same 批示 (or meeting) entered twice: once in the database, or twice in this batch.
    if source and on is not None and item.tasks and known is None:
        key = (kind, fold(source), on, fold(item.tasks[0].text) if instruction else "")
        what = "这条批示" if instruction else f"{source}（{_day_words(on)}）的议定事项"
        earlier = _registered(session, kind, source, on, item.tasks[0].text if instruction else None)
        if earlier is not None:
            error(head, f"{what}已经登记（{earlier.doc_no}《{earlier.title}》），不能重复登记。"
                        + ("" if instruction else "如有遗漏的议定事项，请在“导入记录”中撤销那次登记，连同遗漏的一并重新登记。"),
                  "source")
        elif key in seen:
            error(head, f"{what}在本表中出现了两次（第{seen[key].row}行）。请删去重复的一行。", "text")
        seen.setdefault(key, head)


def _registered(session: Session, kind: str, source: str, on: date, text: str | None) -> Plan | None:
    """A plan of this kind already registered from the same leader or meeting on the same day
    (and, for a 批示, with the same text)."""
    for plan in session.scalars(select(Plan).where(Plan.kind == kind, Plan.issued_on == on)):
        if fold(plan.issuer) != fold(source):
            continue
        if text is None or any(fold(t.text) == fold(text) for t in plan.tasks):
            return plan
    return None


def _check_task(no: int, decision: Decision, place: _Place, item: ItemOutcome, index: DirectoryIndex, report: Any,
                unit_choices: dict[str, UnknownUnitChoice], create_departments: bool,
                error: Callable[..., None], warn: Callable[..., None]) -> ItemTask:
    instruction = item.kind == KIND_INSTRUCTION
    label = "" if instruction else f"第{no}项议定事项："
    text = clean(decision.text)
    if not text:
        error(place, label + ("请填写批示内容。" if instruction else "请填写议定事项的内容。"), "text")
    units = _units(decision, index)
    deadline = parse_deadline(decision.deadline)
    reading = instruction and item.item_class == CLASS_FOR_READING
    leads = [u for u in units if u.role == LEAD]
    if reading:
        if units:
            error(place, "参阅性批示只供阅知，不分解给单位，也不需要报送。请清空牵头单位和配合单位，"
                         "或把批示类别改为“批办性”或“指导性”。", "lead")
        if not deadline.is_blank:
            error(place, "参阅性批示只供阅知，不填完成时限。请清空完成时限，或把批示类别改为“批办性”或“指导性”。",
                  "deadline")
    elif units and not leads:
        error(place, label + "只有配合单位，没有牵头单位。请填写牵头单位。", "lead")
    elif not units and (not instruction or item.item_class == CLASS_FOR_ACTION):
        error(place, label + ("批办性批示要交办给单位落实，请填写牵头单位（或把批示类别改为“参阅性”）。" if instruction
                              else "请填写牵头单位。"), "lead")
    elif not units:
        warn(place, "这条指导性批示没有填写责任单位：只登记，不分解给单位，也不需要报送。", "lead")
    for unit in units:
        if (index.resolve(unit.name) is None and unit_choices.get(unit.name) is None and not create_departments):
            if unit.name not in report.unknown_units:
                report.unknown_units[unit.name] = index.suggestions(unit.name)
            error(place, label + index.unknown_message(unit.name), "lead" if unit.role == LEAD else "support")
    if not deadline.is_blank and deadline.kind == "未识别":
        warn(place, f"{label}完成时限“{deadline.text}”无法识别，已原样保存并标为“未识别”。{describe(deadline)}",
             "deadline")
    title = clean(decision.subject) or short_title(text)
    return ItemTask(no=no, title=title[:200], text=text, units=units, leader=normalize_leader(decision.leader),
                    deadline=deadline,
                    deadline_value=decision.deadline)


def _units(decision: Decision, index: DirectoryIndex) -> list[UnitMention]:
    """The units of a decision, lead ones first, each once (lead when named both ways); a cell
    with several names (区发改委、区财政局) is split as a 分工表's is."""
    brackets = index.bracket_names()
    given: list[UnitMention] = []
    for values, role in ((decision.lead, LEAD), (decision.support, SUPPORT)):
        for cell in [values] if isinstance(values, str) else list(values or ()):
            given += [UnitMention(m.name, m.role or role) for m in split_units(cell, brackets)]
    lead: dict[str, UnitMention] = {}
    support: dict[str, UnitMention] = {}
    for m in given:
        key = fold(m.name)
        if m.role == LEAD:
            support.pop(key, None)
            lead.setdefault(key, UnitMention(m.name, LEAD))
        elif key not in lead:
            support.setdefault(key, UnitMention(m.name, SUPPORT))
    return [*lead.values(), *support.values()]


def _write(session: Session, actor: Actor, items: list[ItemOutcome], report: Any,
           unit_choices: dict[str, UnknownUnitChoice], *, file: str | None) -> None:
    """The plans, their tasks and assignments. A generated 文号 is given out here, in the writing
    transaction, so two clerks adding at once do not both take the same one unseen."""
    index = DirectoryIndex(session)
    numbers = _Numbers(session, reserved=[i.doc_no for i in items if not i.numbered and i.doc_no])
    for item in items:
        if item.numbered:
            item.doc_no = numbers.next(item.kind, item.issued_on.year)
        plan = Plan(doc_no=item.doc_no, title=item.title[:300], issuer=item.issuer, issued_on=item.issued_on,
                    status=PLAN_ACTIVE, is_builtin=False, kind=item.kind, item_class=item.item_class, body="")
        session.add(plan)
        session.flush()
        audit.log_created(session, actor, plan)
        item.assignments = 0
        for t in item.tasks:
            task = Task(plan_id=plan.id, section_id=None, no=t.no, title=t.title, text=t.text, leader=t.leader)
            session.add(task)
            session.flush()
            audit.log_created(session, actor, task)
            placed: set[int] = set()
            for unit in t.units:
                dep = _department(session, actor, index, unit.name, unit_choices, report, file)
                if dep.id in placed:  # two names of one unit (发改委 and 区发展改革委)
                    continue
                placed.add(dep.id)
                create_assignment(session, actor, task, dep, unit.role, t.text, t.deadline_value,
                                  position=len(placed) - 1)
                item.assignments += 1
        item.plan_id = plan.id
    sync_shares(session, actor)  # work given to 各乡镇（街道） is shared by its members


def _department(session: Session, actor: Actor, index: DirectoryIndex, name: str,
                unit_choices: dict[str, UnknownUnitChoice], report: Any, file: str | None) -> Department:
    dep = index.resolve(name)
    if dep is not None:
        return dep
    dep, what = apply_unit_choice(session, actor, name, unit_choices.get(name, CREATE), index)
    if what == CREATED and name not in report.created_units:
        report.created_units.append(name)
        report.warnings.append(Problem(f"新建单位“{dep.name}”（类别：{dep.category}），请在“单位”中补充联系人。",
                                       file=file, severity="warning"))
    elif what == ALIAS:
        report.warnings.append(Problem(f"“{name}”已记为“{dep.name}”的简称，以后会自动识别。", file=file,
                                       severity="warning"))
    return dep


def _summary(items: list[ItemOutcome]) -> str:
    return "；".join(f"{i.doc_no or ''}《{i.title}》" for i in items)[:2000]


def _digest(specs: list[_Spec]) -> str:
    data = [{"kind": s.kind, "source": s.source, "on": str(s.on), "class": s.item_class, "no": s.doc_no,
             "decisions": [{"text": d.text, "lead": list(d.lead) if not isinstance(d.lead, str) else d.lead,
                            "support": list(d.support) if not isinstance(d.support, str) else d.support,
                            "deadline": str(d.deadline), "leader": d.leader} for d in s.decisions]}
            for s in specs]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
