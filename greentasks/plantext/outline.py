"""The heading tree of a document's body: 一、 / （一） / 1. / （1） / ①, 第一章 / 第一节 / 第一条, and the
rows of a responsibility table.

A heading's level is set by its marker's style in the order the styles first appear (documents
differ: one goes 一、 → （一） → 1., another 一、 → 1. → （1））; half- and full-width brackets and
1. / 1、 / 1． are one style each. A heading may be run in: ``（一）推进产业结构优化。加快……`` is the
heading 推进产业结构优化 and the paragraph goes on. Every paragraph up to the next heading of the
same or a higher level belongs to a node (its own text, then its children's).

A table whose header names 牵头单位 or 责任单位 (with 序号 or a task column) is a responsibility
table: each of its rows is a node of its own style, under the heading it stands below; a row that
only holds a heading (一、… across the row) is a heading. Other tables stay in the text of the node
they stand in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Final

from ..domain.text import fold
from ..excel.headers import ColumnKind, header_text, match_columns
from .responsibility import responsibility_of, starts_with_label
from .sources import Block, TableBlock, TextBlock

__all__ = ["Marker", "Node", "Outline", "build_outline", "match_marker"]

_CN = "一二三四五六七八九十百零〇"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (style, pattern); the style's label is how the dialog names the level.
_STYLES: Final[list[tuple[str, re.Pattern[str]]]] = [
    ("第一章", re.compile(rf"^第\s*(?P<n>[{_CN}\d]+)\s*章(?:\s+|(?=\S))")),
    ("第一节", re.compile(rf"^第\s*(?P<n>[{_CN}\d]+)\s*节(?:\s+|(?=\S))")),
    ("第一条", re.compile(rf"^第\s*(?P<n>[{_CN}\d]+)\s*条(?:\s+|(?=\S))")),
    ("一、", re.compile(rf"^(?P<n>[{_CN}]{{1,3}})\s*[、．.]\s*")),
    ("（一）", re.compile(rf"^[（(]\s*(?P<n>[{_CN}]{{1,3}})\s*[）)]\s*")),
    ("（1）", re.compile(r"^[（(]\s*(?P<n>\d{1,3})\s*[）)]\s*")),
    ("1.", re.compile(r"^(?P<n>\d{1,3})\s*[.．、](?!\d)\s*")),
    ("1）", re.compile(r"^(?P<n>\d{1,2})\s*[)）]\s*")),
    ("①", re.compile(rf"^(?P<n>[{_CIRCLED}])\s*")),
]
TABLE_STYLE: Final = "表格"

# Responsibility tables: the columns, as in the 分工表 (excel/plan_table.py) plus 责任领导.
TABLE_KINDS: Final = [
    ColumnKind("no", ("序号", "编号", "任务编号", "任务序号")),
    ColumnKind("task", ("重点任务", "主要任务", "工作任务", "任务名称", "重点工作", "工作事项", "重点举措", "主要举措", "工作举措",
                        "举措", "任务", "事项", "项目名称")),
    ColumnKind("measure", ("具体措施", "工作措施", "具体工作", "主要内容", "工作内容", "任务内容", "工作目标", "目标任务", "具体内容")),
    ColumnKind("lead", ("牵头单位", "牵头部门", "牵头", "主办单位", "主责单位")),
    ColumnKind("responsible", ("责任单位", "责任部门", "责任主体")),
    ColumnKind("support", ("配合单位", "配合部门", "协办单位", "协同单位", "参与单位", "配合")),
    ColumnKind("leader", ("责任领导", "分管领导", "联系领导", "牵头领导", "责任区领导", "分管区领导", "包抓领导")),
    ColumnKind("deadline", ("完成时限", "完成时间", "时间节点", "时限要求", "完成期限", "时限")),
]


@dataclass(frozen=True)
class Marker:
    style: str  # the style's label: 一、 / （一） / 1. / …
    printed: str  # the marker as printed, e.g. "(三) " or "1．"
    code: str  # normalised: 三 / （三） / 1. / （1） / ① / 第三条
    number: int | None
    rest: str  # the paragraph after the marker


def _number(text: str) -> int | None:
    if text.isascii() and text.isdigit():
        return int(text)
    if text in _CIRCLED:
        return _CIRCLED.index(text) + 1
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["〇"] = 0
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch in digits:
            current = current * 10 + digits[ch] if current else digits[ch]
        else:
            return None
    return total + current


def match_marker(text: str) -> Marker | None:
    for style, pattern in _STYLES:
        m = pattern.match(text)
        if not m:
            continue
        rest = text[m.end():]
        if not rest.strip() and style not in ("第一章", "第一节", "第一条"):
            return None  # a bare "1." or "一、" is not a heading
        if style == "1." and re.match(r"^\d", rest):
            return None
        n = m.group("n")
        if style == "一、":
            code = n
        elif style == "（一）":
            code = f"（{n}）"
        elif style == "（1）":
            code = f"（{int(n)}）"
        elif style == "1.":
            code = f"{int(n)}."
        elif style == "1）":
            code = f"{int(n)}）"
        elif style == "①":
            code = n
        else:
            code = f"第{n}{style[-1]}"
        return Marker(style, text[:m.end()], code, _number(n), rest)
    return None


# A run-in heading ends at the first 。 (or ：) when what comes before is short and has no comma.
_RUN_IN_MAX = 40


def split_heading(rest: str) -> tuple[str, str, bool]:
    """(heading, text after it, run_in) for the text after a marker. Without a heading-like
    first sentence the heading is "" and the text is the whole."""
    rest = rest.strip()
    for stop in ("。", "：", ":"):
        p = rest.find(stop)
        if p <= 0:
            continue
        if stop != "。" and 0 <= rest.find("。") < p:
            continue
        head = rest[:p].strip()
        if len(head) <= _RUN_IN_MAX and not re.search(r"[，,；;、]", head):
            return head, rest[p + 1:].strip(), True
        break
    if "。" not in rest and len(rest) <= _RUN_IN_MAX and not re.search(r"[，,；;]", rest) and not rest.endswith("）"):
        return rest, "", False  # a heading on a line of its own
    return "", rest, False


@dataclass
class TableRow:
    """A responsibility table's row, by column kind."""

    cells: dict[str, str]
    where: str


