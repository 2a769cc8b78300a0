"""Entry of the frozen console program greentasks.exe (command line)."""

import sys

from greentasks.cli import main

if __name__ == "__main__":
    sys.exit(main())
