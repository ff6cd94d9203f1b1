"""Topic clusters: articles grouped into named topics, how many topics, topics over time and by group.

- :func:`cluster` -- group a corpus into topics; returns a :class:`TopicResult`
  (labels, top terms, names, sizes with catch-all flags, representative
  articles, NPMI coherence, a 2-D map, the topic hierarchy, and the
  k-selection curve with the rule that chose k when ``k`` was chosen).
- :class:`TopicModel` -- the scikit-learn estimator underneath (``fit``,
  ``predict``, ``transform``), to assign new articles to fitted topics or use
  in a ``Pipeline``.
- :func:`choose_k` -- the stability curve used to choose the number of topics.
- :func:`topics_over_time` -- each topic's share of a period's articles.
- :func:`topics_by` -- topic x group crosstab (counts and shares).
- :func:`evaluate` -- NMI, ARI and a confusion table against known labels.
- :func:`stability` -- how reproducible the topics are across random seeds.

Terms come from the shared tokeniser :func:`analysis.text.tokenize`, so a
topic's top terms are the same terms the term-frequency tables count.

How the clustering works, and why (figures measured on the BBC corpus, five
labelled sections, k=5, normalised mutual information (NMI) with the labels,
mean over ``random_state`` 0-4):

1. **TF-IDF with sublinear tf, pruned, L2-normalised.** ``1 + log(tf)`` stops
   a long article that repeats a name from dominating; terms in fewer than 3
   articles (noise) and in more than half of them (news boilerplate: "said",
   "year") are dropped. Plain TF-IDF + k-means (scikit-learn's example) gives
   0.72; with these three choices alone, 0.88.
2. **LSA**: a truncated SVD to 100 dimensions, rows re-normalised to unit
   length, so k-means on them is spherical (cosine) k-means on a denoised
   space: 0.895, and nearly the same for every seed. (Two power iterations
   of the randomised SVD instead of scikit-learn's five, in float32: same
   NMI, a quarter of the time.)
3. **k-means** with 10 k-means++ starts on those vectors (20 gave the same NMI
   on every seed tried).
4. **Leave-one-out refinement.** k-means errs on articles near a boundary.
   Each article is re-assigned by a ridge classifier (one-vs-rest, on the
   LSA vectors) fitted to every *other* article's current topic, until no
   article moves (at most ``refine`` rounds): a discriminative second pass
   that weighs the directions separating the topics instead of all equally:
   0.91 (0.906-0.918 per seed). Ridge's leave-one-out predictions have a
   closed form, so a round costs one small solve, and the result does not
   depend on how articles are split into folds. It matches the 5-fold
   self-training in the full TF-IDF space it replaced (0.909) in half the
   time. Tried and not kept: bigrams, the title added to the body, a
   chi-squared selection of top terms then re-clustering, naive Bayes EM,
   spherical k-means in the TF-IDF space (each no better than step 3).
5. **Assignment.** A ridge classifier on the LSA vectors fitted on all
   articles with the refined topics is the model: :meth:`TopicModel.predict`
   projects new articles with the fitted SVD and takes the classifier's
   argmax, and the fitted ``labels_`` are that same prediction on the
   training articles, so ``predict(training texts)`` returns exactly
   ``labels_``.

Topics are numbered by size (0 is the largest; NMF keeps the numbers of the
k-means topics it starts from). Articles without any term in
the fitted vocabulary (empty texts, only stop words or rare words) are kept,
get no topic (``-1`` from the estimator, ``<NA>`` in :class:`TopicResult`) and
a stated reason; the other topics are never renumbered because of them.

``method="nmf"`` fits non-negative matrix factorisation on the same TF-IDF
matrix, started from the k-means topics above; ``transform`` then returns
soft memberships (each article's topic weights, summing to 1). NMF trades
some accuracy for the soft memberships: NMI 0.85 on BBC (scikit-learn's NMF
from its default start: 0.78-0.86 depending on the pruning).

Speed (BBC, 2,225 articles, on the project's busy 2-core machine): the
estimator at k=5 about 0.9 s; :func:`cluster` with names, catch-all flags and
the topic tree 1.4-2.8 s; choosing k (2 to 30 tried) 7-14 s. On 50,000
articles choosing k costs 1.0-1.9x one clustering at k=20 (three runs). See
``benchmarks/bench_topics.py`` and ``benchmarks/bench_topics_k.py``.

Choosing k (``k=None``): see :func:`choose_k` and :mod:`analysis.topics.choosing`.

Names (:mod:`analysis.topics.naming`): the words and two-word phrases a
topic's articles use far more than the other topics' (a topic must "own" a
term: use it more than all other topics together, each weighed the same), so
words every topic uses never name one, with no list of banned words; a topic
fewer than half of whose articles use a term of its name is marked
``catch_all``. The hierarchy (:mod:`analysis.topics.hierarchy`): each topic
split into fine topics, merged back by Ward's method inside the topics, then
across them, every node named; :meth:`TopicResult.at` reads any level.
"""

from analysis.topics.choosing import STABLE
from analysis.topics.columns import (
    ARTICLES_COLUMNS,
    BY_COLUMNS,
    COHERENCE_COLUMNS,
    COORDS_COLUMNS,
    DISTINCTIVE_COLUMNS,
    HIERARCHY_COLUMNS,
    K_SCORES_COLUMNS,
    LEVEL_COLUMNS,
    METHODS,
    NO_TERMS,
    NO_TEXT,
    NO_TOPIC,
    OVER_TIME_COLUMNS,
    PAIRS_COLUMNS,
    REPRESENTATIVES_COLUMNS,
    SIZES_COLUMNS,
    STABILITY_TOPICS_COLUMNS,
    TOP_TERMS_COLUMNS,
)
from analysis.topics.model import TopicModel, choose_k
from analysis.topics.result import MAP_MAX_ARTICLES, TopicResult, cluster
from analysis.topics.tables import Evaluation, Stability, evaluate, stability, topics_by, topics_over_time

__all__ = [
    "ARTICLES_COLUMNS", "BY_COLUMNS", "COHERENCE_COLUMNS", "COORDS_COLUMNS", "DISTINCTIVE_COLUMNS",
    "HIERARCHY_COLUMNS", "K_SCORES_COLUMNS", "LEVEL_COLUMNS",
    "MAP_MAX_ARTICLES", "METHODS", "NO_TERMS", "NO_TEXT", "NO_TOPIC", "OVER_TIME_COLUMNS", "PAIRS_COLUMNS",
    "REPRESENTATIVES_COLUMNS", "SIZES_COLUMNS", "STABILITY_TOPICS_COLUMNS", "STABLE", "TOP_TERMS_COLUMNS",
    "Evaluation", "Stability", "TopicModel", "TopicResult", "choose_k", "cluster", "evaluate", "stability",
    "topics_by", "topics_over_time",
]
