"""Collective units (集合: 各乡镇（街道）, 区级有关部门), their members, and the members' shares of the
work given to a collective (docs/vocabulary.md#collectives).

A collective's members are the clerk's own list when ``Department.members_explicit`` is set (the
``collective_members`` rows), else the default its name gives (:func:`default_member_category`).
Every assignment to a collective (the parent) has one share per member: an assignment of the
member with the same task, role, 具体工作, deadline and position, ``parent_id`` naming the parent.
:func:`sync_shares` keeps the shares in step with the members and the parent; every write it
makes is logged like any other, so an import batch that fanned work out is undone whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from ..domain.changes import Done
from ..domain.rules import COLLECTIVE, category_sort_key
from ..domain.vocabulary import CATEGORIES
from ..errors import GreentasksError
from ..models import Assignment, CollectiveMember, Department, ProgressEntry
from ..models.assignment import STATUS_FROM_HAND
from ..models.base import text_key
from . import audit
from .audit import Actor
from .changes import unit_of_work

DISTRICT_DEPARTMENT, TOWN = CATEGORIES[0], CATEGORIES[1]  # 区级部门, 乡镇街道

# The change-log field of a collective's explicit member list (ids as JSON), restored by undo.
MEMBERS_FIELD = "members"

# The 备注 of a share kept after its unit left the collective: it has returns, which stay listed.
KEPT_NOTE = "该单位已不在集合成员中，因已有报送记录，这条分项予以保留。"

# The deadline and text fields a share copies from its parent.
_COPIED = ("task_id", "role", "measure", "position", "deadline_text", "deadline_due", "deadline_kind",
           "deadline_rule", "is_example")


def default_member_category(name: str) -> str | None:
    """The category whose units a collective stands for when the clerk has not listed them: a
    name that speaks of 乡镇 or 街道 (各乡镇（街道）, 有关乡镇（街道）) → every 乡镇街道 unit; one that
    speaks of 部门 (区级有关部门, 区级各部门) → every 区级部门 unit; any other name → none."""
    if any(word in name for word in ("乡镇", "街道", "镇街")):
        return TOWN
    if "部门" in name:
        return DISTRICT_DEPARTMENT
    return None


def share_key(parent: Assignment) -> str:
    """A share's measure_key: never the key of the member's own assignment of the same work."""
    return text_key(f"{parent.id}:{parent.measure_key}")


# -- members ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Unit:
    id: int
    name: str
    category: str
    explicit: bool


def _units(session: Session) -> dict[int, _Unit]:
    return {r.id: _Unit(r.id, r.name, r.category, bool(r.members_explicit)) for r in session.execute(
        select(Department.id, Department.name, Department.category, Department.members_explicit))}


def _member_order(units: dict[int, _Unit], ids: Iterable[int]) -> list[int]:
    return sorted(ids, key=lambda i: (*category_sort_key(units[i].category), i))


def _explicit_rows(session: Session, collective_ids: Iterable[int] | None = None) -> dict[int, set[int]]:
    stmt = select(CollectiveMember.collective_id, CollectiveMember.member_id)
    if collective_ids is not None:
        stmt = stmt.where(CollectiveMember.collective_id.in_(list(collective_ids)))
    rows: dict[int, set[int]] = {}
    for collective_id, member_id in session.execute(stmt):
        rows.setdefault(collective_id, set()).add(member_id)
    return rows


def _members(units: dict[int, _Unit], explicit: dict[int, set[int]], collective_id: int) -> list[int]:
    unit = units.get(collective_id)
    if unit is None or unit.category != COLLECTIVE:
        return []
    if unit.explicit:
        ids = {i for i in explicit.get(collective_id, ()) if i in units and units[i].category != COLLECTIVE}
    else:
        category = default_member_category(unit.name)
        ids = {u.id for u in units.values() if category is not None and u.category == category}
    return _member_order(units, ids)


def members_by_collective(session: Session) -> dict[int, list[int]]:
    """Every collective's members (ids, in the directory's order), explicit or by default."""
    units = _units(session)
    explicit = _explicit_rows(session)
    return {i: _members(units, explicit, i) for i, u in units.items() if u.category == COLLECTIVE}


def members_of(session: Session, collective_id: int) -> list[int]:
    return _members(_units(session), _explicit_rows(session, [collective_id]), collective_id)


def _check_collective(session: Session, collective_id: int) -> Department:
    dep = session.get(Department, collective_id)
    if dep is None:
        raise GreentasksError("这个单位已被删除或合并，请刷新后再看。")
    if dep.category != COLLECTIVE:
        raise GreentasksError(f"“{dep.name}”不是集合（类别为“{dep.category}”），没有成员单位。"
                              "如它代表多个单位，请先把类别改为“集合”。")
    return dep


def apply_members(session: Session, actor: Actor, collective: Department, member_ids: Iterable[int] | None) -> bool:
    """Make ``member_ids`` the collective's own member list, or (None) go back to the default
    its name gives. Logged (the flag as a field, the list as ``members``); True when it changed.
    The shares follow with :func:`sync_shares`."""
    units = _units(session)
    old_rows = _explicit_rows(session, [collective.id]).get(collective.id, set())
    if member_ids is None:
        wanted: set[int] = set()
        explicit = False
    else:
        wanted = set(member_ids)
        for mid in wanted:
            unit = units.get(mid)
            if unit is None:
                raise GreentasksError("所选的成员单位已不在通讯录中，请刷新后重新选择。")
            if unit.category == COLLECTIVE:
                raise GreentasksError(f"“{unit.name}”本身是集合，不能作为“{collective.name}”的成员。")
            if mid == collective.id:
                raise GreentasksError("集合不能是它自己的成员。")
        explicit = True
    changed = audit.set_field(session, actor, collective, "members_explicit", explicit)
    if wanted != old_rows:
        _write_rows(session, actor, collective, old_rows, wanted, units)
        changed = True
    session.flush()
    return changed


def _write_rows(session: Session, actor: Actor, collective: Department, old: set[int], new: set[int],
                units: dict[int, _Unit]) -> None:
    for mid in old - new:
        row = session.get(CollectiveMember, (collective.id, mid))
        if row is not None:
            session.delete(row)
    for mid in sorted(new - old):
        session.add(CollectiveMember(collective_id=collective.id, member_id=mid))
    session.flush()
    names = "、".join(units[i].name for i in _member_order(units, new) if i in units) or "（无）"
    audit.log(session, actor, "departments", collective.id, MEMBERS_FIELD, json.dumps(sorted(old)),
              json.dumps(sorted(new)), note=f"{collective.name}的成员：{names}")


def restore_members(session: Session, actor: Actor, collective: Department, text: str | None) -> None:
    """Undo's step for a logged ``members`` change: the explicit list as it was (ids as JSON)."""
    units = _units(session)
    wanted = {i for i in json.loads(text or "[]") if i in units}
    old = _explicit_rows(session, [collective.id]).get(collective.id, set())
    if wanted != old:
        _write_rows(session, actor, collective, old, wanted, units)


