"""Checking one progress return (docs/excel.md#returns) without writing anything.

:func:`check_file` is a pipeline of named steps, each adding its located problems to the file's
outcome: read the sheet, the document it belongs to, the unit that sent it, the period it
reports on, its rows (each matched to one of the unit's assignments), and last whether it is a
template sent back without being filled in. Everything a batch needs from the database is
loaded once by :func:`load_plan`; no step queries the database.

A return is taken as it arrived (an :class:`~greentasks.inbox.items.Received`): a loose file, a
zip member or a mail attachment. Besides the sheet, the unit and the period may come from its
hints (the file's stem, the zip's stem, the mail's subject) and the unit from the sender's
address; the mail's date stands in for a missing 填报日期.

A return knows its document (docs/documents.md#return-document): a batch for no document in particular
(:func:`load_plans` without a 文号) takes each file's from the template's hidden 文号, else from a
文号 or title in its header, else from its tasks (the one active document in which the unit has
work on every task the rows name); with a single active document that is always the one.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ..domain.deadlines import parse_deadline
from ..domain.extensions import (
    APPROVED,
    ExtensionError,
    ExtensionFacts,
    effective_due,
    extension_text,
    in_force,
    new_date_problem,
    not_extendable,
)
from ..domain.extensions import parse_new_date as parse_extension_date
from ..domain.periods import Period
from ..domain.rules import COLLECTIVE
from ..domain.statuses import ACCEPTED_STATUS_TEXT, normalize_status
from ..domain.text import clean, fold
from ..errors import Problem
from ..inbox.items import Received
from ..models import Assignment, DeadlineExtension, Department, Plan, ProgressEntry, Task
from ..models.audit import BATCH_RETURNS
from ..models.plan import PLAN_REPEALED
from .directory import DirectoryIndex
from .importing import Incoming, imported_digests, open_import, plan_of
from .outcomes import FileOutcome
from .progress import EntryData

# 具体工作 similarity needed to pick one of a unit's several assignments on a task, and the margin
# by which the best must beat the second best.
MATCH_MIN = 0.45
MATCH_MARGIN = 0.12


@dataclass
class AssignmentInfo:
    id: int
    task_no: int
    department_id: int
    department: str
    measure: str
    role: str
    status: str
    latest: tuple[str, str, str] = ("", "", "")  # the newest entry's 进展情况, 存在问题, 下步计划
    deadline_text: str = ""
    deadline_kind: str = ""
    deadline_due: date | None = None
    shared_with: str = ""  # a member's share of a collective's work: the collective (各乡镇（街道）)

    @property
    def measure_text(self) -> str:
        """The 具体工作 as the unit's template shows it (excel.templates.TemplateRow.measure_text)."""
        return f"{self.measure}（{self.shared_with}共同任务）" if self.shared_with else self.measure


@dataclass
class LoadedPlan:
    """Everything a batch of returns needs from the database, loaded once."""

    doc_no: str
    task_nos: set[int]
    by_unit_task: dict[tuple[int, int], list[AssignmentInfo]]
    by_id: dict[int, AssignmentInfo]
    index: DirectoryIndex
    imported_hashes: set[str]  # live batches' files: a file among them is a duplicate
    departments: dict[int, Department]
    # 延期: each assignment's recorded extensions, and the plan's 成文日期, for the rules a
    # 申请延期至 column is checked against.
    extensions: dict[int, list[ExtensionFacts]] = field(default_factory=dict)
    issued_on: date | None = None
    plan_id: int = 0
    title: str = ""
    is_default: bool = True  # the built-in plan (a return for another one names its document)
    repealed: bool = False  # 废止: takes no return (services.plan_register)


@dataclass(frozen=True)
class RegisteredPlan:
    """A document of the register as a return may name it."""

    id: int
    doc_no: str
    title: str
    status: str
    repealed_by: str | None
    repealed_on: date | None
    has_tasks: bool

    @property
    def label(self) -> str:
        return f"{self.doc_no}《{self.title}》"


@dataclass
class LoadedPlans:
    """The documents a batch of returns may go to, each loaded once a batch.

    ``given``: the caller named the document (``plans`` holds it alone; a template of another
    document is refused). Otherwise ``plans`` holds the built-in plan (first) and every other
    active document with tasks, and each file's document is found (:func:`check_file`)."""

    given: bool
    plans: list[LoadedPlan]
    register: list[RegisteredPlan]
    former: dict[str, int] = field(default_factory=dict)  # a former 文号 (doc_key) -> the document's id

    @property
    def imported_hashes(self) -> set[str]:
        return self.plans[0].imported_hashes  # one set, shared by every plan of the batch

    @property
    def fallback(self) -> LoadedPlan:
        """The document of a file that names none and fits none: the given one, or the built-in plan."""
        return self.plans[0]

    def by_id(self, plan_id: int) -> LoadedPlan | None:
        return next((p for p in self.plans if p.plan_id == plan_id), None)

    def registered(self, plan_id: int) -> RegisteredPlan | None:
        return next((r for r in self.register if r.id == plan_id), None)

    def named(self, doc_no: str) -> RegisteredPlan | None:
        """The registered document a 文号 names (as a clerk writes it, or a former 文号)."""
        key = doc_key(doc_no)
        found = next((r for r in self.register if doc_key(r.doc_no) == key), None)
        if found is None and key in self.former:
            found = self.registered(self.former[key])
        return found


