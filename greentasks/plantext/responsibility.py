"""Who is responsible for a task, as the document states it: units by role, 责任领导, 完成时限.

Chinese documents state responsibility in five shapes (see :func:`responsibility_of`):

1. a closing parenthesis: ``……（区发展改革委牵头，区经济信息委、区财政局按职责分工负责）``,
   ``（区生态环境局牵头，各乡镇（街道）配合，2023年底前完成）``,
   ``（责任单位：区交通局，完成时限：2023年6月底前）``;
2. separate lines under the task: ``牵头单位：…`` / ``配合单位：…`` / ``责任领导：…`` / ``完成时限：…``;
3. an inline label in brackets anywhere: ``（牵头单位：区发展改革委；配合单位：区财政局、区税务局）``;
4. a table with 牵头单位 / 配合单位 / 责任领导 / 完成时限 columns (read by the outline, which hands the
   cells to :func:`from_columns`);
5. prose: ``由区住房城乡建委会同区规划自然资源局、区城管局负责``, ``区农业农村委负责，区水利局配合``,
   ``……，由各乡镇（街道）具体实施``.

Nothing is removed from the task's text; the units are read beside it. Names are returned as
written (matching them to the directory is the service's job), split with
:func:`greentasks.domain.unitnames.split_units`; a name that holds brackets, such as
各乡镇（街道）, is kept whole. A 责任领导 is returned as Task.leader holds it
(:func:`greentasks.domain.leaders.normalize_leader`: 张三，李四 → 张三、李四), as the 分工表 import stores it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from ..domain.leaders import normalize_leader
from ..domain.text import fold
from ..domain.unitnames import split_units

__all__ = [
    "LEAD",
    "RESPONSIBLE",
    "SUPPORT",
    "DraftUnit",
    "Responsibility",
    "from_columns",
    "responsibility_of",
]

LEAD: Final = "牵头"
SUPPORT: Final = "配合"
RESPONSIBLE: Final = "责任"  # 责任单位 without saying who leads: the first one leads, see DraftTask.lead

_RANK: Final = {LEAD: 3, RESPONSIBLE: 2, SUPPORT: 1}

# Names that always hold brackets; any other "X（街道）"-like name is found in the text itself.
DEFAULT_BRACKET_NAMES: Final = ("各乡镇（街道）", "有关乡镇（街道）", "相关乡镇（街道）", "各乡镇人民政府（街道办事处）")


@dataclass(frozen=True)
class DraftUnit:
    name: str  # as written in the document
    role: str  # 牵头, 配合 or 责任


@dataclass
class Responsibility:
    units: list[DraftUnit] = field(default_factory=list)
    leader: str | None = None
    deadlines: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.units or self.leader or self.deadlines)

    @property
    def deadline_text(self) -> str | None:
        return "；".join(self.deadlines) if self.deadlines else None

    def add_units(self, units: Iterable[DraftUnit]) -> None:
        """Adds units not seen yet; a unit named again keeps its strongest role (牵头 > 责任 > 配合)."""
        index = {fold(u.name): i for i, u in enumerate(self.units)}
        for unit in units:
            key = fold(unit.name)
            if key in index:
                old = self.units[index[key]]
                if _RANK[unit.role] > _RANK[old.role]:
                    self.units[index[key]] = DraftUnit(old.name, unit.role)
                continue
            index[key] = len(self.units)
            self.units.append(unit)

    def merge(self, other: Responsibility) -> None:
        self.add_units(other.units)
        if self.leader is None:
            self.leader = other.leader
        for text in other.deadlines:
            if text not in self.deadlines:
                self.deadlines.append(text)


_NOTHING: Final = ("无", "/", "—", "-")  # a label's value that says "none"


def _leader(value: str) -> str | None:
    """A 责任领导 as stated, normalised (无 names nobody); None when it names nobody."""
    return normalize_leader(value) or None


# --- labels ------------------------------------------------------------------------------------------

_LABEL_RE: Final = re.compile(
    r"(?:(?<=^)|(?<=[\s；;，,。（(【\[、]))"
    r"(?P<label>(?:牵头|主责|主办|责任|配合|协办|协同|参与)(?:单位|部门)|(?:责任|牵头|分管|联系|包抓|挂帅)(?:区)?领导"
    r"|责任人|完成时限|时间节点|完成时间|时限要求|完成期限|时间要求|牵头|配合)\s*[:：]\s*"
)


def _label_kind(label: str) -> str:
    if label.endswith("领导") or label == "责任人":
        return "leader"
    if label.startswith(("完成", "时间", "时限")):
        return "deadline"
    if label.startswith(("牵头", "主责", "主办")):
        return LEAD
    if label.startswith("责任"):
        return RESPONSIBLE
    return SUPPORT


def starts_with_label(text: str) -> bool:
    m = _LABEL_RE.match(text.strip())
    return m is not None and m.start() == 0


def _labelled(text: str, bracket_names: Sequence[str]) -> Responsibility | None:
    """``牵头单位：…；配合单位：…；完成时限：…`` (any order, any separators)."""
    found = list(_LABEL_RE.finditer(text))
    if not found:
        return None
    result = Responsibility()
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        value = text[m.end():end].strip().strip("；;，,。、 \u3000")
        if not value or value in _NOTHING:
            continue
        kind = _label_kind(m.group("label"))
        if kind == "leader":
            # 责任领导：张三，2023年底前完成 — a deadline after the names is no name.
            names = []
            for part in _split_top(value, "，,；;"):
                (result.deadlines if _DEADLINE_RE.search(part) else names).append(part.strip())
            result.leader = result.leader or _leader("、".join(names))
        elif kind == "deadline":
            result.deadlines.append(value)
        else:
            result.add_units(_units(value, kind, bracket_names))
    _settle(result)
    return result


# --- clauses: "区发展改革委牵头" / "区财政局按职责分工负责" / "2023年底前完成" --------------------------

_RESPONSIBLE_WORDS = (r"(?:按职责分工负责|按照职责分工负责|按职能职责负责|按职责负责|按职责分工落实|分别负责|共同负责|具体负责"
                      r"|负责落实|负责实施|具体实施|组织实施|抓好落实|负责|实施|落实)")
_CLAUSES: Final = [
    # "会同区财政局等部门负责" after "由区发展改革委牵头，"
    (re.compile(r"^(?:并|并且)?(?:会同|联合)(?P<a>.+?)(?:等部门|等单位)?(?:共同)?" + _RESPONSIBLE_WORDS + r"?$"),
     SUPPORT, None),
    # 由区住房城乡建委会同区规划自然资源局、区城管局负责
    (re.compile(r"^由?(?P<a>.+?)(?:会同|联合|协调|牵头[，,]?会同|牵头[，,]?联合)(?P<b>.+?)(?:等部门|等单位)?(?:共同|具体|按职责)?"
                + _RESPONSIBLE_WORDS + r"?$"), LEAD, SUPPORT),
    (re.compile(r"^由?(?P<a>.+?)(?:牵头负责|牵头抓总|牵头|为牵头单位)$"), LEAD, None),
    (re.compile(r"^由?(?P<a>.+?)(?:配合落实|协同配合|共同参与|做好配合|积极配合|配合|协助|参与|协办)$"), SUPPORT, None),
    (re.compile(r"^由?(?P<a>.+?)" + _RESPONSIBLE_WORDS + "$"), RESPONSIBLE, None),
]
_DEADLINE_RE: Final = re.compile(
    r"\d{4}\s*年|\d{1,2}\s*月(?:底|末|\d)|年底|年内|年末|长期|持续推进|常态化|每(?:年|季度?|月|半年)|十[三四五]五|前完成|完成时限|按时完成")
_UNIT_START: Final = re.compile(r"^(?:区|市|县|各|有关|相关|重庆|南川|中共|国网|共青团|团区委|人行|人民银行|金佛山)")
_UNIT_END: Final = re.compile(
    r"(?:委|局|办|办公室|部|院|会|中心|公司|集团|政府|街道|乡镇|镇|乡|所|队|站|处|科|室|社|行|联|团|署|厅|馆|台|校|园区|管委会"
    r"|分局|支队|大队|指挥部|领导小组|工作组|各部门|有关部门|相关部门|有关单位|相关单位|[）)])$")


def looks_like_unit(name: str) -> bool:
    name = name.strip()
    return 2 <= len(name) <= 30 and not re.search(r"[，。；：,;:]", name) and (
        bool(_UNIT_START.match(name)) and bool(_UNIT_END.search(name)))


def _clause(text: str, bracket_names: Sequence[str], *, strict: bool) -> tuple[str, list[DraftUnit]] | None:
    """("units", units) or ("deadline", []) for one clause, None when it states neither.

    ``strict`` (prose) takes only names that look like units (区…局, 各乡镇（街道）…); otherwise (a
    closing parenthesis) a bare list of such names is read as 责任单位 too."""
    text = text.strip().strip("。；;，,、 \u3000")
    if not text:
        return None
    for pattern, role_a, role_b in _CLAUSES:
        m = pattern.match(text)
        if not m:
            continue
        units = _units(m.group("a"), role_a, bracket_names)
        if role_b is not None:
            units += _units(m.group("b"), role_b, bracket_names)
        if units and (not strict or all(looks_like_unit(u.name) for u in units)):
            return "units", units
        break
    if _DEADLINE_RE.search(text):
        return None if strict else ("deadline", [])
    if not strict:
        units = _units(text, RESPONSIBLE, bracket_names)
        if units and all(looks_like_unit(u.name) for u in units):
            return "units", units
    return None


def _units(text: str, role: str, bracket_names: Sequence[str]) -> list[DraftUnit]:
    names = list(bracket_names) + _bracketed_names(text)
    mentions = split_units(text, names)
    explicit = any(m.role for m in mentions)
    out = []
    for m in mentions:
        if m.role == "牵头":
            unit_role = LEAD
        elif m.role == "配合":
            unit_role = SUPPORT
        elif role == RESPONSIBLE and explicit:
            unit_role = SUPPORT  # 责任单位：区发改委（牵头）、区财政局 → the others support
        else:
            unit_role = role
        out.append(DraftUnit(m.name, unit_role))
    return out


_BRACKETED_RE: Final = re.compile(r"[^\s、，,；;：:（()）]{1,20}[（(]([^（()）]{1,10})[）)]")
_NOTE_WORDS: Final = re.compile(r"牵头|配合|负责|职责|协|参与|单位|部门|排|为|按|\d")


def _bracketed_names(text: str) -> list[str]:
    """Names written with a bracket in them (各乡镇（街道）, 中新（重庆）公司…), as opposed to a note
    such as （牵头） or （按职责分工负责）: kept whole when the text is split."""
    return [m.group(0) for m in _BRACKETED_RE.finditer(text) if not _NOTE_WORDS.search(m.group(1))]


def _settle(result: Responsibility) -> None:
    """Within one statement, 责任 units beside a named lead support it."""
    if any(u.role == LEAD for u in result.units):
        result.units = [DraftUnit(u.name, SUPPORT) if u.role == RESPONSIBLE else u for u in result.units]


def _split_top(text: str, separators: str) -> list[str]:
    """Split at separators outside brackets."""
    parts: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in "（(【[〔":
            depth += 1
        elif ch in "）)】]〕":
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


# A deadline clause in a prose sentence that states units: "由区X负责，2023年12月底前完成".
_PROSE_DEADLINE_RE: Final = re.compile(
    r"^(?:确保|力争|务必|须|必须|并|于|在)?\s*(?:\d{4}\s*年|今年|年)[^，,；;。]{0,10}?(?:底|末|内|日|月|季度)\s*"
    r"(?:以前|之前|前)?\s*(?:全面|基本)?(?:完成|建成|到位|落实到位)?(?:任务)?$")


def _clauses(text: str, bracket_names: Sequence[str], *, strict: bool) -> Responsibility | None:
    """A run of clauses, such as the inside of a closing parenthesis or a prose sentence."""
    result = Responsibility()
    found_units = False
    for part in _split_top(text, "，,；;"):
        got = _clause(part, bracket_names, strict=strict)
        if got is None:
            clause = part.strip().strip("。；;，,、 \u3000")
            if strict and _PROSE_DEADLINE_RE.match(clause):
                result.deadlines.append(clause)  # kept only if the sentence states units
            continue
        kind, units = got
        if kind == "units":
            result.add_units(units)
            found_units = True
        elif not strict:
            result.deadlines.append(part.strip().strip("。；;，,、 \u3000"))
    if not found_units:
        return None
    _settle(result)
    return result


# --- brackets --------------------------------------------------------------------------------------------

_OPEN: Final = "（(【["
_CLOSE: Final = "）)】]"


def _groups(text: str) -> list[tuple[int, int]]:
    """(start, end) of every top-level bracket group, end exclusive."""
    out = []
    depth = 0
    start = -1
    for i, ch in enumerate(text):
        if ch in _OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    return out


def _paragraph(text: str, bracket_names: Sequence[str], result: Responsibility) -> None:
    if starts_with_label(text):  # shape 2: 牵头单位：… on a line of its own
        got = _labelled(text, bracket_names)
        if got:
            result.merge(got)
        return
    used: list[tuple[int, int]] = []
    for start, end in _groups(text):
        inner = text[start + 1:end - 1]
        got = None
        if starts_with_label(inner):  # shape 3: （牵头单位：…；配合单位：…）
            got = _labelled(inner, bracket_names)
        elif _closes_sentence(text, end):
            got = _closing(inner, bracket_names)  # shape 1: the closing parenthesis
        if got:
            result.merge(got)
            used.append((start, end))
    # shape 5: prose, outside the brackets already read
    prose = text
    for start, end in reversed(used):
        prose = prose[:start] + "。" + prose[end:]
    for sentence in _split_top(prose, "。；;！!？?"):
        if "负责" in sentence or "牵头" in sentence or "配合" in sentence or "实施" in sentence or "落实" in sentence:
            got = _clauses(sentence, bracket_names, strict=True)
            if got:
                result.merge(got)


def _closing(inner: str, bracket_names: Sequence[str]) -> Responsibility | None:
    """The inside of a closing parenthesis, which may end in labels:
    ``区发展改革委牵头，区财政局配合；责任领导：张三，李四`` (the labels' values hold commas of their own)."""
    label = _LABEL_RE.search(inner)
    if label is None:
        return _clauses(inner, bracket_names, strict=False)
    before = inner[:label.start()]
    got = _clauses(before, bracket_names, strict=False)
    labelled = _labelled(inner[label.start():], bracket_names)
    if labelled is None:
        return got
    if got is None:  # （2023年底前完成；责任领导：张三）: no units before the labels, a deadline may be
        got = Responsibility(deadlines=[p.strip().strip("。、 \u3000") for p in _split_top(before, "，,；;")
                                        if _DEADLINE_RE.search(p)])
    got.merge(labelled)
    _settle(got)
    return got


_AFTER_GROUPS_RE: Final = re.compile(r"^(?:\s*[（(【\[][^（(）)【】\[\]]*[）)】\]])*\s*(?:[。；;，,！!]|$)")


def _closes_sentence(text: str, end: int) -> bool:
    """The group ends its sentence: 「…（区X牵头）。」, 「…（区X牵头）；推进…」, 「…（区X牵头）（2023年底前）」."""
    return bool(_AFTER_GROUPS_RE.match(text[end:]))


def responsibility_of(paragraphs: Iterable[str], bracket_names: Sequence[str] = DEFAULT_BRACKET_NAMES) -> Responsibility:
    """Units, 责任领导 and 完成时限 stated in a task's paragraphs (shapes 1, 2, 3 and 5)."""
    result = Responsibility()
    for text in paragraphs:
        _paragraph(text, bracket_names, result)
    return result


def from_columns(lead: str, support: str, responsible: str, leader: str, deadline: str,
                 bracket_names: Sequence[str] = DEFAULT_BRACKET_NAMES) -> Responsibility:
    """Shape 4: the cells of a responsibility table's row."""
    result = Responsibility()
    if lead.strip():
        result.add_units(_units(lead, LEAD, bracket_names))
    if responsible.strip():
        # 责任单位 beside a 牵头单位 column supports; alone, it is the 责任单位 column of a 分工表.
        result.add_units(_units(responsible, SUPPORT if lead.strip() else RESPONSIBLE, bracket_names))
    if support.strip():
        result.add_units(_units(support, SUPPORT, bracket_names))
    if leader.strip():
        result.leader = _leader(leader)
    if deadline.strip():
        result.deadlines.append("；".join(x.strip() for x in deadline.split("\n") if x.strip()))
    _settle(result)
    return result
