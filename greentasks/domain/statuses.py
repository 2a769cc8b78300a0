"""The five canonical statuses of an assignment and the synonyms accepted on import (docs/statuses.md)."""

from __future__ import annotations

from typing import Final

from greentasks.domain.text import clean, fold

__all__ = [
    "ACCEPTED_STATUS_TEXT",
    "BEHIND",
    "DONE",
    "IN_PROGRESS",
    "NOT_STARTED",
    "ONGOING",
    "STATUSES",
    "SYNONYMS",
    "normalize_status",
]

NOT_STARTED: Final = "未启动"
IN_PROGRESS: Final = "推进中"
BEHIND: Final = "滞后"
DONE: Final = "已完成"
ONGOING: Final = "长期坚持"
STATUSES: Final = (NOT_STARTED, IN_PROGRESS, BEHIND, DONE, ONGOING)

# canonical → the other spellings units actually send back (docs/statuses.md#synonyms, in its order).
SYNONYMS: Final[dict[str, tuple[str, ...]]] = {
    NOT_STARTED: ("未开始", "尚未启动", "未开展"),
    IN_PROGRESS: ("序时推进", "正在推进", "进行中", "按序时推进", "正常推进", "推进"),
    BEHIND: ("进度滞后", "滞后推进", "未按期", "延期"),
    DONE: ("完成", "已办结", "办结", "已完成并销号", "销号"),
    ONGOING: ("持续推进", "长期推进", "常态化推进", "长期"),
}

_LOOKUP: Final[dict[str, str]] = {
    fold(word): canonical for canonical, words in SYNONYMS.items() for word in (canonical, *words)
}

# Clerks end cells with a full stop or wrap them in quotes; neither changes the meaning.
_EDGE_PUNCTUATION = "。.;；,，!！、\"'“”‘’「」"

# The five first, as a clerk fixing a cell needs them; a few of the ~20 synonyms only show that
# the usual wordings are understood (listing them all buried the five).
SYNONYM_EXAMPLES: Final = ("进行中", "已办结", "持续推进")
ACCEPTED_STATUS_TEXT: Final = (
    "完成状态应为：" + "、".join(STATUSES) + "之一，请改为其中一个"
    + "（" + "".join(f"“{w}”" for w in SYNONYM_EXAMPLES) + "等常见写法也能识别）。"
)


def normalize_status(text: object) -> str | None:
    """The canonical status for a cell value, or ``None`` when it is not an accepted word."""
    if text in _CANONICAL:  # the common case, on every row of every list: no folding needed
        return text  # type: ignore[return-value]
    key = fold(clean(text)).strip(_EDGE_PUNCTUATION)
    if not key:
        return None
    return _LOOKUP.get(key)

_CANONICAL = frozenset(STATUSES)
