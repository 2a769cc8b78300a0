"""The office the Word-document tests write from: the example office of `init --example` as of
2026-12-01, built once per module and copied for each test that changes it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from greentasks.cli import main

OFFICE_DAY = "2026-12-01"


@pytest.fixture(scope="module")
def office_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("office")
    os.environ.setdefault("GREENTASKS_DATA_DIR", str(folder / "data"))
    path = folder / "office.db"
    assert main(["--db", str(path), "--today", OFFICE_DAY, "init", "--example"]) == 0
    return path


@pytest.fixture
def office(tmp_path, office_template) -> Path:
    target = tmp_path / "office.db"
    shutil.copyfile(office_template, target)
    return target
