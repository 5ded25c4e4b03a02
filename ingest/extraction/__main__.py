"""``python -m ingest.extraction FILE... [--published YYYY-MM-DD]``: JSON Lines on stdout."""

from .cli import main

raise SystemExit(main())
