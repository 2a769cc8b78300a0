"""Entry of the frozen console program greentasks.exe (command line)."""

import sys

from greentasks.collector import hold_collector

hold_collector()  # until the command's imports are done (greentasks.collector)

from greentasks.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
