"""What an import reports, per file and per batch, in the JSON shape of SPEC §7."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem

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
class FileOutcome:
    path: Path
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

    def to_json(self) -> dict:
        return {
            "path": str(self.path),
            "outcome": self.outcome,
            "department": self.department,
            "period": self.period,
            "rows": self.rows,
            "errors": [p.to_json() for p in self.errors],
            "warnings": [p.to_json() for p in self.warnings],
        }

    def lines(self) -> list[str]:
        """Chinese lines for the terminal: the outcome, then every error and warning located."""
        label = OUTCOME_LABELS.get(self.outcome, self.outcome)
        who = "，".join(x for x in (self.department, self.period) if x)
        head = f"【{label}】{self.path.name}" + (f"（{who}）" if who else "")
        if self.outcome in (IMPORTED, DRY_RUN):
            head += f"：{self.rows} 行"
        out = [head]
        out += [f"  错误：{p}" for p in self.errors]
        out += [f"  提示：{p}" for p in self.warnings]
        return out


@dataclass
class ImportReport:
    files: list[FileOutcome] = field(default_factory=list)
    backup: Path | None = None

    def to_json(self) -> dict:
        return {"files": [f.to_json() for f in self.files]}

    @property
    def refused(self) -> list[FileOutcome]:
        return [f for f in self.files if f.outcome == REFUSED]

    @property
    def exit_code(self) -> int:
        return 1 if self.refused else 0
