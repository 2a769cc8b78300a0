"""The register of 文件 (docs/documents.md#register): edit a document's register fields, repeal it
(废止, with the repealing 文号 and the date, as the gazette's 南川府发〔2022〕33号 records the
documents it repeals) and restore it; and what a repealed document no longer does.

Adding a document is ``services.plan_documents.add_document`` (add-plan). Each change here is one
use case in the style of services.actions: one transaction, every field logged through
services.audit as a change by hand, and a :class:`Done` whose changes name ``documents`` (and
every row: a repeal changes every light of the document).

A repealed document keeps its tasks, assignments, returns and history, readable as before; it
no longer produces templates or notices, takes no return, and its rows show no warning
(services.queries: a neutral light whose reason says it was repealed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.changes import Done
from ..domain.planclock import cn_date
from ..domain.text import fold
from ..errors import GreentasksError, UsageError
from ..models import ChangeLog, Plan
from ..models.plan import PLAN_ACTIVE, PLAN_REPEALED
from . import audit
from .audit import Actor
from .catalog import DocumentEntry, document_entry
from .changes import unit_of_work
from .queries import PlanArg, PlanRef, resolve_plan

__all__ = ["PlanRepealed", "RegisterChange", "edit_plan", "load_plan_history", "plan_history", "refuse_if_repealed",
           "repeal_plan", "repeal_clause", "repeal_words", "repealed_message", "restore_plan"]

DOC_NO_LIMIT, TITLE_LIMIT, ISSUER_LIMIT = 64, 300, 120  # the columns' sizes (models.plan)
FIELD_LABELS = {"doc_no": "文号", "title": "标题", "issuer": "发文机关", "issued_on": "成文日期", "status": "状态",
                "repealed_by": "废止文号", "repealed_on": "废止日期"}


class PlanRepealed(GreentasksError):
    """Something a repealed document no longer does (templates, notices, returns) was asked of it."""


# -- what a repealed document no longer does ------------------------------------------------------

def repeal_clause(repealed_by: str | None, repealed_on: date | None) -> str:
    """于2022年9月27日由南川府发〔2022〕33号废止 (either part left out when not recorded)."""
    when = f"于{cn_date(repealed_on)}" if repealed_on else ""
    by = f"由{repealed_by}" if repealed_by else ""
    return f"{when}{by}废止"


def repeal_words(doc_no: str, repealed_by: str | None, repealed_on: date | None) -> str:
    """文件南川府办发〔2016〕72号已于2022年9月27日由南川府发〔2022〕33号废止"""
    return f"文件{doc_no}已{repeal_clause(repealed_by, repealed_on)}"


def repealed_message(plan: Plan | PlanRef) -> str:
    """The words saying the plan was repealed, "" for a plan in force."""
    repealed = plan.repealed if isinstance(plan, PlanRef) else plan.status == PLAN_REPEALED
    return repeal_words(plan.doc_no, plan.repealed_by, plan.repealed_on) if repealed else ""


def refuse_if_repealed(plan: Plan | PlanRef, refusal: str) -> None:
    """A :class:`PlanRepealed` saying the plan was repealed and ``refusal`` (不再导出报送模板),
    with how to take it back; nothing when the plan is in force."""
    words = repealed_message(plan)
    if words:
        raise PlanRepealed(f"{words}，{refusal}。如该文件仍要跟踪，请先在文件登记中恢复（命令行：plan-restore {plan.doc_no}）。")


# -- the register's changes ---------------------------------------------------------------------

@dataclass
class RegisterChange:
    """What a register change did: the document as it now stands, each field changed (its label,
    the old and the new value, as words) and a sentence for the clerk."""

    entry: DocumentEntry
    changed: list[tuple[str, str, str]] = field(default_factory=list)
    message: str = ""

    def to_json(self) -> dict:
        return {"document": self.entry.to_json(), "message": self.message,
                "changed": [{"field": f, "old": old, "new": new} for f, old, new in self.changed]}


def edit_plan(db, plan: PlanArg, *, title: str | None = None, issuer: str | None = None,
              issued_on: date | None = None, doc_no: str | None = None, actor: Actor | None = None
              ) -> Done[RegisterChange]:
    """A document's register fields corrected (None keeps a field). The 文号 and the title of the
    documents the program brings (the built-in plan and the gazette's register) are refused: they
    are the documents' own, and ``init`` knows them by their 文号. A 文号 another document has is
    refused. Returns that name a document by its former 文号 are still taken (services.returns_check)."""
    actor = actor or Actor.by_hand("修改文件登记")
    with unit_of_work(db) as uow:
        session = uow.session
        found = resolve_plan(session, plan)
        wanted: dict[str, object] = {}
        if doc_no is not None:
            wanted["doc_no"] = _doc_no(session, found, doc_no)
        if title is not None:
            wanted["title"] = _text(title, "标题", TITLE_LIMIT, required=True)
        if issuer is not None:
            wanted["issuer"] = _text(issuer, "发文机关", ISSUER_LIMIT)
        if issued_on is not None:
            if found.repealed_on is not None and issued_on > found.repealed_on:
                raise UsageError(f"成文日期{cn_date(issued_on)}晚于该文件的废止日期{cn_date(found.repealed_on)}，请核对。")
            wanted["issued_on"] = issued_on
        if found.is_builtin:
            fixed = [FIELD_LABELS[k] for k in ("doc_no", "title") if k in wanted and wanted[k] != getattr(found, k)]
            if fixed:
                raise UsageError(f"{found.doc_no}《{found.title}》是程序自带的文件登记，它的{'和'.join(fixed)}"
                                 "不能修改（重新初始化数据库时按文号核对）。发文机关、成文日期可以修改。")
        changed = _set(session, actor, found, wanted)
        entry = document_entry(session, found)
    message = (f"已修改{entry.doc_no}的" + "、".join(f for f, _o, _n in changed) + "。") if changed else \
        f"{entry.doc_no}的登记内容与填写的相同，没有改动。"
    return Done(uow.changes, RegisterChange(entry, changed, message))


def repeal_plan(db, plan: PlanArg, *, by: str, on: date, actor: Actor | None = None) -> Done[RegisterChange]:
    """废止: the document is recorded as repealed by ``by`` (a 文号: the register's own spelling
    when it is registered) on ``on``. A document already repealed is refused (restore it first
    to correct the record); so are a document repealing itself and a date before its 成文日期."""
    actor = actor or Actor.by_hand("废止文件")
    with unit_of_work(db) as uow:
        session = uow.session
        found = resolve_plan(session, plan)
        if found.status == PLAN_REPEALED:
            raise UsageError(f"{repeal_words(found.doc_no, found.repealed_by, found.repealed_on)}。"
                             f"如要更正废止记录，请先恢复（plan-restore {found.doc_no}）再重新废止。")
        by_no = _text(by, "废止文号", DOC_NO_LIMIT, required=True)
        registered = next((p for p in session.scalars(select(Plan)) if fold(p.doc_no) == fold(by_no)), None)
        if registered is not None:
            if registered.id == found.id:
                raise UsageError(f"文件{found.doc_no}不能废止它自己。请填写废止它的文件的文号（如 南川府发〔2022〕33号）。")
            by_no = registered.doc_no
        if found.issued_on is not None and on < found.issued_on:
            raise UsageError(f"废止日期{cn_date(on)}早于文件的成文日期{cn_date(found.issued_on)}，请核对。")
        changed = _set(session, actor, found, {"status": PLAN_REPEALED, "repealed_by": by_no, "repealed_on": on})
        entry = document_entry(session, found)
    message = (f"已登记废止：{repeal_words(entry.doc_no, by_no, on)}。它的分工、报送和修改记录都保留，"
               "不再导出报送模板、生成催报督办通知、接收报送，也不再预警。")
    return Done(uow.changes, RegisterChange(entry, changed, message))


def restore_plan(db, plan: PlanArg, *, actor: Actor | None = None) -> Done[RegisterChange]:
    """恢复: a repealed document is in force again. The repeal record stays in the change log
    (:func:`plan_history`); a document in force is refused."""
    actor = actor or Actor.by_hand("恢复文件")
    with unit_of_work(db) as uow:
        session = uow.session
        found = resolve_plan(session, plan)
        if found.status != PLAN_REPEALED:
            raise UsageError(f"文件{found.doc_no}现为{found.status}，没有废止，无需恢复。")
        words = repeal_words(found.doc_no, found.repealed_by, found.repealed_on)
        changed = _set(session, actor, found, {"status": PLAN_ACTIVE, "repealed_by": None, "repealed_on": None})
        entry = document_entry(session, found)
    message = f"已恢复{entry.doc_no}为有效（原登记：{words}，已记入修改记录）。"
    return Done(uow.changes, RegisterChange(entry, changed, message))


def plan_history(session: Session, plan: PlanArg) -> list[dict]:
    """The register's record of one document, oldest first: when it was added, each field
    changed (a repeal and a restore among them), by whom and with what note."""
    found = resolve_plan(session, plan)
    rows = session.scalars(select(ChangeLog).where(ChangeLog.entity == Plan.__tablename__,
                                                   ChangeLog.entity_id == found.id)
                           .order_by(ChangeLog.at, ChangeLog.id)).all()
    return [{"at": r.at.isoformat(sep=" ", timespec="seconds"), "user": r.user,
             "field": r.field, "field_label": "登记" if r.field == audit.CREATED else FIELD_LABELS.get(r.field, r.field),
             "old": None if r.field == audit.CREATED else r.old, "new": None if r.field == audit.CREATED else r.new,
             "source": r.source, "note": r.note} for r in rows]


def load_plan_history(db, plan: PlanArg) -> list[dict]:
    """:func:`plan_history` in its own reading session (the desktop app's 文件 view)."""
    with db.reading() as session:
        return plan_history(session, plan)


def former_doc_nos(session: Session) -> dict[str, int]:
    """Each 文号 a document was registered under before it was corrected (folded), with the
    document's id: a template sent out before the correction names its old 文号."""
    rows = session.execute(select(ChangeLog.entity_id, ChangeLog.old).where(
        ChangeLog.entity == Plan.__tablename__, ChangeLog.field == "doc_no").order_by(ChangeLog.id)).all()
    return {fold(old): plan_id for plan_id, old in rows if old}


# -- helpers --------------------------------------------------------------------------------------

def _text(value: str, label: str, limit: int, *, required: bool = False) -> str:
    text = " ".join(str(value).split())
    if required and not text:
        raise UsageError(f"{label}不能为空。")
    if len(text) > limit:
        raise UsageError(f"{label}“{text[:40]}…”太长（最多{limit}个字），请核对。")
    return text


def _doc_no(session: Session, plan: Plan, value: str) -> str:
    doc_no = _text(value, "文号", DOC_NO_LIMIT, required=True)
    for other in session.scalars(select(Plan).where(Plan.id != plan.id)):
        if fold(other.doc_no) == fold(doc_no):
            raise UsageError(f"文号“{other.doc_no}”已经登记（《{other.title}》），不能再用于{plan.doc_no}。")
    return doc_no


def _words(value: object) -> str:
    if value is None:
        return ""
    return cn_date(value) if isinstance(value, date) else str(value)


def _set(session: Session, actor: Actor, plan: Plan, values: dict[str, object]) -> list[tuple[str, str, str]]:
    """Each value set and logged where it differs; the changes as (label, old, new) words."""
    changed = []
    for key, value in values.items():
        old = getattr(plan, key)
        if audit.set_field(session, actor, plan, key, value):
            changed.append((FIELD_LABELS[key], _words(old), _words(value)))
    session.flush()
    return changed