@dataclass
class CheckedReturn:
    """A return that passed every check: what it reports, ready to be written."""

    outcome: FileOutcome
    digest: str
    department_id: int
    period: Period
    entries: list[tuple[int, EntryData, int]] = field(default_factory=list)  # (assignment id, data, row)
    mtime: float = 0.0
    reported_on: date | None = None
    reporter: str = ""
    phone: str = ""
    # The return gave no 填报日期 (or none that could be read): ``reported_on`` is the date of the
    # mail it came in, for the preview to say so.
    reported_on_from_mail: bool = False
    # 申请延期至 on the return's rows: requests to record (services.returns_import writes them).
    extension_asks: list[ExtensionAsk] = field(default_factory=list)
    plan: LoadedPlan | None = None  # the document the return was checked against


@dataclass
class ExtensionAsk:
    """One row's 申请延期至: the request a return makes (recorded as 申请中, never approved)."""

    assignment_id: int
    to: date
    reason: str
    reference: str
    row: int
    column: str | None
    sheet: str | None = None


def load_plan(session: Session, plan: str | Plan | None = None, *, index: DirectoryIndex | None = None,
              imported: set[str] | None = None) -> LoadedPlan:
    """The plan's assignments (with their latest report), the directory and the files already
    imported (``plan``: a 文号, None for the built-in plan). ``index`` and ``imported``, when
    given, are shared with the batch's other plans."""
    found = plan if isinstance(plan, Plan) else plan_of(session, plan)
    return _load_many(session, [found], index=index, imported=imported)[0]


def _load_many(session: Session, plans: list[Plan], *, index: DirectoryIndex | None = None,
               imported: set[str] | None = None) -> list[LoadedPlan]:
    """:func:`load_plan` of several plans in three queries, whatever their number (a district
    office follows twenty documents: a batch of returns would otherwise cost sixty statements,
    each a round trip to a server)."""
    from .bootstrap import builtin_plan_no

    ids = [p.id for p in plans]
    index = index if index is not None else DirectoryIndex(session)
    imported = imported if imported is not None else imported_digests(session, BATCH_RETURNS)
    parent, collective = aliased(Assignment), aliased(Department)
    rows = session.execute(
        select(Assignment.id, Task.no, Assignment.department_id, Department.name, Assignment.measure,
               Assignment.role, Assignment.status, ProgressEntry.progress, ProgressEntry.problems,
               ProgressEntry.next_steps, Assignment.deadline_text, Assignment.deadline_kind, Assignment.deadline_due,
               collective.name, Task.plan_id)
        .join(Task, Task.id == Assignment.task_id)
        .join(Department, Department.id == Assignment.department_id)
        .outerjoin(ProgressEntry, ProgressEntry.id == Assignment.latest_entry_id)
        .outerjoin(parent, parent.id == Assignment.parent_id)
        .outerjoin(collective, collective.id == parent.department_id)
        .where(Task.plan_id.in_(ids))
    ).all()
    by_unit_task: dict[int, dict[tuple[int, int], list[AssignmentInfo]]] = {i: {} for i in ids}
    by_id: dict[int, dict[int, AssignmentInfo]] = {i: {} for i in ids}
    of_plan: dict[int, int] = {}
    for r in rows:
        info = AssignmentInfo(*r[:7], latest=(r[7] or "", r[8] or "", r[9] or ""), deadline_text=r[10] or "",
                              deadline_kind=r[11] or "", deadline_due=r[12], shared_with=r[13] or "")
        by_unit_task[r[14]].setdefault((info.department_id, info.task_no), []).append(info)
        by_id[r[14]][info.id] = info
        of_plan[info.id] = r[14]
    task_nos: dict[int, set[int]] = {i: set() for i in ids}
    for plan_id, no in session.execute(select(Task.plan_id, Task.no).where(Task.plan_id.in_(ids))):
        task_nos[plan_id].add(no)
    extensions: dict[int, dict[int, list[ExtensionFacts]]] = {i: {} for i in ids}
    for e in session.execute(
            select(DeadlineExtension.assignment_id, DeadlineExtension.id, DeadlineExtension.state,
                   DeadlineExtension.requested_to, DeadlineExtension.decided_on)
            .join(Assignment, Assignment.id == DeadlineExtension.assignment_id)
            .join(Task, Task.id == Assignment.task_id).where(Task.plan_id.in_(ids))):
        extensions[of_plan[e[0]]].setdefault(e[0], []).append(ExtensionFacts(*e[1:]))
    units = {d.id: d for d in index.by_key.values()}
    default = builtin_plan_no()
    return [LoadedPlan(p.doc_no, task_nos[p.id], by_unit_task[p.id], by_id[p.id], index, imported, units,
                       extensions[p.id], p.issued_on, plan_id=p.id, title=p.title, is_default=p.doc_no == default,
                       repealed=p.status == PLAN_REPEALED)
            for p in plans]


