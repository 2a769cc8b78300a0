"""Opening a database loads only what opening it needs (the desktop app's start-up waits for it)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_opening_a_sqlite_database_loads_neither_postgresql_nor_the_example_office(tmp_path):
    from greentasks.db import Database
    from greentasks.services.bootstrap import initialize

    db = Database(tmp_path / "office.db")  # created (Alembic loads every dialect), then opened anew
    initialize(db, example=True)
    db.dispose()
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from datetime import date
        from greentasks.domain.changes import Changes
        from greentasks.services.snapshot import load_snapshot
        from greentasks.services.startup import open_database
        db = open_database({str(tmp_path / "office.db")!r})
        load_snapshot(db, date(2023, 7, 10), Changes.everything(), None)
        db.dispose()
        print(" ".join(m for m in ("sqlalchemy.dialects.postgresql", "greentasks.services.example_office")
                       if m in sys.modules))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", out.stdout


def test_a_postgresql_engine_completes_the_live_return_index():
    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.schema import CreateIndex

    from greentasks.db import make_engine
    from greentasks.models import ProgressEntry

    live = next(ix for ix in ProgressEntry.__table__.indexes if ix.name == "uq_progress_live")
    assert str(CreateIndex(live).compile(dialect=sqlite.dialect())).endswith("WHERE superseded = 0")
    engine = make_engine("postgresql+psycopg://clerk@localhost:5432/greentasks")  # not connected
    engine.dispose()
    ddl = str(CreateIndex(live).compile(dialect=postgresql.dialect()))
    assert ddl.endswith("WHERE superseded = false"), ddl
    make_engine("postgresql+psycopg://clerk@localhost:5432/greentasks").dispose()  # a second engine: once
    assert str(CreateIndex(live).compile(dialect=postgresql.dialect())).count("WHERE") == 1
