"""Why an input was not loaded: reason codes, the per-file problem and ``CorpusError``.

Every input file ends up loaded, rejected (one row of ``Corpus.rejections`` with one of the
:data:`REASONS` codes) or skipped (config files, hidden files, ``README``/``LICENSE``,
``exclude`` globs). ``strict=True`` turns the first rejection into a :class:`CorpusError`.
"""

from __future__ import annotations

#: Rejection reason codes and what they mean (documented in docs/corpus.md).
REASONS: dict[str, str] = {
    "unreadable": "the file cannot be read (permissions, I/O error)",
    "undecodable": "bytes are not text in a supported encoding (or the guess is ambiguous)",
    "empty_body": "no article text left (after front matter / cleaning / extraction)",
    "missing_outlet": "no outlet from front matter, sidecar, folder defaults, page or registry",
    "duplicate_doc_id": "a declared doc_id is already used by an earlier file or row",
    "unparseable_date": "a date that cannot be read as a calendar date (1678-2261)",
    "over_size_limit": "file (or table cell) larger than max_bytes",
    "malformed_front_matter": "YAML front matter that does not parse to a mapping of fields",
    "unsupported_type": "a file type the loader does not read",
    "malformed_table": "a .csv/.jsonl/.parquet file or row that cannot be parsed",
    "malformed_config": "a metadata.csv, _corpus.yaml or outlets.yaml that cannot be used",
}


class CorpusError(ValueError):
    """A corpus input problem; the message names file, line and field."""


class Problem(Exception):
    """One input (file or table row) that cannot be loaded.

    Parameters
    ----------
    reason : str
        One of :data:`REASONS`.
    detail : str
        What is wrong, without the location (the loader adds file, line and field).
    line : int, optional
        1-based line (or table row line) in ``source_path``.
    field : str, optional
        Offending field or column.
    """

    def __init__(
        self, reason: str, detail: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown rejection reason {reason!r}")
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.line = line
        self.field = field

    def message(self, source_path: str) -> str:
        """Return the human-readable message naming file, line and field."""
        where = source_path
        if self.line is not None:
            where += f", line {self.line}"
        if self.field is not None:
            where += f", field {self.field!r}"
        return f"{where}: {self.reason}: {self.detail}"