def load_plans(session: Session, plan: str | None = None) -> LoadedPlans:
    """The documents of a batch of returns: the one named (``plan``, a 文号; a repealed one is
    refused, PlanRepealed), else the built-in plan and every other active document with tasks
    (each file's document is then found from the file itself)."""
    from .plan_register import former_doc_nos, refuse_if_repealed
    from .queries import builtin_plan

    index = DirectoryIndex(session)
    imported = imported_digests(session, BATCH_RETURNS)
    with_tasks = set(session.scalars(select(Task.plan_id).distinct()))
    documents = session.scalars(select(Plan).order_by(Plan.issued_on, Plan.id)).all()
    register = [RegisteredPlan(p.id, p.doc_no, p.title, p.status, p.repealed_by, p.repealed_on, p.id in with_tasks)
                for p in documents]
    former = {doc_key(k): v for k, v in former_doc_nos(session).items()}
    if plan is not None:
        found = plan_of(session, plan)
        refuse_if_repealed(found, "不再接收报送")
        return LoadedPlans(True, [load_plan(session, found, index=index, imported=imported)], register, former)
    default = builtin_plan(session)
    others = [p for p in documents if p.id != default.id and p.status != PLAN_REPEALED and p.id in with_tasks]
    loaded = _load_many(session, [default, *others], index=index, imported=imported)
    return LoadedPlans(False, loaded, register, former)


def doc_key(text: str) -> str:
    """A 文号 as compared: folded, any bracket a clerk types around the year (［2023］, [2023],
    【2023】, (2023)) read as 〔2023〕."""
    return fold(text).translate(_BRACKETS)


_BRACKETS = str.maketrans({"[": "〔", "【": "〔", "(": "〔", "]": "〕", "】": "〕", ")": "〕"})


def check_file(item: Received | Path, plans: LoadedPlan | LoadedPlans, *, period_option: Period | None,
               department_option: str | None) -> CheckedReturn | FileOutcome:
    """Read and validate one file (a loose file, a zip member, a mail attachment) without writing
    anything: the checked return, or the outcome that refuses it (every problem located).
    ``plans``: the one document the file must belong to, or a batch's documents to find its own
    among (:func:`load_plans`)."""
    outcome, incoming = open_import(item)
    sheet = _read_sheet(incoming, outcome) if incoming is not None else None
    if incoming is None or sheet is None:
        return outcome
    received = _received(incoming, outcome)
    if isinstance(plans, LoadedPlan):
        plan: LoadedPlan | None = plans
    else:
        plan = _document(sheet, incoming, received, plans, department_option, outcome)
    if plan is None or not _same_document(sheet, plan, outcome, plans):
        return outcome
    outcome.plan = plan.doc_no
    if not plan.is_default:
        outcome.plan_words = plan.doc_no
    unit = _unit(sheet, received, plan, department_option, outcome)
    period = _period(sheet, received, period_option, outcome) if unit is not None else None
    if unit is None or period is None:
        return outcome
    checked = _rows(sheet, incoming, received, unit, period, plan, outcome)
    checked.plan = plan
    _unfilled_template(sheet, checked, plan)
    return _finished(sheet, checked)


# -- the steps, in order ------------------------------------------------------------------------

def _read_sheet(incoming: Incoming, outcome: FileOutcome):
    """The return sheet in the file (excel.return_sheet.ReturnSheet), with its reading problems."""
    from ..excel.return_sheet import read_return

    sheet, problems = read_return(incoming.book, outcome.name)
    if sheet is None:
        outcome.errors += problems
        return None
    outcome.errors += sheet.problems
    outcome.warnings += sheet.warnings
    return sheet


def _document(sheet, incoming: Incoming, received: Received, plans: LoadedPlans, department_option: str | None,
              outcome: FileOutcome) -> LoadedPlan | None:
    """The document of a file (None: refused, saying why): the one given; else the template's
    hidden 文号; else the document its header names (a cell holding a 文号 or a title); else
    the active document in which its unit has work on every task its rows name. A repealed one
    refuses the file; several that fit refuse it, naming them; none is the built-in plan (whose
    checks then say what is wrong)."""
    if plans.given:
        return plans.plans[0]
    meta_no = sheet.meta.get("doc_no") if sheet.meta else None
    if meta_no:
        named = plans.named(meta_no)
        if named is None:
            return plans.fallback  # not registered: refused as a template of another document
        if named.status == PLAN_REPEALED:
            return _repealed(named, outcome, "_meta")
        return plans.by_id(named.id) or plans.fallback
    in_header = _named_in_header(sheet, incoming, plans)
    if len(in_header) == 1 and in_header[0].status == PLAN_REPEALED:
        return _repealed(in_header[0], outcome, sheet.sheet)
    active = [p for p in plans.plans if not p.repealed]
    named = [p for r in in_header if (p := plans.by_id(r.id)) is not None and not p.repealed]
    if len(named) == 1:
        return named[0]
    candidates = named or active
    if len(candidates) <= 1:
        return candidates[0] if candidates else _fallback(plans, outcome, sheet)
    # By its tasks: the unit as _unit will find it (its messages are _unit's to give, later).
    unit = _unit(sheet, received, plans.fallback, department_option, FileOutcome(path=outcome.path))
    fitting = [p for p in candidates if _fits(sheet, unit, p)] if unit is not None else []
    if len(fitting) == 1:
        return fitting[0]
    if not fitting:
        return _fallback(plans, outcome, sheet)
    names = [f"{p.doc_no}《{p.title}》" for p in fitting]
    which = "、".join(names[:-1]) + "或" + names[-1]
    outcome.errors.append(Problem(
        f"这份进展情况表可能属于{which}，无法判断。请在表头写明文件文号（如“文件：{fitting[-1].doc_no}”），"
        "或导入时指定文件（命令行：--plan 文号）。", file=outcome.name, sheet=sheet.sheet))
    return None


