"""Entry point of the bundled app: the ``annotator`` command (no arguments: the window)."""

import sys

from annotator.cli import main

if __name__ == "__main__":
    sys.exit(main())
