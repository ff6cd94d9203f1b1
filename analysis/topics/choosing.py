"""Choosing the number of topics: the stability of clusterings under resampling.

Pure functions of the articles' LSA vectors, used by
:class:`~analysis.topics.TopicModel` when ``k=None`` and by
:func:`~analysis.topics.choose_k`.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import adjusted_rand_score

from analysis._progress import bar as progress_bar
from analysis.topics.columns import CHOSEN, K, STABILITY, STABILITY_SD


def seed(random_state, offset: int) -> int:
    """A derived seed for one step of a fit, from the user's ``random_state`` and the step's ``offset``."""
    base = random_state if isinstance(random_state, (int, np.integer)) else 0
    return (int(base) * 1000 + offset) % (2**32)


STABLE = 0.95


def stability_curve(lsa, ks, *, random_state, n_resamples=20, fraction=0.8, progress=False) -> pd.DataFrame:
    """Stability of each k in ``ks``: mean ARI between light k-means runs on resampled articles, the chosen k marked.

    See :func:`~analysis.topics.choose_k` for the criterion and its measurements.
    """
    rng = np.random.default_rng(seed(random_state, 7919))
    n = lsa.shape[0]
    size = max(int(round(fraction * n)), 2)
    samples = [rng.choice(n, size, replace=False) for _ in range(n_resamples)]
    seeds = rng.integers(2**31, size=(len(ks), n_resamples))
    rows = []
    for i, k in enumerate(progress_bar(ks, enabled=progress, desc="choosing k", unit="k")):
        with warnings.catch_warnings():
            # A tiny corpus with repeated articles has fewer distinct points than k in a sample.
            warnings.simplefilter("ignore", ConvergenceWarning)
            runs = [KMeans(k, n_init=3, random_state=int(seeds[i, r])).fit(lsa[idx]).predict(lsa)
                    for r, idx in enumerate(samples) if len(idx) > k]
        aris = [adjusted_rand_score(a, b) for a, b in itertools.combinations(runs, 2)]
        rows.append((k, _trimmed_mean(aris), float(np.std(aris)) if aris else np.nan))
    curve = pd.DataFrame(rows, columns=[K, STABILITY, STABILITY_SD])
    curve[CHOSEN] = curve[K] == _pick_k(curve)
    return curve


def _trimmed_mean(values, cut: float = 0.1) -> float:
    """Mean without the lowest and highest ``cut`` of the values: one unlucky run does not decide."""
    values = np.sort(np.asarray(values, dtype=float))
    if not len(values):
        return np.nan
    drop = int(cut * len(values))
    return float(values[drop: len(values) - drop].mean())


def _pick_k(curve: pd.DataFrame) -> int:
    stable = curve[curve[STABILITY] >= STABLE]
    if len(stable):
        return int(stable[K].max())
    return int(curve.loc[curve[STABILITY].idxmax(), K])
