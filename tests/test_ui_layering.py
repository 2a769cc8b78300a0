"""Guards for the desktop layer: ``ui/`` never writes to the database itself. Every write is a
core use case that owns its transaction (services.actions, the importers, undo) and says what
it changed; the views only map that to refreshes. Reading goes through the core as well."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "ui"

# Calls that open a unit of work or a session, or change one.
SESSION_CALLS = {"transaction", "writing", "sessions", "unit_of_work", "begin", "commit", "rollback", "flush",
                 "session", "reading"}
SESSION_CHANGES = {"add", "add_all", "delete", "merge", "execute"}


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and (
                node.module == "greentasks.models" or node.module.startswith(("greentasks.models.", "sqlalchemy"))):
            found.append(f"{node.lineno}: imports {node.module}")
        elif isinstance(node, ast.Import) and any(a.name.startswith(("greentasks.models", "sqlalchemy"))
                                                  for a in node.names):
            found.append(f"{node.lineno}: imports {node.names[0].name}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name, owner = node.func.attr, node.func.value
            owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if name in SESSION_CALLS and owner_name in ("db", "database", "self"):
                if name in ("session", "reading", "transaction", "writing", "sessions"):
                    found.append(f"{node.lineno}: opens a session ({owner_name}.{name}())")
            elif name in SESSION_CHANGES and owner_name == "session":
                found.append(f"{node.lineno}: session.{name}()")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "unit_of_work":
            found.append(f"{node.lineno}: opens a unit of work")
    return found


def test_no_ui_module_opens_a_session_or_builds_a_model():
    offenders = {str(p.relative_to(ROOT)): found for p in sorted(UI.rglob("*.py")) if (found := _offences(p))}
    assert offenders == {}


def test_the_guard_sees_each_kind_of_offence(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from greentasks.models import Assignment\n"
        "def op(ctx):\n"
        "    with ctx.db.transaction() as session:\n"
        "        session.add(Assignment())\n"
        "    with ctx.db.session() as s:\n"
        "        pass\n", encoding="utf-8")
    found = _offences(sample)
    assert len(found) == 4, found
