"""Whether a text uses a capitalised word in lowercase: the test that tells ``Yesterday`` from ``Putin``.

A word that opens a sentence, or stands alone, is no name when the same text
also has it in lowercase as a whole word (``said yesterday``). The names
module (:mod:`analysis.text.names`) asks it when it finds and resolves
names, and the corpus step (:mod:`analysis.terms.names`) of the bare words it
left unread.
"""

from __future__ import annotations


def used_in_lowercase(text: str, word: str) -> bool:
    """Whether ``text`` has ``word`` in lowercase as a whole word (``said yesterday`` for ``Yesterday``).

    A whole word: neither a letter, a digit nor a hyphen touches it on either side.

    Examples
    --------
    >>> used_in_lowercase("Yesterday it rained; not yesterday's rain.", "Yesterday")
    True
    >>> used_in_lowercase("Putin met Putinism's critics.", "Putin")
    False
    """
    low = word.lower()
    if low == word:
        return False
    n = len(low)
    i = text.find(low)
    while i >= 0:
        before = text[i - 1] if i else " "
        after = text[i + n] if i + n < len(text) else " "
        if not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-"):
            return True
        i = text.find(low, i + 1)
    return False
