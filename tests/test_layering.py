"""Guards that keep the layers apart: the core runs without Qt, and only services write.

The core (``greentasks/``) must import and work on a machine where PySide6 cannot be imported at
all; only the commands that open a window or draw a PDF load Qt, and they do it lazily inside the
command (``gui`` and ``report``)."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "greentasks"


def _core_modules() -> list[str]:
    names = []
    for path in sorted(CORE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        # Alembic loads the migration environment and revisions itself; __main__ runs the program.
        if "versions" in parts or parts[-1] in ("__main__", "env"):
            continue
        names.append(".".join(parts))
    return names


def test_every_core_module_imports_without_qt():
    script = textwrap.dedent("""
        import importlib, sys

        class NoQt:
            def find_spec(self, name, path=None, target=None):
                if name == "PySide6" or name.startswith("PySide6.") or name == "ui" or name.startswith("ui."):
                    raise ImportError(f"{name} is not available here")
                return None

        sys.meta_path.insert(0, NoQt())
        failed = []
        for name in sys.argv[1:]:
            try:
                importlib.import_module(name)
            except Exception as exc:
                failed.append(f"{name}: {exc!r}")
        loaded = sorted(m for m in sys.modules if m == "PySide6" or m.startswith(("PySide6.", "ui.")))
        print("\\n".join(failed))
        sys.exit(1 if failed or loaded else 0)
    """)
    modules = _core_modules()
    assert "greentasks.cli" in modules and "greentasks.services.returns_import" in modules
    result = subprocess.run([sys.executable, "-c", script, *modules], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_core_runs_a_command_without_qt(tmp_path):
    """Not only imports: `init`, `status --json` and an export run with Qt made unimportable."""
    script = textwrap.dedent("""
        import sys

        class NoQt:
            def find_spec(self, name, path=None, target=None):
                if name == "PySide6" or name.startswith("PySide6."):
                    raise ImportError(name)
                return None

        sys.meta_path.insert(0, NoQt())
        from greentasks.cli import main
        db = sys.argv[1]
        assert main(["--db", db, "init"]) == 0
        assert main(["--db", db, "--today", "2023-04-10", "status", "--json"]) == 0
        assert main(["--db", db, "export-departments", sys.argv[2]]) == 0
    """)
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "office.db"), str(tmp_path / "units.xlsx")],
                            capture_output=True, text=True, cwd=ROOT,
                            env={"GREENTASKS_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "units.xlsx").stat().st_size > 0


def _qt_imports_at_module_level(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = []
    for node in tree.body:  # module level only: lazy imports inside functions are allowed
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        if any(n == "PySide6" or n.startswith(("PySide6.", "ui.")) or n == "ui" for n in names):
            lines.append(node.lineno)
    return lines


def test_no_core_module_imports_qt_at_module_level():
    offenders = {str(p.relative_to(ROOT)): lines for p in CORE.rglob("*.py") if (lines := _qt_imports_at_module_level(p))}
    assert offenders == {}
