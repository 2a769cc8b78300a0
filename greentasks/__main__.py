from greentasks.collector import hold_collector

hold_collector()  # until the command's imports are done (greentasks.collector)

from greentasks.cli import main  # noqa: E402

raise SystemExit(main())
