"""Progress of an annex indicator towards its 2025 target."""

from __future__ import annotations


def latest_value(values: dict[int, float | None]) -> tuple[int, float] | None:
    """The newest year that has a number, with that number."""
    for year in sorted(values, reverse=True):
        value = values[year]
        if value is not None:
            return year, value
    return None


def progress(target: float | None, values: dict[int, float | None]) -> float | None:
    """The newest value as a share of the 2025 target (all 18 targets of the annex are
    'at least' targets: larger is better); None without a target or a value."""
    latest = latest_value(values)
    if latest is None or not target:
        return None
    return latest[1] / target
