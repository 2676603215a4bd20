"""Publication dates from metadata strings: ISO first, then written-out English dates."""

from __future__ import annotations

import datetime as dt
import re

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_MIN_YEAR, _MAX_YEAR = 1678, 2261  # the range datetime64[ns] can hold
_DEFAULT = dt.datetime(2000, 1, 1)  # fills a missing day/month; never "today"


def parse_date(value: object) -> dt.datetime | None:
    """Parse a publication date; ``None`` for an empty value; ``ValueError`` if unreadable.

    Accepts ISO 8601 dates and date-times (``2020-09-02``, ``2020-09-02T14:05:00+03:00``)
    and written-out dates with a four-digit year (``2 September 2020``,
    ``Sept. 2, 2020``). A time zone is dropped, keeping the local wall-clock time the outlet
    printed. A missing day becomes the 1st. Years outside 1678-2261 are rejected.

    Examples
    --------
    >>> parse_date("2 September 2020")
    datetime.datetime(2020, 9, 2, 0, 0)
    >>> parse_date("2020-09-02T23:30:00-05:00")
    datetime.datetime(2020, 9, 2, 23, 30)
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        out = value
    elif isinstance(value, dt.date):
        out = dt.datetime(value.year, value.month, value.day)
    else:
        s = str(value).strip()
        if not s:
            return None
        try:
            out = dt.datetime.fromisoformat(s.replace("Z", "+00:00") if s.endswith("Z") else s)
        except ValueError:
            out = _parse_words(s)
    out = out.replace(tzinfo=None)
    if not _MIN_YEAR <= out.year <= _MAX_YEAR:
        raise ValueError(f"year {out.year} outside {_MIN_YEAR}-{_MAX_YEAR}")
    return out


def _parse_words(s: str) -> dt.datetime:
    from dateutil import parser

    if not _YEAR.search(s):
        raise ValueError(f"no four-digit year in {s!r}")
    try:
        return parser.parse(s.replace("Sept.", "Sep.").replace("Sept ", "Sep "), default=_DEFAULT)
    except (ValueError, OverflowError, parser.ParserError) as exc:
        raise ValueError(f"cannot read {s!r} as a date") from exc
