"""``framelens report``: run the notebook suite headlessly and publish a report folder.

The notebooks in ``notebooks/`` run one after another, in sorted order, from this one
process: papermill injects the parameters, nbclient executes the cells with a per-cell
timeout in one Jupyter kernel that is reset (``%reset -f``) between notebooks, so imports
are paid once while no notebook sees another's variables. Everything is
written into a temporary sibling folder of ``out``; only when every notebook succeeded is
that folder swapped into place, so a failing notebook leaves the previous report intact and
raises :class:`ReportError` naming the notebook, the cell number and the error.

Output layout::

    out/index.html               corpus card, findings, gallery, links
    out/notebooks/NN-name.html   executed notebooks (and the executed .ipynb)
    out/figures/*.png|svg|csv|txt
    out/tables/*.csv
    out/articles/*.html          article inspector pages (+ articles/index.html)
    out/manifest.json            which notebook wrote which file

Determinism: the kernels run with ``PYTHONHASHSEED=0``, notebooks write into ``.`` (the
temporary folder is their working directory, so its path never reaches an output), and the
papermill timing metadata is stripped from the executed notebooks.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from tqdm.auto import tqdm

from framelens.report.index import write_index

#: Marker file proving a folder is a framelens report (so it may be replaced).
MARKER = ".framelens-report"
#: Output sub-folders the notebooks write into.
OUTPUT_DIRS = ("figures", "tables", "articles")
#: Default per-cell timeout in seconds.
DEFAULT_TIMEOUT = 600

# nbconvert: the lab template without its CDN scripts (require.js, MathJax, mermaid,
# widgets), and a Content-Security-Policy that forbids scripts and network requests.
_NB_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_NB_TEMPLATE = (
    "{%- extends 'lab/index.html.j2' -%}\n"
    "{%- block html_head_js -%}"
    f'<meta http-equiv="Content-Security-Policy" content="{_NB_CSP}">'
    "{%- endblock html_head_js -%}\n"
    "{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}\n"
    "{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}\n"
    "{% block jupyter_widgets %}{% endblock jupyter_widgets %}\n"
)


class ReportError(RuntimeError):
    """A notebook failed: names the notebook, the 1-based cell number and the error."""

    def __init__(self, notebook: str, cell: int | None, error: str) -> None:
        where = f"cell {cell}" if cell is not None else "before any cell ran"
        super().__init__(
            f"notebook {notebook} failed at {where}: {error}\n"
            "The previous report (if any) was left unchanged."
        )
        self.notebook = notebook
        self.cell = cell
        self.error = error


@dataclass
class ReportResult:
    """What :func:`run_report` produced."""

    out: Path
    notebooks: list[str]
    files: dict[str, list[str]] = field(default_factory=dict)
    #: Wall seconds per executed cell, ``(notebook, cell number, seconds)`` (not saved).
    timings: list[tuple[str, int, float]] = field(default_factory=list)


def default_notebooks_dir() -> Path:
    """``$FRAMELENS_NOTEBOOKS``, else ``./notebooks``, else the repository's ``notebooks/``."""
    env = os.environ.get("FRAMELENS_NOTEBOOKS")
    if env:
        return Path(env)
    here = Path.cwd() / "notebooks"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[3] / "notebooks"


def list_notebooks(notebooks_dir: Path, only: str | None = None) -> list[Path]:
    """The suite's notebooks (``NN-name.ipynb``) in sorted order, optionally one of them.

    ``only`` matches a file name (``02-loaded-language.ipynb``), a stem
    (``02-loaded-language``) or the number prefix (``02``).
    """
    books = sorted(p for p in notebooks_dir.glob("[0-9][0-9]-*.ipynb") if p.is_file())
    if not books:
        raise FileNotFoundError(f"no notebooks (NN-name.ipynb) in {notebooks_dir}")
    if only is None:
        return books
    key = only.strip()
    picked = [p for p in books if key in (p.name, p.stem) or p.stem.split("-", 1)[0] == key]
    if not picked:
        names = ", ".join(p.stem for p in books)
        raise ValueError(f"--only {only!r} matches no notebook; choose one of: {names}")
    return picked


#: Files kept from the previous folder (``reports/.gitkeep`` is tracked by git).
KEEP_FILES = (".gitkeep",)


#: Entries a report folder may hold; a folder holding only these may be replaced even without
#: the marker (e.g. ``reports/`` after running a notebook interactively in JupyterLab).
REPORT_ENTRIES = frozenset(
    {*OUTPUT_DIRS, "notebooks", "index.html", "manifest.json", MARKER, *KEEP_FILES}
)


