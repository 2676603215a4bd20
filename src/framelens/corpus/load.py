"""``load_corpus``: files -> :class:`~framelens.corpus.model.Corpus`, with nothing lost.

Every input file under the load root ends in exactly one of three places:

* **loaded** - one article (``.md``/``.txt``/``.html``) or one article per good row
  (``.csv``/``.jsonl``/``.parquet``);
* **rejected** - a row of ``Corpus.rejections`` with a reason code from
  :data:`~framelens.corpus.errors.REASONS` and a message naming file, line and field;
* **skipped** - listed in ``Corpus.attrs["skipped"]`` with why: config files
  (``metadata.csv``, ``_corpus.yaml``, ``outlets.yaml``, ``actors.yaml``/``.csv``), names
  starting with ``_`` or ``.``,
  ``README*``/``LICENSE*``, and paths matched by an ``exclude`` glob of a ``_corpus.yaml``.

``Corpus.attrs["reconciliation"]`` holds the counts: ``files == loaded_files +
rejected_files + skipped_files``.
"""

from __future__ import annotations

import csv
import fnmatch
import io
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

import pandas as pd
import yaml
from tqdm.auto import tqdm

from framelens.corpus.clean import RuleBook, RulesArg, clean_native, clean_page, load_rules
from framelens.corpus.dates import parse_date
from framelens.corpus.decode import decode_bytes
from framelens.corpus.dedupe import exact_duplicates, find_duplicates
from framelens.corpus.errors import CorpusError, Problem
from framelens.corpus.frontmatter import split_front_matter
from framelens.corpus.model import CLEANING_SCHEMA, SCHEMA, Corpus, content_hash
from framelens.corpus.outlets import OutletRegistry, OutletsArg, read_outlets
from framelens.datafiles import yaml_error_line

#: Bump when loading behaviour changes (recorded in ``Corpus.attrs``).
LOADER_VERSION = "1"

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
CONFIG_NAMES = (
    "metadata.csv",
    "_corpus.yaml",
    "outlets.yaml",
    "actors.yaml",
    "actors.yml",
    "actors.csv",
)
#: Metadata fields an input may set (the rest of SCHEMA is computed by the loader).
META_FIELDS = ("doc_id", "outlet", "title", "date", "url", "author", "language", "section")
#: Names an input may not use for its own metadata: computed by the loader.
RESERVED = ("text", "source_path", "content_hash", "duplicate_of", "encoding")
#: Registry columns every loaded corpus has (missing for outlets not in the registry).
REGISTRY_COLUMNS = ("outlet_country", "outlet_ownership", "outlet_language")
#: Keys of ``_corpus.yaml`` that configure loading rather than set article metadata.
FOLDER_KEYS = ("rules", "exclude")

Progress = bool | None
_BaseLoader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


@dataclass
class _Folder:
    """Configuration in effect for one directory (inherited by its subdirectories)."""

    rel: str  # posix path of the directory relative to the root ("" for the root)
    defaults: dict[str, Any] = field(default_factory=dict)
    rules: tuple[str, ...] = ()
    excludes: tuple[tuple[str, str], ...] = ()  # (folder rel, glob)
    sidecar: dict[str, tuple[dict[str, Any], int, str]] = field(default_factory=dict)

    def child(self, rel: str) -> _Folder:
        return _Folder(rel, dict(self.defaults), self.rules, self.excludes, dict(self.sidecar))


@dataclass
class _Record:
    """One article before ids are final."""

    declared_id: str | None
    default_id: str
    row: dict[str, Any]
    log: list[tuple[int | None, str, str, str, str]]


