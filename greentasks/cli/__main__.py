"""``python -m greentasks.cli``, as ``python -m greentasks``."""

from greentasks.cli import main

raise SystemExit(main())
