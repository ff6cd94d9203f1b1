"""Source names: the alias table, and every way a site writes its own name reduced to one.

``Reuters``, ``reuters.com`` and ``Thomson Reuters`` are one source by the
alias table :data:`SOURCE_ALIASES` (extend it with :func:`register_source`);
a site no alias knows is named by its *stem* (``Press TV``, ``PressTV`` and
``presstv.ir`` are ``presstv``). :func:`agency_name` reads the agency of a
dateline (``WASHINGTON (Reuters) - ...``), and :func:`looks_like_source` tells
a header line that names a site (``TASS``) from a title or a sentence.

The parser (:mod:`analysis.corpus.articles`) re-exports these names, so
``articles.SOURCE_ALIASES`` and ``articles.register_source`` are this
module's: one table, shared. Pure Python, no pandas.
"""

from __future__ import annotations

import re

#: Lowercase alias -> normalised source name. Extend with :func:`register_source`.
#: Lookups strip ``http://``, ``www.`` and a trailing slash first, then try the
#: site's name without spaces or domain suffix (``presstv``), so a source needs no
#: alias unless it should map to another name.
SOURCE_ALIASES: dict[str, str] = {
    "reuters": "reuters",
    "thomson reuters": "reuters",
    "reuters.com": "reuters",
    # IFR and LPC are Thomson Reuters services whose datelines read "(LPC/IFR)".
    "ifr": "reuters",
    "lpc": "reuters",
    "ap": "ap",
    "associated press": "ap",
    "the associated press": "ap",
    "apnews.com": "ap",
    "afp": "afp",
    "agence france-presse": "afp",
    "agence france presse": "afp",
    "afp.com": "afp",
    "rt": "rt.com",
    "rt.com": "rt.com",
    "russia today": "rt.com",
    "bbc": "bbc",
    "bbc news": "bbc",
    "bbc.co.uk": "bbc",
    "bbc.com": "bbc",
    # The default corpus's source; its stem alone ("abc") would also name the US network.
    "abc.net.au": "abc.net.au",
    "australian broadcasting corporation": "abc.net.au",
}


def register_source(alias: str, name: str) -> None:
    """Map a source ``alias`` (any case) to the normalised ``name``.

    A registered alias also counts as a news agency in datelines such as
    ``PARIS (Alias) - ...``.

    Examples
    --------
    >>> register_source("Deutsche Presse-Agentur", "dpa")
    >>> normalise_source("DEUTSCHE PRESSE-AGENTUR")
    'dpa'
    >>> agency_name("Deutsche Presse-Agentur")  # "BERLIN (Deutsche Presse-Agentur) - ..."
    'dpa'
    >>> del SOURCE_ALIASES["deutsche presse-agentur"]  # undo the example
    """
    if not isinstance(alias, str) or not alias.strip() or not isinstance(name, str) or not name:
        raise ValueError(
            f"register_source(alias={alias!r}, name={name!r}): pass two non-empty strings"
        )
    SOURCE_ALIASES[source_key(alias)] = name


_URL_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)


def source_key(name: str) -> str:
    """The key a name is looked up by: lowercase, without ``http://``, ``www.`` and a trailing slash.

    Examples
    --------
    >>> source_key("  https://www.Reuters.com/ ")
    'reuters.com'
    """
    return _URL_PREFIX.sub("", name.strip().lower()).rstrip("/").strip()


_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?::\d+)?(?:/.*)?")
# Second-level labels under a country code that are part of the suffix ("bbc.co.uk").
_SECOND_LEVEL = frozenset("co com net org gov edu ac gob or ne go nic mil ltd plc".split())


def site_stem(key: str) -> str:
    """A site's name without spaces, punctuation or domain suffix: ``Press TV``,
    ``PressTV`` and ``presstv.ir`` (or ``www.presstv.ir/news``) all give ``presstv``.

    ``key`` is a :func:`source_key`.

    Examples
    --------
    >>> site_stem("press tv"), site_stem("presstv.ir/news"), site_stem("news.example.co.uk")
    ('presstv', 'presstv', 'example')
    """
    if _DOMAIN.fullmatch(key):
        labels = key.split("/", 1)[0].split(":", 1)[0].split(".")
        suffix = 2 if len(labels) > 2 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 1
        return labels[-suffix - 1]
    return "".join(ch for ch in key if ch.isalnum())


