"""Choosing the number of topics k: agreement of resampled runs beyond a structureless copy.

The criterion, in plain words: many random samples of the articles are
clustered and every article gets a topic at every k from each sample; the
stability at k is how much those runs agree (adjusted Rand index, ARI). The
same is measured on a copy of the articles' LSA vectors whose coordinates
were shuffled, each coordinate on its own, so that the copy keeps the
corpus's spread along every direction but has no topics. ``kappa`` is the
agreement beyond that copy, as a share of the most there could be:

    kappa(k) = (S(k) - S0(k)) / (1 - S0(k)),

Cohen's kappa with the shuffled copy as chance. Raw stability favours small
k, because two topics cut any blob the same way every time (a shuffled copy
of BBC is split in two with ARI near 1); the copy measures that bias at each
k and takes it out. This is the reference-distribution idea of the gap
statistic (Tibshirani, Walther & Hastie, 2001) applied to stability, as in
Lange, Roth, Braun & Buhmann (2004).

One clustering per sample serves every k: each sample is cut into fine
topics by k-means (twice the largest k tried), and Ward's method merges
their centres step by step down to two (:func:`analysis.topics.hierarchy.ward_merges`);
the cut of that tree at k gives every article a topic at k. The curve is
measured on a reproducible sample of at most ``max_articles`` articles, so
choosing k costs the same on 50,000 articles as on 2,000.

A second kind of run checks the first: light k-means runs (three starts)
straight at each k up to :data:`LIGHT_MAX_K`, on samples of the articles
and of the shuffled copies (:func:`light_stability`). The two kinds err in
different ways (a tree cut can cut the same small island off every time; a
light run can fall into a different local optimum each time), so where both
were measured their kappas are averaged (:func:`pooled_kappa`).

How :func:`choose` decides: a clear partition into three or more groups
that every light run finds is taken as it is; otherwise the fewest topics
within one standard error of the highest kappa (:func:`pick_k`), read from
the tree runs alone when they put k above :data:`LIGHT_MAX_K` (where only
they were measured), else from the pooled kappa up to it; then, when every
k leaves most articles in one topic, the islands of the nearest-neighbour
graph (:func:`modularity_islands`).

Only functions of plain arrays live here; :class:`analysis.topics.TopicModel`
(``k=None``) and :func:`analysis.topics.choose_k` call them.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.preprocessing import normalize

from analysis._progress import bar as progress_bar
from analysis.topics.columns import (
    CHOSEN,
    K,
    K_SCORES_COLUMNS,
    KAPPA,
    LARGEST_SHARE,
    LIGHT_NULL_STABILITY,
    LIGHT_STABILITY,
    LIGHT_STABILITY_SD,
    NULL_STABILITY,
    STABILITY,
    STABILITY_SD,
)
from analysis.topics.hierarchy import cut, ward_merges


def seed(random_state, offset: int) -> int:
    """A derived seed for one step of a fit, from the user's ``random_state`` and the step's ``offset``."""
    base = random_state if isinstance(random_state, (int, np.integer)) else 0
    return (int(base) * 1000 + offset) % (2**32)


#: Default most articles the curve is measured on.
MAX_ARTICLES = 2000


def shuffled(vectors: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The structureless copy: each column permuted on its own, rows re-normalised to unit length.

    Each coordinate keeps its distribution (so the copy has the corpus's
    spread along every direction) but which article has which value is
    random, so groups of articles that share several coordinates are gone.

    Examples
    --------
    >>> v = np.eye(3)
    >>> s = shuffled(v, np.random.default_rng(0))
    >>> np.allclose(np.linalg.norm(s, axis=1), 1)
    True
    """
    out = np.column_stack([rng.permutation(vectors[:, j]) for j in range(vectors.shape[1])])
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    # A row that drew only zeros gets one random coordinate, so every row is a direction.
    empty = norms[:, 0] == 0
    if empty.any():
        out[empty, rng.integers(vectors.shape[1], size=int(empty.sum()))] = 1.0
    return normalize(out)