@dataclass
class _State:
    root: Path
    book: RuleBook
    registry: OutletRegistry
    strict: bool
    max_bytes: int
    table_opts: dict[str, str | None]
    records: list[_Record] = field(default_factory=list)
    rejections: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    declared: set[str] = field(default_factory=set)
    status: dict[str, str] = field(default_factory=dict)  # rel path -> loaded|rejected|skipped
    outlet_columns: dict[str, dict[str, Any]] = field(default_factory=dict)  # registry cache
    sidecar_rows: dict[str, str] = field(default_factory=dict)  # file rel path -> "csv, line n"

    def reject(self, rel: str, problem: Problem, *, file_status: bool = True) -> None:
        msg = problem.message(rel)
        if self.strict:
            raise CorpusError(msg)
        self.rejections.append(
            {
                "source_path": rel,
                "line": problem.line,
                "field": problem.field,
                "reason": problem.reason,
                "message": msg,
            }
        )
        if file_status:
            self.status.setdefault(rel, "rejected")

    def skip(self, rel: str, reason: str) -> None:
        self.skipped.append({"source_path": rel, "reason": reason})
        self.status[rel] = "skipped"


def _skip_reason(name: str) -> str | None:
    if name in CONFIG_NAMES:
        return "config"
    if name.startswith((".", "_")):
        return "hidden"
    upper = name.upper()
    if upper.startswith("README"):
        return "readme"
    if upper.startswith(("LICENSE", "LICENCE")):
        return "license"
    return None


def _excluded(rel: str, excludes: tuple[tuple[str, str], ...]) -> bool:
    for base, glob in excludes:
        sub = rel[len(base) + 1 :] if base else rel
        if base and not rel.startswith(base + "/"):
            continue
        g = glob.rstrip("/")
        if fnmatch.fnmatchcase(sub, g) or fnmatch.fnmatchcase(sub, g + "/*"):
            return True
        if "/" not in g and fnmatch.fnmatchcase(PurePosixPath(sub).name, g):
            return True
    return False


def _read_folder_config(state: _State, folder: _Folder, directory: Path) -> None:
    """Apply ``_corpus.yaml`` and ``metadata.csv`` of ``directory`` to ``folder``."""
    cfg = directory / "_corpus.yaml"
    rel_cfg = f"{folder.rel}/_corpus.yaml" if folder.rel else "_corpus.yaml"
    if cfg.is_file():
        try:
            # strings only, as in front matter ("language: no" stays "no")
            data = yaml.load(cfg.read_text("utf-8-sig"), Loader=_BaseLoader)
            if data is None:
                data = {}
            if not isinstance(data, dict):
                raise Problem("malformed_config", "_corpus.yaml must be a mapping", line=1)
            rules = data.get("rules") or []
            rules = [rules] if isinstance(rules, str) else [str(r) for r in rules]
            unknown = [r for r in rules if r not in state.book.sets]
            if unknown:
                raise Problem(
                    "malformed_config",
                    f"unknown rule set(s) {unknown}; known: {sorted(state.book.sets)}",
                    field="rules",
                )
            excludes = data.get("exclude") or []
            excludes = [excludes] if isinstance(excludes, str) else [str(e) for e in excludes]
            bad = [k for k in data if k in RESERVED or k == "doc_id"]
            if bad:
                raise Problem("malformed_config", "reserved key in folder defaults", field=bad[0])
            folder.defaults.update(
                {str(k): v for k, v in data.items() if k not in FOLDER_KEYS and v is not None}
            )
            folder.rules = tuple(dict.fromkeys(folder.rules + tuple(rules)))
            folder.excludes = folder.excludes + tuple((folder.rel, e) for e in excludes)
        except yaml.YAMLError as exc:
            state.reject(
                rel_cfg,
                Problem(
                    "malformed_config",
                    f"YAML error: {getattr(exc, 'problem', exc)}",
                    line=yaml_error_line(exc),
                ),
            )
        except Problem as p:
            state.reject(rel_cfg, p)
    side = directory / "metadata.csv"
    rel_side = f"{folder.rel}/metadata.csv" if folder.rel else "metadata.csv"
    if side.is_file():
        try:
            text = decode_bytes(side.read_bytes()).text
            reader = csv.DictReader(io.StringIO(text, newline=""))
            if not reader.fieldnames or "file" not in reader.fieldnames:
                raise Problem("malformed_config", "sidecar needs a 'file' column", line=1)
            bad = [c for c in reader.fieldnames if c in RESERVED]
            if bad:
                raise Problem("malformed_config", "reserved column in sidecar", field=bad[0])
            line = 2
            for row in reader:
                name = (row.pop("file") or "").strip()
                if name:
                    key = str(PurePosixPath(f"{folder.rel}/{name}" if folder.rel else name))
                    clean = {k: v for k, v in row.items() if k is not None and v not in ("", None)}
                    folder.sidecar[key] = (clean, line, rel_side)
                    state.sidecar_rows[key] = f"{rel_side}, line {line}"
                line = reader.line_num + 1
        except Problem as problem:
            state.reject(rel_side, problem)
        except csv.Error as exc:
            state.reject(rel_side, Problem("malformed_config", f"CSV error: {exc}"))


