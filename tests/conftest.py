"""Shared fixtures: real SQLite files (and a real PostgreSQL server when one is configured).

``db`` and ``example_db`` are parametrised over the backends available: SQLite always, and
PostgreSQL when GREENTASKS_TEST_PG_URL is set (.ci/run starts a throwaway server). Under CI=true a
missing server is a failure, not a skip.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# A fixed "today" for the example office: the example returns are for 2023Q1.
EXAMPLE_TODAY = date(2023, 4, 10)
PG_URL = os.environ.get("GREENTASKS_TEST_PG_URL")


@pytest.fixture(autouse=True)
def _user_data_dir(tmp_path_factory, monkeypatch):
    """Keep automatic backups and the default database out of the real user folders."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("GREENTASKS_DATA_DIR", str(data))
    return data


def _backends() -> list:
    params = [pytest.param("sqlite", id="sqlite")]
    if PG_URL or os.environ.get("CI") == "true":
        params.append(pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres))
    return params


def _reset_pg(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _open(backend: str, tmp_path: Path):
    from greentasks.db import Database

    if backend == "postgresql":
        if not PG_URL:
            pytest.fail("CI=true but GREENTASKS_TEST_PG_URL is not set: the PostgreSQL server did not start")
        if importlib.util.find_spec("psycopg") is None:
            # The PostgreSQL driver comes with the postgres extra (pip install .[test,postgres]).
            if os.environ.get("CI") == "true":
                pytest.fail("CI=true but psycopg is not installed: install the postgres extra")
            pytest.skip("psycopg is not installed (pip install .[postgres]); PostgreSQL tests skipped")
        _reset_pg(PG_URL)
        return Database(PG_URL)
    return Database(tmp_path / "greentasks.db")


@pytest.fixture(scope="session")
def _example_template(tmp_path_factory) -> Path:
    """One SQLite example office, built once and copied for each test that needs it."""
    from greentasks.db import Database
    from greentasks.services.bootstrap import initialize

    folder = tmp_path_factory.mktemp("example")
    os.environ.setdefault("GREENTASKS_DATA_DIR", str(folder / "data"))
    db = Database(folder / "example.db")
    initialize(db, example=True, today=EXAMPLE_TODAY)
    db.dispose()
    return folder / "example.db"


@pytest.fixture(params=_backends())
def db(request, tmp_path):
    """A fresh, initialised database (built-in plan and directory, no assignments)."""
    from greentasks.services.bootstrap import initialize

    database = _open(request.param, tmp_path)
    initialize(database)
    yield database
    database.dispose()


@pytest.fixture(params=_backends())
def example_db(request, tmp_path, _example_template):
    """The example office of `init --example`, as of EXAMPLE_TODAY."""
    from greentasks.db import Database
    from greentasks.services.bootstrap import initialize

    if request.param == "sqlite":
        target = tmp_path / "greentasks.db"
        shutil.copyfile(_example_template, target)
        database = Database(target)
    else:
        database = _open("postgresql", tmp_path)
        initialize(database, example=True, today=EXAMPLE_TODAY)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path):
    from greentasks.db import Database
    from greentasks.services.bootstrap import initialize

    database = Database(tmp_path / "greentasks.db")
    initialize(database)
    yield database
    database.dispose()


@pytest.fixture
def held_collector():
    """The garbage collector held as the entry points hold it (greentasks.collector); afterwards
    running again, with nothing left frozen."""
    import gc

    from greentasks import collector

    collector.hold_collector()
    assert not gc.isenabled()
    yield
    collector._held = False
    gc.unfreeze()
    gc.enable()