def ari_pairs(runs: np.ndarray) -> np.ndarray:
    """Adjusted Rand index of every pair of rows of ``runs`` (one labelling of the same articles per row).

    The same values as :func:`sklearn.metrics.adjusted_rand_score`, from one
    contingency count per pair.

    Examples
    --------
    >>> ari_pairs(np.array([[0, 0, 1, 1], [1, 1, 0, 0], [0, 1, 0, 1]])).round(2).tolist()
    [1.0, -0.5, -0.5]
    """
    runs = np.asarray(runs, dtype=np.int64)
    n_runs, n = runs.shape
    width = int(runs.max()) + 1
    def pairs(counts):
        return (counts * (counts - 1) / 2.0).sum()
    sums = [pairs(np.bincount(r, minlength=width).astype(float)) for r in runs]
    total = n * (n - 1) / 2.0
    out = []
    for a in range(n_runs):
        for b in range(a + 1, n_runs):
            index = pairs(np.bincount(runs[a] * width + runs[b]).astype(float))
            expected = sums[a] * sums[b] / total
            top = (sums[a] + sums[b]) / 2.0
            out.append(1.0 if top == expected else (index - expected) / (top - expected))
    return np.array(out)


def _trimmed_mean(values, cut_share: float = 0.1) -> float:
    """Mean without the lowest and highest ``cut_share`` of the values: one unlucky run does not decide."""
    values = np.sort(np.asarray(values, dtype=float))
    if not len(values):
        return np.nan
    drop = int(cut_share * len(values))
    return float(values[drop: len(values) - drop].mean())


def _cut_runs(vectors, ks, samples, seeds, n_fine, ticks) -> dict:
    """Per sample: k-means into ``n_fine`` topics, Ward merges of their centres, every article's topic at each k.

    ``ticks`` (a progress bar) advances by one per sample."""
    out = {k: [] for k in ks}
    with warnings.catch_warnings():
        # Repeated articles can leave fewer distinct points than clusters in a sample.
        warnings.simplefilter("ignore", ConvergenceWarning)
        for idx, s in zip(samples, seeds):
            km = KMeans(n_fine, n_init=1, random_state=int(s)).fit(vectors[idx])
            fine = km.predict(vectors)
            tree = ward_merges(km.cluster_centers_, np.bincount(km.labels_, minlength=n_fine))
            for k in ks:
                out[k].append(cut(tree, k)[fine])
            ticks.update()
    return {k: np.array(v) for k, v in out.items()}


