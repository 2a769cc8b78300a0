"""The office's rules about one assignment or unit, as plain functions of plain values, so that
the services, the lists, the reports and the desktop app's buttons all ask the same question.

See docs/statuses.md (销号 and 退回) and docs/lights.md (who owes a return)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from .statuses import BEHIND, DONE, IN_PROGRESS, NOT_STARTED, ONGOING
from .vocabulary import CATEGORIES, ROLE_LEAD

if TYPE_CHECKING:
    from .periods import Period

# 销号 states of a reported completion: a unit's own 已完成 waits for the office's check.
CLOSURE_PENDING: Final = "待销号"
CLOSURE_CONFIRMED: Final = "已销号"
# A collective name (各乡镇（街道）) stands for its members and cannot send a return itself.
COLLECTIVE: Final = "集合"

# Lists sort the statuses that need attention first.
STATUS_ORDER: Final[dict[str, int]] = {BEHIND: 0, NOT_STARTED: 1, IN_PROGRESS: 2, ONGOING: 3, DONE: 4}
# Units are listed by category in the directory's order (区级部门, 乡镇街道, 企事业单位, 集合).
CATEGORY_ORDER: Final[dict[str, int]] = {c: i for i, c in enumerate(CATEGORIES)}


def can_confirm(status: str, closure: str | None) -> bool:
    """销号 applies to a completion a unit reported and the office has not yet checked."""
    return status == DONE and closure == CLOSURE_PENDING


def can_send_back(status: str) -> bool:
    """退回 applies to work recorded as 已完成 (reported by a unit or set by hand)."""
    return status == DONE


def category_sort_key(category: str, name: str = "") -> tuple[int, str]:
    """Units in the directory's category order, then by name; an unknown category goes last."""
    return CATEGORY_ORDER.get(category, len(CATEGORY_ORDER)), name


def owes_return(role: str, category: str, status: str, *, period: Period | None = None,
                done_in: Period | None = None, shared: bool = False) -> bool:
    """Whether an assignment needs a return for ``period``: lead units report on their work
    each period (cooperating units report through the lead unit, though their own returns are
    taken too); collective names such as 各乡镇（街道） cannot send a return. Work reported done
    in a period still owed that period's return and the earlier ones; work marked done by hand
    owes nothing more. A member's share of a collective's work (``shared``: 各乡镇（街道） → 大观镇)
    is reported by the member itself, whatever the collective's role. The one rule behind 未报送,
    the lights and the unit scores."""
    if category == COLLECTIVE or (role != ROLE_LEAD and not shared):
        return False
    if status != DONE:
        return True
    return period is not None and done_in is not None and done_in.sort_key >= period.sort_key
