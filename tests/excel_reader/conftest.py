"""Lets ``pytest tests/excel_reader`` run from a source checkout without installing the package."""

import importlib.util
import sys
from pathlib import Path

if importlib.util.find_spec("greentasks") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