def _fallback(plans: LoadedPlans, outcome: FileOutcome, sheet) -> LoadedPlan | None:
    """The built-in plan, for a file that names no document and fits none (refused when it was
    repealed)."""
    plan = plans.fallback
    if plan.repealed:
        registered = plans.registered(plan.plan_id)
        if registered is not None:
            return _repealed(registered, outcome, sheet.sheet)
    return plan


def _repealed(named: RegisteredPlan, outcome: FileOutcome, sheet: str | None) -> None:
    from .plan_register import repeal_words

    outcome.plan = named.doc_no
    outcome.plan_words = named.doc_no
    outcome.errors.append(Problem(
        f"这份进展情况表属于{named.label}。{repeal_words(named.doc_no, named.repealed_by, named.repealed_on)}，"
        "不再接收报送。如该文件仍要跟踪，请先在文件登记中恢复它。", file=outcome.name, sheet=sheet))
    return None


# The rows above a free-form return's table where its title and 文号 are written.
_HEADER_ROWS = 15


def _named_in_header(sheet, incoming: Incoming, plans: LoadedPlans) -> list[RegisteredPlan]:
    """The documents with tasks whose 文号 or title a cell above the table holds (a 文号 inside
    a longer one, or a title inside a longer title, is the longer one's)."""
    grid = incoming.book.sheet(sheet.sheet)
    if grid is None:
        return []
    last = min(_HEADER_ROWS, (sheet.rows[0].row - 1) if sheet.rows else _HEADER_ROWS)
    texts = [doc_key(v) for r in range(min(last, grid.n_rows)) for v in grid.rows[r] if isinstance(v, str) and v.strip()]
    if not texts:
        return []
    found: list[tuple[str, RegisteredPlan]] = []
    for reg in plans.register:
        if not reg.has_tasks:
            continue
        keys = [doc_key(reg.doc_no), *(doc_key(t) for t in _title_forms(reg.title))]
        hit = next((k for k in keys if len(k) >= 4 and any(k in t for t in texts)), None)
        if hit is not None:
            found.append((hit, reg))
    return [reg for key, reg in found if not any(key != other and key in other for other, _r in found)]


def _title_forms(title: str) -> list[str]:
    """A title as a return may quote it: whole, and the document a 印发 notice carries
    (关于印发《南川区…实施方案》的通知 → 南川区…实施方案)."""
    forms = [title]
    if "《" in title and "》" in title:
        inner = title[title.index("《") + 1:title.rindex("》")]
        if len(inner) >= 6:
            forms.append(inner)
    return forms


def _fits(sheet, unit: Department, plan: LoadedPlan) -> bool:
    """Whether the unit has work in ``plan`` on every row of the sheet (by its hidden id, else by
    its task number); a sheet without such rows fits no document."""
    seen = False
    for row in sheet.rows:
        if row.assignment_id is not None:
            info = plan.by_id.get(row.assignment_id)
            if info is None or info.department_id != unit.id:
                return False
        elif row.task_no is not None:
            if (unit.id, row.task_no) not in plan.by_unit_task:
                return False
        else:
            continue
        seen = True
    return seen


def _same_document(sheet, plan: LoadedPlan, outcome: FileOutcome, plans: LoadedPlan | LoadedPlans | None = None) -> bool:
    """A template exported for another document's tasks is refused (a template naming the
    document's former 文号 is its own)."""
    doc_no = sheet.meta.get("doc_no") if sheet.meta else None
    if doc_no and isinstance(plans, LoadedPlans):
        named = plans.named(doc_no)
        if named is not None and named.id == plan.plan_id:
            return True
    if doc_no and doc_no != plan.doc_no:
        outcome.errors.append(Problem(
            f"这份模板属于文件 {doc_no}，不是 {plan.doc_no} 的进展情况表。请确认报送的文件。",
            file=outcome.name, sheet="_meta"))
        return False
    return True