def normalise_source(name: str | None) -> str | None:
    """The normalised form of a source name: aliases mapped, else the site's stem.

    A name of :data:`SOURCE_ALIASES` (after lowercasing and stripping
    ``http://``, ``www.`` and a trailing slash) gives its alias; any other
    name gives its *stem*: lowercase letters and digits only, and for a web
    address its site name without subdomains or domain suffix -- so that
    ``Press TV``, ``PressTV`` and ``presstv.ir`` are one source, ``presstv``.
    An alias can also be written as a stem (``register_source("presstv",
    ...)``). Returns ``None`` for an empty name.

    Examples
    --------
    >>> normalise_source("Rt.com"), normalise_source("www.Reuters.com"), normalise_source("AP")
    ('rt.com', 'reuters', 'ap')
    >>> normalise_source("Press TV"), normalise_source("presstv.ir"), normalise_source("https://www.presstv.ir/Detail")
    ('presstv', 'presstv', 'presstv')
    >>> normalise_source("www.Example.co.uk/"), normalise_source("TASS")
    ('example', 'tass')
    """
    if name is None:
        return None
    key = source_key(str(name))
    if not key:
        return None
    found = SOURCE_ALIASES.get(key)
    if found is not None:
        return found
    host = key.split("/", 1)[0]
    if host != key and host in SOURCE_ALIASES:  # "rt.com/news/..."
        return SOURCE_ALIASES[host]
    stem = site_stem(key)
    return SOURCE_ALIASES.get(stem, stem) or key


def agency_name(text: str) -> str | None:
    """The normalised agency named by a dateline's parentheses, or ``None`` if unknown.

    ``"Reuters"``, ``"Reuters on Friday"`` and ``"LPC/IFR"`` all name an agency
    of :data:`SOURCE_ALIASES`; ``"VIDEO"`` does not.

    Examples
    --------
    >>> agency_name("Reuters on Friday "), agency_name("LPC/IFR"), agency_name("VIDEO")
    ('reuters', 'reuters', None)
    """
    key = source_key(text)
    if key in SOURCE_ALIASES:
        return SOURCE_ALIASES[key]
    for part in re.split(r"[/,;]+", key):
        part = part.strip()
        if part in SOURCE_ALIASES:
            return SOURCE_ALIASES[part]
        first = part.split(" ", 1)[0]
        if first in SOURCE_ALIASES:
            return SOURCE_ALIASES[first]
    return None



# Lowercase words a source's name may hold after its first word ("Voice of America",
# "RT en Español").
_NAME_PARTICLES = frozenset("of the and for on in at de del la le el al en y e di da du van von und &".split())


def looks_like_source(line: str) -> bool:
    """Whether a header line reads like a source's name: short, capitalised, not a sentence.

    At most five words and 50 characters; every word capitalised (or a
    number-led word such as ``21st``, or a particle such as ``of``, ``en``
    after the first); no final stop, no colon, not a byline (``By ...``).
    The parser takes such a line for the source when it sits in the header
    block: right after the title, or after a date or source line that
    follows it.

    Examples
    --------
    >>> looks_like_source("Press TV"), looks_like_source("TASS"), looks_like_source("Voice of America")
    (True, True, True)
    >>> looks_like_source("The ministry said troops advanced."), looks_like_source("By Jane Doe")
    (False, False)
    """
    if len(line) > 50 or line[-1] in ".!?:;," or ":" in line:
        return False
    words = line.split()
    if not 1 <= len(words) <= 5 or words[0].lower() in ("by", "photo", "image", "video", "watch", "read"):
        return False
    for k, word in enumerate(words):
        if k and word.lower() in _NAME_PARTICLES:
            continue
        if not (word[0].isupper() or (word[0].isdigit() and any(ch.isalpha() for ch in word))):
            return False
    return any(ch.isalpha() for ch in line)

