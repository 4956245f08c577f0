"""`python -m tracker`: the command-line interface."""

import sys

from tracker.cli.main import main

sys.exit(main())
