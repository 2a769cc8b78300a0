"""The Excel commands of SPEC §7 (import-plan, export-templates, import-returns, export-ledger,
export-indicators, import-indicators) and report; registered into the CLI's parser."""

from __future__ import annotations

from collections.abc import Callable

COMMANDS: dict[str, Callable] = {}


def register(cmd: Callable) -> None:
    """Adds the Excel commands' sub-parsers."""
