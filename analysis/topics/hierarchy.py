"""A topic hierarchy: fine topics inside the fitted topics, merged step by step up to one.

The fitted topics (level k) are kept as they are; each is split into fine
topics by k-means on its own articles (more fine topics for bigger topics),
and Ward's method merges the fine topics back -- first inside each topic,
so every fitted topic is a node of the tree, then the topics themselves --
until one node is left (:func:`ward_merges`). Cutting the
tree gives the corpus at any number of topics between 1 and the number of
fine topics without fitting again, and the cut at k gives back exactly the
fitted topics.

Only functions of plain arrays live here; :func:`analysis.topics.cluster` calls
them, and :mod:`analysis.topics.choosing` uses :func:`ward_merges` and :func:`cut`.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning

from analysis.topics import naming
from analysis.topics.columns import CATCH_ALL, HEIGHT, LEFT, N_ARTICLES, N_TOPICS, NAME, NODE, RANK, RIGHT, TOPIC


def k_limit(n_articles: int) -> int:
    """Largest k worth trying for ``n_articles``: ``sqrt(n / 2)``, the rule of thumb of Mardia, Kent & Bibby (1979).

    A topic then holds ``sqrt(2 n)`` articles on average (24 of 300, 70 of
    2,500), enough to read it as a subject rather than a handful of articles.

    Examples
    --------
    >>> k_limit(300), k_limit(2225), k_limit(50_000)
    (12, 33, 158)
    """
    return max(2, int(math.sqrt(n_articles / 2)))


def ward_merges(centres: np.ndarray, sizes: np.ndarray, *, groups=None) -> np.ndarray:
    """Ward's agglomeration of weighted points (topic centres): a scipy linkage matrix.

    Each step merges the two clusters whose union raises the within-cluster
    sum of squares least, ``n_a n_b / (n_a + n_b) * |c_a - c_b|^2``. With
    ``groups`` (one id per point), points of different groups are merged only
    once every group is a single cluster, so the groups are nodes of the tree.
    Heights are made non-decreasing (a constrained merge can cost less than
    the one before it), as a dendrogram needs.

    Returns
    -------
    ndarray of shape (n - 1, 4)
        scipy's linkage format: the two merged node ids (points are 0..n-1,
        the i-th merge creates node n + i), the height and the articles in the node.

    Examples
    --------
    >>> z = ward_merges(np.array([[0.0], [0.1], [5.0]]), np.array([1, 1, 1]))
    >>> z[:, :2].astype(int).tolist()
    [[0, 1], [2, 3]]
    """
    centres = np.asarray(centres, dtype=np.float64)
    n_points = len(centres)
    c = centres.copy()
    w = np.asarray(sizes, dtype=np.float64).copy()
    g = np.zeros(n_points, dtype=np.int64) if groups is None else np.asarray(groups).copy()
    node = np.arange(n_points)
    alive = list(range(n_points))
    out = []
    height = 0.0
    while len(alive) > 1:
        a_ = np.array(alive)
        x, ww, gg = c[a_], w[a_], g[a_]
        d = ((x[:, None, :] - x[None, :, :]) ** 2).sum(-1) * (ww[:, None] * ww[None, :] / (ww[:, None] + ww[None, :]))
        np.fill_diagonal(d, np.inf)
        if len(np.unique(gg)) < len(gg):  # some group still has two clusters: merge inside groups first
            d[gg[:, None] != gg[None, :]] = np.inf
        i, j = np.unravel_index(int(np.argmin(d)), d.shape)
        a, b = a_[min(i, j)], a_[max(i, j)]
        height = max(height, float(np.sqrt(2 * d[i, j])))
        out.append((min(node[a], node[b]), max(node[a], node[b]), height, w[a] + w[b]))
        c[a] = (w[a] * c[a] + w[b] * c[b]) / (w[a] + w[b])
        w[a] += w[b]
        node[a] = n_points + len(out) - 1
        alive.remove(b)
    return np.array(out, dtype=np.float64).reshape(-1, 4)


def cut(linkage: np.ndarray, n_clusters: int) -> np.ndarray:
    """Cluster of each leaf when the tree is cut into ``n_clusters`` (numbered 0.. in order of first leaf).

    Examples
    --------
    >>> z = ward_merges(np.array([[0.0], [0.1], [5.0]]), np.array([1, 1, 1]))
    >>> cut(z, 2).tolist(), cut(z, 3).tolist(), cut(z, 1).tolist()
    ([0, 0, 1], [0, 1, 2], [0, 0, 0])
    """
    n_leaves = len(linkage) + 1
    if not 1 <= n_clusters <= n_leaves:
        raise ValueError(f"n_clusters={n_clusters!r}; the tree has {n_leaves} leaves, pass 1..{n_leaves}")
    parent = np.arange(2 * n_leaves - 1)
    for i in range(n_leaves - n_clusters):
        a, b = int(linkage[i, 0]), int(linkage[i, 1])
        parent[a] = parent[b] = n_leaves + i
    root = np.arange(n_leaves)
    for _ in range(n_leaves):
        nxt = parent[root]
        if np.array_equal(nxt, root):
            break
        root = nxt
    _, first = np.unique(root, return_index=True)
    order = np.argsort(np.argsort(first))
    return order[np.unique(root, return_inverse=True)[1]]




def n_fine_topics(k: int, n_articles: int) -> int:
    """How many fine topics: at least 20 and twice k, at most ``k_limit(n)`` (and never fewer than k).

    Examples
    --------
    >>> n_fine_topics(5, 2225), n_fine_topics(5, 300), n_fine_topics(40, 50_000)
    (20, 12, 80)
    """
    return max(k, min(max(2 * k, 20), k_limit(n_articles)))


def fine_topics(vectors: np.ndarray, labels: np.ndarray, k: int, n_fine: int, *, random_state: int = 0) -> np.ndarray:
    """Split each topic into fine topics (k-means on its articles); returns the fine topic of each article.

    Fine topics are numbered topic by topic (all of topic 0's first), and a
    topic gets a share of the ``n_fine`` fine topics in proportion to its
    articles (at least one; at most one per 5 articles).

    Examples
    --------
    >>> v = np.array([[1.0, 0], [0.9, 0.1], [0, 1.0], [0.1, 0.9]])
    >>> fine_topics(v, np.array([0, 0, 1, 1]), 2, 2).tolist()
    [0, 0, 1, 1]
    """
    labels = np.asarray(labels)
    sizes = np.bincount(labels, minlength=k)
    share = np.maximum(1, np.round(n_fine * sizes / max(sizes.sum(), 1)).astype(int))
    share = np.minimum(share, np.maximum(sizes // 5, 1))
    out = np.empty(len(labels), dtype=np.int64)
    start = 0
    for j in range(k):
        members = np.flatnonzero(labels == j)
        m = int(min(share[j], max(len(np.unique(vectors[members], axis=0)), 1))) if len(members) else 1
        if m > 1:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                sub = KMeans(m, n_init=3, random_state=int(random_state) + j).fit_predict(vectors[members])
            sub = np.unique(sub, return_inverse=True)[1]
            # Numbered by size inside the topic, so the tree reads the same on every run.
            order = np.argsort(np.argsort(-np.bincount(sub), kind="stable"), kind="stable")
            out[members] = start + order[sub]
            start += int(sub.max()) + 1
        else:
            out[members] = start
            start += 1
    return out


def tree(vectors: np.ndarray, fine: np.ndarray, parent: np.ndarray) -> np.ndarray:
    """Ward's tree over fine topics, merging inside each parent topic first: a scipy linkage matrix.

    ``parent[f]`` is the fitted topic of fine topic ``f``.

    Examples
    --------
    >>> v = np.array([[0.0], [0.1], [3.0], [3.2]])
    >>> tree(v, np.array([0, 1, 2, 3]), np.array([0, 0, 1, 1]))[:, :2].astype(int).tolist()
    [[0, 1], [2, 3], [4, 5]]
    """
    n_fine = int(fine.max()) + 1
    sizes = np.bincount(fine, minlength=n_fine)
    centres = np.zeros((n_fine, vectors.shape[1]))
    np.add.at(centres, fine, vectors)
    centres /= np.maximum(sizes, 1)[:, None]
    if n_fine == 1:
        return np.zeros((0, 4))
    return ward_merges(centres, sizes, groups=parent)


def table(linkage: np.ndarray, fine_sizes: np.ndarray, fine_parent: np.ndarray, k: int, node_names,
          node_catch_all) -> pd.DataFrame:
    """The tree as a tidy table (:data:`HIERARCHY_COLUMNS`), one row per node.

    Nodes ``0 .. F-1`` are the fine topics (``left``/``right`` empty, height
    0); node ``F + i`` is the i-th merge. ``n_topics`` is the number of topics
    of the cut at which the node first appears (F for fine topics, ``F - 1 - i``
    for merge i); ``topic`` is the fitted topic a node lies in (empty above
    level k), ``name`` and ``catch_all`` come from ``node_names`` and
    ``node_catch_all`` (sequences indexed by node).

    Examples
    --------
    >>> z = tree(np.array([[0.0], [0.1], [3.0]]), np.array([0, 1, 2]), np.array([0, 0, 1]))
    >>> t = table(z, np.array([1, 1, 1]), np.array([0, 0, 1]), 2, ["a", "b", "c", "ab", "abc"], [False] * 5)
    >>> t[["node", "n_topics", "topic", "name"]].values.tolist()
    [[0, 3, 0, 'a'], [1, 3, 0, 'b'], [2, 3, 1, 'c'], [3, 2, 0, 'ab'], [4, 1, <NA>, 'abc']]
    """
    n_fine = len(fine_sizes)
    rows = []
    topic_of = {f: int(fine_parent[f]) for f in range(n_fine)}
    for f in range(n_fine):
        rows.append((f, pd.NA, pd.NA, 0.0, int(fine_sizes[f]), n_fine, topic_of[f]))
    for i, (a, b, h, n) in enumerate(linkage):
        node = n_fine + i
        ta, tb = topic_of.get(int(a)), topic_of.get(int(b))
        topic_of[node] = ta if ta is not None and ta == tb else None
        rows.append((node, int(a), int(b), float(h), int(n), n_fine - 1 - i,
                     pd.NA if topic_of[node] is None else topic_of[node]))
    out = pd.DataFrame(rows, columns=[NODE, LEFT, RIGHT, HEIGHT, N_ARTICLES, N_TOPICS, TOPIC])
    for c in (LEFT, RIGHT, TOPIC):
        out[c] = out[c].astype("Int64")
    out[NAME] = [node_names[i] for i in range(len(out))]
    out[CATCH_ALL] = [bool(node_catch_all[i]) for i in range(len(out))]
    return out


def node_members(linkage: np.ndarray, n_fine: int) -> list[list[int]]:
    """The fine topics under every node (fine topics first, then one entry per merge).

    Examples
    --------
    >>> node_members(np.array([[0, 1, 1.0, 2], [2, 3, 2.0, 3]]), 3)
    [[0], [1], [2], [0, 1], [0, 1, 2]]
    """
    members = [[f] for f in range(n_fine)]
    for a, b, _, _ in linkage:
        members.append(sorted(members[int(a)] + members[int(b)]))
    return members


def linkage_of(hierarchy: pd.DataFrame) -> np.ndarray:
    """The scipy linkage matrix back from a :data:`HIERARCHY_COLUMNS` table."""
    merges = hierarchy[hierarchy[LEFT].notna()]
    return merges[[LEFT, RIGHT, HEIGHT, N_ARTICLES]].to_numpy(dtype=np.float64)


def level(hierarchy: pd.DataFrame, n_topics: int) -> tuple[np.ndarray, np.ndarray]:
    """The cut of the tree into ``n_topics``: the group of each fine topic, and the node of each group.

    Examples
    --------
    >>> z = tree(np.array([[0.0], [0.1], [3.0]]), np.array([0, 1, 2]), np.array([0, 0, 1]))
    >>> h = table(z, np.array([1, 1, 1]), np.array([0, 0, 1]), 2, ["a", "b", "c", "ab", "abc"], [False] * 5)
    >>> groups, nodes = level(h, 2)
    >>> groups.tolist(), nodes.tolist()
    ([0, 0, 1], [3, 2])
    """
    linkage = linkage_of(hierarchy)
    n_fine = len(linkage) + 1
    groups = cut(linkage, n_topics) if len(linkage) else np.zeros(n_fine, dtype=np.int64)
    node_of = np.zeros(n_topics, dtype=np.int64)
    for node, fine in enumerate(node_members(linkage, n_fine)):
        found = np.unique(groups[fine])
        # Exactly one node holds exactly a group's fine topics.
        if len(found) == 1 and len(fine) == int((groups == found[0]).sum()):
            node_of[found[0]] = node
    return groups, node_of


#: Most articles whose words are counted to name topics (a reproducible sample, stratified by fine topic).
MAX_NAME_ARTICLES = 1000


def _name_sample(fine: np.ndarray, cap: int, random_state: int) -> np.ndarray:
    """Articles counted for names: all of them up to ``cap``, else each fine topic in proportion (at least 20)."""
    n = len(fine)
    if n <= cap:
        return np.arange(n)
    rng = np.random.default_rng([int(random_state) % 2**32, 31])
    picks = []
    for f in np.unique(fine):
        members = np.flatnonzero(fine == f)
        take = min(len(members), max(20, int(round(cap * len(members) / n))))
        picks.append(rng.choice(members, take, replace=False))
    return np.sort(np.concatenate(picks))


def build(texts, vectors: np.ndarray, labels: np.ndarray, k: int, *, random_state: int = 0,
          max_name_articles: int = MAX_NAME_ARTICLES, n_name_terms: int = 10):
    """Fine topics, the tree, and names at every level, from the articles with a topic.

    Parameters
    ----------
    texts : sequence of str
        The articles (those with a topic only), in the order of ``vectors`` and ``labels``.
    vectors : ndarray of shape (n, d)
        Their unit-length LSA vectors.
    labels : ndarray of int
        Their fitted topics (0 .. k-1).
    k : int
    random_state : int
    max_name_articles : int
        Words are counted on a sample of at most this many articles.
    n_name_terms : int
        Distinctive terms kept per topic.

    Returns
    -------
    dict
        ``fine`` (fine topic of each article), ``hierarchy`` (:data:`HIERARCHY_COLUMNS`),
        ``names`` (Series by topic), ``distinctive`` (:func:`analysis.naming.name_table`
        of the k topics, with a ``name`` column), ``catch_all`` (bool array by topic) and
        ``coverage`` (share of each topic's counted articles using a term of its name).

    Examples
    --------
    >>> texts = ["goal match striker"] * 6 + ["bank rates loan"] * 6
    >>> v = np.repeat(np.eye(2), 6, axis=0)
    >>> out = build(texts, v, np.repeat([0, 1], 6), 2)
    >>> out["names"].tolist(), int(out["hierarchy"]["n_topics"].min())
    (['goal match, match striker', 'bank rates, rates loan'], 1)
    """
    labels = np.asarray(labels)
    n = len(labels)
    fine = fine_topics(vectors, labels, k, n_fine_topics(k, n), random_state=random_state)
    n_fine = int(fine.max()) + 1
    parent = np.zeros(n_fine, dtype=np.int64)
    parent[fine] = labels
    linkage = tree(vectors, fine, parent)
    members = node_members(linkage, n_fine)
    sample = _name_sample(fine, max_name_articles, random_state)
    counted = naming.count_terms([texts[i] for i in sample])
    node_names: list = [None] * (2 * n_fine - 1)
    node_catch: list = [False] * (2 * n_fine - 1)
    result = {}
    for level in range(n_fine, 0, -1):
        groups = cut(linkage, level) if len(linkage) else np.zeros(n_fine, dtype=np.int64)
        # The nodes that first appear at this level (all fine topics at the finest, then one merge per
        # level) are named here; at level k every fitted topic is described.
        new = {node: int(groups[fine_ids[0]]) for node, fine_ids in enumerate(members)
               if node_names[node] is None and len(np.unique(groups[fine_ids])) == 1
               and int((groups == groups[fine_ids[0]]).sum()) == len(fine_ids)}
        wanted = list(range(level)) if level == k else sorted(set(new.values()))
        if not wanted:
            continue
        counts = counted.groups(groups[fine[sample]], level)
        found = naming.name_table(counts, n_terms=n_name_terms, groups=wanted)
        level_names = naming.names(found, level)
        words = naming.name_terms(found)
        coverage = naming.name_coverage(counted, groups[fine[sample]],
                                        [words.get(g, []) if g in wanted else None for g in range(level)])
        catch = naming.catch_all(coverage)
        for node, g in new.items():
            node_names[node] = level_names[g]
            node_catch[node] = bool(catch[g])
        if level == k:
            # Groups of the cut at k are the fitted topics, numbered by first fine topic = by topic.
            topic_of_group = np.array([parent[np.flatnonzero(groups == g)[0]] for g in range(level)])
            order = np.argsort(topic_of_group)
            names = pd.Series([level_names[g] for g in order], index=pd.RangeIndex(k, name=TOPIC), name=NAME)
            found[TOPIC] = topic_of_group[found[TOPIC].to_numpy()]
            found.insert(1, NAME, found[TOPIC].map(names))
            result.update(names=names, distinctive=found.sort_values([TOPIC, RANK]).reset_index(drop=True),
                          catch_all=catch[order], coverage=coverage[order])
    result["fine"] = fine
    result["hierarchy"] = table(linkage, np.bincount(fine, minlength=n_fine), parent, k, node_names, node_catch)
    return result