def forget_unit(session: Session, actor: Actor, drop: Department, keep: Department | None = None) -> None:
    """Before a unit is removed (merged into ``keep``): its place in explicit member lists goes
    to ``keep`` and its own list (a collective's) is emptied, each change logged."""
    units = _units(session)
    for collective_id, ids in _explicit_rows(session).items():
        if drop.id not in ids or collective_id == drop.id:
            continue
        new = ids - {drop.id}
        if keep is not None and keep.category != COLLECTIVE and keep.id != collective_id:
            new.add(keep.id)
        collective = session.get(Department, collective_id)
        if collective is not None:
            _write_rows(session, actor, collective, ids, new, units)
    own = _explicit_rows(session, [drop.id]).get(drop.id, set())
    if own:
        _write_rows(session, actor, drop, own, set(), units)
    session.execute(delete(CollectiveMember).where(or_(CollectiveMember.collective_id == drop.id,
                                                       CollectiveMember.member_id == drop.id)))


# -- the shares ------------------------------------------------------------------------------------

@dataclass
class SharesSynced:
    """What :func:`sync_shares` did."""

    created: int = 0
    removed: int = 0
    updated: int = 0  # shares whose copied fields followed their parent
    kept: int = 0  # shares of units no longer members, kept for their returns

    def any(self) -> bool:
        return bool(self.created or self.removed or self.updated or self.kept)

    def describe(self, done: bool = True) -> str:
        """新增成员分项34条、删除2条… for an import's lines ("" when nothing changed)."""
        verb = "已" if done else "将"
        parts = [f"{label}{n}条" for label, n in (("新增", self.created), ("删除", self.removed),
                                                 ("同步更新", self.updated)) if n]
        text = f"集合成员分项：{verb}{'、'.join(parts)}" if parts else ""
        if self.kept:
            text += ("；" if text else "集合成员分项：") + f"{self.kept}条因已有报送而保留"
        return text + ("。" if text else "")


