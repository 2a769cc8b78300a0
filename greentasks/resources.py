"""The one place that finds the built-in files (plan, directory, example office, icons, translations).

The same ``resources/`` folder is found in three layouts:
- a source checkout: ``<repo>/resources`` beside the package;
- an installed wheel: packaged as ``greentasks/_resources`` (see setup.py);
- a PyInstaller build: collected to ``greentasks/_resources`` by build_installer.spec.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resources_dir() -> Path:
    for candidate in (_PACKAGE_DIR / "_resources", _PACKAGE_DIR.parent / "resources"):
        if (candidate / "plan.json").is_file():
            return candidate
    raise FileNotFoundError("找不到程序自带的数据文件夹 resources（安装不完整，请重新安装程序）。")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def load_json(*parts: str) -> Any:
    with resource_path(*parts).open(encoding="utf-8") as f:
        return json.load(f)


def migrations_dir() -> Path:
    return _PACKAGE_DIR / "migrations"
