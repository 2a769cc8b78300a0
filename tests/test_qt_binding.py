"""The Qt binding must not lose references to None: PySide6 6.12.0 on Python 3.11 returned None
from every void method without a new reference, and the program aborted at exit
("none_dealloc: deallocating None") after a few thousand calls."""

import os
import subprocess
import sys

PROBE = """
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget()
before = sys.getrefcount(None)
for _ in range(5000):
    w.setWindowTitle("x")
print(sys.getrefcount(None) - before)
"""


def test_void_qt_calls_keep_the_reference_count_of_none():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.strip().splitlines()[-1]) > -100
