"""The report: notebook runner, article inspector, index page, findings, notebook tables.

``run_report(corpus, out)`` is what ``framelens report`` and ``make report`` run;
``render_article(doc, matches=..., attributions=...)`` is the article inspector.
"""

from framelens.report.findings import findings
from framelens.report.index import render_index, write_index
from framelens.report.inspector import article_filename, render_article
from framelens.report.runner import ReportError, ReportResult, list_notebooks, run_report

__all__ = [
    "ReportError",
    "ReportResult",
    "article_filename",
    "findings",
    "list_notebooks",
    "render_article",
    "render_index",
    "run_report",
    "write_index",
]