def _unit(sheet, received: Received, plan: LoadedPlan, department_option: str | None,
          outcome: FileOutcome) -> Department | None:
    """The unit: _meta, else the 填报单位 cell, else a unit named in the file's name (the
    member's, then the zip's), else the sender's address, else a unit named in the mail's
    subject, else the option. A unit's template whose 填报单位 names another unit is refused; a
    unit found in the file that is not the one the sender's address belongs to is a warning.

    The subject comes after the sender: a reply's subject often quotes the office's own notice
    (回复：区政府办公室关于报送…的通知), while an address is one the office put in the 单位通讯录."""
    from ..excel.reader import column_letter

    index, file = plan.index, outcome.name
    dep: Department | None = None
    found_in = "表中的填报单位"
    if sheet.meta.get("department_id", "").isdigit():
        dep = plan.departments.get(int(sheet.meta["department_id"]))
    if dep is None and sheet.meta.get("department"):
        dep = index.resolve(sheet.meta["department"])
    written = sheet.block.get("department")
    if dep is not None and written:
        shown = _resolve_unit(clean(written), index)
        if shown is not None and shown.id != dep.id:
            outcome.errors.append(Problem(
                f"填报单位不一致：这是下发给“{dep.name}”的模板，表中的填报单位却是“{shown.name}”。"
                "请用本单位的模板重新填写后报送。", file=file, sheet=sheet.sheet))
            return None
    if dep is None and written:
        name = clean(written)
        dep = _resolve_unit(name, index)
        if dep is None:
            outcome.unknown_units[name] = index.suggestions(name)
            at = sheet.block_cells.get("department")
            outcome.errors.append(Problem(
                f"填报单位：{index.unknown_message(name)}", file=file, sheet=sheet.sheet,
                row=at[0] + 1 if at else None, column=column_letter(at[1]) if at else None))
            return None
    mail = received.mail
    subject = mail.subject if mail is not None else None
    if dep is None:
        found_in = "文件名中的单位"
        dep = next((d for hint in received.hints if hint != subject
                    if (d := _unit_from_filename(hint, index)) is not None), None)
    sender = index.by_email(mail.sender_address) if mail is not None and mail.sender_address else None
    if dep is None and sender is not None:
        dep, found_in = sender, ""
    if dep is None and subject:
        dep, found_in = _unit_from_filename(subject, index), ""
    if dep is None and department_option:
        dep = index.resolve(department_option)
        if dep is None:
            outcome.errors.append(Problem(index.unknown_message(department_option), file=file))
            return None
    if dep is None:
        where = "文件名和邮件主题中" if mail is not None else "文件名中"
        outcome.errors.append(Problem(
            f"无法确定这份进展情况表是哪个单位报送的：表中没有“填报单位：…”，{where}也没有单位名称"
            + ("，发件人的邮箱也不是通讯录中哪个单位的" if mail is not None else "") + "。"
            "请在表头上方填写“填报单位：单位全称”，或把单位名称写进文件名，或导入时指定单位"
            "（命令行：--department 单位名称）。", file=file, sheet=sheet.sheet))
        return None
    if dep.category == COLLECTIVE:
        outcome.department = dep.name
        outcome.errors.append(Problem(
            f"“{dep.name}”是集合名称，它的工作由各成员单位分别报送，不能以“{dep.name}”的名义报送。"
            "请各成员单位用本单位的进展情况表（其中已列有这些工作）报送。", file=file, sheet=sheet.sheet))
        return None
    if sender is not None and found_in and sender.id != dep.id:
        # A unit may send for another (a colleague's mailbox): the file's word is taken, and said.
        outcome.warnings.append(Problem(
            f"这份报送由“{sender.name}”的邮箱发来，{found_in}却是“{dep.name}”，已按{found_in}导入；"
            "如不对，请核对。", file=file, sheet=sheet.sheet, severity="warning"))
    outcome.department = dep.name
    return dep


def _period(sheet, received: Received, period_option: Period | None, outcome: FileOutcome) -> Period | None:
    """The period: _meta, else the 报送期 cell, else the file's name (the member's, the zip's) or
    the mail's subject, the first of them that names one, else the option. A template whose
    hidden period disagrees with what the clerk sees (a unit filled last quarter's template again)
    is refused rather than filed under the wrong period."""
    from ..excel.return_sheet import period_from

    file = outcome.name
    meta_period = period_from(sheet.meta["period"]) if sheet.meta.get("period") else None
    cell_period = None
    for key in ("period", "period_hint"):
        if cell_period is None and sheet.block.get(key):
            cell_period = period_from(sheet.block[key])
    subject = received.mail.subject if received.mail is not None else None
    name_period, name_where = None, "文件名"
    for hint in received.hints:
        name_period = period_from(hint)
        if name_period is not None:
            name_where = "邮件主题" if hint == subject else "文件名"
            break
    seen = [(where, p) for where, p in (("模板中隐藏的报送期", meta_period), ("表中的“报送期”", cell_period),
                                         (name_where, name_period)) if p is not None]
    conflict = next(((a, b) for a in seen[:1] for b in seen[1:] if b[1] != a[1]), None)
    if conflict is not None:
        (where_a, a), (where_b, b) = conflict
        message = (f"报送期不一致：{where_a}是{a.label}，{where_b}却是{b.label}。"
                   "这份表格可能是用别的报送期的表格改的。请核对后改正（或用本期下发的模板重新填写），再重新导入。")
        if meta_period is not None:
            outcome.errors.append(Problem(message, file=file, sheet=sheet.sheet))
            return None
        outcome.warnings.append(Problem(message.replace("请核对后改正", f"已按{where_a}（{a.label}）导入；如不对，请改正")
                                        .replace("，再重新导入。", "后重新导入。"),
                                        file=file, sheet=sheet.sheet, severity="warning"))
    period = seen[0][1] if seen else period_option
    if period is None:
        where = "文件名和邮件主题中" if received.mail is not None else "文件名中"
        outcome.errors.append(Problem(
            f"无法确定这份进展情况表的报送期：表中没有“报送期：…”，{where}也没有（如 2023Q1、2023年第一季度）。"
            "请在表头上方填写“报送期：2023年第一季度”，或把报送期写进文件名，或导入时指定报送期"
            "（命令行：--period 2023Q1）。",
            file=file, sheet=sheet.sheet))
        return None
    outcome.period = period.code
    return period


