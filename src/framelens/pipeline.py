"""Run a per-document extractor over a corpus: one core, many cores, or a Dask cluster.

Extractors are pure functions ``Document -> DataFrame`` (one article in, rows out). This
module only maps them and concatenates the rows; it never aggregates. Results are
identical, row for row and in corpus order, whatever the backend.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Literal, TypeAlias

import pandas as pd
from tqdm.auto import tqdm

from framelens.corpus.model import Corpus, Document

Backend = Literal["serial", "processes", "dask"]
#: An extractor returns a DataFrame, or -- cheaper for many small documents -- a mapping of
#: column name to a list of values (all lists the same length).
Rows: TypeAlias = "pd.DataFrame | Mapping[str, list[Any]]"
Extractor = Callable[[Document], Rows]


def _concat(results: Iterable[Rows], empty: pd.DataFrame | None) -> pd.DataFrame:
    frames: list[pd.DataFrame] = []
    columns: dict[str, list[Any]] = {}
    for r in results:
        if isinstance(r, pd.DataFrame):
            if len(r):
                frames.append(r)
        elif r and len(next(iter(r.values()))):
            for k, v in r.items():
                columns.setdefault(k, []).extend(v)
    if columns:
        frames.append(pd.DataFrame(columns))
    if not frames:
        return empty.copy() if empty is not None else pd.DataFrame()
    out = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    if empty is not None:
        out = out.astype({c: t for c, t in empty.dtypes.items() if c in out.columns})
    return out.reset_index(drop=True)


def map_documents(
    extractor: Extractor,
    corpus: Corpus | Iterable[Document],
    *,
    backend: Backend = "serial",
    n_jobs: int = 2,
    progress: bool | None = None,
    desc: str = "documents",
    empty: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Apply ``extractor`` to every document and concatenate the rows in corpus order.

    Parameters
    ----------
    extractor : callable
        A pure, picklable (module-level) function returning a DataFrame or a mapping of
        column -> list of values for one document.
    backend : {"serial", "processes", "dask"}, default "serial"
        Where to run: this process, a local process pool, or ``dask.bag`` (which uses
        whatever Dask scheduler/cluster is active).
    n_jobs : int, default 2
        Workers for ``"processes"``.
    progress : bool or None, default None
        Show a tqdm bar; ``None`` shows it for more than 200 documents.
    empty : DataFrame, optional
        Returned (copied) when no document yields rows, so the schema survives.
    """
    docs = list(corpus)
    show = len(docs) > 200 if progress is None else progress
    if backend == "serial":
        it = tqdm(docs, desc=desc, disable=not show, unit="doc")
        return _concat((extractor(d) for d in it), empty)
    if backend == "processes":
        chunk = max(1, len(docs) // (n_jobs * 8) or 1)
        with ProcessPoolExecutor(max_workers=n_jobs) as ex:
            results = ex.map(extractor, docs, chunksize=chunk)
            return _concat(
                tqdm(results, total=len(docs), desc=desc, disable=not show, unit="doc"), empty
            )
    if backend == "dask":
        import dask.bag as db

        bag = db.from_sequence(docs, npartitions=max(1, min(len(docs), n_jobs * 4)))
        return _concat(bag.map(extractor).compute(), empty)
    raise ValueError(f"unknown backend {backend!r}; use 'serial', 'processes' or 'dask'")
