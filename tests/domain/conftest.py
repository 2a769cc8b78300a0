"""Lets ``pytest tests/domain`` run from a source checkout without installing the package.

``python -m pytest`` and an installed package need nothing; the bare ``pytest`` script does not
put the checkout on sys.path, so add it only when ``greentasks`` cannot be imported otherwise.
"""

import importlib.util
import sys
from pathlib import Path

if importlib.util.find_spec("greentasks") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