def _walk(state: _State, path: Path) -> Iterator[tuple[Path, str, _Folder]]:
    """Yield (file, rel path, folder config) for every candidate input, in sorted order."""
    if path.is_file():
        folder = _Folder("")
        _read_folder_config(state, folder, path.parent)
        yield path, path.name, folder
        return
    folders: dict[str, _Folder] = {}
    for dirpath, dirnames, filenames in os.walk(path):
        d = Path(dirpath)
        rel_dir = d.relative_to(path).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir
        parent = folders.get(str(PurePosixPath(rel_dir).parent) if "/" in rel_dir else "")
        folder = parent.child(rel_dir) if parent is not None and rel_dir else _Folder(rel_dir)
        _read_folder_config(state, folder, d)
        folders[rel_dir] = folder
        keep = []
        for name in sorted(dirnames):
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if name.startswith((".", "_")):
                state.skipped.append({"source_path": rel + "/", "reason": "hidden_folder"})
            elif _excluded(rel, folder.excludes):
                state.skipped.append({"source_path": rel + "/", "reason": "excluded_folder"})
            else:
                keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            rel = f"{rel_dir}/{name}" if rel_dir else name
            yield d / name, rel, folder


def _metadata(
    fm: Mapping[str, Any], rel: str, line_of: Callable[[str], int | None]
) -> dict[str, Any]:
    """Check front-matter/table fields: reserved names, scalar schema fields."""
    out: dict[str, Any] = {}
    for k, v in fm.items():
        key = str(k)
        if key in RESERVED:
            raise Problem(
                "malformed_front_matter",
                f"{key!r} is computed by the loader and cannot be set",
                line=line_of(key),
                field=key,
            )
        if key in META_FIELDS and isinstance(v, list | dict):
            if key == "author" and isinstance(v, list):
                v = "; ".join(str(x) for x in v)
            else:
                raise Problem(
                    "malformed_front_matter",
                    f"expected one value, got a {type(v).__name__}",
                    line=line_of(key),
                    field=key,
                )
        out[key] = v
    return out


def _is_missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and pd.isna(v):
        return True
    return isinstance(v, str) and not v.strip()


