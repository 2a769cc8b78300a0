"""``greentasks.excel`` reads and writes sheets only: it sits below the services and never reaches
the database, so every module is checked for what it imports (at the top, inside functions and
under TYPE_CHECKING alike)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import greentasks.excel

EXCEL_DIR = Path(greentasks.excel.__file__).parent
FORBIDDEN = ("greentasks.services", "greentasks.models", "greentasks.db", "sqlalchemy")
# The directory sheet still takes DirectoryRow and split_aliases from services.directory; they are
# pure and move to the domain when services/directory.py is next reworked. Listed here so that no
# other such import creeps in, and checked below so the entry goes once the import does.
KNOWN = {("greentasks.excel.directory_sheet", "greentasks.services.directory")}


def imported_modules(source: str, module: str) -> set[str]:
    """Every module ``source`` (the text of ``module``) imports, relative imports resolved; for
    ``from X import name`` both X and X.name, since name may be a submodule."""
    package = module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def _forbidden(names: set[str]) -> set[str]:
    return {n for n in names if any(n == f or n.startswith(f + ".") for f in FORBIDDEN)}


def _excel_modules() -> list[tuple[str, Path]]:
    return [(f"greentasks.excel.{p.stem}" if p.stem != "__init__" else "greentasks.excel", p)
            for p in sorted(EXCEL_DIR.glob("*.py"))]


@pytest.mark.parametrize(("module", "path"), _excel_modules(), ids=lambda v: v if isinstance(v, str) else "")
def test_excel_module_imports_no_service_model_or_database(module, path):
    names = imported_modules(path.read_text(encoding="utf-8"), module)
    allowed = {target for source, target in KNOWN if source == module}
    bad = {n for n in _forbidden(names) if not any(n == a or n.startswith(a + ".") for a in allowed)}
    assert not bad, f"{module} imports {sorted(bad)}: hand it plain rows from a service instead"


def test_every_excel_module_is_checked():
    modules = dict(_excel_modules())
    assert {"greentasks.excel.ledger", "greentasks.excel.reader", "greentasks.excel._grid"} <= set(modules)


def test_known_exceptions_are_still_needed():
    for module, target in KNOWN:
        path = EXCEL_DIR / f"{module.rsplit('.', 1)[1]}.py"
        assert target in imported_modules(path.read_text(encoding="utf-8"), module), \
            f"{module} no longer imports {target}: remove it from KNOWN"


@pytest.mark.parametrize("source", [
    "from ..services.queries import Context",
    "from ..services import audit",
    "from .. import services",
    "from .. import db",
    "from ..models.audit import BATCH_INDICATORS",
    "import greentasks.models",
    "from greentasks.db import Database",
    "from sqlalchemy import select",
    "def f():\n    from ..services.backups import auto_backup\n",
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..services.queries import AssignmentRow\n",
])
def test_the_check_sees_every_way_of_importing(source):
    assert _forbidden(imported_modules(source, "greentasks.excel.ledger"))


@pytest.mark.parametrize("source", [
    "from ..domain.text import clean",
    "from ..errors import Problem",
    "from . import sheetstyle as st",
    "from .reader import Workbook",
    "from ..reports.model import Report",
    "from ..dbutil import x",  # a name that merely starts like a forbidden one
])
def test_the_check_lets_the_lower_layers_through(source):
    assert not _forbidden(imported_modules(source, "greentasks.excel.ledger"))
