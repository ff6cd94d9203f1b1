"""Addresses kept whole: e-mail addresses, URLs, @handles, #hashtags, file names and version numbers.

News copy quotes them, and each is one thing to a reader: ``jane.doe@example.com``
is neither two sentences (cut at ``jane.``) nor the words ``jane``, ``doe``,
``example`` and ``com``. :data:`ADDRESS_PATTERN` is the one definition the word
rules (:mod:`analysis.text.tokens`) and the splitter
(:mod:`analysis.text.splitter`) share:

- a URL with a scheme (``https://...``, ``ftp://...``) or starting ``www.``;
- an e-mail address (``name@host.tld``);
- a bare domain or file name: dotted labels ending in a known top-level domain
  (``bbc.co.uk``, ``example.com/news``) or file extension (``report.pdf``);
- an ``@handle`` and a ``#hashtag`` (a hashtag holds a letter: ``#1`` is a number);
- a version number with a ``v`` (``v2.3.1``; ``3.10.2`` is already a number);
- ``N°`` / ``Nº`` (numero).

Trailing punctuation is never part of an address (``see www.bbc.co.uk.`` ends
with a full stop). The lists of domains and extensions are fixed here, not a
setting: they are compiled into the pattern. Top-level domains that are also
English words (``in``, ``it``, ``is``, ``me``, ``to``, ``us`` ...) are left
out, so a missing space after a full stop (``the end.It``) is not read as a
domain.

Every alternative starts with one character class (so a scan skips the
characters no address starts with) and then a look-behind that refuses the
middle of a run, and scans forward over one character class, so matching
stays linear in the length of the text.
"""

from __future__ import annotations

import re

#: ASCII punctuation an address may hold besides letters, digits, ``_`` and
#: the joiners ``'-.,`` of the word rules. The fast batch counter keeps these
#: bytes (it turns every other ASCII punctuation byte into a space).
ADDRESS_PUNCTUATION = "@#/:?=&%~+"

# Generic and common country top-level domains that are not English words.
TOP_LEVEL_DOMAINS = (
    "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "io", "ai", "app", "dev", "news", "online",
    "tv", "fm", "uk", "eu", "de", "fr", "es", "nl", "ch", "se", "dk", "fi", "ie", "pl", "pt", "ru", "ua", "cn",
    "jp", "kr", "au", "nz", "ca", "br", "mx", "ar", "za", "ng", "ke", "il", "tr", "gr", "cz", "hu", "ro", "sg",
    "hk", "tw", "ir", "pk",
)

# File extensions common in news copy (documents, data, images, audio, video, code, archives).
FILE_EXTENSIONS = (
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "rtf", "txt", "csv", "tsv", "json", "xml",
    "html", "htm", "jpg", "jpeg", "png", "gif", "svg", "webp", "tif", "tiff", "mp3", "wav", "mp4", "mov", "avi",
    "mkv", "zip", "gz", "tar", "rar", "exe", "dll", "apk", "py", "js", "ipynb", "sql", "parquet",
)


def _trie(names) -> str:
    """``names`` (lowercase letters) as a regex that branches one letter at a time, longest match first.

    A flat alternation of a hundred names costs a hundred failed branches at
    every full stop of a text; a trie fails at its first letter.
    """
    firsts: dict[str, list[str]] = {}
    for name in sorted(set(names)):
        firsts.setdefault(name[0], []).append(name[1:])
    branches = []
    for first, rests in firsts.items():
        longer = [r for r in rests if r]
        if not longer:
            branches.append(first)
            continue
        tail = _trie(longer)
        branches.append(f"{first}(?:{tail})" + ("?" if "" in rests else ""))
    return "|".join(branches)


_URL_CHAR = r"[\w\-.~:/?#@&=%+]"
_URL_END = r"[\w\-~/#=&%+]"  # an address never ends on . : ? (those end the sentence around it)

#: The address alternatives, in the order they are tried.
ADDRESS_PATTERN = (
    rf"[HhFf](?<![\w@.\-][HhFf])(?:[Tt][Tt][Pp][Ss]?|[Tt][Pp])://{_URL_CHAR}*{_URL_END}"  # https://...
    rf"|[Ww](?<![\w@.\-/][Ww])[Ww][Ww]\d?\.{_URL_CHAR}*{_URL_END}"  # www.example.com/page
    r"|[^\W_](?<![\w.+\-@].)[\w.+\-]*+@[^\W_][\w\-]*+(?:\.[\w\-]+)+"  # jane.doe@example.com
    rf"|[^\W_](?<![\w.@\-/].)[\w\-]*+(?:\.[\w\-]+)*\.(?i:{_trie(TOP_LEVEL_DOMAINS + FILE_EXTENSIONS)})"
    rf"(?![\w\-])(?:/{_URL_CHAR}*{_URL_END})?"  # bbc.co.uk/news, report.pdf
    r"|@(?<![\w@]@)\w+"  # @handle
    r"|#(?<![\w#&]#)\w*[^\W\d_]\w*"  # #hashtag
    r"|[vV](?<![\w.][vV])\d+(?:\.\d+)+"  # v2.3.1
    r"|[Nn](?<!\w[Nn])(?:\u00b0|\u00ba(?![^\W\d_]))"  # N°, Nº (not the start of a word such as "Nºabc")
)
ADDRESS = re.compile(ADDRESS_PATTERN)


def is_address(token: str) -> bool:
    """Whether ``token`` is one address as a whole.

    Examples
    --------
    >>> is_address("jane.doe@example.com"), is_address("www.bbc.co.uk"), is_address("v2.3.1")
    (True, True, True)
    >>> is_address("U.S."), is_address("word")
    (False, False)
    """
    return ADDRESS.fullmatch(token) is not None


def addresses(text: str) -> list[tuple[int, int]]:
    """Locate the addresses in ``text`` as ``(start, end)`` offsets.

    Examples
    --------
    >>> text = "Mail Jane.Doe@example.com or see https://example.com/a?b=1. Thanks @JaneDoe #news"
    >>> [text[s:e] for s, e in addresses(text)]
    ['Jane.Doe@example.com', 'https://example.com/a?b=1', '@JaneDoe', '#news']
    """
    return [m.span() for m in ADDRESS.finditer(text)]
