"""What an import reports, per file and per batch, in the JSON shape of docs/cli.md#json-import."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..domain.periods import period_words
from ..errors import Problem
from ..inbox.items import MailInfo, Passed
from .changes import Changes

IMPORTED = "imported"
REFUSED = "refused"
DUPLICATE = "duplicate"
DRY_RUN = "dry-run"
CANCELLED = "cancelled"

OUTCOME_LABELS = {
    IMPORTED: "已导入",
    REFUSED: "未导入",
    DUPLICATE: "重复文件，已跳过",
    DRY_RUN: "预览（未写入）",
    CANCELLED: "已取消",
}


@dataclass
class RowChange:
    """One row's effect: which assignment, and each field's old → new."""

    row: int
    assignment_id: int | None
    task_no: int
    department: str
    measure: str
    period: str = ""
    action: str = "更新"  # 新增 / 更新 / 无变化
    fields: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class ReturnEffect:
    """What importing one return does to the database, counted: the figures a clerk checks
    before committing (and reads back after)."""

    new_entries: int = 0  # reports for assignments that had none for this period
    superseded: int = 0  # this period's earlier reports replaced (kept in the history)
    unchanged: int = 0  # of those, the ones whose content is the same
    status_changes: dict[tuple[str, str], int] = field(default_factory=dict)  # (old, new) → count
    awaiting_closure: int = 0  # newly reported 已完成, waiting for the office's 销号
    extension_requests: int = 0  # 申请延期至 recorded as requests (申请中) for the office to decide

    @property
    def status_changed(self) -> int:
        return sum(self.status_changes.values())

    def to_json(self) -> dict:
        return {
            "new_entries": self.new_entries,
            "superseded_entries": self.superseded,
            "unchanged_entries": self.unchanged,
            "status_changes": self.status_changed,
            "status_transitions": [{"from": old, "to": new, "count": n}
                                   for (old, new), n in self.status_changes.items()],
            "awaiting_closure": self.awaiting_closure,
            "extension_requests": self.extension_requests,
        }

    def line(self, done: bool) -> str:
        """将新增报送5条、替代本期旧报送2条（其中内容无变化1条）；完成状态变化3条（推进中→已完成2条、…）；…"""
        verb = "已" if done else "将"
        parts = [f"{verb}新增报送{self.new_entries}条"]
        if self.superseded:
            parts[0] += f"、替代本期旧报送{self.superseded}条" + (
                f"（其中内容无变化{self.unchanged}条）" if self.unchanged else "")
        if self.status_changes:
            moves = "、".join(f"{old}→{new}{n}条" for (old, new), n in self.status_changes.items())
            parts.append(f"完成状态变化{self.status_changed}条（{moves}）")
        else:
            parts.append("完成状态没有变化")
        if self.awaiting_closure:
            parts.append(f"新报已完成{self.awaiting_closure}条，待区政府办公室销号")
        if self.extension_requests:
            parts.append(f"申请延期{self.extension_requests}项，待审核")
        return "；".join(parts) + "。"


class Written(Protocol):
    """What importing.write_file fills in on the outcome of one thing written all or nothing: a
    file (FileOutcome), a document from its text (plan_documents.DocumentOutcome), a 批示 or
    议定事项 (items.ItemOutcome)."""

    name: str
    outcome: str
    errors: list[Problem]
    warnings: list[Problem]
    created_units: list[str]
    changes: list[Any]  # the rows' changes shown to the clerk (none for a document)
    effect: Any  # a return's figures (None for anything else)
    batch_id: int | None
    touched: Changes


@dataclass(kw_only=True)
class PlanWritten:
    """What adding a plan did (or, in a dry run, would do) — a document from its text
    (plan_documents.DocumentOutcome), a 批示 or 议定事项 (items.ItemOutcome): the fields
    importing.write_file fills in (Written; a plan has no row changes) and the plan it made."""

    outcome: str = REFUSED
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    unknown_units: dict[str, list[str]] = field(default_factory=dict)  # name -> closest known names
    created_units: list[str] = field(default_factory=list)
    plan_id: int | None = None
    batch_id: int | None = None
    assignments: int = 0
    touched: Changes = field(default_factory=Changes)  # what the write changed: the views to refresh
    changes: list[Any] = field(default_factory=list)
    effect: None = None


@dataclass
class FileOutcome:
    path: Path  # the file on disk (for a zip member or an attachment: the zip or the mail)
    outcome: str = REFUSED
    department: str | None = None
    period: str | None = None
    rows: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    changes: list[RowChange] = field(default_factory=list)
    batch_id: int | None = None
    unknown_units: dict[str, list[str]] = field(default_factory=dict)  # name -> suggestions
    created_units: list[str] = field(default_factory=list)
    effect: ReturnEffect | None = None  # a return's figures, once it is checked against the database
    # What writing the file touched, computed by the core (empty unless it was written): the
    # views to refresh. Not ``changes``, which are the rows' changes shown to the clerk.
    touched: Changes = field(default_factory=Changes)
    # What the clerk sees: the file's name, or 名称.zip/内层文件.xlsx, 邮件.eml/附件.xlsx.
    name: str = ""
    mail: MailInfo | None = None  # the mail an attachment came in
    # A return's document (its 文号; None when none was found), and the 文号 as the clerk's lines
    # name it: "" for the built-in plan, whose returns read as they always have.
    plan: str | None = None
    plan_words: str = ""

    def __post_init__(self) -> None:
        if not self.name:
            self.name = self.path.name

    def to_json(self) -> dict:
        data = {
            "path": str(self.path),
            "name": self.name,
            "outcome": self.outcome,
            "department": self.department,
            "period": self.period,
            "plan": self.plan,
            "rows": self.rows,
            "errors": [p.to_json() for p in self.errors],
            "warnings": [p.to_json() for p in self.warnings],
        }
        if self.mail is not None:
            data["mail"] = self.mail.to_json()
        if self.effect is not None:
            data.update(self.effect.to_json())
        return data

    def lines(self) -> list[str]:
        """Chinese lines for the terminal: the outcome, then every error and warning located."""
        label = OUTCOME_LABELS.get(self.outcome, self.outcome)
        who = "，".join(x for x in (self.plan_words, self.department, period_words(self.period)) if x)
        head = f"【{label}】{self.name}" + (f"（{who}）" if who else "")
        if self.outcome in (IMPORTED, DRY_RUN):
            head += f"：{self.rows} 行"
        out = [head]
        if self.mail is not None:
            out.append("  来自" + self.mail.words())
        if self.effect is not None and self.outcome in (IMPORTED, DRY_RUN):
            out.append("  " + self.effect.line(done=self.outcome == IMPORTED))
        out += [f"  错误：{p}" for p in self.errors]
        out += [f"  提示：{p}" for p in self.warnings]
        return out


# How the summary line counts each outcome.
SUMMARY_LABELS = {IMPORTED: "已导入", REFUSED: "未导入", DUPLICATE: "重复", DRY_RUN: "预览", CANCELLED: "已取消"}


@dataclass
class ImportReport:
    files: list[FileOutcome] = field(default_factory=list)
    backup: Path | None = None
    # Files, zip members and attachments that were not spreadsheets to import, and why: named in
    # the summary, never passed over in silence.
    passed: list[Passed] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"files": [f.to_json() for f in self.files],
                "skipped": [{"name": p.name, "reason": p.reason} for p in self.passed]}

    def summary_lines(self) -> list[str]:
        """合计：已导入 2 个文件，未导入 1 个文件；未处理 3 个文件（不是表格）: then each one named."""
        counts: dict[str, int] = {}
        for f in self.files:
            counts[f.outcome] = counts.get(f.outcome, 0) + 1
        total = "，".join(f"{SUMMARY_LABELS.get(k, k)} {v} 个文件" for k, v in counts.items())
        if self.passed:
            total += ("；" if total else "") + f"另有 {len(self.passed)} 个文件未处理（见下）"
        lines = ["合计：" + total] if total else []
        if self.passed:
            lines.append("未处理的文件：")
            lines += [f"  {p.line()}" for p in self.passed]
        return lines

    @property
    def touched(self) -> Changes:
        """What the batch's written files touched, together."""
        merged = Changes()
        for f in self.files:
            merged = merged.merge(f.touched)
        return merged

    @property
    def refused(self) -> list[FileOutcome]:
        return [f for f in self.files if f.outcome == REFUSED]

    @property
    def exit_code(self) -> int:
        return 1 if self.refused else 0
