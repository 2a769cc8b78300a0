from greentasks.cli import main

raise SystemExit(main())
