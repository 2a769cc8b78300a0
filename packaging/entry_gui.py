"""Entry of the frozen windowed program 绿色发展督查台账.exe (no console window on Windows)."""

import sys

from greentasks.cli import gui_main

if __name__ == "__main__":
    sys.exit(gui_main())
