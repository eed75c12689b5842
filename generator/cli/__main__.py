"""`python -m generator.cli` runs the kaohe command."""

import sys

from generator.cli import main

sys.exit(main())
