"""`python -m tracker`: the command-line interface."""

import sys

from tracker.cli import main

sys.exit(main())
