"""Article tables: ``.csv``, ``.jsonl`` and ``.parquet``, one article per row.

Columns are mapped to the schema with ``text_col``, ``outlet_col``, ``title_col``,
``date_col`` and ``id_col``; ``url``, ``author``, ``language`` and ``section`` are read by
name, a ``doc_id`` column gives ids when ``id_col`` is not set, every other column is kept as
an extra column (a column named like a computed field, e.g. ``content_hash``, or like a schema
field mapped from another column, is kept as ``input_<name>``). A bad row is rejected on its
own, naming file, line and column: the line is the physical line where a CSV record starts
(the header is line 1), the line of a JSONL object, or the 1-based row number of a Parquet
file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from framelens.corpus.decode import decode_bytes
from framelens.corpus.errors import Problem

#: Computed column names a table cannot set (kept as ``input_<name>``).
_COMPUTED = ("source_path", "content_hash", "duplicate_of", "encoding")

Row = tuple[int, dict[str, Any], str, str]  # (line, fields, text, encoding)


def _map_row(
    raw: Mapping[str, Any], line: int, encoding: str, cols: Mapping[str, str | None], max_bytes: int
) -> Row | Problem:
    mapping = {v: k for k, v in cols.items() if v is not None}
    fields: dict[str, Any] = {}
    text: Any = None
    for k, v in raw.items():
        if k in mapping:
            name = mapping[k]
        elif (k in cols and cols[k] is not None) or k in _COMPUTED:
            # e.g. a "title" column while title_col="headline": kept, not used as the title
            name = f"input_{k}"
        else:
            name = str(k)
        if name == "text":
            text = v
        else:
            fields[name] = v
    if text is None or (isinstance(text, float) and text != text):
        text = ""
    if not isinstance(text, str):
        text = str(text)
    if len(text.encode("utf-8")) > max_bytes:
        return Problem(
            "over_size_limit", f"text larger than max_bytes={max_bytes}", line=line, field="text"
        )
    return line, fields, text, encoding


def read_table_rows(
    suffix: str,
    data: bytes,
    *,
    max_bytes: int,
    text_col: str = "text",
    outlet_col: str = "outlet",
    title_col: str = "title",
    date_col: str = "date",
    id_col: str | None = None,
) -> Iterator[Row | Problem]:
    """Yield each row as ``(line, fields, text, encoding)`` or a row-level :class:`Problem`.

    ``fields`` uses schema names (``outlet``, ``title``, ``date``, ``doc_id``) for the mapped
    columns. A problem with the whole file (undecodable, unreadable, no text column) is
    raised as :class:`Problem`.
    """
    cols: dict[str, str | None] = {
        "text": text_col,
        "outlet": outlet_col,
        "title": title_col,
        "date": date_col,
        "doc_id": id_col,
    }
    if suffix == ".parquet":
        yield from _parquet(data, cols, max_bytes)
        return
    decoded = decode_bytes(data)
    if suffix == ".csv":
        yield from _csv(decoded.text, decoded.encoding, cols, max_bytes)
    elif suffix == ".jsonl":
        yield from _jsonl(decoded.text, decoded.encoding, cols, max_bytes)
    else:
        raise Problem("unsupported_type", f"not a table type: {suffix!r}")


def _csv(
    text: str, encoding: str, cols: Mapping[str, str | None], max_bytes: int
) -> Iterator[Row | Problem]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise Problem("malformed_table", f"CSV error: {exc}", line=1) from None
    if not header or cols["text"] not in header:
        raise Problem(
            "malformed_table",
            f"no text column {cols['text']!r} in the header",
            line=1,
            field=cols["text"],
        )
    start = reader.line_num + 1
    while True:
        try:
            raw = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Problem("malformed_table", f"CSV error: {exc}", line=start)
            return
        if None in raw:
            yield Problem(
                "malformed_table",
                f"{len(raw[None])} more value(s) than header columns",
                line=start,
            )
        else:
            yield _map_row(raw, start, encoding, cols, max_bytes)
        start = reader.line_num + 1


def _jsonl(
    text: str, encoding: str, cols: Mapping[str, str | None], max_bytes: int
) -> Iterator[Row | Problem]:
    for i, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem("malformed_table", f"invalid JSON: {exc.msg}", line=i)
            continue
        if not isinstance(obj, dict):
            yield Problem("malformed_table", "a JSONL line must be an object", line=i)
            continue
        if cols["text"] not in obj:
            yield Problem("empty_body", f"no {cols['text']!r} key", line=i, field=cols["text"])
            continue
        yield _map_row(obj, i, encoding, cols, max_bytes)


def _parquet(
    data: bytes, cols: Mapping[str, str | None], max_bytes: int
) -> Iterator[Row | Problem]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(io.BytesIO(data))
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise Problem("malformed_table", f"unreadable Parquet: {exc}") from None
    if cols["text"] not in table.column_names:
        raise Problem(
            "malformed_table", f"no text column {cols['text']!r}", line=None, field=cols["text"]
        )
    for i, raw in enumerate(table.to_pylist(), start=1):
        yield _map_row(raw, i, "utf-8", cols, max_bytes)