def sync_shares(session: Session, actor: Actor, *, collective_ids: Iterable[int] | None = None,
                parent_ids: Iterable[int] | None = None) -> SharesSynced:
    """Create the missing shares of collective assignments, remove those of units no longer
    members (a share with any progress entry is kept, and says so in its 备注) and copy each
    parent's task, role, 具体工作, deadline and position to its shares.

    Without arguments every collective assignment (and every assignment that has shares) is
    brought in step; ``collective_ids`` / ``parent_ids`` narrow it to those collectives' or
    those assignments' shares. A few queries whatever the office's size; nothing is written
    when all is in step."""
    session.flush()
    result = SharesSynced()
    units = _units(session)
    collectives = {i for i, u in units.items() if u.category == COLLECTIVE}
    parents = _parents(session, collectives, collective_ids, parent_ids)
    if not parents:
        return result
    explicit = _explicit_rows(session)
    members = {i: _members(units, explicit, i) for i in collectives}
    by_parent: dict[int, list[Assignment]] = {p.id: [] for p in parents}
    shares = session.scalars(select(Assignment).where(Assignment.parent_id.in_(list(by_parent)))
                             .order_by(Assignment.id)).all()
    for share in shares:
        by_parent[share.parent_id].append(share)
    reported = set(session.scalars(select(ProgressEntry.assignment_id).where(
        ProgressEntry.assignment_id.in_([s.id for s in shares])).distinct())) if shares else set()
    new: list[Assignment] = []
    for parent in parents:
        wanted = members.get(parent.department_id, [])
        have = {s.department_id: s for s in by_parent[parent.id]}
        for share in by_parent[parent.id]:
            if share.department_id not in wanted:
                if share.id in reported:
                    result.kept += audit.set_field(session, actor, share, "note", KEPT_NOTE)
                    result.updated += _copy(session, actor, parent, share)
                    continue
                audit.log_removed(session, actor, share)
                session.delete(share)
                result.removed += 1
                continue
            if share.note == KEPT_NOTE:  # a member again
                audit.set_field(session, actor, share, "note", "")
            result.updated += _copy(session, actor, parent, share)
        for member_id in wanted:
            if member_id not in have:
                new.append(_new_share(parent, member_id))
    if new:
        session.add_all(new)
        session.flush()
        for share in new:
            audit.log_created(session, actor, share)
        result.created = len(new)
    session.flush()
    return result


def _parents(session: Session, collectives: set[int], collective_ids: Iterable[int] | None,
             parent_ids: Iterable[int] | None) -> list[Assignment]:
    has_shares = select(Assignment.parent_id).where(Assignment.parent_id.is_not(None)).distinct()
    if collective_ids is None and parent_ids is None:
        where = [Assignment.department_id.in_(collectives), Assignment.id.in_(has_shares)]
    else:
        where = []
        if collective_ids is not None:
            # Units that are collectives no longer too: their assignments' shares go.
            where.append(Assignment.department_id.in_(list(collective_ids)))
        if parent_ids is not None:
            where.append(Assignment.id.in_(list(parent_ids)))
    return list(session.scalars(select(Assignment).where(Assignment.parent_id.is_(None), or_(*where))
                                .order_by(Assignment.id)))


def _new_share(parent: Assignment, member_id: int) -> Assignment:
    share = Assignment(department_id=member_id, parent_id=parent.id, measure_key=share_key(parent), note="",
                       **{f: getattr(parent, f) for f in _COPIED})
    if parent.status_source == STATUS_FROM_HAND:
        # Work the office had already settled by hand for the collective (e.g. 已完成 and
        # closed) starts settled for a member that joins.
        for f in ("status", "status_source", "status_at", "closure", "closure_at", "closure_by"):
            setattr(share, f, getattr(parent, f))
    return share


def _copy(session: Session, actor: Actor, parent: Assignment, share: Assignment) -> int:
    changed = False
    for f in _COPIED:
        changed |= audit.set_field(session, actor, share, f, getattr(parent, f))
    changed |= audit.set_field(session, actor, share, "measure_key", share_key(parent))
    return int(changed)


def is_share_of_member(session: Session, assignment: Assignment) -> bool:
    """Whether ``assignment`` is a share its unit holds as a member now (not one kept for its
    returns after the unit left): such a share follows its parent and cannot be edited apart."""
    if assignment.parent_id is None:
        return False
    parent = session.get(Assignment, assignment.parent_id)
    return parent is not None and assignment.department_id in members_of(session, parent.department_id)


# -- the use cases of the 单位 view ------------------------------------------------------------------

def set_members(db, collective_id: int, member_ids: list[int]) -> Done[SharesSynced]:
    """The clerk's own member list for a collective (单位 › 成员); the shares follow."""
    with unit_of_work(db) as uow:
        actor = Actor.by_hand()
        collective = _check_collective(uow.session, collective_id)
        apply_members(uow.session, actor, collective, member_ids)
        synced = sync_shares(uow.session, actor, collective_ids=[collective_id])
    return Done(uow.changes, synced)


def reset_members(db, collective_id: int) -> Done[SharesSynced]:
    """恢复默认成员: the members the collective's name gives; the shares follow."""
    with unit_of_work(db) as uow:
        actor = Actor.by_hand()
        collective = _check_collective(uow.session, collective_id)
        apply_members(uow.session, actor, collective, None)
        synced = sync_shares(uow.session, actor, collective_ids=[collective_id])
    return Done(uow.changes, synced)
