"""Progress bars for long work, in one place.

Text bars (``tqdm.std``) work in a terminal and in Jupyter alike without
ipywidgets. ``ANALYSIS_PROGRESS=0`` in the environment turns every bar off: the
report runner sets it for the notebooks it executes, whose pages would
otherwise fill with bar redraws.

A bar appears only once its work has lasted :data:`DELAY` seconds, so quick calls (most calls on
a small corpus, every cell of a notebook on the default corpus) print nothing.
"""

from __future__ import annotations

import os

from tqdm.std import tqdm

ENV = "ANALYSIS_PROGRESS"
#: Seconds of work before a bar is drawn.
DELAY = 1.0

# tqdm's monitor thread only re-tunes the refresh rate of stalled bars, and a
# thread in the process makes the worker pool (analysis._parallel) start through
# a fork server, about a second slower than a plain fork.
tqdm.monitor_interval = 0


def bar(iterable=None, *, enabled: bool = True, **options) -> tqdm:
    """A tqdm bar, shown when ``enabled``, not switched off by ``$ANALYSIS_PROGRESS=0``, and only
    once the work has lasted ``delay`` seconds (default :data:`DELAY`).

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> sum(bar(range(1000), file=out))  # quick work draws nothing
    499500
    >>> out.getvalue()
    ''
    """
    disable = not enabled or os.environ.get(ENV, "1") == "0"
    options.setdefault("delay", DELAY)
    return tqdm(iterable, disable=disable, **options)
