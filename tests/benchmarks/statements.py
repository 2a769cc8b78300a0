"""Counting the SQL statements a use case sends: every cursor execution on the engine (one round
trip to a server), caught with SQLAlchemy's ``before_cursor_execute`` event, each with the line
of the program that caused it, so that a figure that grows with the office can be traced to its
query (an N+1 loop shows as one line with a count that follows the office's size)."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import FrameType

from sqlalchemy import Engine, event

ROOT = Path(__file__).resolve().parents[2]
_HERE = str(Path(__file__).resolve())


@dataclass
class Statement:
    sql: str
    where: str  # path:line of the program's innermost frame that sent it
    many: bool  # an executemany (one statement, many parameter sets)


@dataclass
class StatementLog:
    """``with StatementLog(db.engine) as log: ...`` then ``log.count``; ``log.by_line()`` groups
    them by the line that sent them."""

    engine: Engine
    statements: list[Statement] = field(default_factory=list)

    def __enter__(self) -> StatementLog:
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement, _parameters, _context, executemany) -> None:
        self.statements.append(Statement(" ".join(str(statement).split()), _caller(sys._getframe(1)),
                                         bool(executemany)))

    @property
    def count(self) -> int:
        return len(self.statements)

    def by_line(self) -> Counter[str]:
        return Counter(s.where for s in self.statements)

    def first_sql(self, where: str) -> str:
        return next(s.sql for s in self.statements if s.where == where)


def _caller(frame: FrameType | None) -> str:
    """The innermost frame that is neither SQLAlchemy's nor this module's, as path:line."""
    while frame is not None:
        shown = _shown(frame.f_code.co_filename)
        if shown is not None:
            return f"{shown}:{frame.f_lineno}"
        frame = frame.f_back
    return "?"


@cache
def _shown(name: str) -> str | None:
    """The file as shown (relative to the checkout), None for SQLAlchemy's and this module's own."""
    path = Path(name)
    if name == _HERE or "sqlalchemy" in path.parts:
        return None
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


def growth(small: StatementLog, large: StatementLog, top: int = 3) -> str:
    """The lines that sent more statements on the larger office, most first: "path:line ×n (+k) SQL…"."""
    a, b = small.by_line(), large.by_line()
    grown = sorted(((b[w] - a.get(w, 0), w) for w in b if b[w] > a.get(w, 0)), reverse=True)[:top]
    return "; ".join(f"{w} ×{b[w]} (+{d}) {large.first_sql(w)[:80]}" for d, w in grown)