def _finish(
    state: _State,
    rel: str,
    meta: dict[str, Any],
    text: str,
    *,
    encoding: str,
    default_id: str,
    log: list[tuple[int | None, str, str, str, str]],
    line_of: Callable[[str], int | None],
    outlet: str | None = None,
) -> _Record:
    """Validate one article's metadata and text and build its record (raises Problem)."""
    if outlet is None:
        outlet = state.registry.resolve(_str(meta.get("outlet")), _str(meta.get("url")))
    if outlet is None:
        raise Problem(
            "missing_outlet",
            "no outlet (front matter, sidecar, _corpus.yaml, page or registry domain)",
            line=line_of("outlet"),
            field="outlet",
        )
    try:
        date = parse_date(None if _is_missing(meta.get("date")) else meta.get("date"))
    except ValueError as exc:
        raise Problem("unparseable_date", str(exc), line=line_of("date"), field="date") from None
    if not text or text.isspace():
        raise Problem("empty_body", "no article text", line=line_of("text"), field="text")
    declared = _str(meta.get("doc_id"))
    if declared is not None:
        if declared in state.declared:
            raise Problem(
                "duplicate_doc_id",
                f"doc_id {declared!r} is already used by an earlier input",
                line=line_of("doc_id"),
                field="doc_id",
            )
        state.declared.add(declared)
    reg = state.outlet_columns.get(outlet)
    if reg is None:
        reg = state.outlet_columns[outlet] = state.registry.columns(outlet)
    row: dict[str, Any] = {}
    for k, v in meta.items():
        if k in ("doc_id", "outlet", "date") or _is_missing(v):
            continue
        row[k] = v if k not in META_FIELDS else str(v).strip()
    row["outlet"] = outlet
    row["date"] = date
    row["text"] = text
    row["source_path"] = rel
    row["content_hash"] = content_hash(text)
    row["encoding"] = encoding
    if "language" not in row and reg.get("outlet_language"):
        row["language"] = reg["outlet_language"]
    row.update(reg)
    return _Record(declared, default_id, row, log)


def _str(v: Any) -> str | None:
    return None if _is_missing(v) else str(v).strip()


def _sidecar_for(rel: str, folder: _Folder) -> tuple[dict[str, Any], int | None, str | None]:
    hit = folder.sidecar.get(rel)
    if hit is None:
        return {}, None, None
    return hit


def _at(line: int | None) -> Callable[[str], int | None]:
    """A ``line_of`` for inputs where every field is on one line (a table row)."""
    return lambda _key: line


def _blame_sidecar(
    problem: Problem, side: Mapping[str, Any], where: str | None, own: Mapping[str, Any]
) -> Problem:
    """Point a problem with a value that came from the sidecar at the sidecar row."""
    if where is not None and problem.field in side and problem.field not in own:
        problem.detail += f" (value from {where})"
        problem.line = None
    return problem


def _load_text_file(state: _State, path: Path, rel: str, folder: _Folder, data: bytes) -> None:
    decoded = decode_bytes(data)
    fm = split_front_matter(decoded.text)
    side, side_line, side_file = _sidecar_for(rel, folder)
    where = None if side_file is None else f"{side_file}, line {side_line}"
    base = dict(folder.defaults)
    if fm is not None:
        fields = _metadata(fm.fields, rel, fm.line_of)
        meta = {**base, **side, **fields}
        text, log = clean_native(fm.body, fm.body_line)

        def line_of(key: str) -> int | None:
            return fm.body_line if key == "text" else fm.line_of(key)

        try:
            record = _finish(
                state,
                rel,
                meta,
                text,
                encoding=decoded.encoding,
                default_id=_stem(rel),
                log=log,
                line_of=line_of,
            )
        except Problem as p:
            raise _blame_sidecar(p, side, where, fields) from None
        state.records.append(record)
        return
    # a pasted page: metadata from sidecar > page > folder defaults
    known = {**side}
    outlet = state.registry.resolve(
        _str(known.get("outlet", base.get("outlet"))), _str(known.get("url", base.get("url")))
    )
    page = clean_page(decoded.text, state.book.for_page(outlet, folder.rules), known=known)
    meta = {**base, **page.fields, **side}
    try:
        record = _finish(
            state,
            rel,
            meta,
            page.text,
            encoding=decoded.encoding,
            default_id=_stem(rel),
            log=page.log,
            line_of=page.field_lines.get,
            outlet=outlet,
        )
    except Problem as p:
        raise _blame_sidecar(p, side, where, {}) from None
    state.records.append(record)


