"""Declarative base with a naming convention so Alembic migrations get stable constraint names."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def now() -> datetime:
    """Local wall-clock time without tzinfo: what a clerk reads on the screen and in the log."""
    return datetime.now().replace(microsecond=0)


def text_key(text: str) -> str:
    """A short fixed-length key of a long text, for unique constraints that PostgreSQL's
    btree indexes could not hold on the text itself."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
