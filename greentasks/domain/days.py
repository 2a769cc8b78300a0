"""A day as the office writes it: 2023年4月1日 (never 2023-04-01 in anything a clerk reads)."""

from __future__ import annotations

import datetime as _dt


def cn_date(day: _dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def cn_date_text(iso: str | None) -> str:
    """A stored ISO day (as the register's rows carry it) in the office's words; "" for none."""
    if not iso:
        return ""
    try:
        return cn_date(_dt.date.fromisoformat(iso))
    except ValueError:
        return iso
