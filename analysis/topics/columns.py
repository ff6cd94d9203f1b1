"""The column names of every topics table, defined once."""

TOPIC = "topic"
NAME = "name"
RANK = "rank"
TERM = "term"
WEIGHT = "weight"
DOC_ID = "doc_id"
TITLE = "title"
TEXT = "text"
DATE = "date"
N_ARTICLES = "n_articles"
SHARE = "share"
SCORE = "score"
NPMI = "npmi"
X = "x"
Y = "y"
REASON = "reason"
K = "k"
STABILITY = "stability"
STABILITY_SD = "stability_sd"
NULL_STABILITY = "null_stability"
KAPPA = "kappa"
LARGEST_SHARE = "largest_share"
LIGHT_STABILITY = "light_stability"
LIGHT_STABILITY_SD = "light_stability_sd"
LIGHT_NULL_STABILITY = "light_null_stability"
CHOSEN = "chosen"
PERIOD = "period"
PERIOD_ARTICLES = "period_articles"
PARTIAL = "partial"
GROUP = "group"
TOPIC_SHARE = "topic_share"
SEED_A = "seed_a"
SEED_B = "seed_b"
ARI = "ari"
JACCARD = "jaccard"
CATCH_ALL = "catch_all"
LOW_CONFIDENCE = "low_confidence"
NODE = "node"
LEFT = "left"
RIGHT = "right"
HEIGHT = "height"
N_TOPICS = "n_topics"
P_IN = "p_in"
P_OUT = "p_out"
OWNERSHIP = "ownership"

#: :attr:`TopicResult.top_terms`: one row per topic and rank.
TOP_TERMS_COLUMNS = (TOPIC, NAME, RANK, TERM, WEIGHT)
#: :attr:`TopicResult.sizes`: one row per topic.
SIZES_COLUMNS = (TOPIC, NAME, N_ARTICLES, SHARE, CATCH_ALL)
#: :attr:`TopicResult.representatives`: the most typical articles of each topic.
REPRESENTATIVES_COLUMNS = (TOPIC, NAME, RANK, DOC_ID, TITLE, SCORE)
#: :attr:`TopicResult.coherence`: NPMI of each topic's top terms.
COHERENCE_COLUMNS = (TOPIC, NAME, NPMI)
#: :attr:`TopicResult.articles`: one row per input article, in input order.
ARTICLES_COLUMNS = (DOC_ID, TITLE, TOPIC, NAME, SCORE, REASON, LOW_CONFIDENCE)
#: :attr:`TopicResult.coords`: one row per article on the map.
COORDS_COLUMNS = (DOC_ID, TOPIC, NAME, X, Y)
#: :func:`choose_k` and :attr:`TopicResult.k_scores`: one row per k tried.
K_SCORES_COLUMNS = (K, STABILITY, STABILITY_SD, NULL_STABILITY, LIGHT_STABILITY, LIGHT_STABILITY_SD,
                    LIGHT_NULL_STABILITY, KAPPA, LARGEST_SHARE, CHOSEN)
#: :attr:`TopicResult.hierarchy`: one row per node of the topic tree (fine topics first, then merges).
HIERARCHY_COLUMNS = (NODE, LEFT, RIGHT, HEIGHT, N_ARTICLES, N_TOPICS, TOPIC, NAME, CATCH_ALL)
#: :attr:`TopicResult.distinctive`: the terms that name each topic, best first.
DISTINCTIVE_COLUMNS = (TOPIC, NAME, RANK, TERM, SCORE, P_IN, P_OUT, OWNERSHIP)
#: :meth:`TopicResult.at`: one row per article with a topic, at another level of the tree.
LEVEL_COLUMNS = (DOC_ID, TOPIC, NAME, NODE)
#: :func:`topics_over_time`: one row per period and topic.
OVER_TIME_COLUMNS = (PERIOD, TOPIC, NAME, N_ARTICLES, SHARE, PERIOD_ARTICLES, PARTIAL)
#: :func:`topics_by` and :attr:`Evaluation.confusion`: one row per group and topic.
BY_COLUMNS = (GROUP, TOPIC, NAME, N_ARTICLES, SHARE, TOPIC_SHARE)
#: :attr:`Stability.pairs`: one row per pair of seeds.
PAIRS_COLUMNS = (SEED_A, SEED_B, ARI)
#: :attr:`Stability.topics`: one row per topic of the first seed's clustering.
STABILITY_TOPICS_COLUMNS = (TOPIC, NAME, N_ARTICLES, JACCARD)

#: Reasons an article gets no topic (the ``reason`` column).
NO_TEXT = "empty text"
NO_TERMS = "no term of the fitted vocabulary (only stop words, numbers or rare words)"

METHODS = ("kmeans", "nmf")
#: Estimator label of an article without a topic.
NO_TOPIC = -1