@dataclass
class Node:
    style: str
    level: int
    code: str
    printed: str  # the marker as printed
    number: int | None
    heading: str  # "" when the first paragraph has no heading-like first sentence
    after: str  # the first paragraph after the marker and heading
    paragraphs: list[str]  # own paragraphs, verbatim, the first with its marker
    where: str
    row: TableRow | None = None
    tables: list[TableBlock] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    part: int = 0  # which Part of the document (0 = body, then the annexes)
    # 牵头单位：… lines after the last sub-item that speak for this node (see _lift_labels)
    trailing: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self) -> list[Node]:
        out = []
        node = self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out[::-1]

    def own_paragraphs(self) -> list[str]:
        return self.paragraphs + [_table_text(t) for t in self.tables]

    def all_paragraphs(self) -> list[str]:
        out = self.own_paragraphs()
        for child in self.children:
            out += child.all_paragraphs()
        return out + self.trailing

    def text_size(self) -> int:
        return sum(len(p) for p in self.all_paragraphs())


def _table_text(table: TableBlock) -> str:
    return "\n".join("\t".join(row) for row in table.rows)


@dataclass
class Outline:
    styles: list[str]  # by level: styles[0] is level 1
    roots: list[Node]
    preamble: list[str]  # paragraphs before the first heading

    def nodes(self) -> Iterator[Node]:
        for root in self.roots:
            yield from root.walk()


def _header(table: TableBlock) -> tuple[int, dict[str, int]] | None:
    for r, row in enumerate(table.rows[:3]):
        cols = match_columns(list(row), TABLE_KINDS)
        if ("lead" in cols or "responsible" in cols) and ("no" in cols or "task" in cols or "measure" in cols):
            # 责任单位 over 牵头单位 | 配合单位: the row below names the columns under the group.
            if r + 1 < len(table.rows):
                below = match_columns(list(table.rows[r + 1]), TABLE_KINDS)
                if below and ("lead" in below or "support" in below):
                    merged = {k: c for k, c in cols.items() if c not in below.values()}
                    merged.update(below)
                    return r + 1, merged
            return r, cols
    return None


def _is_column_numbers(row: tuple[str, ...]) -> bool:
    values = [header_text(v) for v in row if header_text(v)]
    return len(values) >= 3 and all(v.isdigit() for v in values) and [int(v) for v in values] == list(
        range(int(values[0]), int(values[0]) + len(values)))