def _rows(sheet, incoming: Incoming, received: Received, dep: Department, period: Period, plan: LoadedPlan,
          outcome: FileOutcome) -> CheckedReturn:
    """Each filled row as one report on one of the unit's assignments (a row whose status, task
    or 具体工作 cannot be made out, or that repeats another row's assignment, is an error)."""
    checked = _signed(sheet, incoming, received, dep, period, outcome)
    file = outcome.name
    if not sheet.has_status and sheet.rows:
        outcome.warnings.append(Problem(
            "表中没有“完成状态”列，各项分工沿用原来的完成状态。如状态有变化，请增加“完成状态”列后重新报送。",
            file=file, sheet=sheet.sheet, severity="warning"))
    seen: dict[int, int] = {}
    for row in sheet.rows:
        where = {"file": file, "sheet": sheet.sheet, "row": row.row}
        status = normalize_status(row.status)
        if status is None and row.status:
            outcome.errors.append(Problem(f"完成状态“{row.status}”无法识别。{ACCEPTED_STATUS_TEXT}",
                                          column=row.columns.get("status"), **where))
            continue
        info = _match_row(row, dep, plan, outcome, where)
        if info is None:
            continue
        if row.assignment_id is not None:
            _locked_cells(row, info, plan, outcome, where)
        if status is None:
            # Left empty: the status stays as it was (said once per file when there is no column).
            status = info.status
            hint = row.placeholders.get("status")
            if hint:
                outcome.warnings.append(Problem(
                    f"{row.labels.get('status', '完成状态')}“{hint[:30]}”是模板的提示文字，不是填写的内容，"
                    f"按未填写处理，沿用原来的状态“{status}”。如有变化，请填写后重新报送。",
                    column=row.columns.get("status"), severity="warning", **where))
            elif sheet.has_status:
                outcome.warnings.append(Problem(
                    f"完成状态未填写，沿用原来的状态“{status}”。如有变化，请填写后重新报送。",
                    column=row.columns.get("status"), severity="warning", **where))
        if info.id in seen:
            outcome.errors.append(Problem(
                f"这一行与第{seen[info.id]}行报送的是同一项分工（任务{info.task_no}：{info.measure[:30]}）。"
                "请合并成一行后重新报送。", column=row.columns.get("no"), **where))
            continue
        seen[info.id] = row.row
        checked.entries.append((info.id, EntryData(
            status=status, progress=row.progress, problems=row.problems, next_steps=row.next_steps,
            remarks=row.remarks, reporter=checked.reporter, phone=checked.phone,
            reported_on=checked.reported_on), row.row))
        if row.extension is not None:
            _extension_ask(row, info, plan, checked, where)
    return checked


# Words a unit writes in 存在问题 for "nothing": the reason is then taken from 备注.
_NO_PROBLEM = {"无", "暂无", "没有", "无问题", "/", "-", "—"}


def _extension_ask(row, info: AssignmentInfo, plan: LoadedPlan, checked: CheckedReturn, where: dict) -> None:
    """A row's 申请延期至 as a request to record; one that cannot be (unreadable, a deadline
    with nothing to extend, not later than the date in force) is a warning, and the row's report
    is imported all the same."""
    outcome = checked.outcome
    column = row.columns.get("extension")
    written = clean(row.extension)
    kept = "这一行的进展照常导入，未登记延期申请。"
    try:
        to = parse_extension_date(row.extension, "申请延期至")
    except ExtensionError:
        outcome.warnings.append(Problem(
            f"申请延期至“{written}”无法识别，{kept}请写成 2023年9月底前 或 2023-09-30 这样的日期。",
            column=column, severity="warning", **where))
        return
    problem = not_extendable(info.deadline_kind, info.deadline_text)
    if problem is None:
        current, extended = effective_due(info.deadline_due, plan.extensions.get(info.id, []))
        problem = new_date_problem(to, current_due=current, extended=extended, issued_on=plan.issued_on)
    if problem is not None:
        outcome.warnings.append(Problem(f"申请延期至“{written}”：{problem}{kept}", column=column,
                                        severity="warning", **where))
        return
    problems = row.problems if row.problems and fold(row.problems) not in _NO_PROBLEM else ""
    reason = problems or row.remarks
    reference = f"报送文件“{outcome.name}”（{checked.period.label}）"
    checked.extension_asks.append(ExtensionAsk(info.id, to, reason, reference, row.row, column, where.get("sheet")))


def _signed(sheet, incoming: Incoming, received: Received, dep: Department, period: Period,
            outcome: FileOutcome) -> CheckedReturn:
    """The return with who filled it in and when (填报人, 联系电话, 填报日期), still without rows.
    Without a 填报日期 the date of the mail it came in stands in (the day the unit sent it)."""
    from ..excel.reader import column_letter

    reporter = clean(sheet.block.get("reporter"))
    phone = clean(sheet.block.get("phone"))
    reported_on = _reported_on(sheet.block.get("reported_on"))
    sent = received.mail.sent if received.mail is not None else None
    from_mail = reported_on is None and sent is not None
    if from_mail:
        reported_on = sent.date()
    if sheet.block.get("reported_on") is not None and not _reported_on(sheet.block.get("reported_on")) \
            and clean(sheet.block.get("reported_on")):
        at = sheet.block_cells.get("reported_on")
        instead = f"按邮件日期（{sent.year}年{sent.month}月{sent.day}日）计" if from_mail else "已忽略"
        outcome.warnings.append(Problem(
            f"填报日期“{clean(sheet.block['reported_on'])}”无法识别，{instead}。请写成 2023年4月6日 或 2023-04-06。",
            file=outcome.name, sheet=sheet.sheet, row=at[0] + 1 if at else None,
            column=column_letter(at[1]) if at else None, severity="warning"))
    return CheckedReturn(outcome=outcome, digest=incoming.digest, department_id=dep.id, period=period,
                         mtime=incoming.mtime, reported_on=reported_on, reporter=reporter, phone=phone,
                         reported_on_from_mail=from_mail)