def _load_html(state: _State, path: Path, rel: str, folder: _Folder, data: bytes) -> None:
    from framelens.corpus.html import read_html

    decoded = decode_bytes(data)
    page = read_html(decoded.text)
    side, side_line, side_file = _sidecar_for(rel, folder)
    where = None if side_file is None else f"{side_file}, line {side_line}"
    meta = {**folder.defaults, **page.fields, **side}
    outlet = state.registry.resolve(_str(side.get("outlet")), None)
    if outlet is None:
        outlet = state.registry.resolve(_str(page.fields.get("outlet")), _str(meta.get("url")))
    if outlet is None:
        outlet = state.registry.resolve(_str(folder.defaults.get("outlet")), None)
    try:
        record = _finish(
            state,
            rel,
            meta,
            page.text,
            encoding=decoded.encoding,
            default_id=_stem(rel),
            log=page.log,
            line_of=_at(None),
            outlet=outlet,
        )
    except Problem as p:
        raise _blame_sidecar(p, side, where, {}) from None
    state.records.append(record)


def _load_table(state: _State, path: Path, rel: str, folder: _Folder, data: bytes) -> None:
    from framelens.corpus.tables import read_table_rows

    stem = _stem(rel)
    opts = state.table_opts
    n_loaded = n_problems = 0
    rows = read_table_rows(
        path.suffix.lower(),
        data,
        max_bytes=state.max_bytes,
        text_col=str(opts["text_col"]),
        outlet_col=str(opts["outlet_col"]),
        title_col=str(opts["title_col"]),
        date_col=str(opts["date_col"]),
        id_col=opts["id_col"],
    )
    for item in rows:
        if isinstance(item, Problem):
            n_problems += 1
            state.reject(rel, item, file_status=False)
            continue
        line, fields, text, encoding = item
        meta = {**folder.defaults, **fields}
        try:
            meta = _metadata(meta, rel, _at(line))
            text_clean, log = clean_native(text, line)
            for i, r in enumerate(log):
                log[i] = (line, *r[1:])
            rec = _finish(
                state,
                rel,
                meta,
                text_clean,
                encoding=encoding,
                default_id=f"{stem}-{line}",
                log=log,
                line_of=_at(line),
            )
        except Problem as p:
            if p.field is not None and p.reason != "malformed_front_matter":
                p.field = {
                    "outlet": opts["outlet_col"],
                    "title": opts["title_col"],
                    "date": opts["date_col"],
                    "text": opts["text_col"],
                    "doc_id": opts["id_col"],
                }.get(p.field, p.field)
            if p.reason == "malformed_front_matter":
                p = Problem("malformed_table", p.detail, line=p.line, field=p.field)
            n_problems += 1
            state.reject(rel, p, file_status=False)
            continue
        state.records.append(rec)
        n_loaded += 1
    if n_loaded == 0 and n_problems == 0:
        raise Problem("empty_body", "the table has no rows")
    state.status[rel] = "loaded" if n_loaded else "rejected"


def _stem(rel: str) -> str:
    """File name without its last suffix (``a/b.x.md`` -> ``b.x``), as ``Path.stem``."""
    name = rel.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[:dot] if dot > 0 else name


def _without_suffix(rel: str) -> str:
    """Relative path without the file's last suffix (``a/b.md`` -> ``a/b``)."""
    return rel[: len(rel) - len(rel.rsplit("/", 1)[-1])] + _stem(rel)


def _assign_ids(records: list[_Record]) -> list[str]:
    """Final doc ids: declared ids as given; default ids the file stem, else a longer form."""
    taken = {r.declared_id for r in records if r.declared_id is not None}
    counts: dict[str, int] = {}
    for r in records:
        if r.declared_id is None:
            counts[r.default_id] = counts.get(r.default_id, 0) + 1
    ids: list[str] = []
    for r in records:
        if r.declared_id is not None:
            ids.append(r.declared_id)
            continue
        src = str(r.row["source_path"])
        candidates = [r.default_id] if counts[r.default_id] == 1 else []
        candidates += [_without_suffix(src), src]
        if r.default_id != _stem(src):  # a table row: keep the row suffix
            candidates = [r.default_id, f"{_without_suffix(src)}-{r.default_id}"]
        chosen = next((c for c in candidates if c not in taken), None)
        n = 2
        while chosen is None:
            chosen = f"{candidates[-1]}#{n}" if f"{candidates[-1]}#{n}" not in taken else None
            n += 1
        taken.add(chosen)
        ids.append(chosen)
    return ids


