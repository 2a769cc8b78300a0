"""A document's text → :class:`~greentasks.plantext.draft.PlanDraft`: head, heading tree, tasks at
one level, and the responsibility each task states.

Which level holds the tasks (when ``task_level`` is not given), in this order:

1. the level with the most items that state their own units (a closing parenthesis, label
   lines, a table row…; ties go to the deeper level), among the levels that hold at least half
   of the document's text;
2. without any stated responsibility, the deepest level whose items carry text of their own and
   together hold most of the document's text (so sub-items under two tasks do not win);
3. else the deepest level there is.

Items under 总体要求 / 指导思想 / 保障措施 / 组织实施 … are the document's frame, not tasks, unless they
state units. An item above the task level that states units and has no item of the task level
under it is a task too (documents mix depths). Every level is offered with its count, for the
clerk to choose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from .draft import DraftSection, DraftTask, LevelInfo, PlanDraft
from .head import read_head
from .outline import TABLE_STYLE, Node, Outline, build_outline, split_heading
from .responsibility import DEFAULT_BRACKET_NAMES, Responsibility, from_columns, responsibility_of
from .sources import DocumentText

__all__ = ["parse_document"]

_FRAMING_RE: Final = re.compile(
    r"总体要求|指导思想|基本原则|工作原则|总体目标|主要目标|工作目标|发展目标|目标要求|保障措施|组织保障|组织实施|工作要求|工作保障"
    r"|实施步骤|工作步骤|进度安排|时间安排|步骤安排|组织领导|附\s*则|总\s*则|实施保障")
_TITLE_MAX: Final = 40


@dataclass
class _Facts:
    own: Responsibility
    subtree: Responsibility
    framing: bool


def parse_document(doc: DocumentText, *, task_level: int | None = None,
                   bracket_names: Sequence[str] = ()) -> PlanDraft:
    """The draft plan a document's text gives. ``task_level`` (1-based, one of ``levels``) puts
    the tasks at that level; without it the level is proposed. ``bracket_names`` are unit names
    that hold brackets (the directory's 各乡镇（街道）…), kept whole when units are split."""
    names = tuple(dict.fromkeys([*bracket_names, *DEFAULT_BRACKET_NAMES]))
    head = read_head(doc.blocks)
    outline = build_outline(doc.blocks, [(p.start, p.end) for p in head.parts])
    facts = _facts(outline, names)
    problems: list[str] = list(doc.notes)

    levels: list[LevelInfo] = []
    selections: dict[int, list[Node]] = {}
    for level, style in enumerate(outline.styles, start=1):
        chosen = _select(outline, level, facts)
        selections[level] = chosen
        with_units = sum(1 for n in chosen if facts[id(n)].subtree.units)
        levels.append(LevelInfo(level, style, len(chosen), with_units))

    if task_level is not None and task_level not in selections:
        offered = "、".join(info.label for info in levels) or "无"
        raise ValueError(f"任务所在的层级 {task_level} 不存在。可选：{offered}")
    if task_level is None:
        task_level = _propose(levels, selections, facts)

    tasks: list[DraftTask] = []
    chosen = selections.get(task_level, []) if task_level is not None else []
    chosen_ids = {id(n) for n in chosen}
    for no, node in enumerate(chosen, start=1):
        tasks.append(_task(no, node, facts[id(node)].subtree))
    sections = _sections(outline, task_level, chosen, chosen_ids, facts, tasks)

    if head.doc_no is None:
        problems.append("文件中没有找到文号（分解方案常常没有自己的文号），请填写文号。")
    if head.title is None:
        problems.append("文件开头没有找到标题，请填写文件标题。")
    if head.issued_on is None:
        problems.append("文件末尾没有找到成文日期，请填写成文日期。")
    if not outline.styles:
        problems.append("没有找到带编号的条目（如“一、”“（一）”“1.”或带“牵头单位”列的表格），分不出任务。"
                        "请检查文件；也可以把任务整理成分工表，用“导入分工表”导入。")
    elif not tasks:
        problems.append("所选层级下没有任务，请换一个层级。")
    problems += _task_problems(tasks, chosen, facts, outline, task_level)

    return PlanDraft(
        doc_no=head.doc_no, title=head.title, issuer=head.issuer, issued_on=head.issued_on, levels=levels,
        task_level=task_level if outline.styles else None, sections=sections, tasks=tasks, problems=problems,
        issued_text=head.issued_text, addressees=head.addressees, preamble="\n".join(outline.preamble),
        forwarded_title=head.forwarded_title, source=doc.name,
    )


# --- facts about every node ----------------------------------------------------------------------------


def _facts(outline: Outline, names: Sequence[str]) -> dict[int, _Facts]:
    facts: dict[int, _Facts] = {}

    def visit(node: Node, framed: bool) -> Responsibility:
        if node.row is not None:
            c = node.row.cells
            own = from_columns(c.get("lead", ""), c.get("support", ""), c.get("responsible", ""),
                               c.get("leader", ""), c.get("deadline", ""), names)
        else:
            own = responsibility_of(node.own_paragraphs() + node.trailing, names)
        # Only a heading frames: a task's first sentence may well mention 工作目标.
        framed = framed or bool(node.heading and _FRAMING_RE.search(node.heading))
        subtree = Responsibility()
        subtree.merge(own)
        for child in node.children:
            subtree.merge(visit(child, framed))
        facts[id(node)] = _Facts(own, subtree, framed and not subtree.units)
        return subtree

    for root in outline.roots:
        visit(root, False)
    return facts


def _select(outline: Outline, level: int, facts: dict[int, _Facts]) -> list[Node]:
    """The tasks with the tasks at ``level``, in document order."""
    chosen: list[Node] = []

    def has_level(node: Node) -> bool:
        return any(n.level == level for n in node.walk() if n is not node)

    def visit(node: Node) -> None:
        f = facts[id(node)]
        if node.level == level:
            if not f.framing:
                chosen.append(node)
            return
        if node.level < level and f.own.units and not f.framing and not has_level(node):
            chosen.append(node)  # an item stating its units with no item of the task level under it
            return
        for child in node.children:
            visit(child)

    for root in outline.roots:
        visit(root)
    return chosen


def _own_text_size(node: Node) -> int:
    if node.row is not None:
        return sum(len(v) for k, v in node.row.cells.items() if k in ("task", "measure"))
    return len(node.after) + sum(len(p) for p in node.paragraphs[1:])


def _propose(levels: list[LevelInfo], selections: dict[int, list[Node]], facts: dict[int, _Facts]) -> int | None:
    if not levels:
        return None
    cover = {info.level: sum(n.text_size() for n in selections[info.level]) for info in levels}
    most = max(cover.values(), default=0)
    # Units stated by the items themselves (not by their sub-items): a section above the tasks
    # "has" every unit of its tasks, so counting those would always favour the top level.
    own = {info.level: sum(1 for n in selections[info.level] if facts[id(n)].own.units) for info in levels}
    broad = [info.level for info in levels if own[info.level] and cover[info.level] >= 0.5 * most]
    if broad:
        return max(broad, key=lambda level: (own[level], level))
    substantial = []
    for info in levels:
        nodes = selections[info.level]
        if not nodes:
            continue
        sizes = sorted(_own_text_size(n) for n in nodes)
        if sizes[len(sizes) // 2] >= 20 and cover[info.level] >= 0.6 * most:
            substantial.append(info.level)
    if substantial:
        return max(substantial)
    with_nodes = [info.level for info in levels if info.count]
    return max(with_nodes) if with_nodes else levels[-1].level


# --- tasks and sections ------------------------------------------------------------------------------------


def _short_title(text: str) -> str:
    """The first sentence (up to 。 or ；), at most about 40 characters."""
    first = re.split(r"[。；;]", text.strip(), maxsplit=1)[0].strip()
    if len(first) <= _TITLE_MAX:
        return first
    cut = max(first.rfind("，", 0, _TITLE_MAX), first.rfind(",", 0, _TITLE_MAX))
    return first[:cut] if cut >= 10 else first[:_TITLE_MAX]


def _path(node: Node) -> str:
    return "/".join(a.code for a in node.ancestors())


def _task(no: int, node: Node, resp: Responsibility) -> DraftTask:
    if node.row is not None:
        cells = node.row.cells
        task_cell, measure = cells.get("task", ""), cells.get("measure", "")
        main = task_cell or measure
        heading, after, _ = split_heading(main)
        title = heading or _short_title(main)
        if task_cell and measure:
            lead_text = after if heading else (task_cell if task_cell != title else "")
            text = "\n".join(x for x in (lead_text, measure) if x)
        else:
            text = after if heading else main
        full = "\n".join(x for x in (task_cell, measure) if x)
        # Paragraphs under a row (rare) belong to it too.
        extra = [p for child in node.children for p in child.all_paragraphs()]
        if extra:
            text = "\n".join([text, *extra]) if text else "\n".join(extra)
            full = "\n".join([full, *extra])
    else:
        paragraphs = node.all_paragraphs()
        rest = paragraphs[1:]
        if node.heading:
            title = node.heading
            text = "\n".join(x for x in [node.after, *rest] if x)
        else:
            title = _short_title(node.after)
            text = "\n".join(x for x in [node.after, *rest] if x)
        full = "\n".join(paragraphs)
    return DraftTask(no=no, marker=node.printed.strip(), title=title, section_path=_path(node), text=text,
                     units=list(resp.units), leader=resp.leader, deadline_text=resp.deadline_text,
                     full_text=full, where=node.where)


def _section_title(node: Node) -> str:
    first = node.paragraphs[0] if node.paragraphs else node.code
    if node.heading:
        return (node.printed + node.heading).strip()
    return (node.printed + _short_title(node.after)).strip() if node.after else first.rstrip("。")


def _sections(outline: Outline, task_level: int | None, chosen: list[Node], chosen_ids: set[int],
              facts: dict[int, _Facts], tasks: list[DraftTask]) -> list[DraftSection]:
    if task_level is None:
        return []
    number_of = {id(n): t.no for n, t in zip(chosen, tasks, strict=True)}
    out: list[DraftSection] = []
    for node in outline.nodes():
        if id(node) in chosen_ids or node.level >= task_level or node.style == TABLE_STYLE:
            continue
        if any(id(a) in chosen_ids for a in node.ancestors()):
            continue
        intro_parts = [node.after] if node.heading and node.after else []
        intro_parts += node.paragraphs[1:]
        direct = tuple(number_of[id(c)] for c in node.children if id(c) in number_of)
        path = "/".join([*(a.code for a in node.ancestors()), node.code])
        out.append(DraftSection(path=path, code=node.code, title=_section_title(node), intro="\n".join(intro_parts),
                                level=node.level, tasks=direct, framing=facts[id(node)].framing))
    return out


def _task_problems(tasks: list[DraftTask], chosen: list[Node], facts: dict[int, _Facts], outline: Outline,
                   task_level: int | None) -> list[str]:
    problems: list[str] = []
    if not tasks or task_level is None:
        return problems
    skipped = [n for n in outline.nodes() if n.level == task_level and facts[id(n)].framing]
    if skipped:
        frames = []
        for n in skipped:
            top = (n.ancestors() or [n])[0]
            label = _section_title(top)
            if label not in frames:
                frames.append(label)
        problems.append(f"“{'”“'.join(frames)}”中的{len(skipped)}个条目是文件的总体要求或保障措施，未列为任务。")
    promoted = [t for t, n in zip(tasks, chosen, strict=True) if n.level < task_level]
    if promoted:
        problems.append(f"第{'、'.join(str(t.no) for t in promoted)}项下面没有更细的条目，但写明了责任单位，也列为任务。")
    numbers = [n.number for n in chosen if n.level == task_level]
    if numbers and all(x is not None for x in numbers):
        pairs = list(zip(numbers, numbers[1:], strict=False))
        gaps = [f"“{a}”之后是“{b}”" for a, b in pairs if b != a + 1 and b != 1]  # type: ignore[operator]
        if gaps:
            problems.append(f"原文编号不连续（{'，'.join(gaps[:3])}），请核对是否漏了条目。")
        elif any(b == 1 for _a, b in pairs):
            problems.append(f"原文各部分的编号分别从1开始，任务已按全文顺序编为第1至{len(tasks)}项（原编号保留在任务的序号中）。")
    with_units = [t for t in tasks if t.units]
    if with_units and len(with_units) < len(tasks):
        missing = [str(t.no) for t in tasks if not t.units]
        shown = "、".join(missing[:10]) + ("等" if len(missing) > 10 else "")
        problems.append(f"第{shown}项没有写明责任单位，请在预览中补充或导入分工表。")
    for t in tasks:
        d = t.deadline
        if d is not None and d.kind == "未识别":
            problems.append(f"第{t.no}项的完成时限“{t.deadline_text}”无法识别为日期，请核对。")
    return problems
