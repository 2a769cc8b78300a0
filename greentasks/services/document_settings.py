"""What the documents that leave the office carry (设置 › 公文, docs/documents.md#settings): the
office that issues them, the 督查通报's masthead (报头), the contact and phone, the 抄送 line of
the 版记 and the 下步要求 paragraphs. Office-wide settings kept in the database, each change logged
like any other (services.settings.set_setting)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sqlalchemy.orm import Session

from ..domain.changes import Changes, Done
from ..errors import UsageError
from . import settings

# The use case's keyword → (the setting, what a clerk calls it, the longest text accepted).
FIELDS: Final = {
    "office_name": (settings.OFFICE_NAME, "发文单位", 40),
    "masthead": (settings.MASTHEAD, "报头", 20),
    "contact": (settings.CONTACT, "联系人", 40),
    "phone": (settings.PHONE, "联系电话", 60),
    "copy_to": (settings.COPY_TO, "抄送", 300),
    "next_steps": (settings.NEXT_STEPS, "下步要求", 4000),
}


@dataclass(frozen=True)
class DocumentSettings:
    office_name: str
    masthead: str
    contact: str
    phone: str
    copy_to: str
    next_steps: str  # one paragraph a line


def read_document_settings(session: Session) -> DocumentSettings:
    """The values in force (an empty office name or masthead is the default one)."""
    masthead = settings.get_setting(session, settings.MASTHEAD).strip() or settings.DEFAULTS[settings.MASTHEAD]
    return DocumentSettings(
        office_name=settings.office_name(session), masthead=masthead,
        contact=settings.get_setting(session, settings.CONTACT), phone=settings.get_setting(session, settings.PHONE),
        copy_to=settings.get_setting(session, settings.COPY_TO),
        next_steps="\n".join(settings.next_steps(session)))


def load_document_settings(db) -> DocumentSettings:
    with db.reading() as session:
        return read_document_settings(session)


def _clean(name: str, value: object) -> str:
    key, label, limit = FIELDS[name]
    text = str(value if value is not None else "").replace("\r\n", "\n").replace("\r", "\n")
    if name == "next_steps":
        text = "\n".join(line.strip() for line in text.split("\n") if line.strip())
    else:
        if "\n" in text.strip():
            raise UsageError(f"{label}只能写一行，请去掉其中的换行。")
        text = text.strip()
    if len(text) > limit:
        raise UsageError(f"{label}最多{limit}个字，现在是{len(text)}个字，请删短一些。")
    return text


def save_document_settings(db, **values: object) -> Done[list[str]]:
    """Saves the values given (keywords of :data:`FIELDS`; an empty office name, masthead or
    下步要求 brings back the default). The value is what a clerk calls each setting that changed."""
    from .audit import Actor
    from .changes import unit_of_work

    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise TypeError(f"unknown document settings: {', '.join(unknown)}")
    cleaned = {name: _clean(name, value) for name, value in values.items()}
    for name in ("office_name", "masthead", "next_steps"):
        if name in cleaned and not cleaned[name]:
            cleaned[name] = settings.DEFAULTS[FIELDS[name][0]]
    changed: list[str] = []
    with unit_of_work(db) as uow:
        for name, text in cleaned.items():
            key, label, _limit = FIELDS[name]
            if settings.get_setting(uow.session, key) != text:
                settings.set_setting(uow.session, key, text, Actor.by_hand())
                changed.append(label)
    # No view shows these (the documents read them when they are made): nothing to refresh, where
    # the recorder's "a setting changed" would have every view reload its lights.
    return Done(Changes(), changed)
