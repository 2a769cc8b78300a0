"""The example office of `init --example`, built once for the report tests (they only read it)."""

from __future__ import annotations

import importlib.util
import os
import sys
from datetime import date
from pathlib import Path

import pytest

if importlib.util.find_spec("greentasks") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from greentasks.domain.periods import Period  # noqa: E402  (after the path is set)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2023, 4, 10)  # the example returns are for 2023Q1
LATER = date(2023, 7, 10)  # a quarter on: some work is overdue, 2023Q2 returns are owed
# The services take Period values (text is parsed at the command line's and the window's edge).
Q1 = Period.quarter(2023, 1)
Q2 = Period.quarter(2023, 2)


@pytest.fixture(scope="session")
def office(tmp_path_factory):
    from greentasks.db import Database
    from greentasks.services.bootstrap import initialize

    folder = tmp_path_factory.mktemp("reports")
    os.environ.setdefault("GREENTASKS_DATA_DIR", str(folder / "data"))
    db = Database(folder / "x.db")
    initialize(db, example=True, today=TODAY)
    yield db
    db.dispose()


@pytest.fixture
def session(office):
    with office.reading() as s:
        yield s


@pytest.fixture
def context(session):
    """context(today, period) → a queries.Context on the example office."""
    from greentasks.services.queries import Context

    def make(today: date = TODAY, period: Period | None = None) -> Context:
        return Context.load(session, today, period)

    return make
