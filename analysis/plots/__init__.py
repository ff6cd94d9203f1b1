"""Charts for every analysis: each function takes ``ax=None``, returns the Axes, titles and labels
its axes, and never calls ``plt.show()``.

Computing stays in the analysis modules; these functions only draw the tidy
tables those modules return. A group without a value is drawn as
``"(unknown)"``, as every table names it.
"""

from analysis.plots.corpus import (
    article_lengths,
    articles_by_group,
    articles_per_period,
)
from analysis.plots.terms import (
    keyness_bars,
    rank_frequency,
    term_trends,
    top_terms,
)
from analysis.plots.quotes import top_speakers
from analysis.plots.sentences import (
    readability_by_group,
    readability_vs_length,
    sentence_lengths,
)
from analysis.plots.topics import (
    topic_dendrogram,
    topic_heatmap,
    topic_k_curve,
    topic_map,
    topic_shares_over_time,
    topic_sizes,
    topic_stability,
    topic_terms,
)

__all__ = [
    "article_lengths", "articles_by_group", "articles_per_period", "keyness_bars", "rank_frequency",
    "readability_by_group", "readability_vs_length", "sentence_lengths", "term_trends", "top_speakers", "top_terms",
    "topic_dendrogram", "topic_heatmap", "topic_k_curve", "topic_map", "topic_shares_over_time", "topic_sizes",
    "topic_stability",
    "topic_terms",
]
