"""`python -m bot.cases`: the case store command line."""

from bot.cases.cli import main

raise SystemExit(main())
