"""python -m journal.checks [docs]: the content check (also `python -m journal check`)."""

import sys

from . import main

sys.exit(main())
