"""`python -m generator.cli` runs the kaohe command."""

import sys

from generator.cli import main

if __name__ == "__main__":  # not when a worker process (site/prose.py, spawn) imports the main module
    sys.exit(main())
