"""Every message a clerk sees about bad input is built here.

A :class:`Problem` carries where (file, sheet, Excel row, column letter) and what (a Chinese
text that also says what to do). Readers and services raise :class:`FileRefused` for a file that
cannot be used at all, and collect ``Problem``s for row-level errors and warnings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None  # as Excel shows it (1-based)
    column: str | None = None  # Excel column letter, e.g. "H"
    severity: Severity = "error"

    def where(self) -> str:
        parts = []
        if self.file:
            parts.append(f"文件“{self.file}”")
        if self.sheet:
            parts.append(f"工作表“{self.sheet}”")
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column:
            parts.append(f"{self.column}列")
        return "，".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}：{self.message}" if where else self.message

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("severity")
        data.pop("file")
        return data


class GreentasksError(Exception):
    """Base of every expected failure; ``str()`` is a Chinese message for the clerk."""


class FileRefused(GreentasksError):
    """A whole file cannot be used: wrong kind, damaged, encrypted, too large, …"""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class UsageError(GreentasksError):
    """Bad command-line usage or a missing path: exit code 2."""


class DatabaseError(GreentasksError):
    """The database cannot be opened, is of an unknown version, or is busy."""


class ConflictError(GreentasksError):
    """Someone else saved the same record since it was loaded (optimistic locking)."""


class PeriodError(UsageError):
    """A 报送期 written in a way no period reads (the one error for a bad period, CLI or window)."""

    def __init__(self, text: object):
        super().__init__(f"报送期“{text}”无法识别。请写成 2023Q1、2023年第一季度、2023-03、2023H1 或 2023 这样的形式。")
        self.text = text
