"""The unit directory: resolving the names units go by, merging directory files, merging units."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from ..domain.mailaddr import split_addresses
from ..domain.rules import COLLECTIVE
from ..domain.text import closest, fold
from ..domain.unitnames import split_units
from ..errors import GreentasksError, Problem
from ..models import Assignment, Department, DepartmentAlias, ImportBatch, Reminder
from ..models.directory import CATEGORIES
from . import audit
from .audit import Actor


class DirectoryIndex:
    """All names and aliases of all units, loaded once, for resolving many names quickly."""

    def __init__(self, session: Session):
        self.by_key: dict[str, Department] = {}
        self.names: list[str] = []
        self._by_email: dict[str, Department] = {}
        departments = session.scalars(select(Department).options(selectinload(Department.aliases))).all()
        for dep in departments:
            self._add(dep)

    def _add(self, dep: Department) -> None:
        self.by_key[dep.key] = dep
        self.names.append(dep.name)
        for address in split_addresses(dep.email)[0]:
            self._by_email.setdefault(address, dep)
        for alias in dep.aliases:
            self.by_key[alias.key] = dep
            self.names.append(alias.alias)

    def add(self, dep: Department) -> None:
        self._add(dep)

    def resolve(self, name: str) -> Department | None:
        key = fold(name)
        found = self.by_key.get(key)
        if found is None and key.startswith("区") is False:
            # Offices write 发改委 and 区发改委 alike.
            found = self.by_key.get("区" + key)
        return found

    def by_email(self, address: str | None) -> Department | None:
        """The unit whose 邮箱 holds this address (case-insensitive), if any."""
        return self._by_email.get((address or "").strip().lower())

    def suggestions(self, name: str, n: int = 3) -> list[str]:
        seen: list[str] = []
        for candidate in closest(name, self.names, n=n * 2):
            dep = self.by_key.get(fold(candidate))
            label = dep.name if dep else candidate
            if label not in seen:
                seen.append(label)
        return seen[:n]

    def bracket_names(self) -> list[str]:
        """Names that themselves hold brackets, such as 各乡镇（街道）: matched whole first."""
        return [n for n in self.names if any(b in n for b in "（(")]

    def unknown_message(self, name: str) -> str:
        hints = self.suggestions(name)
        hint = f"最接近的已知单位：{'、'.join(hints)}。" if hints else ""
        return (
            f"单位“{name}”不在单位通讯录中。{hint}"
            "请改为通讯录中的名称，或先在“单位”中添加该单位（或把它设为某单位的简称）。"
        )


@dataclass
class DirectoryRow:
    name: str
    aliases: list[str] = field(default_factory=list)
    category: str = ""
    contact: str = ""
    phone: str = ""
    row: int | None = None  # Excel row number, for messages
    email: str = ""  # as stored: addresses joined by "；"
    # 所属集合: the collectives the unit is a member of; None when the file has no such column.
    collectives: list[str] | None = None


@dataclass
class DirectoryResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str, int | None]] = field(default_factory=list)  # (old name, new name, row)
    problems: list[Problem] = field(default_factory=list)
    members: list[tuple[str, int, int]] = field(default_factory=list)  # (collective, members before, after)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


_ALIAS_SEPARATORS = re.compile(r"[、，,；;/／\n]+")
_BRACKETED = re.compile(r"[（(][^（()）]+[)）]")


def split_aliases(cell: str) -> list[str]:
    """The aliases in a 简称/别名 cell, split as unit names are (docs/excel.md#directory). In a directory every
    piece is a name, so a name holding brackets (相关乡镇（街道）) is kept whole, not taken for a note."""
    pieces = [p.strip() for p in _ALIAS_SEPARATORS.split(cell or "") if p.strip()]
    bracketed = [p for p in pieces if _BRACKETED.search(p)]
    return [m.name for m in split_units(cell or "", bracketed)]


def create_department(session: Session, actor: Actor, name: str, category: str = "区级部门",
                      aliases: list[str] | None = None, contact: str = "", phone: str = "",
                      email: str = "") -> Department:
    dep = Department(name=name.strip(), key=fold(name), category=category or "区级部门",
                     contact=contact, phone=phone, email=email)
    session.add(dep)
    session.flush()
    audit.log_created(session, actor, dep)
    for alias in aliases or []:
        add_alias(session, actor, dep, alias)
    return dep


def add_alias(session: Session, actor: Actor, dep: Department, alias: str) -> bool:
    key = fold(alias)
    if not key or key == dep.key or any(a.key == key for a in dep.aliases):
        return False
    row = DepartmentAlias(alias=alias.strip(), key=key)
    dep.aliases.append(row)
    session.flush()
    audit.log(session, actor, "department_aliases", row.id, audit.CREATED, None, f"{dep.name}={row.alias}")
    return True


# What a clerk decided for a name the directory does not know (the 对应单位 dialog, or the
# unit_choices of an import): a department id (the name becomes its alias), CREATE (a new unit,
# its category guessed from the name), or (CREATE, category) when the clerk chose the category.
CREATE = "create"
UnknownUnitChoice = int | str | tuple[str, str]

# What apply_unit_choice did.
ALIAS = "alias"
CREATED = "created"
KNOWN = "known"


def guess_category(name: str) -> str:
    """The category a unit created from a file gets unless the clerk chooses one."""
    if name.startswith(("各", "有关")) or name.endswith(("各部门", "有关部门", "有关单位")):
        return "集合"
    if name.endswith(("镇", "乡", "街道", "街道办事处")):
        return "乡镇街道"
    if any(w in name for w in ("公司", "银行", "支行", "集团", "医院", "学校", "中心")):
        return "企事业单位"
    return "区级部门"


def apply_unit_choice(session: Session, actor: Actor, name: str, choice: UnknownUnitChoice,
                      index: DirectoryIndex | None = None) -> tuple[Department, str]:
    """Carry out the clerk's choice for a name the directory does not know.

    Returns the unit and what was done: ``ALIAS`` (``name`` saved as an alias of the chosen unit),
    ``CREATED`` (a new unit named ``name``) or ``KNOWN`` (the name is known by now — mapped by a
    colleague meanwhile, or earlier in the same file — and nothing was written). ``index`` is kept
    up to date, so a caller resolving many names passes the same one each time."""
    index = index if index is not None else DirectoryIndex(session)
    known = index.resolve(name)
    if known is not None:
        return known, KNOWN
    if isinstance(choice, int) and not isinstance(choice, bool):
        dep = session.get(Department, choice)
        if dep is None:
            raise GreentasksError("所选的单位已不在通讯录中，请刷新后重新选择。")
        added = add_alias(session, actor, dep, name)
        index.add(dep)
        return dep, ALIAS if added else KNOWN
    if choice == CREATE or (isinstance(choice, tuple) and len(choice) == 2 and choice[0] == CREATE):
        category = choice[1] if isinstance(choice, tuple) else guess_category(name)
        if category not in CATEGORIES:
            raise GreentasksError(f"类别“{category}”无法识别，请选择：{'、'.join(CATEGORIES)}。")
        dep = create_department(session, actor, name, category)
        index.add(dep)
        return dep, CREATED
    raise ValueError(f"no such choice for {name!r}: {choice!r}")


def merge_directory(session: Session, actor: Actor, rows: list[DirectoryRow], *, file: str | None = None,
                    sheet: str | None = None) -> DirectoryResult:
    """docs/excel.md#directory: a row whose name or any alias matches a known unit updates it (aliases are
    added, never dropped); other rows create units; an alias that would point at two different
    units is an error naming both. The caller commits only when there are no errors."""
    result = DirectoryResult()
    index = DirectoryIndex(session)
    claimed: dict[str, tuple[str, int | None]] = {}  # alias key -> (unit name, row) within this file
    placed: list[tuple[DirectoryRow, Department]] = []  # rows with a 所属集合 cell, and their unit
    for row in rows:
        def problem(msg: str, column: str | None = None, row=row) -> None:
            result.problems.append(Problem(msg, file=file, sheet=sheet, row=row.row, column=column))

        name = row.name.strip()
        if not name:
            problem("单位名称为空。请填写单位全称，或删除这一行。", "A")
            continue
        if row.category and row.category not in CATEGORIES:
            problem(f"类别“{row.category}”无法识别，请填写：{'、'.join(CATEGORIES)}。", "C")
            continue
        matches = {d.id: d for n in [name, *row.aliases] if (d := index.by_key.get(fold(n))) is not None}
        if len(matches) > 1:
            names = "、".join(sorted(d.name for d in matches.values()))
            problem(f"这一行的名称和简称分别对应了不同的单位（{names}），无法判断要更新哪一个。请核对后只保留一个单位的名称。")
            continue
        clash = False
        for alias in row.aliases:
            owner = claimed.get(fold(alias))
            if owner and owner[0] != name:
                problem(f"简称“{alias}”同时出现在“{owner[0]}”（第{owner[1]}行）和“{name}”两个单位中。"
                        "一个简称只能属于一个单位，请删去其中一处。", "B")
                clash = True
            claimed[fold(alias)] = (name, row.row)
        if clash:
            continue
        dep = next(iter(matches.values()), None)
        if dep is None:
            dep = create_department(session, actor, name, row.category or "区级部门", [],
                                    row.contact, row.phone, row.email)
            index.add(dep)
            result.created.append(dep.name)
        else:
            changed = False
            for attr in ("category", "contact", "phone", "email"):
                value = getattr(row, attr)
                if value:
                    changed |= audit.set_field(session, actor, dep, attr, value)
            if fold(name) != dep.key:
                # Matched by an alias: the clerk's own 单位名称 is what every sheet should say.
                old_name = dep.name
                take_name(session, actor, dep, name, index)
                result.renamed.append((old_name, dep.name, row.row))
                changed = True
            if changed:
                result.updated.append(dep.name)
        for alias in row.aliases:
            owner = index.by_key.get(fold(alias))
            if owner is not None and owner.id != dep.id:
                problem(f"简称“{alias}”已经是单位“{owner.name}”的名称或简称，不能再给“{dep.name}”。"
                        "请删去它，或先在“单位”中修改原单位。", "B")
                continue
            if add_alias(session, actor, dep, alias):
                index.by_key[fold(alias)] = dep
                if dep.name not in result.updated and dep.name not in result.created:
                    result.updated.append(dep.name)
        if row.collectives is not None:
            placed.append((row, dep))
    if any(r.collectives is not None for r in rows):
        _set_members(session, actor, placed, index, result, file, sheet)
    return result


def _set_members(session: Session, actor: Actor, placed: list[tuple[DirectoryRow, Department]],
                 index: DirectoryIndex, result: DirectoryResult, file: str | None, sheet: str | None) -> None:
    """The 所属集合 column: every collective it names gets exactly the units whose rows name it as
    its own member list (docs/excel.md#directory); a collective it does not name keeps its members."""
    from .collectives import apply_members, members_of

    named: dict[int, tuple[Department, set[int]]] = {}
    for row, dep in placed:
        for name in row.collectives or []:
            def problem(msg: str, row=row) -> None:
                result.problems.append(Problem(msg, file=file, sheet=sheet, row=row.row, column="G"))

            collective = index.resolve(name)
            if collective is None:
                problem(f"所属集合：{index.unknown_message(name)}")
                continue
            if collective.category != COLLECTIVE:
                problem(f"所属集合“{name}”是{collective.category}，不是集合（如“各乡镇（街道）”）。"
                        "请填写集合名称，或先把该单位的类别改为“集合”。")
                continue
            if dep.category == COLLECTIVE:
                problem(f"“{dep.name}”本身是集合，不能属于“{collective.name}”。请清空这一格。")
                continue
            named.setdefault(collective.id, (collective, set()))[1].add(dep.id)
    if result.errors:
        return
    for collective, wanted in named.values():
        before = members_of(session, collective.id)
        if set(before) == wanted:
            continue  # the same units, whether listed by the clerk or by default: nothing to write
        apply_members(session, actor, collective, wanted)
        result.members.append((collective.name, len(before), len(wanted)))


def take_name(session: Session, actor: Actor, dep: Department, name: str, index: DirectoryIndex | None = None) -> None:
    """Make ``name`` the unit's name; the name it had stays as an alias, so files and tables that
    use it still find the unit. Every step is a logged field change or alias, undone with the
    rest of its import batch."""
    name = name.strip()
    key = fold(name)
    old_name, old_key = dep.name, dep.key
    if key == old_key:
        return
    same = next((a for a in dep.aliases if a.key == key), None)
    if same is not None:
        # The new name was an alias: that alias now holds the old name (keys stay unique).
        audit.set_field(session, actor, same, "alias", old_name)
        audit.set_field(session, actor, same, "key", old_key)
    audit.set_field(session, actor, dep, "name", name)
    audit.set_field(session, actor, dep, "key", key)
    session.flush()
    if same is None:
        add_alias(session, actor, dep, old_name)
    if index is not None:
        index.by_key[key] = dep
        index.by_key[old_key] = dep


def merge_departments(session: Session, actor: Actor, keep: Department, drop: Department) -> int:
    """Merge ``drop`` into ``keep``: assignments follow, names become aliases. Returns the
    number of assignments moved. Duplicate assignments (same task and work) are refused."""
    if keep.id == drop.id:
        raise ValueError("不能把一个单位与它自己合并。")
    moved = session.scalars(select(Assignment).where(Assignment.department_id == drop.id)).all()
    existing = {
        (a.task_id, a.measure_key)
        for a in session.scalars(select(Assignment).where(Assignment.department_id == keep.id))
    }
    for a in moved:
        if (a.task_id, a.measure_key) in existing:
            from ..errors import GreentasksError

            raise GreentasksError(
                f"“{drop.name}”与“{keep.name}”在第{a.task.no}项任务上有相同的具体工作，无法直接合并。"
                "请先在“分工”中删除其中一条。"
            )
    for a in moved:
        audit.set_field(session, actor, a, "department_id", keep.id, note=f"单位合并：{drop.name}→{keep.name}")
    session.execute(update(ImportBatch).where(ImportBatch.department_id == drop.id).values(department_id=keep.id))
    # The 催报 sent to the unit stay on record (the ledger shows them) instead of going with it.
    session.execute(update(Reminder).where(Reminder.department_id == drop.id).values(department_id=keep.id))
    names = [drop.name, *(a.alias for a in drop.aliases)]
    for contact_attr in ("contact", "phone", "email"):
        if not getattr(keep, contact_attr) and getattr(drop, contact_attr):
            audit.set_field(session, actor, keep, contact_attr, getattr(drop, contact_attr))
    audit.log_removed(session, actor, drop)
    session.delete(drop)
    session.flush()
    for name in names:
        add_alias(session, actor, keep, name)
    return len(moved)


def directory_rows(session: Session) -> list[DirectoryRow]:
    """The directory as the file shows it, 所属集合 included (the members as they stand, whether
    the clerk listed them or the collective's name gives them)."""
    from .collectives import members_by_collective

    deps = session.scalars(
        select(Department).options(selectinload(Department.aliases)).order_by(Department.id)
    ).all()
    names = {d.id: d.name for d in deps}
    member_of: dict[int, list[str]] = {}
    for collective_id, ids in members_by_collective(session).items():
        for mid in ids:
            member_of.setdefault(mid, []).append(names[collective_id])
    return [
        DirectoryRow(name=d.name, aliases=[a.alias for a in d.aliases], category=d.category,
                     contact=d.contact, phone=d.phone, email=d.email or "", collectives=member_of.get(d.id, []))
        for d in deps
    ]