def _unfilled_template(sheet, checked: CheckedReturn, plan: LoadedPlan) -> None:
    """A template sent back exactly as it went out, unsigned, is refused; rows of a filled one
    left as last period's are imported and named, for the clerk to ask if in doubt."""
    outcome = checked.outcome
    if not (sheet.is_template and checked.entries and not outcome.errors):
        return
    # A date taken from the mail is not the unit signing the return.
    signed_on = checked.reported_on if not checked.reported_on_from_mail else None
    if (not (checked.reporter or checked.phone or signed_on) and not checked.extension_asks
            and all(_as_sent(plan.by_id[aid], data) for aid, data, _row in checked.entries)):
        outcome.errors.append(Problem(
            "这份进展情况表还没有填写：完成状态和进展与下发的模板完全相同，填报人、联系电话、填报日期也都是空的。"
            "请退回报送单位填写后重新报送；如本期确实没有变化，请至少填写填报人和填报日期后再导入。",
            file=outcome.name, sheet=sheet.sheet))
        return
    # Rows left exactly as sent (last period's status and texts) still count as this period's
    # report, as the unit returned them.
    unchanged = [row for aid, data, row in checked.entries if plan.by_id[aid].latest != ("", "", "")
                 and _as_sent(plan.by_id[aid], data)]
    if unchanged:
        rows = "、".join(str(r) for r in unchanged[:12]) + ("等" if len(unchanged) > 12 else "")
        outcome.warnings.append(Problem(
            f"第{rows}行（共{len(unchanged)}行）与上期报送的内容完全相同，已按本期报送导入（沿用上期）。"
            "如这些事项本期确有进展，请退回报送单位补充后重新导入。", file=outcome.name, sheet=sheet.sheet,
            severity="warning"))


def _finished(sheet, checked: CheckedReturn) -> CheckedReturn | FileOutcome:
    outcome = checked.outcome
    outcome.rows = len(checked.entries)
    # Reading and matching found their problems separately: list them in the sheet's order.
    outcome.errors.sort(key=lambda p: p.row or 0)
    outcome.warnings.sort(key=lambda p: p.row or 0)
    if not checked.entries and not outcome.errors and sheet.unfilled:
        # Rows with nothing but the template's hints (（本期进展）, 请填写…): as unfilled as a blank template.
        rows = "、".join(str(r) for r, _hint in sheet.unfilled[:12]) + ("等" if len(sheet.unfilled) > 12 else "")
        outcome.errors.append(Problem(
            f"这份进展情况表还没有填写：第{rows}行（共{len(sheet.unfilled)}行）仍是模板的提示文字"
            f"（如“{sheet.unfilled[0][1][:20]}”），没有一行填写了本期的进展。请退回报送单位填写后重新报送。",
            file=outcome.name, sheet=sheet.sheet))
    elif not checked.entries and not outcome.errors:
        outcome.errors.append(Problem("表中没有任何填写了进展的行。请填写后重新报送。", file=outcome.name,
                                      sheet=sheet.sheet))
    return outcome if outcome.errors else checked


# -- the helpers the steps share ----------------------------------------------------------------

def _received(incoming: Incoming, outcome: FileOutcome) -> Received:
    """The return as it arrived (a file read from disk without one: its own name as the hint)."""
    received = getattr(incoming, "received", None)
    return received if received is not None else Received(source=incoming.path, name=outcome.name,
                                                          hints=(incoming.path.stem,))


def _unit_from_filename(text: str, index: DirectoryIndex) -> Department | None:
    """The unit whose name (or alias) a file name or a subject holds, the longest one found."""
    stem = fold(text)
    best: tuple[int, Department] | None = None
    for key, dep in index.by_key.items():
        if len(key) >= 2 and key in stem and (best is None or len(key) > best[0]):
            best = (len(key), dep)
    return best[1] if best else None


