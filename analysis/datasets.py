"""Named corpora: the default corpus that ships with a registry package, and the shared corpora.

Notebooks take a ``corpus`` parameter that is either a path (anything
:func:`analysis.corpus.load` reads) or one of the names in :data:`NAMES`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from analysis import corpus
from analysis._input import group_values, largest_group
from analysis.text.splitter import split

__all__ = ["NAMES", "choose_group", "group_sizes", "load_corpus", "target_group"]

NAMES = {
    "default": "300 news articles from the Australian Broadcasting Corporation (the Lee background "
    "corpus), shipped in the gensim package's test data; no dates or labels, and no headlines (the first "
    "sentence stands in)",
    "bbc": "2,225 BBC News articles (2004-05) in five labelled folders, from ../shared/corpora/bbc",
    "news2017": "989 Reuters and 1,413 unreliable-site articles (2017), from ../shared/corpora/news2017",
}


def shared_dir() -> Path:
    """Where the shared corpora live (the folder holding ``corpora/``).

    ``$ANALYSIS_SHARED`` when set; else ``shared`` beside the checkout this package runs from (an
    editable install), else ``./shared`` or ``../shared`` from the current folder, whichever holds
    ``corpora/``. When none does, the first candidate is returned, so an error can name it.
    """
    env = os.environ.get("ANALYSIS_SHARED")
    if env:
        return Path(env)
    package = Path(__file__).resolve().parent
    candidates = []
    if (package.parent / "pyproject.toml").exists():  # running from a checkout
        candidates.append(package.parent.parent / "shared")
    candidates += [Path.cwd() / "shared", Path.cwd().parent / "shared"]
    for folder in candidates:
        if (folder / "corpora").is_dir():
            return folder
    return candidates[0]


def default_corpus_path() -> Path:
    """The Lee background corpus inside the installed gensim package (one article per line)."""
    spec = importlib.util.find_spec("gensim")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "the default corpus ships in the gensim package, which is not installed; "
            "install it (`pip install gensim`, a dependency of news-analysis) or pass a corpus path"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "test" / "test_data" / "lee_background.cor"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing from the installed gensim package")
    return path


def load_corpus(spec: str | os.PathLike = "default", *, max_articles: int | None = None,
                random_state: int = 0, progress: bool = True) -> pd.DataFrame:
    """Load a named corpus or a path, optionally as a reproducible sample.

    Parameters
    ----------
    spec : str or path-like
        ``"default"``, ``"bbc"``, ``"news2017"`` (see :data:`NAMES`), or a path that
        :func:`analysis.corpus.load` reads.
    max_articles : int, optional
        Keep a random sample of this many articles (in their original order).
    random_state : int
        Seed of the sample.
    progress : bool
        Show a progress bar while loading large inputs.

    Returns
    -------
    pandas.DataFrame
        The corpus table of :func:`analysis.corpus.load`.

    Examples
    --------
    >>> df = load_corpus("default", max_articles=20, progress=False)
    >>> len(df), df["source"].unique().tolist()
    (20, ['abc.net.au'])
    """
    cached = _cache_folder(spec, max_articles, random_state)
    if cached is not None and (cached / "_corpus.json").is_file():
        return corpus.load(cached, progress=progress)
    df = _load(spec, max_articles=max_articles, random_state=random_state, progress=progress)
    if cached is not None:
        _keep(df, cached)
    return df


#: A folder where :func:`load_corpus` keeps each corpus it loads as Parquet, so that the next notebook of a
#: report reads it back in a second instead of parsing every file again (the report runner sets it for one run).
CACHE_ENV = "ANALYSIS_CORPUS_CACHE"


def _cache_folder(spec, max_articles, random_state) -> Path | None:
    root = os.environ.get(CACHE_ENV)
    if not root:
        return None
    name = str(spec) if str(spec) in NAMES else str(Path(spec).expanduser().resolve())
    key = hashlib.sha1(repr((name, max_articles, random_state)).encode()).hexdigest()[:16]
    return Path(root) / key


def _keep(df: pd.DataFrame, folder: Path) -> None:
    """Write ``df`` as a store in ``folder``, whole or not at all (a half-written folder is never read)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=folder.parent))
    corpus.to_parquet(df, partial / "store", partition_size=max(len(df), 1), progress=False)
    try:
        (partial / "store").rename(folder)
    except OSError:  # another process kept it first
        pass
    shutil.rmtree(partial, ignore_errors=True)


def _load(spec, *, max_articles, random_state, progress) -> pd.DataFrame:
    name = str(spec)
    if name == "default":
        lines = default_corpus_path().read_text(encoding="utf-8").splitlines()
        texts = [line.strip() for line in lines if line.strip()]
        # The articles have no headlines; their first sentences serve (and say so in NAMES).
        rows = pd.DataFrame({"title": [split(t)[0] for t in texts], "text": texts})
        df = corpus.load(rows, source="abc.net.au", progress=progress)
    elif name in ("bbc", "news2017"):
        path = shared_dir() / "corpora" / name
        if not path.exists():
            raise FileNotFoundError(
                f"corpus {name!r} is read from {path}, which does not exist; set ANALYSIS_SHARED to the "
                "folder holding corpora/, run from the folder that holds shared/, pass a path, or use 'default'"
            )
        df = corpus.load(path, progress=progress)
    else:
        df = corpus.load(Path(spec).expanduser(), progress=progress)
    if max_articles is not None and len(df) > max_articles:
        if max_articles < 1:
            raise ValueError(f"max_articles={max_articles!r}; pass a positive number or None for all")
        keep = df.sample(n=max_articles, random_state=random_state).index.sort_values()
        attrs = df.attrs
        df = df.loc[keep].reset_index(drop=True)
        df.attrs = attrs
    return df


def choose_group(df: pd.DataFrame, group: str | None = None) -> str:
    """The column a notebook compares by: ``group`` when given, else ``label`` when the corpus has
    several labels, else ``source``.

    Examples
    --------
    >>> choose_group(pd.DataFrame({"label": ["a", "b"], "source": ["x", "x"]}))
    'label'
    >>> choose_group(pd.DataFrame({"label": [None, None], "source": ["x", "y"]}))
    'source'
    """
    if group is not None:
        if group not in df.columns:
            raise ValueError(f"group={group!r} is not a column; the columns are {list(df.columns)}")
        return group
    if "label" in df.columns and df["label"].nunique() > 1:
        return "label"
    return "source"


def group_sizes(df: pd.DataFrame, group: str) -> pd.Series:
    """Articles per value of ``group``, largest first; articles without a value counted as ``"(unknown)"``.

    Examples
    --------
    >>> group_sizes(pd.DataFrame({"source": ["a", None, "a"]}), "source").to_dict()
    {'a': 2, '(unknown)': 1}
    """
    return group_values(df[group]).value_counts().rename("n_articles")


def target_group(df: pd.DataFrame, group: str):
    """The group a notebook sets against the rest: the largest one with a known value.

    Examples
    --------
    >>> target_group(pd.DataFrame({"source": ["a", None, None, "b", "b"]}), "source")
    'b'
    """
    return largest_group(df[group])
