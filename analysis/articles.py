"""The article parser lives in :mod:`analysis.corpus.articles`; this name keeps existing imports working.

``from analysis import articles`` and ``import analysis.articles`` give that
same module object, so its rules and source aliases are shared, not copied.
"""

import sys

from analysis.corpus import articles

sys.modules[__name__] = articles