def _reported_on(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None or clean(value) == "":
        return None
    parsed = parse_deadline(value)
    return parsed.due if parsed.kind == "date" else None


def _as_sent(info: AssignmentInfo, data: EntryData) -> bool:
    """A template row exactly as it was sent out (the latest status and texts, nothing added)."""
    return (data.status == info.status and (data.progress, data.problems, data.next_steps) == info.latest
            and not data.remarks)


def _match_row(row, dep: Department, plan: LoadedPlan, outcome: FileOutcome, where: dict) -> AssignmentInfo | None:
    """The assignment a row reports on: by its hidden id (a template's row), else by task and,
    where the unit has several on that task, by the closest 具体工作."""
    no_col = row.columns.get("no")
    if row.assignment_id is not None:
        info = plan.by_id.get(row.assignment_id)
        if info is None:
            outcome.errors.append(Problem(
                "这一行对应的分工已被删除或模板不是本数据库导出的。请向区政府办公室索取新模板。",
                column=row.columns.get("id"), **where))
            return None
        if info.department_id != dep.id:
            outcome.errors.append(Problem(
                f"这一行的分工属于“{info.department}”，不是“{dep.name}”。请不要在不同单位的模板之间复制行。",
                column=row.columns.get("id"), **where))
            return None
        return info
    task_no = row.task_no
    if task_no not in plan.task_nos:
        outcome.errors.append(Problem(
            f"任务编号 {row.task_cell} 不存在（重点任务为第1–{max(plan.task_nos)}项）。请核对任务编号。", column=no_col, **where))
        return None
    candidates = plan.by_unit_task.get((dep.id, task_no), [])
    if not candidates:
        collective = sorted({info.department for (dep_id, no), infos in plan.by_unit_task.items() if no == task_no
                             for info in infos if plan.departments[dep_id].category == COLLECTIVE})
        names = "、".join(collective)
        hint = (f"（这项任务分给了“{names}”，本单位不在其成员中；如本单位也承担，请区政府办公室在“单位”中"
                f"把本单位加入“{names}”的成员，或为本单位单独添加分工后再报送。）" if collective else "")
        outcome.errors.append(Problem(
            f"“{dep.name}”在第{task_no}项任务上没有分工，不能报送这一行。请核对任务编号；"
            f"如确需承担，请先在“分工”中添加。{hint}", column=no_col, **where))
        return None
    if len(candidates) == 1:
        return candidates[0]
    listing = _listing(candidates)
    if not row.measure:
        outcome.errors.append(Problem(
            f"“{dep.name}”在第{task_no}项任务上有{len(candidates)}项具体工作：{listing}。这一行没有写具体工作，"
            "无法判断报送的是哪一项。请增加“具体工作”列并照抄对应内容，或使用下发的模板。", column=no_col, **where))
        return None
    scored = sorted(((measure_similarity(row.measure, c.measure), c) for c in candidates),
                    key=lambda x: x[0], reverse=True)
    (best_score, best), (second_score, _) = scored[0], scored[1]
    if best_score >= MATCH_MIN and best_score - second_score >= MATCH_MARGIN:
        return best
    listing = _listing([c for _score, c in scored])  # the closest first
    how = "都相近" if best_score >= MATCH_MIN else "都对不上"
    outcome.errors.append(Problem(
        f"具体工作“{row.measure[:40]}”与“{dep.name}”在第{task_no}项任务上的几项具体工作{how}，无法判断是哪一项："
        f"{listing}。请照抄对应的具体工作后重新报送。", column=row.columns.get("measure"), **where))
    return None


def _locked_cells(row, info: AssignmentInfo, plan: LoadedPlan, outcome: FileOutcome, where: dict) -> None:
    """A template row's locked cells (任务编号, 具体工作, 完成时限) changed by the unit: the row is
    the assignment its hidden id names, as always; each change is named and not taken."""
    sent = {"no": [str(info.task_no)], "measure": [info.measure, info.measure_text],
            # The template shows an approved extension beside the deadline (as excel.templates writes it).
            "deadline": [info.deadline_text] + [extension_text(info.deadline_text, e.requested_to)
                                                for e in plan.extensions.get(info.id, []) if e.state == APPROVED]}
    written = {"no": row.task_cell, "measure": row.measure, "deadline": row.deadline}
    for key in ("no", "measure", "deadline"):
        if key not in row.columns or fold(written[key]) in {fold(t) for t in sent[key]}:
            continue
        label = row.labels.get(key) or {"no": "任务编号", "measure": "具体工作", "deadline": "完成时限"}[key]
        shown = clean(written[key])
        change = f"被改为“{shown[:40]}{'…' if len(shown) > 40 else ''}”" if shown else "被清空"
        expected = sent[key][0]
        if key == "measure":
            expected = info.measure_text
        elif key == "deadline" and (now := in_force(plan.extensions.get(info.id, []))) is not None:
            expected = extension_text(info.deadline_text, now.requested_to)
        outcome.warnings.append(Problem(
            f"{label}{change}，与下发的分工“{expected[:40]}{'…' if len(expected) > 40 else ''}”不同；"
            "已按模板中隐藏的分工编号导入，这一改动未采用。如分工确需调整，请联系区政府办公室。",
            column=row.columns.get(key), severity="warning", **where))


def _listing(candidates: list[AssignmentInfo], limit: int = 6) -> str:
    shown = "；".join(f"“{c.measure[:40]}”" for c in candidates[:limit])
    return shown + (f"等共{len(candidates)}项" if len(candidates) > limit else "")


def measure_similarity(written: str, known: str) -> float:
    """How well a 具体工作 as a unit wrote it names a known one, 0–1.

    Units shorten the work (光伏发电项目 for 推进光伏发电项目建设，新增装机容量5万千瓦) or add to it, so
    besides the plain ratio the share of the shorter text found, in order, in the longer one in
    runs of two or more characters counts; a text contained in the other scores 0.95."""
    a, b = fold(written).strip("。.；;，,"), fold(known).strip("。.；;，,")
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if a in b or b in a:
        return 0.95
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    covered = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 2)
    return max(matcher.ratio(), 0.9 * covered / min(len(a), len(b)))


def _resolve_unit(name: str, index: DirectoryIndex) -> Department | None:
    """A unit as written in 填报单位: the name, or the name without a note (区住建委（盖章）)."""
    from ..domain.unitnames import split_units

    dep = index.resolve(name)
    if dep is not None:
        return dep
    mentions = split_units(name, index.bracket_names())
    found = {d.id: d for m in mentions if (d := index.resolve(m.name)) is not None}
    return next(iter(found.values())) if len(found) == 1 and len(mentions) == 1 else None
