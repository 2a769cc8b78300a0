"""The office's fixed words (statuses, lights, roles, categories, …) as shown in the interface.

The database keeps the Chinese words; :func:`show` gives the word in the interface language.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# Plain modules (no SQLAlchemy): cheap before the first paint.
from greentasks.domain.statuses import STATUSES
from greentasks.domain.vocabulary import CATEGORIES, LIGHTS, ROLES

__all__ = ["CATEGORIES", "LIGHTS", "ROLES", "STATUSES", "show"]

_WORDS = (
    QT_TRANSLATE_NOOP("Vocabulary", "未启动"),
    QT_TRANSLATE_NOOP("Vocabulary", "推进中"),
    QT_TRANSLATE_NOOP("Vocabulary", "滞后"),
    QT_TRANSLATE_NOOP("Vocabulary", "已完成"),
    QT_TRANSLATE_NOOP("Vocabulary", "长期坚持"),
    QT_TRANSLATE_NOOP("Vocabulary", "红"),
    QT_TRANSLATE_NOOP("Vocabulary", "黄"),
    QT_TRANSLATE_NOOP("Vocabulary", "绿"),
    QT_TRANSLATE_NOOP("Vocabulary", "牵头"),
    QT_TRANSLATE_NOOP("Vocabulary", "配合"),
    QT_TRANSLATE_NOOP("Vocabulary", "区级部门"),
    QT_TRANSLATE_NOOP("Vocabulary", "乡镇街道"),
    QT_TRANSLATE_NOOP("Vocabulary", "企事业单位"),
    QT_TRANSLATE_NOOP("Vocabulary", "集合"),
    QT_TRANSLATE_NOOP("Vocabulary", "待销号"),
    QT_TRANSLATE_NOOP("Vocabulary", "已销号"),
    QT_TRANSLATE_NOOP("Vocabulary", "按月"),
    QT_TRANSLATE_NOOP("Vocabulary", "按季度"),
    QT_TRANSLATE_NOOP("Vocabulary", "按半年"),
    QT_TRANSLATE_NOOP("Vocabulary", "按年"),
    QT_TRANSLATE_NOOP("Vocabulary", "有效"),
    QT_TRANSLATE_NOOP("Vocabulary", "废止"),
    QT_TRANSLATE_NOOP("Vocabulary", "未识别"),
    QT_TRANSLATE_NOOP("Vocabulary", "手工"),
    QT_TRANSLATE_NOOP("Vocabulary", "导入"),
    QT_TRANSLATE_NOOP("Vocabulary", "撤销"),
    QT_TRANSLATE_NOOP("Vocabulary", "初始化"),
    QT_TRANSLATE_NOOP("Vocabulary", "已导入"),
    QT_TRANSLATE_NOOP("Vocabulary", "已撤销"),
)


def show(word: str | None) -> str:
    """The word in the interface language (unknown words are shown as they are)."""
    if not word:
        return ""
    return QCoreApplication.translate("Vocabulary", word)
