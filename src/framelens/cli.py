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

# --- quotes command (issue #5) ----------------------------------------------------------

# --- report command (issue #7) ----------------------------------------------------------


def main() -> None:  # pragma: no cover - console entry
    app()
