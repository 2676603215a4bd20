"""framelens: measure how news outlets frame the same events.

Data flows one way: files -> :class:`~framelens.corpus.Corpus` -> per-document rows ->
tables -> charts and report.
"""

from framelens import _native

_native.install()  # first: decides compiled or pure-Python attribution modules (see _native)

from framelens.corpus import Corpus, Document, corpus_subset  # noqa: E402


def build_status() -> _native.BuildStatus:
    """Whether this process runs the compiled attribution modules, and why (``_native``)."""
    return _native.STATUS


__version__ = "0.1.0"

__all__ = ["Corpus", "Document", "__version__", "build_status", "corpus_subset"]
