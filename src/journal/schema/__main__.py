"""python -m journal.schema [--write CONTRIBUTING.md]: print (or write) the front-matter and body tables."""

import sys

from . import main

sys.exit(main())
