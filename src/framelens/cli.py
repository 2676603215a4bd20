"""The ``framelens`` command: thin wrappers over the library (typer)."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="framelens: measure how news outlets frame the same events.",
    no_args_is_help=True,
    add_completion=False,
)
corpus_app = typer.Typer(help="Validate and describe a corpus.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")

# --- corpus commands (issue #2) ---------------------------------------------------------
from typing import TYPE_CHECKING, Any  # noqa: E402

if TYPE_CHECKING:  # imports stay lazy so `framelens --help` is fast
    import pandas as pd

    from framelens.corpus import Corpus


def _load_for_cli(path: str, **options: Any) -> Corpus:
    from framelens.corpus import CorpusError, load_corpus

    try:
        return load_corpus(path, **options)
    except (FileNotFoundError, CorpusError) as exc:
        typer.echo(f"framelens corpus: {exc}", err=True)
        raise typer.Exit(code=2) from exc


def _table_text(df: pd.DataFrame) -> str:
    if df.empty:
        return "  (none)"
    return df.to_string(index=False, na_rep="")


@corpus_app.command("validate")
def corpus_validate_command(
    path: str = typer.Argument(..., help="A corpus folder or one file."),
    strict: bool = typer.Option(
        False, "--strict", help="Exit non-zero when any input is rejected."
    ),
    text_col: str = typer.Option("text", "--text-col", help="Text column of tables."),
    outlet_col: str = typer.Option("outlet", "--outlet-col", help="Outlet column of tables."),
    title_col: str = typer.Option("title", "--title-col", help="Title column of tables."),
    date_col: str = typer.Option("date", "--date-col", help="Date column of tables."),
    id_col: str | None = typer.Option(None, "--id-col", help="Document-id column of tables."),
    rules: str | None = typer.Option(None, "--rules", help="Extra cleaning-rule YAML file."),
    outlets: str | None = typer.Option(None, "--outlets", help="Outlet registry file."),
) -> None:
    """Print the reconciliation: every file loaded, rejected (with reason) or skipped."""
    from framelens.corpus.summary import reconciliation_table

    corpus = _load_for_cli(
        path,
        text_col=text_col,
        outlet_col=outlet_col,
        title_col=title_col,
        date_col=date_col,
        id_col=id_col,
        rules=rules,
        outlets=outlets,
    )
    rec = corpus.attrs["reconciliation"]
    typer.echo(
        f"{path}: {rec['files']} files: {rec['loaded_files']} loaded "
        f"({rec['articles']} articles), {rec['rejected_files']} rejected, "
        f"{rec['skipped_files']} skipped; {rec['rejections']} rejection(s)"
    )
    table = reconciliation_table(corpus)
    rejected = table[table["status"] == "rejected"]
    typer.echo("\nRejected (reason, file, line, field):")
    typer.echo(_table_text(rejected[["reason", "source_path", "line", "field", "message"]]))
    if len(rejected):
        counts = rejected["reason"].value_counts().sort_index()
        typer.echo("\nRejections by reason:")
        typer.echo("\n".join(f"  {k}: {v}" for k, v in counts.items()))
    skipped = table[table["status"] == "skipped"]
    typer.echo("\nSkipped:")
    typer.echo(_table_text(skipped[["source_path", "reason"]]))
    unmatched = corpus.attrs.get("unmatched_sidecar_rows", [])
    if unmatched:
        typer.echo("\nSidecar rows naming no file:")
        typer.echo("\n".join(f"  {u}" for u in unmatched))
    if strict and len(rejected):
        typer.echo(f"\nstrict: {len(rejected)} rejection(s)", err=True)
        raise typer.Exit(code=1)


@corpus_app.command("info")
def corpus_info_command(
    path: str = typer.Argument(..., help="A corpus folder or one file."),
) -> None:
    """Print articles by outlet / ownership / month / language, lengths and duplicate pairs."""
    from framelens.corpus.summary import articles_by, duplicate_pairs, length_table

    corpus = _load_for_cli(path)
    n_out = corpus.to_frame()["outlet"].nunique()
    typer.echo(f"{path}: {len(corpus)} articles, {n_out} outlets")
    for by in ("outlet", "ownership", "month", "language"):
        typer.echo(f"\nArticles by {by}:")
        typer.echo(_table_text(articles_by(corpus, by)))
    typer.echo("\nLength (words, characters):")
    typer.echo(_table_text(length_table(corpus)))
    typer.echo("\nDuplicate pairs:")
    typer.echo(_table_text(duplicate_pairs(corpus)))
    if len(corpus.rejections):
        typer.echo(
            f"\n{len(corpus.rejections)} input(s) rejected: run `framelens corpus validate {path}`"
        )


# --- quotes command (issue #5) ----------------------------------------------------------


@app.command("quotes")
def quotes_command(
    path: str = typer.Argument(..., help="An article file or a corpus folder."),
    fmt: str = typer.Option("jsonl", "--format", help="Output format: jsonl or csv."),
    out: str | None = typer.Option(None, "--out", help="Output file (default: stdout)."),
    actors: str | None = typer.Option(
        None, "--actors", help="Actor registry (YAML or CSV) consulted before inference."
    ),
    continuations: str = typer.Option(
        "merge",
        "--continuations",
        help="merge: one row per speech event; separate: one row per sentence of a quote "
        "continued after its tag.",
    ),
) -> None:
    """Write every attribution (quote, paraphrase, "according to") with its speaker."""
    import sys

    from framelens.attribution.actors import load_actors
    from framelens.attribution.tables import quote_table
    from framelens.corpus import load_corpus

    if fmt not in ("jsonl", "csv"):
        typer.echo(f"framelens quotes: --format must be jsonl or csv, got {fmt!r}", err=True)
        raise typer.Exit(code=2)
    if continuations not in ("merge", "separate"):
        typer.echo(
            f"framelens quotes: --continuations must be merge or separate, got {continuations!r}",
            err=True,
        )
        raise typer.Exit(code=2)
    try:
        corpus = load_corpus(path)
        registry = load_actors(actors) if actors else None
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"framelens quotes: {exc}", err=True)
        raise typer.Exit(code=1) from exc
    for msg in corpus.rejections["message"]:
        typer.echo(f"framelens quotes: skipped {msg}", err=True)
    table = quote_table(
        corpus,
        actors=registry,
        continuations="separate" if continuations == "separate" else "merge",
    )
    table = table.assign(date=table["date"].dt.strftime("%Y-%m-%d").fillna(""))
    if fmt == "csv":
        text = table.to_csv(index=False, lineterminator="\n")
    else:
        text = table.to_json(orient="records", lines=True, force_ascii=False)
        text = text if text.endswith("\n") or not text else text + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        from pathlib import Path

        Path(out).write_text(text, encoding="utf-8")
        typer.echo(f"{len(table)} attributions from {len(corpus)} article(s) written to {out}")


# --- report command (issue #7) ----------------------------------------------------------


@app.command("report")
def report_command(
    corpus: str = typer.Option("corpus/demo", "--corpus", help="Corpus folder or file to analyse."),
    out: str = typer.Option("reports", "--out", help="Report folder (replaced on success)."),
    only: str | None = typer.Option(
        None, "--only", help="Run one notebook, e.g. 02 or 02-loaded-language."
    ),
    timeout: int = typer.Option(600, "--timeout", help="Seconds allowed per notebook cell."),
    notebooks: str | None = typer.Option(
        None, "--notebooks", help="Folder of the notebooks (default: ./notebooks)."
    ),
) -> None:
    """Run the notebooks on a corpus and write the HTML/PNG/SVG/CSV report."""
    from framelens.report.runner import ReportError, run_report

    try:
        result = run_report(corpus, out, only, timeout=timeout, notebooks_dir=notebooks)
    except (ReportError, FileNotFoundError, ValueError) as exc:
        typer.echo(f"framelens report: {exc}", err=True)
        raise typer.Exit(code=1) from exc
    n_files = sum(len(v) for v in result.files.values())
    typer.echo(
        f"report written to {result.out}/index.html "
        f"({len(result.notebooks)} notebook(s) run, {n_files} files)"
    )


def main() -> None:  # pragma: no cover - console entry
    app()