def build_outline(blocks: list[Block], parts: list[tuple[int, int]]) -> Outline:
    styles: list[str] = []
    roots: list[Node] = []
    preamble: list[str] = []
    stack: list[Node] = []

    def level_of(style: str) -> int:
        if style not in styles:
            styles.append(style)
        return styles.index(style) + 1

    def open_node(node: Node) -> None:
        while stack and stack[-1].level >= node.level:
            stack.pop()
        if stack:
            node.parent = stack[-1]
            stack[-1].children.append(node)
        else:
            roots.append(node)
        stack.append(node)

    for part_no, (start, end) in enumerate(parts):
        stack.clear()  # an annex starts its own outline: no text flows across the signature
        for index in range(start, end):
            block = blocks[index]
            if isinstance(block, TextBlock):
                marker = match_marker(block.text)
                if marker is not None:
                    heading, after, _run_in = split_heading(marker.rest)
                    node = Node(marker.style, level_of(marker.style), marker.code, marker.printed, marker.number,
                                heading, after, [block.text], block.where, part=part_no)
                    open_node(node)
                elif stack:
                    stack[-1].paragraphs.append(block.text)
                elif part_no == 0:
                    preamble.append(block.text)
                continue
            header = _header(block)
            if header is None:
                if stack:
                    stack[-1].tables.append(block)
                continue
            _table_rows(block, header, part_no, level_of, open_node)
            # The rows are closed when the table ends: a paragraph after it belongs to the heading.
            while stack and stack[-1].style == TABLE_STYLE:
                stack.pop()
    for root in roots:
        _lift_labels(root)
    return Outline(styles, roots, preamble)


def _lift_labels(node: Node) -> None:
    """``1. 任务 / （1）… / （2）… / 牵头单位：…``: label lines after the last of several sub-items,
    when no other sub-item states any responsibility, state the responsibility of the item above
    them. (When the others do — （一）…（区X牵头） / （二）… / 牵头单位：… — the lines are the last
    item's own.)"""
    for child in node.children:
        _lift_labels(child)
    if len(node.children) < 2:
        return
    last = node.children[-1]
    if last.children or any(starts_with_label(p) for c in node.children[:-1] for p in c.paragraphs[1:]):
        return
    if any(responsibility_of(c.own_paragraphs()).units for c in node.children[:-1]):
        return
    k = len(last.paragraphs)
    while k > 1 and starts_with_label(last.paragraphs[k - 1]):
        k -= 1
    if k < len(last.paragraphs):
        node.trailing = last.paragraphs[k:] + node.trailing
        del last.paragraphs[k:]


def _table_rows(table: TableBlock, header: tuple[int, dict[str, int]], part_no: int,
                level_of: Callable[[str], int], open_node: Callable[[Node], None]) -> None:
    """Each task row a node (rows continuing a task merge into it); 一、… across a row a heading."""
    header_row, cols = header
    first = header_row + 1
    if first < len(table.rows) and _is_column_numbers(table.rows[first]):
        first += 1
    current: Node | None = None
    previous_ids: tuple[int, ...] | None = None
    for r in range(first, len(table.rows)):
        row = table.rows[r]
        ids = table.cells[r]
        where = f"{table.where}第{r + 1}行"

        def cell(key: str, row: tuple[str, ...] = row) -> str:
            c = cols.get(key)
            return row[c].strip() if c is not None and c < len(row) else ""

        def merged_down(key: str, ids: tuple[int, ...] = ids, above: tuple[int, ...] | None = previous_ids) -> bool:
            c = cols.get(key)
            return c is not None and above is not None and c < len(ids) and ids[c] == above[c]

        # A cell merged across the row is one cell: its text counts once.
        texts = {row[c] for c in range(len(row)) if row[c].strip()}
        if not texts:
            continue
        across = len(set(ids)) == 1 or (len(texts) == 1 and not cell("lead") and not cell("responsible"))
        if len(texts) == 1 and across:
            only = texts.pop()
            marker = match_marker(only)
            if marker is None:
                continue  # a note or a category written across the row: not a task
            # 一、… written across the row: a heading
            heading, after, _ = split_heading(marker.rest)
            node = Node(marker.style, level_of(marker.style), marker.code, marker.printed, marker.number,
                        heading, after, [only], where, part=part_no)
            open_node(node)
            current = None
            previous_ids = ids
            continue
        no_text = cell("no")
        continues = current is not None and (
            merged_down("no") or (not no_text and (merged_down("task") or not cell("task"))))
        if continues and current is not None and current.row is not None:
            # Another row of the same task (its 序号 merged down, or empty): its cells add to it.
            for key in cols:
                value = cell(key)
                if not value or merged_down(key):
                    continue
                old = current.row.cells.get(key, "")
                if value not in old.split("\n"):
                    current.row.cells[key] = f"{old}\n{value}" if old else value
            previous_ids = ids
            continue
        number = _row_number(no_text)
        if not (cell("task") or cell("measure")):
            previous_ids = ids
            continue
        row_cells = {key: cell(key) for key in cols}
        node = Node(TABLE_STYLE, level_of(TABLE_STYLE), no_text, no_text, number, "", "", [], where,
                    row=TableRow(row_cells, where), part=part_no)
        open_node(node)
        current = node
        previous_ids = ids


def _row_number(text: str) -> int | None:
    m = re.fullmatch(r"(?:第)?[（(]?\s*(\d{1,3})\s*[)）]?(?:项|条)?[.．、]?", fold(text))
    return int(m.group(1)) if m else None
