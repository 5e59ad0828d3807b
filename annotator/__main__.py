"""``python -m annotator``: the same command as ``annotator``."""

from annotator.cli import main

raise SystemExit(main())