def _is_replaceable(out: Path) -> bool:
    if not out.exists() or (out / MARKER).is_file():
        return True
    return all(
        p.name in REPORT_ENTRIES or (p.name.startswith("screenshot-") and p.suffix == ".png")
        for p in out.iterdir()
    )


def _snapshot(root: Path) -> dict[str, int]:
    snap: dict[str, int] = {}
    for sub in OUTPUT_DIRS:
        base = root / sub
        if base.is_dir():
            for p in base.rglob("*"):
                if p.is_file():
                    snap[p.relative_to(root).as_posix()] = p.stat().st_mtime_ns
    return snap


@contextmanager
def _kernel_env() -> Iterator[None]:
    """Environment inherited by the kernels: fixed hash seed, no stray matplotlib backend."""
    saved = {k: os.environ.get(k) for k in ("PYTHONHASHSEED", "MPLBACKEND")}
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.pop("MPLBACKEND", None)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _source_cell_number(nb: Any, index: int) -> int:
    """1-based number, in the *source* notebook, of executed cell ``index`` (the injected
    parameters cell is not counted)."""
    injected = [
        i
        for i, c in enumerate(nb.cells[: index + 1])
        if "injected-parameters" in c.get("metadata", {}).get("tags", [])
    ]
    return index + 1 - len(injected)


def _error_text(exc: BaseException) -> str:
    ename = getattr(exc, "ename", None)
    evalue = getattr(exc, "evalue", None)
    if ename:
        return f"{ename}: {evalue}"
    return f"{type(exc).__name__}: {exc}".strip()


def _scrub(nb: Any, rel_input: str) -> None:
    """Drop timing and machine paths from papermill's metadata (in place)."""
    pm = nb.metadata.get("papermill", {})
    nb.metadata["framelens"] = {"notebook": rel_input}
    nb.metadata["papermill"] = {"parameters": pm.get("parameters", {})}
    for cell in nb.cells:
        meta = cell.get("metadata", {})
        meta.pop("papermill", None)
        meta.pop("execution", None)


def _export_html(nb: Any, path: Path) -> None:
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"framelens_lab.html.j2": _NB_TEMPLATE})],
        template_file="framelens_lab.html.j2",
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    path.write_bytes(body.encode("utf-8"))


def _prepare(book: Path, parameters: dict[str, Any], kernel_name: str) -> Any:
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = load_notebook_node(str(book))  # also gives every cell a ``tags`` list
    return parameterize_notebook(nb, parameters, kernel_name=kernel_name, language="python")


def _execute_all(
    books: Sequence[Path],
    work: Path,
    parameters: dict[str, Any],
    *,
    timeout: int,
    kernel_name: str,
    on_done: Any,
    progress: bool | None,
    timings: list[tuple[str, int, float]],
) -> None:
    """Run every notebook in one kernel, cell by cell; ``%reset -f`` between notebooks.

    One kernel keeps the heavy imports (pandas, matplotlib, the framelens modules) warm
    across notebooks; the reset empties the user namespace so no notebook sees another's
    variables. Raises :class:`ReportError` at the first failing cell.
    """
    from nbclient import NotebookClient

    prepared = [(book, _prepare(book, parameters, kernel_name)) for book in books]
    client = NotebookClient(
        prepared[0][1],
        timeout=timeout,
        kernel_name=kernel_name,
        resources={"metadata": {"path": str(work)}},
        allow_errors=False,
    )
    total = sum(1 for _, nb in prepared for c in nb.cells if c.cell_type == "code")
    bar = tqdm(total=total, desc="report", unit="cell", disable=progress is False)
    try:
        with client.setup_kernel():
            for book, nb in prepared:
                bar.set_postfix_str(book.stem)
                client.nb = nb
                before = _snapshot(work)
                count = 0
                for index, cell in enumerate(nb.cells):
                    if cell.cell_type != "code":
                        continue
                    t0 = time.perf_counter()
                    try:
                        client.execute_cell(cell, index)
                    except Exception as exc:
                        raise ReportError(
                            book.name, _source_cell_number(nb, index), _error_text(exc)
                        ) from exc
                    timings.append(
                        (book.stem, _source_cell_number(nb, index), time.perf_counter() - t0)
                    )
                    count += 1
                    cell.execution_count = count
                    for output in cell.get("outputs", []):
                        if "execution_count" in output:
                            output["execution_count"] = count
                    bar.update(1)
                _publish(nb, book, work)
                on_done(book, before, _snapshot(work))
                # empty the kernel's namespace in a scratch notebook (nbclient writes the
                # executed cell back into ``client.nb``)
                reset = nbformat.v4.new_code_cell(
                    "%reset -f\nimport matplotlib.pyplot as _plt\n_plt.close('all')"
                )
                client.nb = nbformat.v4.new_notebook(cells=[reset])
                client.execute_cell(reset, 0)
    finally:
        bar.close()