def load_corpus(
    path: str | os.PathLike[str],
    *,
    strict: bool = False,
    outlets: OutletsArg = None,
    text_col: str = "text",
    outlet_col: str = "outlet",
    title_col: str = "title",
    date_col: str = "date",
    id_col: str | None = None,
    rules: RulesArg = None,
    max_bytes: int = 5_000_000,
    duplicates: Literal["near", "exact"] = "near",
    progress: Progress = None,
) -> Corpus:
    """Load a folder (recursively, formats mixed) or a single file into a :class:`Corpus`.

    Parameters
    ----------
    path : str or path-like
        A folder or one file. Config (``metadata.csv``, ``_corpus.yaml``) is read from each
        folder; ``outlets.yaml`` from the load root (the file's folder for a single file).
    strict : bool, default False
        Raise :class:`~framelens.corpus.errors.CorpusError` on the first rejection instead
        of listing it in ``Corpus.rejections``.
    outlets : path or list of mappings, optional
        Outlet registry added to the packaged one; default: ``outlets.yaml`` in the root.
    text_col, outlet_col, title_col, date_col : str
        Column names in ``.csv``/``.jsonl``/``.parquet`` tables; defaults ``"text"``,
        ``"outlet"``, ``"title"``, ``"date"``.
    id_col : str, optional
        Table column with document ids; default None (ids are ``<file stem>-<line>``).
    rules : path, mapping or list, optional
        Cleaning rule files extending the packaged rules (see ``clean.load_rules``).
    max_bytes : int, default 5_000_000
        Article files (and table text cells) larger than this are rejected.
    duplicates : {"near", "exact"}, default "near"
        What ``duplicate_of`` flags: exact copies and near-duplicates (word 5-shingle
        Jaccard >= 0.8, see :mod:`framelens.corpus.dedupe`), or exact copies only (faster:
        see ``benchmarks/bench_load.py``).
    progress : bool, optional
        Show a tqdm bar; default None shows it for 1,000 files or more.

    Returns
    -------
    Corpus
        Articles with :data:`~framelens.corpus.model.SCHEMA` columns first, then extra
        metadata, ``encoding`` and ``outlet_*`` registry columns; ``rejections``,
        ``cleaning_log`` and provenance in ``attrs``.

    Raises
    ------
    FileNotFoundError
        When ``path`` does not exist.
    CorpusError
        With ``strict=True``, on the first problem (message names file, line and field).

    Examples
    --------
    >>> corpus = load_corpus("corpus/seed")  # doctest: +SKIP
    >>> corpus["000_860ff9ea951405e1"].title  # doctest: +SKIP
    "Russia Condemns Foreign Interference in Belarus' Internal Affairs"
    """
    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(f"no such file or folder: {root}")
    base = root if root.is_dir() else root.parent
    reg_path = base / "outlets.yaml"
    if outlets is None and reg_path.is_file():
        outlets = reg_path
    try:
        registry = read_outlets(outlets)
        book = load_rules(rules)
    except ValueError as exc:
        raise CorpusError(str(exc)) from exc
    state = _State(
        root=root,
        book=book,
        registry=registry,
        strict=strict,
        max_bytes=max_bytes,
        table_opts={
            "text_col": text_col,
            "outlet_col": outlet_col,
            "title_col": title_col,
            "date_col": date_col,
            "id_col": id_col,
        },
    )
    files = list(_walk(state, root))
    show = progress if progress is not None else len(files) >= 1000
    for file, rel, folder in tqdm(files, disable=not show, desc="load_corpus", unit="file"):
        name = file.name
        reason = _skip_reason(name)
        if reason is None and _excluded(rel, folder.excludes):
            reason = "excluded"
        if reason is not None:
            if rel not in state.status:
                state.skip(rel, reason)
            continue
        suffix = file.suffix.lower()
        n_before = len(state.records)
        try:
            if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES:
                raise Problem("unsupported_type", f"file type {suffix or '(none)'!r} is not read")
            try:
                size = file.stat().st_size
                if suffix not in TABLE_SUFFIXES and size > max_bytes:
                    raise Problem("over_size_limit", f"{size} bytes > max_bytes={max_bytes}")
                data = file.read_bytes()
            except OSError as exc:
                raise Problem("unreadable", exc.strerror or str(exc)) from None
            if suffix in TEXT_SUFFIXES:
                _load_text_file(state, file, rel, folder, data)
            elif suffix in HTML_SUFFIXES:
                _load_html(state, file, rel, folder, data)
            else:
                _load_table(state, file, rel, folder, data)
        except Problem as p:
            state.reject(rel, p)
            continue
        if len(state.records) > n_before:
            state.status.setdefault(rel, "loaded")
    if duplicates not in ("near", "exact"):
        raise ValueError(f"duplicates must be 'near' or 'exact', got {duplicates!r}")
    return _build(state, root, outlets, rules, max_bytes, strict, duplicates)


