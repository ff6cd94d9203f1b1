"""``python -m analysis`` is the ``news-analysis`` command."""

import sys

from analysis.cli import main

sys.exit(main())