def _publish(nb: Any, book: Path, work: Path) -> None:
    _scrub(nb, f"notebooks/{book.name}")
    out_dir = work / "notebooks"
    out_dir.mkdir(exist_ok=True)
    nbformat.write(nb, out_dir / book.name)
    _export_html(nb, out_dir / f"{book.stem}.html")


def run_report(
    corpus: str | os.PathLike[str],
    out: str | os.PathLike[str],
    only: str | None = None,
    *,
    timeout: int = DEFAULT_TIMEOUT,
    notebooks_dir: str | os.PathLike[str] | None = None,
    kernel_name: str = "python3",
    progress: bool | None = None,
) -> ReportResult:
    """Run the notebook suite on ``corpus`` and publish the report in ``out``.

    Parameters
    ----------
    corpus : path
        A corpus folder or file (anything ``framelens.corpus.load_corpus`` reads).
    out : path
        Report folder. An existing folder is replaced only if it is empty or a previous
        framelens report (it holds the ``.framelens-report`` marker).
    only : str, optional
        Run one notebook (``"02"``, ``"02-loaded-language"`` or the file name); the other
        notebooks' files are kept from the previous report and the index is rebuilt.
    timeout : int, default 600
        Seconds allowed per cell.
    notebooks_dir : path, optional
        Where the notebooks are; default :func:`default_notebooks_dir`.
    kernel_name : str, default "python3"
        Jupyter kernel (``make`` registers ``python3`` inside the virtual environment).
    progress : bool, optional
        Show a tqdm bar over notebooks; default: when stderr is a terminal.

    Returns
    -------
    ReportResult

    Raises
    ------
    ReportError
        A notebook failed; the message names notebook, cell and error. ``out`` is untouched.
    FileNotFoundError, ValueError
        Missing corpus or notebooks, unknown ``only``, or an ``out`` that is not a report.
    """
    corpus_path = Path(corpus).resolve()
    if not corpus_path.exists():
        raise FileNotFoundError(f"corpus not found: {corpus}")
    books = list_notebooks(Path(notebooks_dir or default_notebooks_dir()), only)
    target = Path(out).resolve()
    if not _is_replaceable(target):
        raise ValueError(
            f"{target} exists and is not a framelens report (no {MARKER} file); "
            "choose an empty or new --out folder"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        manifest: dict[str, list[str]] = {}
        timings: list[tuple[str, int, float]] = []
        if only is not None and (target / MARKER).is_file():
            shutil.copytree(target, work, dirs_exist_ok=True)
            manifest_path = work / "manifest.json"
            if manifest_path.is_file():
                manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            for book in books:
                for rel in manifest.pop(book.stem, []):
                    (work / rel).unlink(missing_ok=True)
        for sub in OUTPUT_DIRS:
            (work / sub).mkdir(exist_ok=True)
        parameters = {"corpus": str(corpus_path), "out_dir": "."}

        def on_done(book: Path, before: dict[str, int], after: dict[str, int]) -> None:
            manifest[book.stem] = sorted(
                rel for rel, mtime in after.items() if before.get(rel) != mtime
            )

        with _kernel_env():
            _execute_all(
                books,
                work,
                parameters,
                timeout=timeout,
                kernel_name=kernel_name,
                on_done=on_done,
                progress=progress,
                timings=timings,
            )
        manifest = {k: manifest[k] for k in sorted(manifest)}
        (work / "manifest.json").write_text(
            json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        write_index(work, manifest, corpus_label=corpus_path.name)
        (work / MARKER).write_text("framelens report folder; replaced by `framelens report`\n")
        for name in KEEP_FILES:
            if (target / name).is_file() and not (work / name).exists():
                shutil.copy2(target / name, work / name)
        _swap(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return ReportResult(
        out=target, notebooks=[b.stem for b in books], files=manifest, timings=timings
    )


def _swap(work: Path, target: Path) -> None:
    """Move ``work`` into place as ``target``; the old report is removed only afterwards."""
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
        try:
            work.rename(target)
        except OSError:
            old.rename(target)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        work.rename(target)


def notebook_stems(notebooks_dir: str | os.PathLike[str] | None = None) -> Sequence[str]:
    """Stems of the suite's notebooks, in run order."""
    return [p.stem for p in list_notebooks(Path(notebooks_dir or default_notebooks_dir()))]
