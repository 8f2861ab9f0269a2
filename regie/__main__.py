"""Entry point for `python -m regie`."""

import sys

from regie.cli import main

sys.exit(main())