def stability_curve(vectors: np.ndarray, ks, *, n_resamples: int = 20, fraction: float = 0.8,
                    max_articles: int = MAX_ARTICLES, n_null: int = 2, random_state: int = 0,
                    progress: bool = False) -> pd.DataFrame:
    """Stability of the topics at every k in ``ks``, on the articles and on structureless copies.

    Parameters
    ----------
    vectors : ndarray of shape (n_articles, n_dims)
        Unit-length article vectors (the LSA vectors of :class:`analysis.topics.TopicModel`).
    ks : iterable of int
        Numbers of topics to try (each >= 2).
    n_resamples : int, default 20
        Random samples clustered.
    fraction : float, default 0.8
        Share of the articles in each sample.
    max_articles : int, default 2000
        The curve is measured on a reproducible sample of at most this many articles.
    n_null : int, default 2
        Shuffled copies whose stabilities are averaged (one copy's stability at small k swings).
    random_state : int, default 0
        Seed of the samples, the shuffles and the k-means runs.
    progress : bool, default False
        Show a progress bar over the samples' clusterings, the copies' included.

    Returns
    -------
    DataFrame
        One row per k: ``k``, ``stability`` (trimmed mean ARI between the
        samples' topics, 1 = identical), ``stability_sd``, ``null_stability``
        (the same on the shuffled copies), ``kappa`` (see the module
        docstring) and ``largest_share`` (share of the articles in the largest
        topic at that k, median over samples).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> points = normalize(np.repeat(np.eye(8)[:4] * 3, 40, axis=0) + rng.normal(size=(160, 8)) * 0.4)
    >>> curve = stability_curve(points, range(2, 7), n_resamples=6)
    >>> int(curve.loc[curve["kappa"].idxmax(), "k"])
    4
    """
    vectors = np.asarray(vectors, dtype=np.float64)
    ks = sorted({int(k) for k in ks})
    if not ks or ks[0] < 2:
        raise ValueError(f"ks={ks!r}; pass numbers of topics >= 2")
    if n_resamples < 2:
        raise ValueError(f"n_resamples={n_resamples!r}; pass at least 2 samples to compare")
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction={fraction!r}; pass a share of the articles in (0, 1]")
    rng = np.random.default_rng([int(random_state) % 2**32, 7919])
    n = vectors.shape[0]
    if n > max_articles:
        vectors = vectors[np.sort(rng.choice(n, max_articles, replace=False))]
        n = max_articles
    nulls = [shuffled(vectors, rng) for _ in range(max(n_null, 1))]
    size = max(int(round(fraction * n)), 2)
    n_fine = max(min(2 * ks[-1], size // 5), ks[-1])
    if size < n_fine:
        raise ValueError(f"k up to {ks[-1]} needs samples of at least {n_fine} articles, but they have {size}; "
                         "pass smaller k or more articles")
    samples = [rng.choice(n, size, replace=False) for _ in range(n_resamples)]
    seeds = rng.integers(2**31, size=n_resamples)
    with progress_bar(total=n_resamples * (1 + len(nulls)), enabled=progress, desc="choosing k: tree runs",
                      unit="sample") as ticks:
        runs = _cut_runs(vectors, ks, samples, seeds, n_fine, ticks)
        null_runs = [_cut_runs(null, ks, samples, seeds, n_fine, ticks) for null in nulls]
    rows = []
    for k in ks:
        aris = ari_pairs(runs[k])
        s = _trimmed_mean(aris)
        s0 = float(np.mean([_trimmed_mean(ari_pairs(r[k])) for r in null_runs]))
        kappa = (s - s0) / (1.0 - s0) if s0 < 1 else np.nan
        largest = float(np.median([np.bincount(r).max() / n for r in runs[k]]))
        rows.append((k, s, float(np.std(aris)), s0, kappa, largest))
    return pd.DataFrame(rows, columns=[K, STABILITY, STABILITY_SD, NULL_STABILITY, KAPPA, LARGEST_SHARE])


def modularity_islands(vectors: np.ndarray, fine_labels: np.ndarray, *, n_neighbours: int = 10) -> int:
    """Number of islands: communities of the nearest-neighbour graph, built up from fine topics.

    Each article is linked to its ``n_neighbours`` most similar articles
    (cosine), the graph t-SNE's map is drawn from; fine topics are merged
    greedily, each time the pair that raises Newman's modularity most
    (Clauset, Newman & Moore, 2004), and the count at the highest modularity
    is returned: groups with many more links inside than the same number of
    links dealt at random would give.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> points = normalize(np.repeat(np.eye(6)[:3] * 3, 30, axis=0) + rng.normal(size=(90, 6)) * 0.3)
    >>> modularity_islands(points, np.repeat(np.arange(9), 10))
    3
    """
    vectors = np.asarray(vectors, dtype=np.float64)
    n = len(vectors)
    q = min(n_neighbours, n - 1)
    _, fine = np.unique(np.asarray(fine_labels), return_inverse=True)
    n_fine = int(fine.max()) + 1
    if q < 1 or n_fine < 2:
        return 1
    # Edge counts between fine topics; kNN computed in blocks to bound memory.
    links = np.zeros((n_fine, n_fine))
    for start in range(0, n, 1024):
        sims = vectors[start:start + 1024] @ vectors.T
        sims[np.arange(len(sims)), np.arange(start, start + len(sims))] = -np.inf
        near = np.argpartition(-sims, q - 1, axis=1)[:, :q]
        np.add.at(links, (np.repeat(fine[start:start + len(sims)], q), fine[near.ravel()]), 1.0)
    links = links + links.T
    total = links.sum()
    degree = links.sum(axis=1) / total
    e = links / total
    quality = np.trace(e) - (degree ** 2).sum()
    best, best_count = quality, n_fine
    alive = list(range(n_fine))
    while len(alive) > 1:
        a_ = np.array(alive)
        gain = 2 * (e[np.ix_(a_, a_)] - np.outer(degree[a_], degree[a_]))
        np.fill_diagonal(gain, -np.inf)
        i, j = np.unravel_index(int(np.argmax(gain)), gain.shape)
        a, b = a_[i], a_[j]
        quality += gain[i, j]
        e[a] += e[b]
        e[:, a] += e[:, b]
        e[b] = 0
        e[:, b] = 0
        degree[a] += degree[b]
        degree[b] = 0
        alive.remove(b)
        if quality > best + 1e-12:
            best, best_count = quality, len(alive)
    return int(best_count)




#: A k whose light runs agree at least this much (trimmed mean ARI) is a clear partition of the corpus.
STABLE = 0.95
#: Largest k the light runs try (each k costs its own twenty k-means runs, on the articles and on each copy).
LIGHT_MAX_K = 10


def _light_runs(vectors, ks, samples, rng, ticks) -> dict:
    """Per k: the pairs' ARI of light k-means runs (3 starts), one run per sample; ``ticks`` advances per k."""
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for k in ks:
            seeds = rng.integers(2**31, size=len(samples))
            runs = [KMeans(k, n_init=3, random_state=int(s)).fit(vectors[idx]).predict(vectors)
                    for idx, s in zip(samples, seeds) if len(idx) > k]
            out[k] = ari_pairs(np.array(runs)) if len(runs) > 1 else np.array([np.nan])
            ticks.update()
    return out


def light_stability(vectors: np.ndarray, ks, *, n_resamples: int = 20, fraction: float = 0.8,
                    max_articles: int = MAX_ARTICLES, n_null: int = 2, random_state: int = 0,
                    progress: bool = False) -> pd.DataFrame:
    """Stability of light k-means runs (3 k-means++ starts) on resampled articles and on shuffled copies.

    Where the corpus has k well-separated groups every light run lands on the
    same partition; with one topic too many a group is split a different way
    each time, and with one too few two groups are merged in different ways.
    (k-means with 10 starts finds the same split of a wrong k every time and
    hides the drop.) The same runs on :func:`shuffled` copies of the articles
    measure how much light runs agree where there are no topics.

    The parameters are those of :func:`stability_curve`.

    Returns
    -------
    DataFrame
        One row per k: ``k``, ``light_stability`` (trimmed mean ARI between
        the runs), ``light_stability_sd`` and ``light_null_stability`` (the
        same on the shuffled copies, averaged over ``n_null`` copies).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> points = normalize(np.repeat(np.eye(8)[:3] * 3, 40, axis=0) + rng.normal(size=(120, 8)) * 0.3)
    >>> light = light_stability(points, [2, 3, 4], n_resamples=6)
    >>> light["light_stability"].round(2).tolist()[1]
    1.0
    """
    vectors = np.asarray(vectors, dtype=np.float64)
    rng = np.random.default_rng([int(random_state) % 2**32, 7907])
    n = vectors.shape[0]
    if n > max_articles:
        vectors = vectors[np.sort(rng.choice(n, max_articles, replace=False))]
        n = max_articles
    size = max(int(round(fraction * n)), 2)
    samples = [rng.choice(n, size, replace=False) for _ in range(n_resamples)]
    ks = sorted({int(k) for k in ks})
    n_null = max(n_null, 1)
    with progress_bar(total=len(ks) * (1 + n_null), enabled=progress, desc="choosing k: light runs",
                      unit="k") as ticks:
        aris = _light_runs(vectors, ks, samples, rng, ticks)
        null = [_light_runs(shuffled(vectors, rng), ks, samples, rng, ticks) for _ in range(n_null)]
    rows = [(k, _trimmed_mean(aris[k]), float(np.std(aris[k])),
             float(np.mean([_trimmed_mean(copy[k]) for copy in null]))) for k in ks]
    return pd.DataFrame(rows, columns=[K, LIGHT_STABILITY, LIGHT_STABILITY_SD, LIGHT_NULL_STABILITY])


def _beyond_copies(curve: pd.DataFrame, stability: str, sd: str, null: str, n_resamples: int):
    """Kappa of one kind of run and its standard error: the pairs' spread over sqrt(samples), scaled as kappa is."""
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = 1.0 - curve[null].to_numpy(dtype=float)
        se = curve[sd].to_numpy(dtype=float) / np.sqrt(n_resamples) / scale
        if stability not in curve:
            return np.full(len(curve), np.nan), se
        return (curve[stability].to_numpy(dtype=float) - curve[null].to_numpy(dtype=float)) / scale, se


def pooled_kappa(curve: pd.DataFrame, *, n_resamples: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """Agreement beyond the shuffled copies by both kinds of runs, and its standard error, per row of ``curve``.

    Each kind of run gives its own kappa, ``(S - S0) / (1 - S0)``; where both
    were measured the two are averaged, elsewhere the tree runs' alone
    counts. The two err in different ways: the tree cuts of
    :func:`stability_curve` can cut a small island off the same way every
    time, and light k-means runs can fall into different local optima, so
    the average is steadier than either. The standard error of a kappa is
    the spread of its pairs' ARI over the square root of the number of
    samples, scaled as kappa is; that of the average adds the two in
    quadrature and halves it.

    Examples
    --------
    >>> curve = pd.DataFrame({"stability": [0.8, 0.6], "stability_sd": [0.1, 0.1], "null_stability": [0.5, 0.2],
    ...                       "light_stability": [0.9, np.nan], "light_stability_sd": [0.1, np.nan],
    ...                       "light_null_stability": [0.5, np.nan]})
    >>> [round(float(v), 2) for v in pooled_kappa(curve)[0]]
    [0.7, 0.5]
    """
    kappa, se = _beyond_copies(curve, STABILITY, STABILITY_SD, NULL_STABILITY, n_resamples)
    if LIGHT_NULL_STABILITY not in curve:
        return kappa, se
    light, light_se = _beyond_copies(curve, LIGHT_STABILITY, LIGHT_STABILITY_SD, LIGHT_NULL_STABILITY, n_resamples)
    both = np.isfinite(kappa) & np.isfinite(light)
    return (np.where(both, (kappa + light) / 2, kappa),
            np.where(both, np.sqrt(se ** 2 + light_se ** 2) / 2, se))


#: A peak kappa at least this high is called a clear topic structure: resampled runs agree on more than
#: half of what they could agree on beyond the shuffled copy.
CLEAR = 0.5
#: A split in two that leaves more than this share of the articles in one topic separates an island.
ISLAND_SPLIT = 0.75


def pick_k(curve: pd.DataFrame, *, n_resamples: int = 20) -> tuple[int | None, str]:
    """The chosen k by the curve's ``kappa``, and which rule chose it; ``(None, ...)`` when no k qualifies.

    The fewest topics whose kappa is within one standard error of the highest
    kappa: the one-standard-error rule (Breiman, Friedman, Olshen & Stone,
    1984; Hastie, Tibshirani & Friedman, *The Elements of Statistical
    Learning*, 7.10), so a fine split does not win on noise. The standard
    error of kappa is the spread of the pairs' ARI over the square root of
    the number of samples, scaled as kappa is.

    A split in two that leaves more than :data:`ISLAND_SPLIT` of the articles
    in one topic cuts an island off a mass: reproducible, but it does not
    divide the corpus into subjects (and at k = 2 the shuffled copy's own
    stability swings most between runs). The curve is then read only at the
    k where no topic holds more than half of the articles.

    Examples
    --------
    >>> curve = pd.DataFrame({"k": [2, 3, 4, 5], "kappa": [0.8, 0.6, 0.3, 0.59], "largest_share": [0.9, 0.4, 0.3, 0.2],
    ...                       "stability_sd": [0.1] * 4, "null_stability": [0.5] * 4})
    >>> pick_k(curve)[0]
    3
    """
    kappa = curve[KAPPA].to_numpy(dtype=float)
    ks = curve[K].to_numpy()
    share = curve[LARGEST_SHARE].to_numpy(dtype=float)
    if not np.isfinite(kappa).any():
        return None, "no k has a finite kappa"
    allowed = np.isfinite(kappa)
    best = int(np.nanargmax(kappa))
    rule = "highest kappa"
    if ks[best] == 2 and share[best] > ISLAND_SPLIT:
        allowed &= share <= 0.5
        if not allowed.any():
            return None, "every k leaves more than half of the articles in one topic"
        best = int(np.argmax(np.where(allowed, kappa, -np.inf)))
        rule = (f"highest kappa where no topic holds more than half of the articles (k=2 only cut an island of "
                f"{1 - share[np.flatnonzero(ks == 2)[0]]:.0%} of them off the rest)")
    se = pooled_kappa(curve, n_resamples=n_resamples)[1]
    near = allowed & (ks <= ks[best]) & (kappa >= kappa[best] - np.nan_to_num(se[best]))
    chosen = int(ks[near].min())
    if chosen != ks[best]:
        rule += f", then the fewest topics within one standard error of it (k={int(ks[best])}: {kappa[best]:.2f})"
    return chosen, rule


def choose(vectors: np.ndarray, ks, *, n_resamples: int = 20, max_articles: int = MAX_ARTICLES,
           random_state: int = 0, progress: bool = False) -> tuple[int, pd.DataFrame, str]:
    """The number of topics, the curve behind it and a sentence saying why.

    Two kinds of runs measure how reproducible the topics are at each k,
    each beyond shuffled copies of the articles: the tree cuts of
    :func:`stability_curve` at every k in ``ks``, and light k-means runs
    (:func:`light_stability`) at k up to :data:`LIGHT_MAX_K`. Their kappas
    are averaged where both were measured (:func:`pooled_kappa`). When every
    light run finds the same three or more groups (stability >=
    :data:`STABLE`), the largest such k is a clear partition and is taken.
    Otherwise :func:`pick_k` reads the tree runs' kappa alone over all of
    ``ks``; when its k is above :data:`LIGHT_MAX_K`, where only the tree runs
    were measured, that k is taken, else :func:`pick_k` reads the pooled
    kappa at k up to :data:`LIGHT_MAX_K`. When no k qualifies
    there, the corpus has no clear topics at any k tried; k is then the
    number of islands of the nearest-neighbour graph
    (:func:`modularity_islands`, limited to ``ks``), so the topics still
    separate the islands a reader sees on the article map.

    Returns
    -------
    k : int
    curve : DataFrame
        One row per k (:data:`~analysis.topics.K_SCORES_COLUMNS`): both kinds of
        runs' stabilities, the pooled ``kappa``, and ``chosen`` True on the row of ``k``.
    reason : str
        The rule that chose ``k``, in words, and whether the topics are clear.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> points = normalize(np.repeat(np.eye(8)[:4] * 3, 40, axis=0) + rng.normal(size=(160, 8)) * 0.4)
    >>> k, curve, reason = choose(points, range(2, 7), n_resamples=6)
    >>> k, reason.split(":")[0]
    (4, 'clear topics')
    """
    curve = stability_curve(vectors, ks, n_resamples=n_resamples, max_articles=max_articles,
                            random_state=random_state, progress=progress)
    light = light_stability(vectors, [k for k in curve[K] if k <= LIGHT_MAX_K], n_resamples=n_resamples,
                            max_articles=max_articles, random_state=random_state, progress=progress)
    tree = curve  # the tree runs' own curve and kappa
    curve = curve.merge(light, on=K, how="left")
    curve[KAPPA] = pooled_kappa(curve, n_resamples=n_resamples)[0]
    curve = curve[[c for c in K_SCORES_COLUMNS if c in curve]]
    stable = light.loc[light[LIGHT_STABILITY] >= STABLE, K]
    if len(stable) and int(stable.max()) >= 3:
        # Three or more groups that every light run finds: a clear partition, whatever kappa says. Near such
        # a k the copies' light runs agree almost as often (a blob is cut along its longest axis every time),
        # and kappa, divided by what little agreement is left above them, is too noisy to read.
        k = int(stable.max())
        curve[CHOSEN] = curve[K] == k
        return k, curve, (f"clear topics: k={k} is the largest number of topics that light k-means runs on "
                          f"resampled articles all find (stability "
                          f"{float(light.loc[light[K] == k, LIGHT_STABILITY].iloc[0]):.2f} >= {STABLE})")
    # Compare like with like: beyond LIGHT_MAX_K only the tree runs were measured, and their kappa alone
    # runs higher than the average with the light runs', so k = LIGHT_MAX_K + 1 would win on that step.
    # Whether there are more topics than that is read from the tree runs alone; the k up to it from both.
    k, rule = pick_k(tree, n_resamples=n_resamples)
    if k is not None and k > LIGHT_MAX_K:
        rule = f"the tree runs alone, the only ones measured beyond k={LIGHT_MAX_K}: {rule}"
    else:
        k, rule = pick_k(curve[curve[K] <= LIGHT_MAX_K], n_resamples=n_resamples)
    if k is not None:
        kappa = float(curve.loc[curve[K] == k, KAPPA].iloc[0])
        strength = "clear topics" if kappa >= CLEAR else "weak topics"
        curve[CHOSEN] = curve[K] == k
        return k, curve, (f"{strength}: k={k} is where the topics of resampled runs agree most beyond a "
                          f"shuffled copy of the articles (kappa {kappa:.2f}; {rule})")
    vectors = np.asarray(vectors, dtype=np.float64)
    rng = np.random.default_rng([int(random_state) % 2**32, 104729])
    if len(vectors) > max_articles:
        vectors = vectors[np.sort(rng.choice(len(vectors), max_articles, replace=False))]
    n_fine = min(2 * int(curve[K].max()), max(len(vectors) // 5, 2))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        fine = KMeans(n_fine, n_init=1, random_state=int(rng.integers(2**31))).fit_predict(vectors)
    islands = modularity_islands(vectors, fine)
    k = int(min(max(islands, curve[K].min()), curve[K].max()))
    curve[CHOSEN] = curve[K] == k
    return k, curve, (f"no clear topics: {rule}, so k={k} follows the {islands} islands of the "
                      "nearest-neighbour graph")
