from poster.cli import main

raise SystemExit(main())
