"""The schema, as SQLAlchemy 2.0 typed declarative classes; created and upgraded by Alembic only."""

from .assignment import Assignment, DeadlineExtension, ProgressEntry
from .audit import ChangeLog, ImportBatch, Setting
from .base import Base
from .directory import CollectiveMember, Department, DepartmentAlias
from .indicator import Indicator, IndicatorValue
from .plan import Plan, Section, Task
from .reminder import Reminder

__all__ = [
    "Assignment",
    "Base",
    "ChangeLog",
    "CollectiveMember",
    "DeadlineExtension",
    "Department",
    "DepartmentAlias",
    "ImportBatch",
    "Indicator",
    "IndicatorValue",
    "Plan",
    "ProgressEntry",
    "Reminder",
    "Section",
    "Setting",
    "Task",
]
