"""The unit directory as the 单位 view shows and edits it: ids, aliases, contacts, workload."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..domain.mailaddr import bad_address_message, split_addresses
from ..domain.text import fold
from ..errors import GreentasksError
from ..models import Assignment, Department
from ..models.assignment import ROLE_LEAD
from ..models.directory import CATEGORIES
from . import audit
from .audit import Actor
from .collectives import forget_unit, members_by_collective
from .directory import DirectoryIndex, add_alias, create_department, merge_departments


@dataclass
class UnitRow:
    id: int
    name: str
    aliases: list[str]
    category: str
    contact: str
    phone: str
    lead: int = 0
    email: str = ""  # addresses joined by "；"
    cooperate: int = 0
    # A 集合 unit: its members (ids, directory order) and whether they are the clerk's own list.
    members: list[int] = field(default_factory=list)
    members_explicit: bool = False
    member_of: list[str] = field(default_factory=list)  # the collectives the unit is a member of
    shares: int = 0  # its shares of collectives' assignments (counted apart from lead/cooperate)

    @property
    def assignments(self) -> int:
        return self.lead + self.cooperate + self.shares


@dataclass
class UnitEdit:
    """What a clerk changed; None means unchanged. Aliases are only ever added."""

    category: str | None = None
    contact: str | None = None
    phone: str | None = None
    email: str | None = None
    new_aliases: list[str] = field(default_factory=list)


def unit_rows(session: Session) -> list[UnitRow]:
    lead: Counter[int] = Counter()
    cooperate: Counter[int] = Counter()
    shares: Counter[int] = Counter()
    for dep_id, role, shared, n in session.execute(
        select(Assignment.department_id, Assignment.role, Assignment.parent_id.is_not(None), func.count())
        .group_by(Assignment.department_id, Assignment.role, Assignment.parent_id.is_not(None))
    ):
        (shares if shared else lead if role == ROLE_LEAD else cooperate)[dep_id] += n
    deps = session.scalars(select(Department).options(selectinload(Department.aliases)).order_by(Department.id)).all()
    members = members_by_collective(session)
    names = {d.id: d.name for d in deps}
    member_of: dict[int, list[str]] = {}
    for collective_id, ids in members.items():
        for mid in ids:
            member_of.setdefault(mid, []).append(names[collective_id])
    return [
        UnitRow(d.id, d.name, [a.alias for a in d.aliases], d.category, d.contact or "", d.phone or "",
                lead=lead[d.id], cooperate=cooperate[d.id], email=d.email or "", members=members.get(d.id, []),
                members_explicit=bool(d.members_explicit), member_of=member_of.get(d.id, []), shares=shares[d.id])
        for d in deps
    ]


def _check_category(category: str) -> None:
    if category not in CATEGORIES:
        raise GreentasksError(f"类别“{category}”无法识别，请选择：{'、'.join(CATEGORIES)}。")


def _check_alias_free(index: DirectoryIndex, dep: Department | None, alias: str) -> None:
    owner = index.by_key.get(fold(alias))
    if owner is not None and (dep is None or owner.id != dep.id):
        raise GreentasksError(f"“{alias}”已经是单位“{owner.name}”的名称或简称，一个名称只能属于一个单位。"
                              "如果两者是同一个单位，请用“合并单位”。")


def update_unit(session: Session, actor: Actor, department_id: int, edit: UnitEdit) -> Department:
    dep = session.get(Department, department_id)
    if dep is None:
        raise GreentasksError("这个单位已被删除或合并，请刷新后再看。")
    if edit.category is not None:
        _check_category(edit.category)
        audit.set_field(session, actor, dep, "category", edit.category)
    for attr in ("contact", "phone"):
        value = getattr(edit, attr)
        if value is not None:
            audit.set_field(session, actor, dep, attr, value.strip())
    if edit.email is not None:
        audit.set_field(session, actor, dep, "email", _addresses(edit.email))
    index = DirectoryIndex(session)
    for alias in edit.new_aliases:
        if not alias.strip():
            continue
        _check_alias_free(index, dep, alias)
        add_alias(session, actor, dep, alias)
    session.flush()
    return dep


def _addresses(text: str) -> str:
    addresses, bad = split_addresses(text)
    if bad:
        raise GreentasksError(bad_address_message(bad))
    return "；".join(addresses)


def add_unit(session: Session, actor: Actor, name: str, category: str, contact: str = "", phone: str = "",
             aliases: list[str] | None = None, email: str = "") -> Department:
    name = name.strip()
    if not name:
        raise GreentasksError("请填写单位全称。")
    _check_category(category)
    index = DirectoryIndex(session)
    for text in [name, *(aliases or [])]:
        _check_alias_free(index, None, text)
    return create_department(session, actor, name, category, [a for a in aliases or [] if a.strip()],
                             contact.strip(), phone.strip(), _addresses(email))


def merge_units(session: Session, actor: Actor, keep_id: int, drop_id: int) -> int:
    keep, drop = session.get(Department, keep_id), session.get(Department, drop_id)
    if keep is None or drop is None:
        raise GreentasksError("要合并的单位已被删除或合并，请刷新后再试。")
    if keep.id == drop.id:
        raise GreentasksError("不能把一个单位与它自己合并，请选择另一个单位。")
    _merge_shares(session, actor, keep, drop)
    forget_unit(session, actor, drop, keep)
    return merge_departments(session, actor, keep, drop)


def _merge_shares(session: Session, actor: Actor, keep: Department, drop: Department) -> None:
    """Two members' shares of one collective assignment become one: the share with returns stays
    (the other, without any, is removed); two shares that both have returns stop the merge."""
    shares = session.scalars(select(Assignment).where(Assignment.department_id.in_([keep.id, drop.id]),
                                                      Assignment.parent_id.is_not(None))).all()
    by_parent: dict[int, dict[int, Assignment]] = {}
    for share in shares:
        by_parent.setdefault(share.parent_id, {})[share.department_id] = share
    for pair in by_parent.values():
        if len(pair) < 2:
            continue
        mine, theirs = pair[keep.id], pair[drop.id]
        if mine.entries and theirs.entries:
            raise GreentasksError(
                f"“{drop.name}”与“{keep.name}”都报送过第{mine.task.no}项任务“{mine.measure[:30]}”的进展"
                "（同一集合分工的两个成员分项），无法直接合并。请先在“分工”中核对并删除其中一条的报送。")
        extra = mine if not mine.entries and theirs.entries else theirs
        for entry in extra.entries:
            audit.log_removed(session, actor, entry)
        audit.log_removed(session, actor, extra)
        session.delete(extra)
    session.flush()
