"""Dates as news headers and exports write them: the shapes, and :func:`parse_date` that reads them.

The parser (:mod:`analysis.corpus.articles`) recognises a blog's date line
with :data:`BLOG_DATE_PATTERN` and a dateline with :data:`DATELINE_PATTERN`
(labels such as ``Published time:``, separators, time zones, the time first,
dates in figures); :func:`parse_date` reads the date and time out of either,
and out of a CSV's date column. Pure Python (figures are read by ``dateutil``,
installed with pandas).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:r(?:s)?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
# A clock time, and a time zone after it: "05:44", "5.44 p.m.", "GMT", "(MSK)", "+03:00", "UTC+3".
_CLOCK = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
_ZONE = r"\(?(?:[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})\)?"
# What separates a date from its time: a comma, "|", a dash, a slash, a bullet, "at".
_DATE_SEP = r"(?:\s*[,|•·/–—-]\s*|\s+)(?:at\s+)?"
_TIME = rf"(?:{_DATE_SEP}{_CLOCK}(?:\s*{_ZONE})?)?"
# Day, month and year in figures: "23/11/2017", "23.11.17", "2017/11/23".
_NUMERIC_DATE = r"(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}[./]\d{1,2}[./]\d{1,2})(?![\d./-])"
# A date as written in news headers, without a weekday; no named groups so it
# can be embedded in rule patterns.
DATE_PATTERN = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[\s-]+{_MONTH},?[\s-]+(?:\d{{4}}|\d{{2}})"
    rf"|\d{{4}}-\d{{1,2}}-\d{{1,2}}(?=$|[T\s,|])"
    rf"|{_NUMERIC_DATE})"
    rf"(?:T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?{_TIME}"
)
#: A dateline's leading label: "Published time:", "Last updated:", "Posted on", "Updated",
#: "Publication date:". Words, not any word: every title line is tried against it.
_DATE_LABEL = (
    r"(?:(?:(?:first|last|originally|publication|article)[ ])?"
    r"(?:published|posted|updated|modified|created|issued|dated?|time)"
    r"(?:[ ](?:on|at|time|date))?[ ]?(?::[ ]*|[ ]+))"
)

_DATE_MDY = re.compile(
    rf"(?:{_WEEKDAY},?\s+)?(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})",
    re.IGNORECASE,
)
_DATE_DMY = re.compile(
    rf"(?:{_WEEKDAY},?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s-]+(?P<mon>{_MONTH}),?[\s-]+"
    r"(?P<y>\d{4}|\d{2})(?!\d)",
    re.IGNORECASE,
)
_DATE_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
_DATE_NUMERIC = re.compile(rf"(?<![\d./-]){_NUMERIC_DATE}")
_TIME_OF_DAY = re.compile(
    r"(?:^|[\sT,])(?P<hh>\d{1,2})[:.](?P<mm>\d{2})(?::(?P<ss>\d{2}))?(?:\.\d+)?"
    r"\s*(?P<ampm>[AaPp])?\.?(?:[Mm]\.?)?(?![\d])"
)


def parse_date(text: str | None) -> _dt.datetime | None:
    """Read a date (and time, when given) as written in news headers or CSV columns.

    Forms: ``November 23, 2017``, ``Thursday, November 23, 2017``,
    ``23 Nov, 2017 05:44``, ``Nov 23, 2017 | 05:44 GMT``, ``31-Dec-17``,
    ``2017-12-31``, ``2017-12-31T08:15:00Z``, ``Dec. 5, 2017 at 5:44 PM``,
    ``11:44 AM ET, Thu November 23, 2017`` (the time first), and dates in
    figures: ``23/11/2017``, ``23.11.2017 05:44``, ``2017/11/23``. Figures are
    read by ``dateutil``: day first when separated by dots (the European
    way), else month first unless the first number is above 12
    (``05/11/2017`` is May 11). Time zones are ignored (the clock time is
    kept). Returns ``None`` when no date is found.

    Examples
    --------
    >>> parse_date("23 Nov, 2017 05:44")
    datetime.datetime(2017, 11, 23, 5, 44)
    >>> parse_date("31-Dec-17"), parse_date("tomorrow")
    (datetime.datetime(2017, 12, 31, 0, 0), None)
    >>> parse_date("Nov 23, 2017 | 05:44 GMT"), parse_date("23.11.2017, 17:44 MSK")
    (datetime.datetime(2017, 11, 23, 5, 44), datetime.datetime(2017, 11, 23, 17, 44))
    """
    if not text:
        return None
    text = text.strip()
    for pattern in (_DATE_ISO, _DATE_MDY, _DATE_DMY, _DATE_NUMERIC):
        m = pattern.search(text)
        if m is None:
            continue
        if pattern is _DATE_NUMERIC:
            day = _numeric_date(m.group())
            if day is None:
                return None
            year, month, parts = day.year, day.month, {"d": day.day}
        else:
            parts = m.groupdict()
            year = int(parts["y"])
            if year < 100:  # two-digit years, as in "31-Dec-17"
                year += 2000 if year < 70 else 1900
            month = int(parts["m"]) if "m" in parts else _MONTHS[parts["mon"][:3].lower()]
        hour = minute = second = 0
        # The time after the date, else before it ("11:44 AM ET, Thu November 23, 2017").
        t = _TIME_OF_DAY.search(text, m.end()) or _TIME_OF_DAY.search(text, 0, m.start())
        if t is not None:
            hour, minute = int(t["hh"]), int(t["mm"])
            second = int(t["ss"] or 0)
            if t["ampm"]:
                hour = hour % 12 + (12 if t["ampm"].lower() == "p" else 0)
        try:
            return _dt.datetime(year, month, int(parts["d"]), hour, minute, second)
        except ValueError:
            try:  # an impossible time should not lose a good date
                return _dt.datetime(year, month, int(parts["d"]))
            except ValueError:
                return None
    return None


@functools.lru_cache(maxsize=4096)
def _numeric_date(figures: str) -> _dt.date | None:
    """A date written in figures, read by dateutil (which knows which order is possible)."""
    from dateutil import parser  # installed with pandas

    sep = next(ch for ch in figures if not ch.isdigit())
    try:
        return parser.parse(figures, dayfirst=sep == ".", yearfirst=figures.index(sep) == 4).date()
    except (ValueError, OverflowError):
        return None


#: A blog's date line: ``Thursday, November 23, 2017`` (a time may follow); the date is the group ``date``.
BLOG_DATE_PATTERN = rf"{_WEEKDAY},?\s+(?P<date>{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}){_TIME}"
#: A dateline: ``23 Nov, 2017 05:44``, ``Published time: 23 Nov, 2017 05:44 GMT``,
#: ``6:15 PM ET, Tue April 12, 2016``, ``Posted on March 5, 2018 by Jane Roe``; the date and
#: time are the group ``date``.
DATELINE_PATTERN = (
    rf"{_DATE_LABEL}?(?:{_WEEKDAY},?\s+)?"
    rf"(?P<date>(?:{_CLOCK}(?:\s*{_ZONE})?{_DATE_SEP}(?:{_WEEKDAY},?\s+)?)?{DATE_PATTERN})"
    r"(?:\s*(?:[|,\u00b7\u2022\u2013\u2014-]\s*)?by\s+[^\d|]{1,80})?"
)