def _build(
    state: _State,
    root: Path,
    outlets: OutletsArg,
    rules: RulesArg,
    max_bytes: int,
    strict: bool,
    duplicates: str,
) -> Corpus:
    ids = _assign_ids(state.records)
    rows = []
    log_rows: list[tuple[Any, ...]] = []
    for doc_id, rec in zip(ids, state.records, strict=True):
        rec.row["doc_id"] = doc_id
        rows.append(rec.row)
        src = rec.row["source_path"]
        log_rows.extend((doc_id, src, *r) for r in rec.log)
    keys = dict.fromkeys(k for row in rows for k in row)  # columns in order of first use
    frame = pd.DataFrame(
        {k: [row.get(k) for row in rows] for k in keys} if rows else {c: [] for c in SCHEMA}
    )
    for col in REGISTRY_COLUMNS:  # always present, so outlets can be grouped by ownership
        if col not in frame.columns:
            frame[col] = pd.Series([None] * len(frame), dtype="str")
    if duplicates == "near":
        frame["duplicate_of"] = find_duplicates(frame) if len(frame) else []
    else:
        frame["duplicate_of"] = exact_duplicates(frame) if len(frame) else []
    log = pd.DataFrame(log_rows, columns=list(CLEANING_SCHEMA))
    statuses = list(state.status.values())
    reconciliation = {
        "files": len(statuses),
        "loaded_files": statuses.count("loaded"),
        "rejected_files": statuses.count("rejected"),
        "skipped_files": statuses.count("skipped"),
        "articles": len(rows),
        "rejections": len(state.rejections),
    }
    attrs = {
        "root": str(root),
        "loader_version": LOADER_VERSION,
        "options": {
            "strict": strict,
            "outlets": str(outlets) if isinstance(outlets, str | Path) else outlets,
            "rules": None if rules is None else str(rules),
            "max_bytes": max_bytes,
            "duplicates": duplicates,
            **state.table_opts,
        },
        "rule_sets": state.book.provenance(),
        "outlet_registry": list(state.registry.sources),
        "reconciliation": reconciliation,
        "skipped": sorted(state.skipped, key=lambda s: s["source_path"]),
        # sidecar rows naming no input file (not checked when loading a single file)
        "unmatched_sidecar_rows": []
        if root.is_file()
        else sorted(
            f"{where}: no file {rel!r}"
            for rel, where in state.sidecar_rows.items()
            if rel not in state.status
        ),
    }
    rejections = pd.DataFrame(
        state.rejections, columns=["source_path", "line", "field", "reason", "message"]
    )
    return Corpus(frame, rejections=rejections, cleaning_log=log, attrs=attrs)
